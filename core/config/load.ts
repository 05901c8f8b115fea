import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cosmiconfig, type Loader } from 'cosmiconfig';
import { fail } from '../errors.js';
import { describeLoadError } from './load-error.js';

export const MODULE_NAME = 'uml-flow';

/** Where cosmiconfig looks, in order: package.json key, rc files, then uml-flow.config.*. */
export const SEARCH_PLACES = [
  'package.json',
  `.${MODULE_NAME}rc`,
  `.${MODULE_NAME}rc.json`,
  `.${MODULE_NAME}rc.yaml`,
  `.${MODULE_NAME}rc.yml`,
  `.${MODULE_NAME}rc.js`,
  `.${MODULE_NAME}rc.mjs`,
  `.${MODULE_NAME}rc.cjs`,
  `.${MODULE_NAME}rc.ts`,
  `${MODULE_NAME}.config.js`,
  `${MODULE_NAME}.config.mjs`,
  `${MODULE_NAME}.config.cjs`,
  `${MODULE_NAME}.config.ts`,
  `${MODULE_NAME}.config.json`,
  `${MODULE_NAME}.config.yaml`,
  `${MODULE_NAME}.config.yml`,
];

export interface LoadedConfig {
  /** The file the config came from; for a preset named on the command line, a pseudo-file in cwd. */
  file: string;
  label: string;
  config: unknown;
}

const NO_DEFAULT = Symbol('no default export');

/**
 * ESM import only: cosmiconfig's own JS loader retries with require() and then reports the
 * require error ("Cannot require() ES Module ...") instead of the file's real syntax error.
 */
const importDefault: Loader = async (file) => {
  const mod = await import(pathToFileURL(file).href);
  return 'default' in mod ? mod.default : NO_DEFAULT;
};

const explorer = () =>
  cosmiconfig(MODULE_NAME, {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'none',
    cache: false,
    loaders: { '.js': importDefault, '.mjs': importDefault },
  });

function checkLoaded(file: string, config: unknown): unknown {
  if (config === NO_DEFAULT) fail('CONFIG_LOAD', { file, reason: 'it has no default export; write `export default { extends: "preset:base" }`' });
  if (config === undefined || config === null) fail('CONFIG_LOAD', { file, reason: 'it is empty; it must contain one config object' });
  return config;
}

/** Loads one config or preset file of any supported format (JSON, YAML, JS, TS, package.json). */
export async function loadConfigFile(file: string): Promise<unknown> {
  if (!existsSync(file)) fail('CONFIG_NOT_FOUND', { dir: file });
  let result;
  try {
    result = await explorer().load(file);
  } catch (e) {
    fail('CONFIG_LOAD', { file, reason: await describeLoadError(e, file) });
  }
  return checkLoaded(file, result?.config);
}

/**
 * What a command's target means: nothing or `.`, the project config in `cwd`; a path, that
 * config file; anything else, a preset name (`preset:deluge`, `deluge`, `uml-flow-preset-x`).
 */
export async function loadTarget(target: string | undefined, cwd: string): Promise<LoadedConfig> {
  if (target === undefined || target === '.') {
    let result;
    try {
      result = await explorer().search(cwd);
    } catch (e) {
      const file = (e as { filepath?: string }).filepath ?? cwd;
      fail('CONFIG_LOAD', { file, reason: await describeLoadError(e, file) });
    }
    if (!result) fail('CONFIG_NOT_FOUND', { dir: cwd });
    return { file: result.filepath, label: result.filepath, config: checkLoaded(result.filepath, result.config) };
  }
  if (target.startsWith('./') || target.startsWith('../') || isAbsolute(target) || /\.(m?js|cjs|ts|json|ya?ml)$/.test(target)) {
    const file = resolve(cwd, target);
    return { file, label: file, config: await loadConfigFile(file) };
  }
  const preset = target.startsWith('preset:') ? target : `preset:${target}`;
  return { file: join(cwd, '(command line)'), label: 'the command line', config: { extends: preset } };
}
