import { statusOf } from '../../instances.js';
import { consoleTail } from '../../readiness.js';
import type { CliArgs } from '../args.js';
import { instanceFromArgs } from '../instance-arg.js';

/** One instance in detail: state, process, endpoints, files, and the end of its console. */
export async function status(args: CliArgs): Promise<number> {
  const { record } = instanceFromArgs(args, 'status');
  const state = statusOf(record);
  if (args.json) return void process.stdout.write(`${JSON.stringify({ ...record, status: state }, null, 2)}\n`), 0;
  const lines = [
    `${record.name}: ${state}${state === 'running' ? ` (pid ${record.pid})` : ''}`,
    `  target:      ${record.target}`,
    `  started:     ${record.startedAt}${record.stoppedAt ? `, stopped ${record.stoppedAt}` : ''}`,
    ...record.endpoints.map((e) => `  endpoint:    ${e}`),
    `  image:       ${record.imageDir}`,
    `  console log: ${record.consoleLog}`,
    '',
    consoleTail(record.consoleLog, 10).replace(/\0/g, ''),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return state === 'dead' ? 1 : 0;
}
