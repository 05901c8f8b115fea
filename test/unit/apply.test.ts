import { describe, expect, it } from 'vitest';
import { applyPlugins, attribute } from '../../core/apply.js';
import { UmlFlowError } from '../../core/errors.js';
import { BUILD_HOOKS, createHooks, HOOK_NAMES, RUN_HOOKS, STAGE, type PluginHooks } from '../../core/hooks.js';
import type { Plugin } from '../../core/plugin.js';
import { testContext } from '../../core/testing.js';

const plugin = (name: string, apply: (hooks: PluginHooks) => void): { plugin: Plugin; options: unknown } => ({ plugin: { name, apply }, options: {} });

describe('lifecycle hooks', () => {
  it('are exactly allocate, format, bootstrap, configure, network, boot, postInstall, in that order', () => {
    expect(HOOK_NAMES).toEqual(['allocate', 'format', 'bootstrap', 'configure', 'network', 'boot', 'postInstall']);
    expect([...BUILD_HOOKS, ...RUN_HOOKS]).toEqual([...HOOK_NAMES]);
    expect(Object.keys(createHooks())).toEqual([...HOOK_NAMES]);
  });

  it('the hook map is frozen', () => {
    const hooks = createHooks();
    expect(Object.isFrozen(hooks)).toBe(true);
    expect(() => {
      (hooks as Record<string, unknown>).boot = undefined;
    }).toThrow(TypeError);
  });
});

describe('applyPlugins', () => {
  it('what a plugin sees is frozen and can tap but never call a hook', () => {
    let seen: PluginHooks | undefined;
    applyPlugins(createHooks(), [plugin('p', (h) => void (seen = h))]);
    expect(Object.isFrozen(seen)).toBe(true);
    for (const name of HOOK_NAMES) {
      const view = seen![name] as unknown as Record<string, unknown>;
      expect(Object.isFrozen(view)).toBe(true);
      expect(Object.keys(view).sort()).toEqual(['tap', 'tapPromise']);
      expect(view.call).toBeUndefined();
      expect(view.promise).toBeUndefined();
      expect(view.callAsync).toBeUndefined();
      expect(view.taps).toBeUndefined();
    }
  });

  it('a plugin taps under its own name, whatever name it passes', () => {
    const hooks = createHooks();
    applyPlugins(hooks, [
      plugin('honest', (h) => h.configure.tap('honest', () => {})),
      plugin('sneaky', (h) => {
        h.configure.tap('honest', () => {});
        h.configure.tapPromise({ name: 'core', stage: STAGE.backend }, async () => {});
      }),
    ]);
    expect(hooks.configure.taps.map((t) => [t.name, t.stage ?? 0])).toEqual([
      ['honest', 0],
      ['sneaky', 0],
      ['sneaky', STAGE.backend],
    ]);
  });

  it('runs taps in plugin order, backends (STAGE.backend) last in their hook', async () => {
    const hooks = createHooks();
    const order: string[] = [];
    applyPlugins(hooks, [
      plugin('backend', (h) => h.bootstrap.tapPromise({ name: 'backend', stage: STAGE.backend }, async () => void order.push('backend'))),
      plugin('first', (h) => h.bootstrap.tap('first', () => void order.push('first'))),
      plugin('second', (h) => h.bootstrap.tapPromise('second', async () => void order.push('second'))),
    ]);
    await hooks.bootstrap.promise(testContext());
    expect(order).toEqual(['first', 'second', 'backend']);
  });

  it('an error in a tap carries [plugin x] hook, for sync and async taps', async () => {
    const hooks = createHooks();
    applyPlugins(hooks, [
      plugin('fstab', (h) => h.configure.tap('fstab', () => {
        throw new Error('disk table empty');
      })),
      plugin('slow', (h) => h.boot.tapPromise('slow', async () => {
        throw new Error('kernel missing');
      })),
    ]);
    const ctx = testContext();
    await expect(hooks.configure.promise(ctx)).rejects.toMatchObject({ code: 'PLUGIN_FAILED', plugin: 'fstab', hook: 'configure', message: '[plugin fstab] configure: disk table empty' });
    await expect(hooks.boot.promise(ctx)).rejects.toMatchObject({ message: '[plugin slow] boot: kernel missing' });
  });

  it('a UmlFlowError from a tap keeps its code and gains plugin and hook', async () => {
    const hooks = createHooks();
    applyPlugins(hooks, [plugin('net', (h) => h.network.tapPromise('net', async () => {
      throw new UmlFlowError('HOST_MISSING', { what: 'ip', fix: 'apt-get install -y iproute2' });
    }))]);
    const error = await hooks.network.promise(testContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UmlFlowError);
    expect(error).toMatchObject({ code: 'HOST_MISSING', plugin: 'net', hook: 'network', exitCode: 1 });
  });

  it('an error in apply is a setup error (exit 2) naming the plugin', () => {
    const hooks = createHooks();
    expect(() => applyPlugins(hooks, [plugin('boom', () => {
      throw new Error('bad options');
    })])).toThrow(expect.objectContaining({ code: 'PLUGIN_APPLY_FAILED', exitCode: 2, plugin: 'boom', hook: 'apply', message: '[plugin boom] apply: bad options' }));
    expect(() => applyPlugins(hooks, [plugin('str', () => {
      throw 'a string';
    })])).toThrow('[plugin str] apply: a string');
  });

  it('a misspelt hook is named with the right one, and a tap needs a function', () => {
    const misspelt = plugin('typo', (h) => (h as unknown as Record<string, PluginHooks['boot']>).postinstall.tap('typo', () => {}));
    expect(() => applyPlugins(createHooks(), [misspelt])).toThrow(
      '[plugin typo] apply: there is no hook "postinstall" (did you mean "postInstall"?); hooks: allocate, format, bootstrap, configure, network, boot, postInstall',
    );
    const notAFunction = plugin('nf', (h) => h.boot.tap('nf', 'run me' as unknown as () => void));
    expect(() => applyPlugins(createHooks(), [notAFunction])).toThrow('[plugin nf] apply: hooks.boot.tap needs a function (ctx) => ..., got string');
  });

  it('options reach apply as given', () => {
    let got: unknown;
    applyPlugins(createHooks(), [{ plugin: { name: 'o', apply: (_h, o) => void (got = o) }, options: { size: '1G' } }]);
    expect(got).toEqual({ size: '1G' });
  });
});

describe('attribute', () => {
  it('wraps anything thrown, keeping the cause', () => {
    const cause = new TypeError('x is undefined');
    const e = attribute(cause, 'p', 'format');
    expect(e).toMatchObject({ code: 'PLUGIN_FAILED', plugin: 'p', hook: 'format', cause });
    expect(attribute(undefined, 'p', 'boot').message).toBe('[plugin p] boot: undefined');
  });

  it('does not overwrite the first attribution', () => {
    const inner = attribute(new Error('x'), 'inner', 'boot');
    expect(attribute(inner, 'outer', 'network')).toMatchObject({ plugin: 'inner', hook: 'boot' });
  });
});

