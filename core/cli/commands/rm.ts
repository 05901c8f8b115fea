import { rm as remove } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fail } from '../../errors.js';
import { statusOf } from '../../instances.js';
import type { CliArgs } from '../args.js';
import { instanceFromArgs } from '../instance-arg.js';

/** Removes a stopped instance: its state, copy-on-write layers and data disks. The image stays. */
export async function rm(args: CliArgs): Promise<number> {
  const { record } = instanceFromArgs(args, 'rm');
  const state = statusOf(record);
  if (state !== 'stopped') fail('INSTANCE_NOT_STOPPED', { name: record.name, state });
  await remove(dirname(record.consoleLog), { recursive: true, force: true });
  process.stdout.write(`Removed instance "${record.name}" with its data disks; the image at ${record.imageDir} is kept.\n`);
  return 0;
}
