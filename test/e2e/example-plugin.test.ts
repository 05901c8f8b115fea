import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupHome, debugfsCat, tempHome, uf } from '../support/cli.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/uml-flow-plugin-motd');

describe('the example third-party plugin, installed from npm by its package name', () => {
  const home = tempHome('example');
  afterAll(() => cleanupHome(home, []));

  it('is found as "motd" from the config and its file lands in the image', () => {
    const project = mkdtempSync(join(home, 'project-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-container', private: true }));
    execFileSync('npm', ['pack', EXAMPLE, '--pack-destination', project, '--silent'], { cwd: project });
    const tarball = readdirSync(project).find((f) => f.endsWith('.tgz'))!;
    execFileSync('npm', ['install', '--no-audit', '--no-fund', `./${tarball}`], { cwd: project, stdio: 'ignore' });

    writeFileSync(
      join(project, 'uml-flow.config.mjs'),
      `export default {
  extends: 'preset:base',
  name: 'e2e-motd',
  plugins: ['motd'],
  options: { motd: { text: 'Hello from the motd plugin' }, 'sparse-image': { size: '2G' } },
};
`,
    );
    const build = uf(home, ['build'], { cwd: project });
    expect(build.code, build.stderr + build.stdout).toBe(0);
    expect(debugfsCat(join(home, 'state/images/e2e-motd/root.img'), '/etc/motd')).toBe('Hello from the motd plugin\n');
  });
});
