import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * One line saying what is wrong with a config or plugin file and where, without the loader's
 * code frames or stack: `line 3, column 5: Unexpected token ';'`.
 */
export async function describeLoadError(error: unknown, file: string): Promise<string> {
  const e = error as { name?: string; message?: string; reason?: string; mark?: { line: number; column: number }; stack?: string };
  if (e?.name === 'YAMLException' && e.reason && e.mark) return `line ${e.mark.line + 1}, column ${e.mark.column + 1}: ${e.reason}`;
  // Loaders colour their code frames when FORCE_COLOR or a TTY says so; the colours hide the line numbers.
  const message = String(e?.message ?? error).replace(/\u001b\[[0-9;]*m/g, '');
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^(JSON|YAML) Error in /.test(l) && !/^>?\s*[0-9]*\s*\|/.test(l));
  const text = (lines[0] ?? message).replace(/ while parsing .*$/, '');
  const frame = /^>\s*([0-9]+)\s*\|/m.exec(message);
  if (frame) return `line ${frame[1]}: ${text}`;
  if (e?.name === 'SyntaxError') {
    const where = await syntaxLocation(file);
    return where ? `${where}: ${text}` : text;
  }
  const url = pathToFileURL(file).href;
  const thrownHere = e?.stack?.split('\n').find((l) => l.includes(`${url}:`));
  const at = thrownHere && new RegExp(`${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:([0-9]+)`).exec(thrownHere);
  return at ? `line ${at[1]}: ${text}` : text;
}

/** Node's ESM loader reports syntax errors without a position; the TypeScript parser finds it. */
async function syntaxLocation(file: string): Promise<string | undefined> {
  try {
    const { default: ts } = await import('typescript');
    const source = readFileSync(file, 'utf8');
    const out = ts.transpileModule(source, { fileName: file, reportDiagnostics: true, compilerOptions: { allowJs: true } });
    const first = out.diagnostics?.find((d) => d.start !== undefined);
    if (!first?.file) return undefined;
    const { line, character } = first.file.getLineAndCharacterOfPosition(first.start!);
    return `line ${line + 1}, column ${character + 1}`;
  } catch {
    return undefined;
  }
}
