import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readJson, writeJsonAtomic } from './json-file.js';
import { join } from 'node:path';
import type { Command, CommandRunner } from './runner/command.js';
import type { Logger } from './context.js';
import { instancesDir, type StateRoots } from './state.js';

/** What survives the CLI: enough to find, report and stop a running instance. */
export interface InstanceRecord {
  name: string;
  target: string;
  pid: number;
  umid: string;
  umlDir: string;
  consoleLog: string;
  imageDir: string;
  teardown: Command[];
  /** Wrapper the kernel was started with (e.g. `ip netns exec NS`); mconsole must run inside it too. */
  launchPrefix: string[];
  endpoints: string[];
  startedAt: string;
  stoppedAt?: string;
}

export type InstanceStatus = 'running' | 'stopped' | 'dead';

export const recordPath = (roots: StateRoots, name: string) => join(instancesDir(roots), name, 'instance.json');

export function readRecord(roots: StateRoots, name: string): InstanceRecord | undefined {
  return readJson<InstanceRecord>(recordPath(roots, name));
}

export function listRecords(roots: StateRoots): InstanceRecord[] {
  const dir = instancesDir(roots);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => readRecord(roots, name))
    .filter((r): r is InstanceRecord => r !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** State bookkeeping, not a step of the plan: written directly (and atomically), never in dry runs. */
export async function writeRecord(runner: CommandRunner, roots: StateRoots, record: InstanceRecord): Promise<void> {
  if (runner.dryRun) return;
  await writeJsonAtomic(recordPath(roots, record.name), record);
}

/**
 * True while the pid is a live (not zombie) UML kernel process. Its command line is checked so a
 * reused pid is not taken for the instance; an empty one is a process in the middle of exec (the
 * `ip netns exec` wrapper becoming the kernel), which counts as alive.
 */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    if (!cmdline.length) return true;
    return cmdline.some((arg) => /(^|\/)(linux|linux\.uml|vmlinux)$/.test(arg)) || cmdline.some((a) => a.startsWith('umid='));
  } catch {
    return false;
  }
}

/**
 * Processes left of an instance whose kernel process died: UML's host processes for guest
 * tasks are in the kernel's process group and keep the disk files open (and locked).
 */
export function leftoverProcesses(record: Pick<InstanceRecord, 'pid' | 'umid'>): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (pgrp === record.pid && cmdline.includes(`umid=${record.umid}`)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

export function statusOf(record: InstanceRecord): InstanceStatus {
  if (isAlive(record.pid)) return 'running';
  return record.stoppedAt ? 'stopped' : 'dead';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(200)) if (!isAlive(pid)) return true;
  return !isAlive(pid);
}

/**
 * Asks for Ctrl-Alt-Del every few seconds until the kernel exits: a guest still booting may
 * not have set up its handler when the first one arrives, and then it is lost.
 */
async function cleanShutdown(pid: number, graceMs: number, cad: () => Promise<unknown>): Promise<boolean> {
  const end = Date.now() + graceMs;
  do {
    await cad();
    if (await waitForExit(pid, Math.min(5_000, end - Date.now()))) return true;
  } while (Date.now() < end);
  return false;
}

export interface StopOptions {
  /** How long a clean shutdown (`cad`) may take before `halt`, then SIGKILL. */
  graceMs?: number;
}

/**
 * Clean shutdown through mconsole `cad`, then `halt`, then SIGKILL of the process group;
 * then the host changes recorded at boot are undone, in reverse order.
 */
export async function stopInstance(runner: CommandRunner, roots: StateRoots, record: InstanceRecord, log: Logger, options: StopOptions = {}): Promise<void> {
  const mconsole = join(record.umlDir, record.umid, 'mconsole');
  // mconsole replies on an abstract unix socket, which belongs to the network namespace.
  const [file, ...prefixArgs] = [...(record.launchPrefix ?? []), 'uml_mconsole'];
  const ask = (what: string) => runner.run({ file, args: [...prefixArgs, mconsole, what], timeoutMs: 10_000 }, { allowFailure: true });
  if (isAlive(record.pid) || runner.dryRun) {
    if (!(await cleanShutdown(record.pid, options.graceMs ?? 30_000, () => ask('cad')))) {
      log.info(`${record.name}: no clean shutdown in time, halting`);
      await ask('halt');
      if (!(await waitForExit(record.pid, 10_000))) {
        try {
          process.kill(-record.pid, 'SIGKILL');
        } catch {
          process.kill(record.pid, 'SIGKILL');
        }
        await waitForExit(record.pid, 5_000);
      }
    }
  }
  for (const pid of runner.dryRun ? [] : leftoverProcesses(record)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  for (const command of [...record.teardown].reverse()) await runner.run(command, { allowFailure: true });
  await runner.remove(join(record.umlDir, record.umid));
  await writeRecord(runner, roots, { ...record, teardown: [], stoppedAt: new Date().toISOString() });
}
