import { AsyncSeriesHook } from 'tapable';
import type { FlowContext } from './context.js';

/** The lifecycle, in the order the core calls it. */
export const HOOK_NAMES = ['allocate', 'format', 'bootstrap', 'configure', 'network', 'boot', 'postInstall'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** Hooks of `uml-flow build`; `run` adds the rest once an image exists. */
export const BUILD_HOOKS: readonly HookName[] = ['allocate', 'format', 'bootstrap', 'configure'];
export const RUN_HOOKS: readonly HookName[] = ['network', 'boot', 'postInstall'];

export type LifecycleHooks = Readonly<Record<HookName, AsyncSeriesHook<[FlowContext]>>>;

/** Stages for taps that must run before or after the plugins at the default stage 0. */
export const STAGE = {
  /**
   * Backends run last in their hook, after the other plugins contributed: the bootstrapper
   * in `bootstrap` (after packages were added), the launcher in `boot` (after kernel arguments).
   */
  backend: 100,
} as const;

export function createHooks(): LifecycleHooks {
  const hooks = Object.fromEntries(HOOK_NAMES.map((name) => [name, new AsyncSeriesHook<[FlowContext]>(['ctx'], name)]));
  return Object.freeze(hooks) as LifecycleHooks;
}

export interface TapOptions {
  /** Ignored when it differs: a plugin always taps under its own name. */
  name?: string;
  stage?: number;
  before?: string;
}

/** What a plugin sees of one hook: it can tap, never call. */
export interface PluginHook {
  tap(options: string | TapOptions, fn: (ctx: FlowContext) => void): void;
  tapPromise(options: string | TapOptions, fn: (ctx: FlowContext) => Promise<void>): void;
}

export type PluginHooks = Readonly<Record<HookName, PluginHook>>;
