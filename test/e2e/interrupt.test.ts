import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, cleanupHome, tempHome, umlPids } from '../support/cli.js';

const PAUSE = resolve(import.meta.dirname, '../fixtures/plugins/pause.mjs');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean, ms = 300_000): Promise<void> {
  for (const end = Date.now() + ms; !check(); await sleep(200)) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

/** Processes (other than vitest) whose command line mentions `text`. */
function processesMentioning(text: string): string[] {
  const r = spawnSync('pgrep', ['-af', text], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l && !l.includes('vitest') && !l.includes('pgrep'));
}

describe('SIGINT during each step leaves nothing behind and the next run succeeds', () => {
  const home = tempHome('intr');
  afterAll(() => cleanupHome(home, ['intr']));

  function start(args: string[], cwd = home) {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, UML_FLOW_HOME: home, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exit = new Promise<number>((r) => child.on('exit', (code, signal) => r(code ?? (signal ? 128 : -1))));
    return { child, exit, output: () => output };
  }

  async function expectCleanAfter(exitCode: Promise<number>, output: () => string) {
    expect(await exitCode, output()).toBe(130);
    expect(output()).toMatch(/interrupted by SIGINT/);
    expect(output()).not.toMatch(/\n\s+at /);
    const images = join(home, 'state/images');
    expect(existsSync(images) ? readdirSync(images).filter((f) => f.includes('.build-')) : []).toEqual([]);
    const cache = join(home, 'cache/bootstrap');
    expect(existsSync(cache) ? readdirSync(cache).filter((f) => f.includes('.tmp-')) : []).toEqual([]);
    expect(readFileSync('/proc/mounts', 'utf8')).not.toContain(home);
    await until('the processes of the interrupted step to end', () => processesMentioning(home).length === 0, 20_000);
    expect(umlPids('intr')).toEqual([]);
  }

  function configWithPause(hook: string): string {
    const dir = join(home, `project-${hook}`);
    spawnSync('mkdir', ['-p', dir]);
    const marker = join(dir, 'paused');
    writeFileSync(
      join(dir, 'uml-flow.config.mjs'),
      `export default { extends: 'preset:base', name: 'intr', plugins: [[${JSON.stringify(PAUSE)}, { hook: '${hook}', marker: ${JSON.stringify(marker)} }]], options: { 'sparse-image': { size: '2G' } } };\n`,
    );
    return dir;
  }

  it('during the real bootstrap (mmdebstrap)', async () => {
    const run = start(['build', 'preset:base', '--name', 'intr']);
    await until('mmdebstrap to start', () => processesMentioning(`${home}/cache/bootstrap`).some((l) => l.includes('mmdebstrap')));
    await sleep(2000);
    run.child.kill('SIGINT');
    await expectCleanAfter(run.exit, run.output);
    expect(existsSync(join(home, 'state/images/base'))).toBe(false);
  });

  for (const hook of ['allocate', 'format', 'configure']) {
    it(`during ${hook}`, async () => {
      const dir = configWithPause(hook);
      const run = start(['build'], dir);
      await until(`the pause at ${hook}`, () => existsSync(join(dir, 'paused')));
      run.child.kill('SIGINT');
      await expectCleanAfter(run.exit, run.output);
      expect(existsSync(join(home, 'state/images/intr'))).toBe(false);
    });
  }

  it('during boot, while waiting for the login prompt', async () => {
    const run = start(['run', 'preset:base', '--name', 'intr']);
    await until('the UML kernel to start', () => umlPids('intr').length > 0);
    run.child.kill('SIGINT');
    await expectCleanAfter(run.exit, run.output);
    // The image was complete before the boot began: it stays, and the next run reuses it.
    expect(existsSync(join(home, 'state/images/base/root.img'))).toBe(true);
  });

  it('then runs to the end, reusing the image built before the interrupted boot', async () => {
    const run = start(['run', 'preset:base', '--name', 'intr']);
    expect(await run.exit, run.output()).toBe(0);
    expect(run.output()).not.toMatch(/bootstrap/);
    expect(spawnSync(process.execPath, [CLI, 'stop', 'intr'], { env: { ...process.env, UML_FLOW_HOME: home } }).status).toBe(0);
    expect(umlPids('intr')).toEqual([]);
  });
});
