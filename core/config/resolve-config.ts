import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { fail, UmlFlowError } from '../errors.js';
import { isPlugin, type Plugin, type PluginFactory, type PluginRef } from '../plugin.js';
import { closest, formatIssues, isPlainObject, type Issue } from '../schema.js';
import { VERSION } from '../version.js';
import type { LoadedConfig } from './load.js';
import { mergeOptions } from './merge.js';
import { resolveModule } from './resolve-module.js';

export const INSTANCE_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** Plugin names are tap names and option keys: npm-like, no spaces or shell characters. */
const PLUGIN_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]{0,63}$/;
const CONFIG_KEYS = ['$schema', 'extends', 'name', 'description', 'plugins', 'options'];

export interface ResolvedPlugin {
  plugin: Plugin;
  options: unknown;
  /** sha256 of the module file the plugin was loaded from (absent for inline plugins). */
  source?: string;
}

export interface ResolvedConfig {
  /** Instance name: --name, else the config's name. */
  name: string;
  /** The image's name: the config's (or preset's) name; instances of one config share it. */
  imageName?: string;
  plugins: ResolvedPlugin[];
  /** Changes whenever a plugin, its code or its options change (not with the instance name). */
  key: string;
}

/** Hash of plugins, their module files and their options, with the uml-flow version. */
export function pluginsKey(plugins: readonly ResolvedPlugin[]): string {
  const parts = plugins.map((p) => [p.plugin.name, p.source ?? null, p.options]);
  return createHash('sha256').update(VERSION).update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

interface Slot {
  name: string;
  ref: Plugin | PluginFactory;
  options: Record<string, unknown>;
  /** Where the plugin or its options were last set, for messages. */
  source: string;
  /** sha256 of the module file, for plugins named by a string. */
  moduleHash?: string;
}

interface Acc {
  slots: Map<string, Slot>;
  options: { plugin: string; value: Record<string, unknown>; source: string }[];
  name?: string;
  nameSource?: string;
  chain: string[];
}

function checkShape(config: unknown, label: string): asserts config is Record<string, unknown> {
  const issues: Issue[] = [];
  if (!isPlainObject(config)) fail('CONFIG_INVALID', { file: label, issues: 'must be an object like { extends: "preset:base" }' });
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.includes(key)) {
      const close = closest(key, CONFIG_KEYS);
      issues.push({ path: key, message: `is not a config key${close ? ` (did you mean "${close}"?)` : ''}; keys are ${CONFIG_KEYS.join(', ')}` });
    }
  }
  const ext = config.extends;
  if (ext !== undefined && typeof ext !== 'string' && !(Array.isArray(ext) && ext.every((e) => typeof e === 'string')))
    issues.push({ path: 'extends', message: 'must be a preset name or a list of them' });
  for (const key of ['$schema', 'description'])
    if (config[key] !== undefined && typeof config[key] !== 'string') issues.push({ path: key, message: `must be a string, got ${typeof config[key]}` });
  if (config.name !== undefined && (typeof config.name !== 'string' || !INSTANCE_NAME.test(config.name)))
    issues.push({ path: 'name', message: 'must be 1-32 lowercase letters, digits or "-", starting with a letter or digit' });
  if (config.plugins !== undefined && !Array.isArray(config.plugins)) issues.push({ path: 'plugins', message: 'must be an array' });
  if (config.options !== undefined) {
    if (!isPlainObject(config.options)) issues.push({ path: 'options', message: 'must be an object keyed by plugin name' });
    else
      for (const [k, v] of Object.entries(config.options))
        if (!isPlainObject(v)) issues.push({ path: `options.${k}`, message: 'must be an object of that plugin\'s options' });
  }
  if (issues.length) fail('CONFIG_INVALID', { file: label, issues: formatIssues(issues) });
}

/** Checks what the type system cannot promise for plugins from configs and npm packages. */
function checkPlugin(plugin: Plugin, label: string, shown: string): Plugin {
  if (!PLUGIN_NAME.test(plugin.name))
    fail('PLUGIN_INVALID', { from: label, name: shown, reason: `its name ${JSON.stringify(plugin.name)} is not a lowercase npm-style name (letters, digits, ".", "_", "-")` });
  if (plugin.options !== undefined && typeof (plugin.options as { check?: unknown })?.check !== 'function')
    fail('PLUGIN_INVALID', { from: label, name: shown, reason: 'its `options` is not a schema made with `s.object({...})`' });
  return plugin;
}

function pluginName(ref: Plugin | PluginFactory, options: Record<string, unknown>, label: string, shown: string): string {
  if (isPlugin(ref)) return checkPlugin(ref, label, shown).name;
  if (typeof ref === 'function') {
    const made = callFactory(ref, options, label, shown);
    return made.name;
  }
  fail('PLUGIN_INVALID', { from: label, name: shown, reason: 'its default export is neither a plugin object nor a function' });
}

function callFactory(factory: PluginFactory, options: Record<string, unknown>, label: string, shown: string): Plugin {
  let made: unknown;
  try {
    made = factory(options);
  } catch (e) {
    if (e instanceof UmlFlowError) throw e;
    fail('PLUGIN_INVALID', { from: label, name: shown, reason: `its factory threw: ${(e as Error).message}` });
  }
  if (!isPlugin(made)) fail('PLUGIN_INVALID', { from: label, name: shown, reason: 'its factory did not return { name, apply }' });
  return checkPlugin(made, label, shown);
}

