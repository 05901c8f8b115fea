import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTarget } from '../../../core/config/load.js';
import { resolveConfig } from '../../../core/config/resolve-config.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/config-search');

describe('cosmiconfig search places, each loaded from a fixture folder', () => {
  it.each([
    ['package-json', 'package.json', 'from-package-json'],
    ['rc', '.uml-flowrc', 'from-rc'],
    ['rc-json', '.uml-flowrc.json', 'from-rc-json'],
    ['rc-yaml', '.uml-flowrc.yaml', 'from-rc-yaml'],
    ['config-js', 'uml-flow.config.js', 'from-config-js'],
    ['config-mjs', 'uml-flow.config.mjs', 'from-config-mjs'],
    ['config-ts', 'uml-flow.config.ts', 'from-config-ts'],
    ['config-json', 'uml-flow.config.json', 'from-config-json'],
    ['config-yaml', 'uml-flow.config.yaml', 'from-config-yaml'],
  ])('%s: finds %s and builds on its extends', async (folder, file, name) => {
    const dir = join(FIXTURES, folder);
    const loaded = await loadTarget(undefined, dir);
    expect(loaded.file).toBe(join(dir, file));
    const config = await resolveConfig(loaded);
    expect(config.name).toBe(name);
    expect(config.plugins.map((p) => p.plugin.name)).toContain('boot');
  });

  it('"." means the same search', async () => {
    expect((await loadTarget('.', join(FIXTURES, 'rc-yaml'))).file).toBe(join(FIXTURES, 'rc-yaml/.uml-flowrc.yaml'));
  });

  it('package.json comes first; a package.json without the key is skipped', async () => {
    expect((await loadTarget(undefined, join(FIXTURES, 'precedence'))).config).toMatchObject({ name: 'package-json-wins' });
    expect((await loadTarget(undefined, join(FIXTURES, 'package-json-without-key'))).config).toMatchObject({ name: 'after-package-json' });
  });

  it('a config file named as a path is loaded whatever its format', async () => {
    const loaded = await loadTarget('./uml-flow.config.ts', join(FIXTURES, 'config-ts'));
    expect(loaded.config).toEqual({ extends: 'preset:base', name: 'from-config-ts' });
  });

  it('a folder with no config says where it looked and what to do', async () => {
    await expect(loadTarget(undefined, FIXTURES)).rejects.toMatchObject({ code: 'CONFIG_NOT_FOUND', exitCode: 2, message: `no uml-flow config found in ${FIXTURES}` });
  });

  it('a bare name is a preset from the command line', async () => {
    expect(await loadTarget('deluge', '/w')).toEqual({ file: '/w/(command line)', label: 'the command line', config: { extends: 'preset:deluge' } });
    expect((await loadTarget('preset:base', '/w')).config).toEqual({ extends: 'preset:base' });
  });
});
