import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { fail } from '../errors.js';

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

const explorer = () => cosmiconfig(MODULE_NAME, { searchPlaces: SEARCH_PLACES, searchStrategy: 'none', cache: false });

async function loadFile(file: string): Promise<LoadedConfig> {
  if (!existsSync(file)) fail('CONFIG_NOT_FOUND', { dir: file });
  try {
    const result = await explorer().load(file);
    return { file, label: file, config: result?.config ?? {} };
  } catch (e) {
    fail('CONFIG_LOAD', { file, reason: (e as Error).message.split('\n')[0] });
  }
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
      fail('CONFIG_LOAD', { file: cwd, reason: (e as Error).message.split('\n')[0] });
    }
    if (!result || result.isEmpty) fail('CONFIG_NOT_FOUND', { dir: cwd });
    return { file: result.filepath, label: result.filepath, config: result.config };
  }
  if (target.startsWith('./') || target.startsWith('../') || isAbsolute(target) || /\.(m?js|cjs|ts|json|ya?ml)$/.test(target)) {
    return loadFile(resolve(cwd, target));
  }
  const preset = target.startsWith('preset:') ? target : `preset:${target}`;
  return { file: join(cwd, '(command line)'), label: 'the command line', config: { extends: preset } };
}
