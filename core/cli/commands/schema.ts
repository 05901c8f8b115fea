import { configJsonSchema } from '../../json-schema.js';
import type { CliArgs } from '../args.js';

export async function schema(_args: CliArgs): Promise<number> {
  process.stdout.write(`${JSON.stringify(await configJsonSchema(), null, 2)}\n`);
  return 0;
}
