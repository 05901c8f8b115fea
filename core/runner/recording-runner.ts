import { formatCommand, type Command, type CommandRunner, type DetachedCommand, type RunResult } from './command.js';

export type Recorded =
  | { kind: 'run'; command: Command; line: string }
  | { kind: 'spawn'; command: DetachedCommand; line: string }
  | { kind: 'write'; path: string; content: string; mode: number }
  | { kind: 'edit'; path: string; description: string; before: string; after: string }
  | { kind: 'mkdir' | 'remove'; path: string }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'note'; text: string };

type Responder = (command: Command) => Partial<RunResult> | undefined;

/**
 * For unit tests of plugins: records every command and file operation, runs nothing.
 * Files live in memory (`files`), so edits of files a test seeds can be checked.
 * Exported as `uml-flow/testing` for plugin authors.
 */
export class RecordingRunner implements CommandRunner {
  readonly dryRun = false;
  readonly recorded: Recorded[] = [];
  readonly files = new Map<string, string>();
  private readonly responders: Responder[] = [];
  private nextPid = 1000;

  /** Scripts the result of matching commands (first responder that returns a result wins). */
  respond(responder: Responder): this {
    this.responders.push(responder);
    return this;
  }

  /** The command lines run or spawned, in order, as shell. */
  get commands(): string[] {
    return this.recorded.flatMap((r) => (r.kind === 'run' || r.kind === 'spawn' ? [r.line] : []));
  }

  async run(command: Command): Promise<RunResult> {
    this.recorded.push({ kind: 'run', command, line: formatCommand(command) });
    for (const r of this.responders) {
      const result = r(command);
      if (result) return { stdout: '', stderr: '', exitCode: 0, ...result };
    }
    return { stdout: '', stderr: '', exitCode: 0 };
  }

  async spawnDetached(command: DetachedCommand): Promise<number> {
    this.recorded.push({ kind: 'spawn', command, line: formatCommand(command) });
    return this.nextPid++;
  }

  async writeFile(path: string, content: string, options: { mode?: number } = {}): Promise<void> {
    this.recorded.push({ kind: 'write', path, content, mode: options.mode ?? 0o644 });
    this.files.set(path, content);
  }

  async editFile(path: string, description: string, transform: (content: string) => string): Promise<void> {
    const before = this.files.get(path);
    if (before === undefined) throw new Error(`RecordingRunner: ${path} was edited but never seeded or written`);
    const after = transform(before);
    this.recorded.push({ kind: 'edit', path, description, before, after });
    this.files.set(path, after);
  }

  async mkdir(path: string): Promise<void> {
    this.recorded.push({ kind: 'mkdir', path });
  }

  async rename(from: string, to: string): Promise<void> {
    this.recorded.push({ kind: 'rename', from, to });
  }

  async remove(path: string): Promise<void> {
    this.recorded.push({ kind: 'remove', path });
  }

  note(text: string): void {
    this.recorded.push({ kind: 'note', text });
  }
}
