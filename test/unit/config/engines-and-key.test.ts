import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../core/config/resolve-config.js';
import type { LoadedConfig } from '../../../core/config/load.js';
import { s } from '../../../core/schema.js';
import { VERSION } from '../../../core/version.js';

const inline = (config: unknown): LoadedConfig => ({ file: '/w/(command line)', label: 'inline config', config });
const plugin = (extra: object = {}) => ({ name: 'p', apply() {}, ...extra });

describe('engines', () => {
  it('a plugin whose range excludes this version is refused, quoting both', async () => {
    await expect(resolveConfig(inline({ plugins: [plugin({ engines: '^9.0.0' })] }))).rejects.toMatchObject({
      code: 'ENGINE_MISMATCH',
      exitCode: 2,
      message: `plugin p (from inline config) supports uml-flow ^9.0.0, but this is uml-flow ${VERSION}`,
      hint: `Use a version of p made for uml-flow ${VERSION}, or a uml-flow in ^9.0.0.`,
    });
  });

  it('a range that is not semver is a broken plugin', async () => {
    await expect(resolveConfig(inline({ plugins: [plugin({ engines: 'banana' })] }))).rejects.toMatchObject({ code: 'PLUGIN_INVALID', message: expect.stringContaining('engines "banana" is not a semver range') });
  });

  it('a matching range, or none, is accepted', async () => {
    expect((await resolveConfig(inline({ plugins: [plugin({ engines: `^${VERSION}` })] }))).plugins).toHaveLength(1);
    expect((await resolveConfig(inline({ plugins: [plugin()] }))).plugins).toHaveLength(1);
  });
});

describe('plugin shape', () => {
  it.each([
    [{ name: 'a b', apply() {} }, 'its name "a b" is not a lowercase npm-style name'],
    [{ name: '', apply() {} }, 'its name "" is not'],
    [{ name: 'x', apply() {}, options: { size: 1 } }, 'its `options` is not a schema'],
    [{ name: 'x' }, 'neither a plugin object nor a function'],
    [() => 5, 'its factory did not return { name, apply }'],
    [() => {
      throw new Error('nope');
    }, 'its factory threw: nope'],
  ])('refuses %o', async (entry, reason) => {
    await expect(resolveConfig(inline({ plugins: [entry] }))).rejects.toMatchObject({ code: 'PLUGIN_INVALID', exitCode: 2, message: expect.stringContaining(reason) });
  });

  it('options for a plugin without an options schema are refused, not silently dropped', async () => {
    await expect(resolveConfig(inline({ plugins: [plugin()], options: { p: { x: 1 } } }))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: 'inline config: [plugin p] options.p.x is not a known option (p takes no options)',
    });
  });
});

describe('the config key', () => {
  const withOptions = (options: object) => inline({ plugins: [plugin({ options: s.object({ size: s.default(s.size(), '1G') }) })], options: { p: options } });

  it('is stable for the same config', async () => {
    expect((await resolveConfig(withOptions({}))).key).toBe((await resolveConfig(withOptions({}))).key);
  });

  it('changes when options change, and not when a default is written out', async () => {
    const base = (await resolveConfig(withOptions({}))).key;
    expect((await resolveConfig(withOptions({ size: '2G' }))).key).not.toBe(base);
    expect((await resolveConfig(withOptions({ size: '1G' }))).key).toBe(base);
  });

  it('changes when the plugin list changes, not with the instance name', async () => {
    const one = await resolveConfig(inline({ extends: 'preset:base' }));
    const two = await resolveConfig(inline({ extends: 'preset:base', plugins: [plugin()] }));
    expect(two.key).not.toBe(one.key);
    expect((await resolveConfig(inline({ extends: 'preset:base' }), 'other')).key).toBe(one.key);
  });
});
