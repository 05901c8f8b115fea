import { listRecords, statusOf, stopInstance } from '../../instances.js';
import { createProgress, defaultProgressOptions } from '../../progress.js';
import { ExecaRunner } from '../../runner/execa-runner.js';
import { stateRoots } from '../../state.js';
import type { CliArgs } from '../args.js';
import { instanceFromArgs } from '../instance-arg.js';

export async function ps(args: CliArgs): Promise<number> {
  const rows = listRecords(stateRoots()).map((r) => ({ name: r.name, status: statusOf(r), pid: r.pid, target: r.target, startedAt: r.startedAt, endpoints: r.endpoints }));
  if (args.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (!rows.length) process.stdout.write('No instances.\n');
  else {
    const table = [['NAME', 'STATUS', 'PID', 'TARGET', 'STARTED'], ...rows.map((r) => [r.name, r.status, String(r.pid), r.target, r.startedAt])];
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
    process.stdout.write(table.map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n');
  }
  return 0;
}

export async function stop(args: CliArgs): Promise<number> {
  const { record, roots } = instanceFromArgs(args, 'stop');
  const name = record.name;
  const progress = createProgress({ ...defaultProgressOptions(), ...(args.plain && { plain: true }) });
  await progress.step(`stop ${name}`, () => stopInstance(new ExecaRunner(), roots, record, progress.log));
  process.stdout.write(`Stopped "${name}".\n`);
  return 0;
}
