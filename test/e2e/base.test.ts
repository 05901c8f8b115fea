import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupHome, debugfsCat, readText, tempHome, uf, umlPids } from '../support/cli.js';

describe('preset:base, built and booted for real', () => {
  let home: string;
  beforeAll(() => {
    home = tempHome('base');
  });
  afterAll(() => cleanupHome(home, ['e2e-base', 'e2e-third']));

  it('plans the build and boot without running anything', () => {
    const r = uf(home, ['plan', 'preset:base', '--name', 'e2e-plan']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^mmdebstrap .*--variant=minbase .*bookworm /m);
    expect(r.stdout).toMatch(/^mkfs\.ext4 -q -F -L root -d \S+\/rootfs \S+\/root\.img/m);
    // The instance writes to its own copy-on-write layer over the preset's image.
    expect(r.stdout).toMatch(/^setsid \/usr\/bin\/linux mem=\S+ ubd0=\S+\/instances\/e2e-plan\/root\.img\.cow,\S+\/images\/base\/root\.img umid=e2e-plan /m);
    // Nothing was created: no image, no instance.
    expect(uf(home, ['ps', '--json']).stdout.trim()).toBe('[]');
  });

  it('boots to a login prompt on the console, then stops leaving no UML process', () => {
    const run = uf(home, ['run', 'preset:base', '--name', 'e2e-base']);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain('Instance "e2e-base" is running');

    const ps = JSON.parse(uf(home, ['ps', '--json']).stdout);
    expect(ps).toEqual([expect.objectContaining({ name: 'e2e-base', status: 'running' })]);
    expect(umlPids('e2e-base').length).toBeGreaterThan(0);
    const consoleLog = join(home, 'state/instances/e2e-base/console.log');
    expect(readText(consoleLog)).toMatch(/\nbase login:/);

    const stop = uf(home, ['stop', 'e2e-base']);
    expect(stop.code, stop.stderr).toBe(0);
    expect(umlPids('e2e-base')).toEqual([]);
    expect(JSON.parse(uf(home, ['ps', '--json']).stdout)[0].status).toBe('stopped');
  });

  it('puts what a third-party plugin writes under ctx.rootfs into the image', () => {
    const project = mkdtempSync(join(home, 'project-'));
    writeFileSync(
      join(project, 'hello-plugin.mjs'),
      `export default {
  name: 'hello-file',
  engines: '>=0.1.0',
  apply(hooks) {
    hooks.configure.tapPromise('hello-file', async (ctx) => {
      await ctx.runner.writeFile(ctx.rootfs + '/etc/hello-from-plugin', 'written by a third-party plugin\\n');
    });
  },
};
`,
    );
    writeFileSync(
      join(project, 'uml-flow.config.mjs'),
      `export default { extends: 'preset:base', name: 'e2e-third', plugins: ['./hello-plugin.mjs'] };\n`,
    );
    const build = uf(home, ['build'], { cwd: project });
    expect(build.code, build.stderr + build.stdout).toBe(0);
    expect(build.stdout).toMatch(/hello-file/);
    const image = join(home, 'state/images/e2e-third/root.img');
    expect(debugfsCat(image, '/etc/hello-from-plugin')).toBe('written by a third-party plugin\n');
  });
});
