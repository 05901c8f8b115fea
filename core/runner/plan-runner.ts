import { formatCommand, formatDetached, shellQuote, type Command, type CommandRunner, type DetachedCommand, type RunResult } from './command.js';

/** A here-document whose delimiter is not a line of the content, so content never ends it early. */
function heredoc(content: string): string {
  const body = content.replace(/\n?$/, '\n');
  const lines = new Set(body.split('\n'));
  let delimiter = 'UMLFLOW_EOF';
  for (let i = 1; lines.has(delimiter); i++) delimiter = `UMLFLOW_EOF_${i}`;
  return `<<'${delimiter}'\n${body}${delimiter}`;
}

const comment = (text: string) => `# ${text.replace(/\n/g, ' ')}`;

/**
 * Runs nothing: turns every step into a line of copy-pasteable shell. Used by `uml-flow plan`.
 */
export class PlanRunner implements CommandRunner {
  readonly dryRun = true;
  readonly lines: string[] = [];
  private nextPid = 1;

  async run(command: Command): Promise<RunResult> {
    this.lines.push(command.input === undefined ? formatCommand(command) : `${formatCommand(command)} ${heredoc(command.input)}`);
    return { stdout: '', stderr: '', exitCode: 0 };
  }

  async spawnDetached(command: DetachedCommand): Promise<number> {
    this.lines.push(formatDetached(command));
    return this.nextPid++;
  }

  async writeFile(path: string, content: string, options: { mode?: number } = {}): Promise<void> {
    const mode = (options.mode ?? 0o644).toString(8).padStart(4, '0');
    this.lines.push(`install -D -m ${mode} /dev/stdin ${shellQuote(path)} ${heredoc(content)}`);
  }

  async editFile(path: string, description: string): Promise<void> {
    this.lines.push(comment(`edit ${shellQuote(path)}: ${description}`));
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
    this.lines.push(comment(text));
  }
}
