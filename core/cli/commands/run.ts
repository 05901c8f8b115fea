import type { CliArgs } from '../args.js';
import { openSession } from '../setup.js';

export async function run(args: CliArgs): Promise<number> {
  const { engine } = await openSession(args);
  const record = await engine.run();
  const lines = [
    `Instance "${record.name}" is running (pid ${record.pid}).`,
    ...record.endpoints.map((e) => `  ${e}`),
    `  console log: ${record.consoleLog}`,
    `  stop it with: uml-flow stop ${record.name}`,
  ];
  process.stdout.write(args.json ? `${JSON.stringify(record, null, 2)}\n` : `${lines.join('\n')}\n`);
  return 0;
}
