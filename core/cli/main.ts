#!/usr/bin/env node
import { isUmlFlowError, fail } from '../errors.js';
import { installSignalHandlers } from '../interrupt.js';
import { registerSelfResolution } from '../self-resolve.js';
import { VERSION } from '../version.js';
import { parseCli, USAGE, type CliArgs } from './args.js';
import { build } from './commands/build.js';
import { cache } from './commands/cache.js';
import { attachConsole } from './commands/console.js';
import { presets, plugins } from './commands/catalogue.js';
import { doctor } from './commands/doctor.js';
import { init } from './commands/init.js';
import { logs } from './commands/logs.js';
import { schema } from './commands/schema.js';
import { ps, stop } from './commands/instances.js';
import { plan } from './commands/plan.js';
import { rm } from './commands/rm.js';
import { run } from './commands/run.js';
import { status } from './commands/status.js';
import { unit } from './commands/unit.js';

const COMMANDS: Record<string, (args: CliArgs) => Promise<number>> = { run, build, plan, stop, ps, status, logs, console: attachConsole, rm, unit, presets, plugins, doctor, init, schema, cache };

async function main(argv: string[]): Promise<number> {
  const args = parseCli(argv);
  if (args.version) return void process.stdout.write(`${VERSION}\n`), 0;
  if (args.help) return void process.stdout.write(`${USAGE}\n`), 0;
  if (!args.command) return void process.stderr.write(`${USAGE}\n`), 2;
  const command = COMMANDS[args.command];
  if (!command) fail('USAGE', { message: `unknown command "${args.command}"; commands: ${Object.keys(COMMANDS).join(', ')}` });
  return command(args);
}

registerSelfResolution();
installSignalHandlers();
const debug = process.argv.includes('--debug') || Boolean(process.env.UML_FLOW_DEBUG);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isUmlFlowError(error)) {
      const stamped = error.code === 'PLUGIN_FAILED' || error.code === 'PLUGIN_APPLY_FAILED';
      const where = error.plugin && !stamped ? `[plugin ${error.plugin}] ${error.hook}: ` : '';
      process.stderr.write(`uml-flow: ${where}${error.message}\n  ${error.hint}\n`);
      if (debug) process.stderr.write(`${(error.cause as Error)?.stack ?? error.stack}\n`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(`uml-flow: internal error (please report it): ${(error as Error)?.stack ?? error}\n`);
      process.exitCode = 70;
    }
  },
);
