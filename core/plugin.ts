import type { PluginHooks } from './hooks.js';
import type { Schema } from './schema.js';

/** A plugin: one job, tapped under its own name. */
export interface Plugin<O = any> {
  /** Tap name, option key in configs, and the name in error messages. */
  name: string;
  /** The uml-flow versions this plugin supports, as a semver range (checked at load). */
  engines?: string;
  description?: string;
  /** Declares and validates the plugin's options; also gives their TypeScript type. */
  options?: Schema<O>;
  apply(hooks: PluginHooks, options: O): void;
}

/** A plugin made from options, for plugins without a schema of their own. */
export type PluginFactory = (options: any) => Plugin;

/** How configs and presets name a plugin: bundled name, npm name, path, or the plugin itself. */
export type PluginRef = string | Plugin | PluginFactory;
export type PluginEntry = PluginRef | readonly [PluginRef, Record<string, unknown>] | false | null | undefined;

export interface UserConfig {
  $schema?: string;
  /** Presets or configs this one builds on: `preset:base`, `uml-flow-preset-x`, `./other.mjs`. */
  extends?: string | string[];
  /** Default instance name. */
  name?: string;
  /** Plugins in order; falsy entries are dropped so presets can write `cond && plugin`. */
  plugins?: PluginEntry[];
  /** Options per plugin name, merged over what presets give. */
  options?: Record<string, Record<string, unknown>>;
}

export interface Preset extends UserConfig {
  name: string;
  description?: string;
}

/** Identity helpers: they only give types. */
export const definePlugin = <O>(plugin: Plugin<O>): Plugin<O> => plugin;
export const definePreset = (preset: Preset): Preset => preset;
export const defineConfig = (config: UserConfig): UserConfig => config;

export const isPlugin = (v: unknown): v is Plugin =>
  typeof v === 'object' && v !== null && typeof (v as Plugin).name === 'string' && typeof (v as Plugin).apply === 'function';
