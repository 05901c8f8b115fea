import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fail } from '../errors.js';
import { loadConfigFile } from './load.js';
import { describeLoadError } from './load-error.js';
import { closest } from '../schema.js';
import { PACKAGE_ROOT } from '../version.js';

export type ModuleKind = 'preset' | 'plugin';

export interface ResolvedModule {
  /** Absolute file the module was loaded from. */
  file: string;
  /** `preset:base`, `./x.mjs`, `uml-flow-plugin-motd`: how it is shown in messages. */
  label: string;
  exported: unknown;
}

const BUNDLED_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const NPM_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const DIRS: Record<ModuleKind, string> = { preset: 'presets', plugin: 'plugins' };

const isPath = (name: string) => name.startsWith('./') || name.startsWith('../') || isAbsolute(name);

/** Bundled names of a kind, from the package's own presets/ or plugins/ folder. */
export function bundledNames(kind: ModuleKind): string[] {
  const dir = bundledDir(kind);
  return readdirSync(dir)
    .filter((f) => /^[a-z0-9-]+\.(js|ts)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.(js|ts)$/, ''))
    .filter((n, i, all) => all.indexOf(n) === i)
    .sort();
}

function bundledDir(kind: ModuleKind): string {
  // From dist/ the compiled folders sit beside dist/core; from source, beside core/.
  const fromDist = join(PACKAGE_ROOT, 'dist', DIRS[kind]);
  const here = import.meta.url.includes('/dist/') ? fromDist : join(PACKAGE_ROOT, DIRS[kind]);
  return existsSync(here) ? here : fromDist;
}

function bundledFile(kind: ModuleKind, name: string): string | undefined {
  const dir = bundledDir(kind);
  return ['.js', '.ts'].map((ext) => join(dir, name + ext)).find(existsSync);
}

/** npm names to try: `foo` -> `uml-flow-plugin-foo`, `@s/foo` -> `@s/uml-flow-plugin-foo`, then as written. */
function npmCandidates(kind: ModuleKind, name: string): string[] {
  const prefix = `uml-flow-${kind}-`;
  const scoped = /^(@[^/]+)\/(.+)$/.exec(name);
  const full = scoped ? (scoped[2].startsWith(prefix) ? name : `${scoped[1]}/${prefix}${scoped[2]}`) : name.startsWith(prefix) ? name : prefix + name;
  return full === name ? [name] : [full, name];
}

/** The ESM entry of a package folder (exports, module, main, else index.js). */
function packageEntry(root: string): string {
  const manifest = join(root, 'package.json');
  if (!existsSync(manifest)) return join(root, 'index.js');
  let json;
  try {
    json = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch (e) {
    fail('CONFIG_LOAD', { file: manifest, reason: (e as Error).message, kind: 'package' });
  }
  return join(root, exportEntry(json.exports) ?? json.module ?? json.main ?? 'index.js');
}

/** Finds an installed package from `fromDir` upwards, as Node would, and returns its ESM entry. */
function findPackageEntry(pkg: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const root = join(dir, 'node_modules', pkg);
    if (existsSync(join(root, 'package.json'))) return packageEntry(root);
    if (dirname(dir) === dir) return undefined;
  }
}

function exportEntry(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const map = exports as Record<string, unknown>;
  const dot = '.' in map ? map['.'] : map;
  if (typeof dot === 'string') return dot;
  if (typeof dot === 'object' && dot !== null) {
    const c = dot as Record<string, unknown>;
    for (const key of ['import', 'node', 'default']) {
      const v = exportEntry(c[key]);
      if (v) return v;
    }
  }
  return undefined;
}

/**
 * Resolves `preset:NAME`, a plugin name, an npm package or a path, relative to the file that
 * names it, and imports it. A miss lists what was tried and suggests the closest bundled name.
 */
export async function resolveModule(kind: ModuleKind, name: string, fromFile: string, fromLabel: string): Promise<ResolvedModule> {
  const bare = kind === 'preset' ? name.replace(/^preset:/, '') : name;
  const tried: string[] = [];
  let file: string | undefined;

  if (isPath(name)) {
    file = resolve(dirname(fromFile), name);
    // A folder is a package being developed: its package.json entry, else index.js.
    if (existsSync(file) && statSync(file).isDirectory()) file = packageEntry(file);
    tried.push(file);
    if (!existsSync(file)) file = undefined;
  } else if (BUNDLED_NAME.test(bare) || NPM_NAME.test(bare)) {
    if (BUNDLED_NAME.test(bare)) {
      tried.push(`bundled ${kind} "${bare}"`);
      file = bundledFile(kind, bare);
    }
    for (const pkg of file ? [] : npmCandidates(kind, bare)) {
      tried.push(`npm package ${pkg} (from ${dirname(fromFile)})`);
      file = findPackageEntry(pkg, dirname(fromFile));
      if (file) break;
    }
  } else {
    fail('BAD_NAME', {
      what: `${kind} name (in ${fromLabel})`,
      value: name,
      allowed: `Name a bundled ${kind} (\`uml-flow ${kind}s\` lists them), an npm package (uml-flow-${kind}-x, @scope/x) or a path starting with ./ or ../`,
    });
  }

  if (!file) {
    const names = bundledNames(kind);
    const match = isPath(name) ? undefined : closest(bare, names);
    fail('UNKNOWN_TARGET', {
      kind,
      name,
      from: fromLabel,
      tried,
      suggestion: match && (kind === 'preset' ? `preset:${match}` : match),
      package: isPath(name) ? undefined : npmCandidates(kind, bare)[0],
    });
  }
  const label = kind === 'preset' && !isPath(name) ? `preset:${bare}` : name;
  // A preset given as a path is a config file like any other: JSON, YAML, TS or JS.
  if (kind === 'preset' && isPath(name)) return { file, label, exported: await loadConfigFile(file) };
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (e) {
    fail('CONFIG_LOAD', { file, kind, reason: await describeLoadError(e, file) });
  }
  if (!('default' in mod)) {
    if (kind === 'plugin') fail('PLUGIN_INVALID', { from: fromLabel, name, reason: `${file} has no default export` });
    fail('CONFIG_LOAD', { file, kind, reason: 'it has no default export' });
  }
  return { file, label, exported: mod.default };
}
