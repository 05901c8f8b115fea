import { parseArgs } from 'node:util';
import { fail } from '../errors.js';

export const USAGE = `uml-flow: build Debian app containers and run them under User Mode Linux

Usage: uml-flow <command> [target] [options]

Commands:
  run [target]      build the image if needed, boot it headless, wait until ready, return
  build [target]    build the image only
  plan [target]     print every command a build and boot would run, run nothing
  stop <name>       clean shutdown of an instance (mconsole cad, then halt)
  ps                list instances (--json)
  presets           list bundled presets (--json)
  plugins           list bundled plugins and their options (--json)
  doctor            check this host for what uml-flow needs

A target is a preset (preset:base, preset:deluge, uml-flow-preset-x), a config file, or
nothing for the project config in this directory (uml-flow.config.mjs, .uml-flowrc, ...).

Options:
  --name <name>     instance name (default: the config's or preset's name)
  --json            machine-readable output (ps, plan, presets, plugins)
  --plain           plain progress lines (default when not a TTY or under CI)
  --debug           stack traces for every error
  -h, --help        this help
  -v, --version     the version

Environment: UML_FLOW_HOME relocates all state and cache (default: XDG directories).`;

export interface CliArgs {
  command?: string;
  positionals: string[];
  name?: string;
  json: boolean;
  plain: boolean;
  debug: boolean;
  help: boolean;
  version: boolean;
}

export function parseCli(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        name: { type: 'string' },
        json: { type: 'boolean', default: false },
        plain: { type: 'boolean', default: false },
        debug: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    fail('USAGE', { message: (e as Error).message });
  }
  const [command, ...positionals] = parsed.positionals;
  const v = parsed.values;
  return { command, positionals, name: v.name, json: v.json!, plain: v.plain!, debug: v.debug!, help: v.help!, version: v.version! };
}
