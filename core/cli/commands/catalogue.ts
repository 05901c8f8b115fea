import { resolveModule, bundledNames } from '../../config/resolve-module.js';
import { bundledPlugins } from '../../json-schema.js';
import type { Preset } from '../../plugin.js';
import { PACKAGE_ROOT } from '../../version.js';
import type { CliArgs } from '../args.js';

const from = `${PACKAGE_ROOT}/(bundled)`;

export async function presets(args: CliArgs): Promise<number> {
  const rows = [];
  for (const name of bundledNames('preset')) {
    const preset = (await resolveModule('preset', `preset:${name}`, from, 'uml-flow')).exported as Preset;
    rows.push({ name: `preset:${name}`, description: preset.description ?? '' });
  }
  process.stdout.write(args.json ? `${JSON.stringify(rows, null, 2)}\n` : rows.map((r) => `${r.name.padEnd(18)} ${r.description}`).join('\n') + '\n');
  return 0;
}

export async function plugins(args: CliArgs): Promise<number> {
  const rows = (await bundledPlugins()).map((plugin) => ({
    name: plugin.name,
    description: plugin.description ?? '',
    options: plugin.options?.json ?? { type: 'object', properties: {} },
  }));
  if (args.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else
    for (const r of rows) {
      const props = Object.entries((r.options as { properties?: Record<string, { default?: unknown }> }).properties ?? {});
      const opts = props.map(([k, v]) => (v.default === undefined ? k : `${k}=${JSON.stringify(v.default)}`)).join(' ');
      process.stdout.write(`${r.name.padEnd(16)} ${r.description}${opts ? `\n${''.padEnd(17)}options: ${opts}` : ''}\n`);
    }
  return 0;
}
