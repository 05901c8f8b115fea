/** What every side effect of a build or boot looks like before it runs. */
export interface Command {
  file: string;
  args: readonly string[];
  cwd?: string;
  env?: Readonly<Record<string, string>>;
  /** Text fed to standard input; without it standard input is /dev/null. */
  input?: string;
  timeoutMs?: number;
}

export interface DetachedCommand extends Command {
  /** Standard output and standard error go to this file. */
  logFile: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunOptions {
  /** Return a non-zero exit instead of throwing COMMAND_FAILED. */
  allowFailure?: boolean;
}

export interface WriteOptions {
  mode?: number;
}

/**
 * The one way plugins touch the host: commands as argument arrays (never a shell string)
 * and files. Swapping the runner gives dry-run plans and recorded unit tests.
 */
export interface CommandRunner {
  /** True when nothing is executed (plan). Plugins must not depend on command output then. */
  readonly dryRun: boolean;
  run(command: Command, options?: RunOptions): Promise<RunResult>;
  /** Starts a process that outlives uml-flow; returns its pid. */
  spawnDetached(command: DetachedCommand): Promise<number>;
  writeFile(path: string, content: string, options?: WriteOptions): Promise<void>;
  /** Rewrites an existing file; `description` says what changes, for plans. */
  editFile(path: string, description: string, transform: (content: string) => string): Promise<void>;
  mkdir(path: string): Promise<void>;
  /** Moves a file or directory into place (atomic on one filesystem). */
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** A step that is not a command (a wait, a check), shown in plans as a comment. */
  note(text: string): void;
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell, for display only: commands never run through one. */
export function shellQuote(arg: string): string {
  if (arg !== '' && SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function formatCommand(command: Command): string {
  const env = Object.entries(command.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)}`);
  const line = [...env, command.file, ...command.args].map((p, i) => (i < env.length ? p : shellQuote(p))).join(' ');
  const withDir = command.cwd ? `(cd ${shellQuote(command.cwd)} && ${line})` : line;
  return command.input === undefined ? `${withDir} </dev/null` : withDir;
}

/** A detached start as shell: its own session, stdin from /dev/null, output appended to the log. */
export function formatDetached(command: DetachedCommand): string {
  const line = formatCommand({ ...command, input: undefined, file: 'setsid', args: [command.file, ...command.args] });
  return `${line.replace(/ <\/dev\/null$/, '')} </dev/null >>${shellQuote(command.logFile)} 2>&1 &`;
}
