import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTarget } from '../../../core/config/load.js';
import { resolveConfig, type ResolvedConfig } from '../../../core/config/resolve-config.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/config-extends');
const resolveIn = async (folder: string) => resolveConfig(await loadTarget(undefined, join(FIXTURES, folder)));
const optionsOf = (config: ResolvedConfig, name: string) => config.plugins.find((p) => p.plugin.name === name)?.options;
/** preset:base's plugin names, in order; read, not hard-coded, as the preset grows. */
let BASE: string[];
beforeAll(async () => {
  BASE = (await resolveConfig(await loadTarget('preset:base', '/w'))).plugins.map((p) => p.plugin.name);
});

describe('extends and options', () => {
  it('preset:base gives its plugins in order, with defaults filled in', async () => {
    const config = await resolveConfig(await loadTarget('preset:base', '/w'));
    expect(config.name).toBe('base');
    expect(BASE.slice(0, 2)).toEqual(['sparse-image', 'mkfs']);
    expect(BASE).toEqual(expect.arrayContaining(['mmdebstrap', 'fstab', 'hostname', 'getty', 'boot']));
    expect(optionsOf(config, 'boot')).toMatchObject({ mem: '128M', kernel: '/usr/bin/linux', args: [] });
  });

  it('a chain config -> ./team.mjs -> preset:base merges options per plugin, the nearer config winning', async () => {
    const config = await resolveIn('layers');
    expect(config.name).toBe('project');
    expect(config.plugins.map((p) => p.plugin.name)).toEqual(BASE);
    // Objects merge deeply; arrays replace.
    expect(optionsOf(config, 'boot')).toMatchObject({ mem: '256M', args: ['loglevel=3'] });
    expect(optionsOf(config, 'mmdebstrap')).toMatchObject({ suite: 'trixie', packages: ['curl'] });
  });

  it('--name overrides the name of every layer', async () => {
    expect((await resolveConfig(await loadTarget(undefined, join(FIXTURES, 'layers')), 'override')).name).toBe('override');
  });

  it('a plugin with the name of an earlier one takes its place', async () => {
    const config = await resolveIn('replace');
    expect(config.plugins.map((p) => p.plugin.name)).toEqual(BASE);
    expect(config.plugins.find((p) => p.plugin.name === 'boot')?.plugin.description).toBe('A replacement boot plugin');
  });

  it('falsy plugin entries are dropped', async () => {
    const config = await resolveIn('falsy');
    expect(config.plugins.map((p) => p.plugin.name)).toEqual([...BASE, 'extra']);
  });

  it('options given in `options` are merged over those given with the plugin entry', async () => {
    const config = await resolveIn('options-order');
    expect(optionsOf(config, 'sparse-image')).toEqual({ size: '3G', file: 'disk.img' });
  });

  it('a factory plugin gets its merged options', async () => {
    const factory = (options: { greeting?: string }) => ({ name: 'greeter', apply() {}, greeting: options.greeting });
    const config = await resolveConfig({
      file: '/w/(command line)',
      label: 'a test',
      config: { extends: 'preset:base', plugins: [[factory, { greeting: 'hi' }]], options: { greeter: { greeting: 'hello' } } },
    });
    const made = config.plugins.find((p) => p.plugin.name === 'greeter')?.plugin as unknown as { greeting: string };
    expect(made.greeting).toBe('hello');
  });
});