async function collect(config: unknown, file: string, label: string, acc: Acc): Promise<void> {
  checkShape(config, label);
  if (acc.chain.includes(file))
    fail('CONFIG_INVALID', {
      file: label,
      issues: `extends itself in a cycle: ${[...acc.chain, file].join(' -> ')}`,
      hint: 'Remove one `extends` of the cycle: a config may build on presets, never on itself.',
    });
  acc.chain.push(file);
  const bases = config.extends === undefined ? [] : ([] as string[]).concat(config.extends as string | string[]);
  for (const base of bases) {
    const resolved = await resolveModule('preset', base, file, label);
    await collect(resolved.exported, resolved.file, resolved.label, acc);
  }
  acc.chain.pop();
  if (typeof config.name === 'string') [acc.name, acc.nameSource] = [config.name, label];

  const entries = ((config.plugins as unknown[] | undefined) ?? []).filter(Boolean);
  for (const [i, entry] of entries.entries()) {
    const [ref, opts] = Array.isArray(entry) ? (entry as [PluginRef, unknown]) : [entry as PluginRef, {}];
    if (!isPlainObject(opts)) fail('CONFIG_INVALID', { file: label, issues: `plugins[${i}] options must be an object` });
    let def: unknown = ref;
    let shown = typeof ref === 'string' ? ref : `plugins[${i}]`;
    let moduleHash: string | undefined;
    if (typeof ref === 'string') {
      const resolved = await resolveModule('plugin', ref, file, label);
      moduleHash = createHash('sha256').update(readFileSync(resolved.file)).digest('hex');
      def = resolved.exported;
      shown = resolved.label;
    }
    const name = pluginName(def as Plugin | PluginFactory, opts, label, shown);
    const slot = acc.slots.get(name);
    if (slot) Object.assign(slot, { ref: def, options: mergeOptions(slot.options, opts), source: label, moduleHash });
    else acc.slots.set(name, { name, ref: def as Plugin | PluginFactory, options: opts, source: label, moduleHash });
  }
  for (const [plugin, value] of Object.entries((config.options as Record<string, Record<string, unknown>>) ?? {}))
    acc.options.push({ plugin, value, source: label });
}

/** Flattens presets, resolves every plugin, checks engines and validates every option. Runs nothing. */
export async function resolveConfig(loaded: LoadedConfig, nameOverride?: string): Promise<ResolvedConfig> {
  const acc: Acc = { slots: new Map(), options: [], chain: [] };
  await collect(loaded.config, loaded.file, loaded.label, acc);

  for (const { plugin, value, source } of acc.options) {
    const slot = acc.slots.get(plugin);
    if (!slot) {
      const close = closest(plugin, [...acc.slots.keys()]);
      fail('CONFIG_INVALID', {
        file: source,
        issues: `options.${plugin}: no plugin named "${plugin}" is in this config${close ? ` (did you mean "${close}"?)` : ''}; plugins: ${[...acc.slots.keys()].join(', ')}`,
      });
    }
    slot.options = mergeOptions(slot.options, value);
    slot.source = source;
  }

  const plugins: ResolvedPlugin[] = [];
  for (const slot of acc.slots.values()) {
    const plugin = isPlugin(slot.ref) ? slot.ref : callFactory(slot.ref, slot.options, slot.source, slot.name);
    if (plugin.engines !== undefined) {
      if (!semver.validRange(plugin.engines)) fail('PLUGIN_INVALID', { from: slot.source, name: plugin.name, reason: `engines "${plugin.engines}" is not a semver range` });
      if (!semver.satisfies(VERSION, plugin.engines, { includePrerelease: true }))
        fail('ENGINE_MISMATCH', { plugin: plugin.name, from: slot.source, range: plugin.engines, version: VERSION });
    }
    let options: unknown = slot.options;
    const given = Object.keys(slot.options);
    if (!plugin.options && isPlugin(slot.ref) && given.length)
      fail('CONFIG_INVALID', { file: slot.source, issues: `[plugin ${plugin.name}] options.${plugin.name}.${given[0]} is not a known option (${plugin.name} takes no options)` });
    if (plugin.options) {
      const issues: Issue[] = [];
      try {
        options = plugin.options.check(slot.options, `options.${plugin.name}`, issues);
      } catch (e) {
        fail('PLUGIN_INVALID', { from: slot.source, name: plugin.name, reason: `its options schema threw: ${(e as Error)?.message ?? e}` });
      }
      if (issues.length) fail('CONFIG_INVALID', { file: slot.source, issues: `[plugin ${plugin.name}] ${formatIssues(issues)}` });
    }
    plugins.push({ plugin, options, source: slot.moduleHash });
  }

  if (!plugins.length)
    fail('CONFIG_INVALID', {
      file: loaded.label,
      issues: 'no plugins: nothing to build',
      hint: 'Build on a preset (`extends: "preset:base"`) or list plugins; `uml-flow presets` lists the bundled presets.',
    });
  const name = nameOverride ?? acc.name ?? 'uml-flow';
  if (!INSTANCE_NAME.test(name)) fail('BAD_NAME', { what: `instance name${nameOverride ? ' (--name)' : ` (in ${acc.nameSource})`}`, value: name });
  const imageName = acc.name ?? 'uml-flow';
  return { name, imageName, plugins, key: pluginsKey(plugins) };
}
