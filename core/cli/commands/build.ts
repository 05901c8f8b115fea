import type { CliArgs } from '../args.js';
import { openSession } from '../setup.js';

export async function build(args: CliArgs): Promise<number> {
  const { engine } = await openSession(args);
  await engine.build();
  process.stdout.write(`Built image "${engine.name}" at ${engine.imageDir}\n`);
  return 0;
}
