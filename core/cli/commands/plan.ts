import { PlanRunner } from '../../runner/plan-runner.js';
import type { CliArgs } from '../args.js';
import { openSession } from '../setup.js';

export async function plan(args: CliArgs): Promise<number> {
  const runner = new PlanRunner();
  const { engine } = await openSession(args, runner);
  await engine.run();
  process.stdout.write(args.json ? `${JSON.stringify({ name: engine.name, commands: runner.lines }, null, 2)}\n` : `${runner.lines.join('\n')}\n`);
  return 0;
}
