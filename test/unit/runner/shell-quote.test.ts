import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCommand, shellQuote } from '../../../core/runner/command.js';
import { ExecaRunner } from '../../../core/runner/execa-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'uf-quote-'));
const owned = join(dir, 'owned');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Arguments a hostile config could carry; each must stay one literal argument. */
const HOSTILE = [
  `x; touch ${owned}`,
  `$(touch ${owned})`,
  `\`touch ${owned}\``,
  `a'b"c`,
  `'; touch ${owned}; '`,
  'two words',
  '*',
  '~root',
  '$HOME',
  'line\nbreak',
  'tab\there',
  '-n',
  '',
  '\\',
  'a&&b||c|d>e<f',
  'ünïcødé',
];

/** What sh receives when it evaluates the quoted word: printf's %s argument, verbatim. */
const throughShell = (arg: string) => spawnSync('sh', ['-c', `printf %s ${shellQuote(arg)}`], { encoding: 'utf8' }).stdout;

describe('shellQuote', () => {
  it('leaves safe words alone and quotes everything else', () => {
    expect(shellQuote('mkfs.ext4')).toBe('mkfs.ext4');
    expect(shellQuote('--include=a,b')).toBe('--include=a,b');
    expect(shellQuote('/tmp/x/root.img')).toBe('/tmp/x/root.img');
    expect(shellQuote('x; touch /tmp/owned')).toBe(`'x; touch /tmp/owned'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
  });

  it.each(HOSTILE)('a shell reading the quoted form of %j gets exactly that string, and runs nothing', (arg) => {
    expect(throughShell(arg)).toBe(arg);
    expect(existsSync(owned)).toBe(false);
  });
});

describe('formatCommand', () => {
  it('prints argv as one shell line with stdin from /dev/null unless input is given', () => {
    expect(formatCommand({ file: 'truncate', args: ['-s', '10G', '/a b/root.img'] })).toBe(`truncate -s 10G '/a b/root.img' </dev/null`);
    expect(formatCommand({ file: 'cat', args: [], input: 'x' })).toBe('cat');
  });

  it('prints env and cwd so the line is reproducible', () => {
    expect(formatCommand({ file: 'env', args: [], env: { LANG: 'C', X: 'a b' }, cwd: '/tmp/a b' })).toBe(`(cd '/tmp/a b' && LANG=C X='a b' env) </dev/null`);
  });

  it('a hostname like `x; touch ...` stays one quoted argument', () => {
    const line = formatCommand({ file: 'hostname', args: [`x; touch ${owned}`] });
    expect(line).toBe(`hostname 'x; touch ${owned}' </dev/null`);
    expect(spawnSync('sh', ['-n', '-c', line]).status).toBe(0);
  });
});

describe('ExecaRunner passes arguments as argv, never through a shell', () => {
  const runner = new ExecaRunner();

  it.each(HOSTILE)('printf %%s %j prints exactly that argument', async (arg) => {
    const result = await runner.run({ file: 'printf', args: ['%s', arg] });
    expect(result.stdout).toBe(arg);
    expect(existsSync(owned)).toBe(false);
  });

  it('every argument arrives as its own argv entry', async () => {
    const args = HOSTILE;
    const result = await runner.run({ file: process.execPath, args: ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...args] });
    expect(JSON.parse(result.stdout)).toEqual(args);
    expect(existsSync(owned)).toBe(false);
  });

  it('a failing command throws COMMAND_FAILED with the quoted line, and allowFailure returns the exit code', async () => {
    await expect(runner.run({ file: 'sh', args: ['-c', 'echo oops >&2; exit 3'] })).rejects.toMatchObject({
      code: 'COMMAND_FAILED',
      message: expect.stringContaining(`\`sh -c 'echo oops >&2; exit 3' </dev/null\` failed (exit code 3):\noops`),
    });
    expect((await runner.run({ file: 'sh', args: ['-c', 'exit 4'] }, { allowFailure: true })).exitCode).toBe(4);
  });

  it('a missing program says it is not installed', async () => {
    await expect(runner.run({ file: 'uml-flow-no-such-program', args: [] })).rejects.toMatchObject({
      code: 'COMMAND_FAILED',
      message: expect.stringContaining('uml-flow-no-such-program is not installed'),
    });
  });

  it('stdin is empty unless input is given', async () => {
    expect((await runner.run({ file: 'cat', args: [] })).stdout).toBe('');
    expect((await runner.run({ file: 'cat', args: [], input: 'fed' })).stdout).toBe('fed');
  });
});
