import { UmlFlowError } from './errors.js';
import { HOOK_NAMES, type HookName, type LifecycleHooks, type PluginHook, type PluginHooks, type TapOptions } from './hooks.js';
import type { FlowContext } from './context.js';
import { closest } from './schema.js';
import type { ResolvedPlugin } from './config/resolve-config.js';

/** Stamps plugin and hook on an error raised inside a tap: `[plugin fstab] configure: ...`. */
export function attribute(error: unknown, plugin: string, hook: string): UmlFlowError {
  if (error instanceof UmlFlowError) {
    error.plugin ??= plugin;
    error.hook ??= hook;
    return error;
  }
  const wrapped = new UmlFlowError('PLUGIN_FAILED', { plugin, hook, reason: (error as Error)?.message ?? String(error) });
  wrapped.plugin = plugin;
  wrapped.hook = hook;
  wrapped.cause = error;
  return wrapped;
}

function tapOptions(plugin: string, hook: HookName, options: string | TapOptions, fn: unknown) {
  if (typeof fn !== 'function') throw new Error(`hooks.${hook}.tap needs a function (ctx) => ..., got ${typeof fn}`);
  return typeof options === 'string' ? { name: plugin } : { stage: options.stage, before: options.before, name: plugin };
}

/** The hooks as one plugin sees them: it taps under its own name and cannot call them. */
function hooksFor(hooks: LifecycleHooks, plugin: string): PluginHooks {
  const view = (hook: HookName): PluginHook =>
    Object.freeze({
      tap(options: string | TapOptions, fn: (ctx: FlowContext) => void) {
        hooks[hook].tapPromise(tapOptions(plugin, hook, options, fn), async (ctx) => {
          try {
            fn(ctx);
          } catch (e) {
            throw attribute(e, plugin, hook);
          }
        });
      },
      tapPromise(options: string | TapOptions, fn: (ctx: FlowContext) => Promise<void>) {
        hooks[hook].tapPromise(tapOptions(plugin, hook, options, fn), async (ctx) => {
          try {
            await fn(ctx);
          } catch (e) {
            throw attribute(e, plugin, hook);
          }
        });
      },
    });
  const all = Object.freeze(Object.fromEntries(HOOK_NAMES.map((h) => [h, view(h)]))) as PluginHooks;
  // A misspelt hook (`hooks.postinstall`) would otherwise fail as "cannot read properties of undefined".
  return new Proxy(all, {
    get(target, key, receiver) {
      const close = typeof key === 'string' && !(key in target) ? closest(key, HOOK_NAMES) : undefined;
      if (close) throw new Error(`there is no hook "${String(key)}" (did you mean "${close}"?); hooks: ${HOOK_NAMES.join(', ')}`);
      return Reflect.get(target, key, receiver);
    },
  });
}

export function applyPlugins(hooks: LifecycleHooks, plugins: ResolvedPlugin[]): void {
  for (const { plugin, options } of plugins) {
    try {
      plugin.apply(hooksFor(hooks, plugin.name), options);
    } catch (e) {
      if (e instanceof UmlFlowError) throw attribute(e, plugin.name, 'apply');
      // Nothing has run yet: like a bad option, this is a setup error (exit 2), not a failed step.
      const error = new UmlFlowError('PLUGIN_APPLY_FAILED', { plugin: plugin.name, reason: (e as Error)?.message ?? String(e) });
      error.plugin = plugin.name;
      error.hook = 'apply';
      error.cause = e;
      throw error;
    }
  }
}
