import { hostChecks } from '../../doctor.js';
import { ExecaRunner } from '../../runner/execa-runner.js';
import type { CliArgs } from '../args.js';

export async function doctor(args: CliArgs): Promise<number> {
  const checks = await hostChecks(new ExecaRunner());
  if (args.json) process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
  else
    for (const c of checks)
      process.stdout.write(`${c.ok ? '\u2714' : '\u2718'} ${c.what}: ${c.detail}${c.fix ? `\n    fix: ${c.fix}` : ''}\n`);
  const missing = checks.filter((c) => !c.ok);
  if (missing.length && !args.json) process.stdout.write(`\n${missing.length} problem(s). Run the fix lines above as root.\n`);
  return missing.length ? 1 : 0;
}
