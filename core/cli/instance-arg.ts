import { INSTANCE_NAME } from '../config/resolve-config.js';
import { fail } from '../errors.js';
import { readRecord, type InstanceRecord } from '../instances.js';
import { stateRoots, type StateRoots } from '../state.js';
import type { CliArgs } from './args.js';

/** The instance a command like `stop NAME` names, checked and loaded. */
export function instanceFromArgs(args: CliArgs, command: string): { record: InstanceRecord; roots: StateRoots } {
  const name = args.positionals[0] ?? args.name;
  if (!name) fail('USAGE', { message: `${command} needs an instance name: uml-flow ${command} <name>` });
  if (!INSTANCE_NAME.test(name)) fail('BAD_NAME', { what: 'instance name', value: name });
  const roots = stateRoots();
  const record = readRecord(roots, name);
  if (!record) fail('INSTANCE_NOT_FOUND', { name });
  return { record, roots };
}
