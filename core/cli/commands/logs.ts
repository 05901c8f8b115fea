import { createReadStream, existsSync } from 'node:fs';
import { fail } from '../../errors.js';
import { readRecord } from '../../instances.js';
import { INSTANCE_NAME } from '../../config/resolve-config.js';
import { stateRoots } from '../../state.js';
import type { CliArgs } from '../args.js';

/** Prints an instance's console log (kernel messages, init and service output), running or stopped. */
export async function logs(args: CliArgs): Promise<number> {
  if (args.positionals.length > 1) fail('USAGE', { message: `logs takes one instance name, got: ${args.positionals.join(' ')}` });
  const name = args.positionals[0] ?? args.name;
  if (!name) fail('USAGE', { message: 'logs needs an instance name: uml-flow logs <name>' });
  if (!INSTANCE_NAME.test(name)) fail('BAD_NAME', { what: 'instance name', value: name });
  const record = readRecord(stateRoots(), name);
  if (!record) fail('INSTANCE_NOT_FOUND', { name });
  if (!existsSync(record.consoleLog)) return 0;
  // The UML console writes a stray NUL byte; drop it so the output stays text.
  for await (const chunk of createReadStream(record.consoleLog)) process.stdout.write((chunk as Buffer).filter((byte) => byte !== 0));
  return 0;
}
