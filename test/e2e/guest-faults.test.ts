import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupHome, readText, tempHome, uf, umlPids } from '../support/cli.js';

const FILL = resolve(import.meta.dirname, '../fixtures/plugins/fill-disk.mjs');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha256 = (file: string) =>
  new Promise<string>((res, rej) => {
    const h = createHash('sha256');
    createReadStream(file).on('data', (d) => h.update(d)).on('end', () => res(h.digest('hex'))).on('error', rej);
  });

describe('kill -9 of UML during heavy writes', () => {
  const home = tempHome('fault');
  const project = join(home, 'project');
  const instance = join(home, 'state/instances/fault');
  afterAll(() => cleanupHome(home, ['fault']));

  it('leaves the base image untouched, a filesystem that recovers cleanly, and an instance that restarts', async () => {
    mkdirSync(project);
    writeFileSync(
      join(project, 'uml-flow.config.mjs'),
      `export default { extends: 'preset:base', name: 'fault', plugins: [${JSON.stringify(FILL)}], options: { 'sparse-image': { size: '2G' } } };\n`,
    );
    expect(uf(home, ['build'], { cwd: project }).code).toBe(0);
    const base = join(home, 'state/images/fault/root.img');
    const before = await sha256(base);

    expect(uf(home, ['run'], { cwd: project }).code).toBe(0);
    for (let i = 0; i < 600 && !/[0-9]+ bytes .* copied/.test(readText(join(instance, 'console.log'))); i++) await sleep(100);
    expect(readText(join(instance, 'console.log'))).toMatch(/bytes .* copied/);
    const { pid } = JSON.parse(uf(home, ['ps', '--json']).stdout)[0];
    process.kill(pid, 'SIGKILL');
    await sleep(1000);
    expect(JSON.parse(uf(home, ['ps', '--json']).stdout)[0].status).toBe('dead');

    // The guest's kernel replays the journal on the next boot; then it shuts down cleanly.
    const again = uf(home, ['run'], { cwd: project });
    expect(again.code, again.stderr + again.stdout).toBe(0);
    expect(uf(home, ['stop', 'fault']).code).toBe(0);
    expect(umlPids('fault')).toEqual([]);

    expect(await sha256(base)).toBe(before);
    const merged = join(home, 'merged.img');
    execFileSync('uml_moo', ['-b', base, join(instance, 'root.img.cow'), merged], { stdio: 'ignore' });
    const fsck = spawnSync('e2fsck', ['-f', '-n', merged], { encoding: 'utf8' });
    expect(fsck.status, fsck.stdout + fsck.stderr).toBe(0);
  });
});
