import { spawn } from 'node:child_process';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { execa } from 'execa';
import { fail } from '../errors.js';
import { interruption } from '../interrupt.js';
import { formatCommand, formatDetached, type Command, type CommandRunner, type DetachedCommand, type RunOptions, type RunResult } from './command.js';

/** SIGTERM to a process group, SIGKILL ten seconds later if anything is left. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // the group is gone
    }
  };
  signal('SIGTERM');
  setTimeout(() => signal('SIGKILL'), 10_000).unref();
}

const tail = (text: string, lines = 15) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** Runs commands for real with execa. Optional `onCommand` sees each one first (verbose logs). */
export class ExecaRunner implements CommandRunner {
  readonly dryRun = false;
  constructor(private readonly onCommand: (line: string) => void = () => {}) {}

  async run(command: Command, options: RunOptions = {}): Promise<RunResult> {
    this.onCommand(formatCommand(command));
    // Commands begun after an interruption are the cleanup: they must run to the end.
    const cancellable = !interruption.aborted;
    const child = execa(command.file, [...command.args], {
      cwd: command.cwd,
      env: command.env,
      input: command.input,
      stdin: command.input === undefined ? 'ignore' : undefined,
      timeout: command.timeoutMs,
      reject: false,
      stripFinalNewline: false,
      // Its own process group, so an interruption reaches every process it started
      // (mmdebstrap's helpers would otherwise keep its output pipes open).
      detached: true,
    });
    const cancel = () => killGroup(child.pid);
    if (cancellable) interruption.addEventListener('abort', cancel, { once: true });
    const result = await child.finally(() => interruption.removeEventListener('abort', cancel));
    if (cancellable && interruption.aborted) throw interruption.reason;
    const out: RunResult = { stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), exitCode: result.exitCode ?? -1 };
    if (result.failed && !options.allowFailure) {
      const reason = result.timedOut
        ? `timed out after ${command.timeoutMs} ms`
        : result.exitCode === undefined
          ? (result.code === 'ENOENT' ? `${command.file} is not installed` : (result.signal ?? result.shortMessage))
          : `exit code ${result.exitCode}`;
      fail('COMMAND_FAILED', { command: formatCommand(command), reason, output: tail(out.stderr || out.stdout) });
    }
    return out;
  }

  async spawnDetached(command: DetachedCommand): Promise<number> {
    this.onCommand(formatDetached(command));
    await mkdir(dirname(command.logFile), { recursive: true });
    // node's spawn, not execa: execa keeps the child referenced, and this one must outlive us.
    const log = await open(command.logFile, 'a', 0o640);
    try {
      const child = spawn(command.file, [...command.args], {
        cwd: command.cwd,
        env: command.env ? { ...process.env, ...command.env } : undefined,
        stdio: ['ignore', log.fd, log.fd],
        detached: true,
      });
      const pid = await new Promise<number>((resolve, reject) => {
        child.once('spawn', () => resolve(child.pid!));
        child.once('error', reject);
      }).catch((e: NodeJS.ErrnoException) =>
        fail('COMMAND_FAILED', { command: formatCommand(command), reason: e.code === 'ENOENT' ? `${command.file} is not installed` : e.message }),
      );
      child.unref();
      return pid;
    } finally {
      await log.close();
    }
  }

  async writeFile(path: string, content: string, options: { mode?: number } = {}): Promise<void> {
    this.onCommand(`write ${path}`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, { mode: options.mode ?? 0o644 });
  }

  async editFile(path: string, description: string, transform: (content: string) => string): Promise<void> {
    this.onCommand(`edit ${path}: ${description}`);
    await writeFile(path, transform(await readFile(path, 'utf8')));
  }

  async mkdir(path: string): Promise<void> {
    await mkdir(path, { recursive: true });
  }

  async rename(from: string, to: string): Promise<void> {
    await rename(from, to);
  }

  async remove(path: string): Promise<void> {
    await rm(path, { recursive: true, force: true });
  }

  note(): void {}
}
