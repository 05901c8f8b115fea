import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES } from './bad-input/cases.js';

const CLI = resolve(import.meta.dirname, '../../dist/core/cli/main.js');
/** Every host program a build or boot could start; each fake notes that it ran. */
const FAKES = ['mmdebstrap', 'debootstrap', 'linux', 'truncate', 'mkfs.ext4', 'mkfs.ext3', 'mke2fs', 'mkswap', 'socat', 'ip', 'uml_mconsole', 'mount', 'umount', 'tar', 'chroot'];

let root: string;
let fakeBin: string;
let marker: string;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsc -p .\` before the unit tests`);
  root = mkdtempSync(join(tmpdir(), 'uf-bad-input-'));
  fakeBin = join(root, 'bin');
  marker = join(root, 'commands-that-ran');
  mkdirSync(fakeBin);
  for (const name of FAKES) {
    writeFileSync(join(fakeBin, name), `#!/bin/sh\necho "${name} $*" >> '${marker}'\n`);
    chmodSync(join(fakeBin, name), 0o755);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cli(args: string[], cwd: string, home: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, UML_FLOW_HOME: home, PATH: `${fakeBin}:${process.env.PATH}`, CI: '1', UML_FLOW_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', failed);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe(`bad input: ${CASES.length} malformed configs, plugins and command lines`, () => {
  it('the corpus has at least 30 cases with unique names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it('control: a valid config does reach the fake programs, so an empty marker means nothing ran', async () => {
    const dir = join(root, 'control');
    mkdirSync(dir);
    writeFileSync(join(dir, 'p.mjs'), `export default { name: 'probe', apply(h) { h.allocate.tapPromise('probe', (ctx) => ctx.runner.run({ file: 'truncate', args: ['--probe'] })); } };`);
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ plugins: ['./p.mjs'] }));
    const r = await cli(['build', './c.json'], dir, join(dir, '.home'));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('truncate --probe\n');
    rmSync(marker);
  });

  it.concurrent.each(CASES)('$name', async ({ name, args, files = {}, code = 2, says }) => {
    const dir = join(root, 'cases', name.replace(/[^a-z0-9]+/gi, '-'));
    const home = join(dir, '.home');
    mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), content);
    }

    const r = await cli(args, dir, home);

    expect(r.code, r.stderr).toBe(code);
    for (const text of says) expect(r.stderr).toContain(text.replaceAll('{dir}', dir));
    expect(r.stderr, 'no stack trace').not.toMatch(/^\s+at .+[:(]/m);
    expect(r.stderr).not.toContain('node:internal');
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toMatch(/^uml-flow: /);
    expect(existsSync(marker) ? readFileSync(marker, 'utf8') : '', 'no command ran').toBe('');
    expect(existsSync(home) ? readdirSync(home) : [], 'nothing was written under UML_FLOW_HOME').toEqual([]);
  }, 60_000); // each case starts node; the machine is shared, so allow for a slow start
});
