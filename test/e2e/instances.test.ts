import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupHome, readText, tempHome, uf, umlPids } from '../support/cli.js';

const sha256 = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file).on('data', (d) => hash.update(d)).on('end', () => resolve(hash.digest('hex'))).on('error', reject);
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('instances of one image', () => {
  const home = tempHome('inst');
  const project = join(home, 'project');
  const image = join(home, 'state/images/base/root.img');
  const ps = () => JSON.parse(uf(home, ['ps', '--json']).stdout) as { name: string; status: string; pid: number }[];
  afterAll(() => cleanupHome(home, ['inst-a', 'inst-b']));

  it('run side by side from one image through copy-on-write files, leaving its bytes unchanged', async () => {
    mkdirSync(project);
    writeFileSync(join(project, 'uml-flow.config.mjs'), `export default { extends: 'preset:base', options: { 'sparse-image': { size: '2G' } } };\n`);
    expect(uf(home, ['build'], { cwd: project }).code).toBe(0);
    const before = await sha256(image);

    for (const name of ['inst-a', 'inst-b']) {
      const run = uf(home, ['run', '--name', name], { cwd: project });
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect(run.stdout).not.toMatch(/bootstrap/);
    }
    expect(ps().map((i) => [i.name, i.status])).toEqual([
      ['inst-a', 'running'],
      ['inst-b', 'running'],
    ]);
    for (const name of ['inst-a', 'inst-b']) expect(readText(join(home, `state/instances/${name}/console.log`))).toMatch(/base login:/);

    for (const name of ['inst-a', 'inst-b']) expect(uf(home, ['stop', name]).code).toBe(0);
    expect(await sha256(image)).toBe(before);
  });

  it('a killed instance shows as dead, and run starts it again', async () => {
    expect(uf(home, ['run', '--name', 'inst-a'], { cwd: project }).code).toBe(0);
    const { pid } = ps().find((i) => i.name === 'inst-a')!;
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && umlPids('inst-a').length; i++) await sleep(200);
    expect(ps().find((i) => i.name === 'inst-a')!.status).toBe('dead');

    const again = uf(home, ['run', '--name', 'inst-a'], { cwd: project });
    expect(again.code, again.stderr + again.stdout).toBe(0);
    expect(ps().find((i) => i.name === 'inst-a')!.status).toBe('running');
    expect(uf(home, ['stop', 'inst-a']).code).toBe(0);
    expect(umlPids('inst-a')).toEqual([]);
  });
});
