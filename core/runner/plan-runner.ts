import { formatCommand, shellQuote, type Command, type CommandRunner, type DetachedCommand, type RunResult } from './command.js';

/**
 * Runs nothing: turns every step into a line of copy-pasteable shell. Used by `uml-flow plan`.
 */
export class PlanRunner implements CommandRunner {
  readonly dryRun = true;
  readonly lines: string[] = [];
  private nextPid = 1;

  async run(command: Command): Promise<RunResult> {
    this.lines.push(command.input === undefined ? formatCommand(command) : `${formatCommand(command)} <<'UMLFLOW_EOF'\n${command.input.replace(/\n?$/, '\n')}UMLFLOW_EOF`);
    return { stdout: '', stderr: '', exitCode: 0 };
  }

  async spawnDetached(command: DetachedCommand): Promise<number> {
    this.lines.push(`setsid ${formatCommand(command).replace(/ <\/dev\/null$/, '')} </dev/null >>${shellQuote(command.logFile)} 2>&1 &`);
    return this.nextPid++;
  }

  async writeFile(path: string, content: string, options: { mode?: number } = {}): Promise<void> {
    const mode = (options.mode ?? 0o644).toString(8).padStart(4, '0');
    this.lines.push(`install -D -m ${mode} /dev/stdin ${shellQuote(path)} <<'UMLFLOW_EOF'\n${content.replace(/\n?$/, '\n')}UMLFLOW_EOF`);
  }

  async editFile(path: string, description: string): Promise<void> {
    this.lines.push(`# edit ${shellQuote(path)}: ${description}`);
  }

  async mkdir(path: string): Promise<void> {
    this.lines.push(`mkdir -p ${shellQuote(path)}`);
  }

  async rename(from: string, to: string): Promise<void> {
    this.lines.push(`mv -T ${shellQuote(from)} ${shellQuote(to)}`);
  }

  async remove(path: string): Promise<void> {
    this.lines.push(`rm -rf ${shellQuote(path)}`);
  }

  note(text: string): void {
    this.lines.push(`# ${text.replace(/\n/g, ' ')}`);
  }
}
