import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INSTANCE_NAME } from '../../config/resolve-config.js';
import { resolveModule } from '../../config/resolve-module.js';
import { fail } from '../../errors.js';
import type { CliArgs } from '../args.js';

const template = (preset: string, name: string) => `import { defineConfig } from 'uml-flow';

// uml-flow project config. \`npx uml-flow plan\` prints what it would run; \`npx uml-flow run\` runs it.
export default defineConfig({
  // The preset this container starts from; \`npx uml-flow presets\` lists the bundled ones.
  extends: '${preset}',

  // Instance name, for \`uml-flow ps\` and \`uml-flow stop ${name}\`.
  name: '${name}',

  // Extra plugins: bundled names, npm packages (uml-flow-plugin-*) or paths relative to this file.
  plugins: [],

  // Options per plugin, merged over the preset's; \`npx uml-flow plugins\` lists them all.
  options: {
    // 'sparse-image': { size: '10G' },
    // boot: { mem: '256M' },
  },
});
`;

/** Writes a commented uml-flow.config.ts extending a preset; refuses to overwrite. */
export async function init(args: CliArgs): Promise<number> {
  const preset = args.positionals[0] ?? 'preset:base';
  const file = join(process.cwd(), 'uml-flow.config.ts');
  if (existsSync(file)) fail('USAGE', { message: `${file} already exists; edit it, or remove it to start again` });
  const resolved = await resolveModule('preset', preset.startsWith('preset:') || preset.startsWith('.') ? preset : `preset:${preset}`, file, 'the command line');
  const name = args.name ?? 'mybox';
  if (!INSTANCE_NAME.test(name)) fail('BAD_NAME', { what: 'instance name (--name)', value: name });
  await writeFile(file, template(resolved.label, name), { flag: 'wx' });
  process.stdout.write(`Wrote ${file} (extends ${resolved.label}). Next: npx uml-flow plan\n`);
  return 0;
}
