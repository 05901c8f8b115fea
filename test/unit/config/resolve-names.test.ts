import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTarget } from '../../../core/config/load.js';
import { resolveConfig } from '../../../core/config/resolve-config.js';
import { resolveModule } from '../../../core/config/resolve-module.js';

let project: string;
const write = (path: string, content: string) => {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), content);
};
const plugin = (name: string) => `export default { name: '${name}', engines: '>=0.1.0', apply(hooks) { hooks.configure.tap('${name}', () => {}); } };\n`;
const pkg = (name: string, main?: string) => JSON.stringify({ name, version: '1.0.0', type: 'module', ...(main && { main }) });

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'uf-names-'));
  write('node_modules/uml-flow-plugin-motd/package.json', pkg('uml-flow-plugin-motd'));
  write('node_modules/uml-flow-plugin-motd/index.js', plugin('motd'));
  write('node_modules/@scope/uml-flow-plugin-x/package.json', pkg('@scope/uml-flow-plugin-x', 'lib/main.js'));
  write('node_modules/@scope/uml-flow-plugin-x/lib/main.js', plugin('x'));
  write('node_modules/plain-name/package.json', JSON.stringify({ name: 'plain-name', exports: { '.': { import: './esm.js', require: './cjs.cjs' } } }));
  write('node_modules/plain-name/esm.js', plugin('plain'));
  write('node_modules/uml-flow-preset-team/package.json', pkg('uml-flow-preset-team'));
  write('node_modules/uml-flow-preset-team/index.js', `export default { name: 'team', extends: 'preset:base', plugins: ['motd'] };\n`);
  write('app/uml-flow.config.mjs', `export default { extends: 'preset:base', plugins: ['motd', '@scope/x', 'plain-name'] };\n`);
  write('app/team.json', JSON.stringify({ extends: 'team' }));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('plugin and preset names', () => {
  it('bundled names resolve to the package\'s own plugins and presets', async () => {
    const boot = await resolveModule('plugin', 'boot', join(project, 'x.json'), 'test');
    expect(boot.file).toMatch(/plugins\/boot\.(ts|js)$/);
    expect((await resolveModule('preset', 'preset:base', join(project, 'x.json'), 'test')).label).toBe('preset:base');
  });

  it('npm names resolve relative to the config file, upwards, with the uml-flow-plugin- prefix and scopes', async () => {
    const config = await resolveConfig(await loadTarget(undefined, join(project, 'app')));
    expect(config.plugins.map((p) => p.plugin.name).slice(-3)).toEqual(['motd', 'x', 'plain']);
  });

  it('npm presets resolve the same way and their plugin names resolve from the preset\'s own folder', async () => {
    const config = await resolveConfig(await loadTarget('./team.json', join(project, 'app')));
    expect(config.name).toBe('team');
    expect(config.plugins.map((p) => p.plugin.name).at(-1)).toBe('motd');
  });

  it('the full package name works too', async () => {
    const m = await resolveModule('plugin', 'uml-flow-plugin-motd', join(project, 'app/c.json'), 'test');
    expect(m.file).toBe(join(project, 'node_modules/uml-flow-plugin-motd/index.js'));
    const s = await resolveModule('plugin', '@scope/uml-flow-plugin-x', join(project, 'app/c.json'), 'test');
    expect(s.file).toBe(join(project, 'node_modules/@scope/uml-flow-plugin-x/lib/main.js'));
  });

  it('a path to a package folder resolves to its entry, as for a plugin being developed beside the project', async () => {
    write('dev-plugin/package.json', pkg('uml-flow-plugin-dev', 'src/plugin.js'));
    write('dev-plugin/src/plugin.js', plugin('dev'));
    const m = await resolveModule('plugin', '../dev-plugin', join(project, 'app/c.json'), 'test');
    expect(m.file).toBe(join(project, 'dev-plugin/src/plugin.js'));
  });

  it('nothing is found from a folder outside the project', async () => {
    await expect(resolveModule('plugin', 'motd', join(tmpdir(), 'elsewhere/c.json'), 'c.json')).rejects.toMatchObject({ code: 'UNKNOWN_TARGET' });
  });

  it('an unknown preset says what was tried and suggests the closest bundled name', async () => {
    const error = await resolveModule('preset', 'preset:bsae', join(project, '(command line)'), 'the command line').catch((e) => e);
    expect(error).toMatchObject({ code: 'UNKNOWN_TARGET', exitCode: 2 });
    expect(error.message).toBe(
      `cannot resolve preset "preset:bsae" (named in the command line); tried: bundled preset "bsae", npm package uml-flow-preset-bsae (from ${project}), npm package bsae (from ${project})`,
    );
    expect(error.hint).toMatch(/^Did you mean "preset:base"\?/);
  });

  it('an unknown plugin with no close name suggests installing it', async () => {
    const error = await resolveModule('plugin', 'zzzzzzzz', join(project, 'c.json'), 'c.json').catch((e) => e);
    expect(error.hint).toMatch(/^Install it \(`npm install uml-flow-plugin-zzzzzzzz`\)/);
  });

  it('a missing path says which file it tried and that paths are relative to the naming file', async () => {
    const error = await resolveModule('plugin', './nope.mjs', join(project, 'app/c.json'), 'app/c.json').catch((e) => e);
    expect(error.message).toContain(`tried: ${join(project, 'app/nope.mjs')}`);
    expect(error.hint).toBe('Fix the path: it is relative to the file that names it (app/c.json).');
  });

  it.each(['foo;rm -rf /', 'a b', '$(x)', 'UPPER', '..', 'preset:../../etc'])('refuses the name %j before touching the file system', async (name) => {
    await expect(resolveModule('plugin', name, join(project, 'c.json'), 'c.json')).rejects.toMatchObject({
      code: 'BAD_NAME',
      exitCode: 2,
      message: `plugin name (in c.json) "${name}" is not allowed`,
      hint: expect.stringContaining('a path starting with ./ or ../'),
    });
  });
});
