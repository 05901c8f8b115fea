import { parseArgs } from 'node:util';
import { fail } from '../errors.js';
import { closest } from '../schema.js';

export const USAGE = `uml-flow: build Debian app containers and run them under User Mode Linux

Usage: uml-flow <command> [target] [options]

Commands:
  run [target]      build the image if needed, boot it headless, wait until ready, return
  build [target]    build the image only
  plan [target]     print every command a build and boot would run, run nothing
  stop <name>       clean shutdown of an instance (mconsole cad, then halt)
  ps                list instances (--json)
  status <name>     one instance in detail, with the end of its console (--json)
  rm <name>         remove a stopped instance with its data disks (the image stays)
  unit <name>       print a systemd service that starts the instance at host boot
  logs <name>       print an instance's console log (kernel, init and service output)
  console <name>    attach to an instance's login console (console plugin; Ctrl-] detaches)
  presets           list bundled presets (--json)
  plugins           list bundled plugins and their options (--json)
  doctor            check this host for what uml-flow needs
  cache ls|prune    list (--json) or remove the cached bootstraps
  init [preset]     write a commented uml-flow.config.ts here, extending a preset
  schema            print the JSON Schema of config files (for editors)

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

const OPTIONS = {
  name: { type: 'string' },
  json: { type: 'boolean', default: false },
  plain: { type: 'boolean', default: false },
  debug: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

/** How many positionals each command takes; commands not listed here are not limited. */
const MAX_POSITIONALS: Record<string, number> = { run: 1, build: 1, plan: 1, stop: 1, ps: 0, presets: 0, plugins: 0, doctor: 0, init: 1, schema: 0, status: 1, rm: 1, unit: 1, logs: 1, console: 1, cache: 1 };

/** node's parseArgs messages are long and generic; say which flag and what was probably meant. */
function usageMessage(error: Error & { code?: string }): string {
  const flag = /'(-[^' ]*)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
    const close = closest(flag.replace(/^-+/, ''), Object.keys(OPTIONS));
    return `unknown option ${flag}${close ? ` (did you mean --${close}?)` : ''}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument missing/.test(error.message)) return `${flag ?? 'an option'} needs a value`;
  return error.message;
}

export function parseCli(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    fail('USAGE', { message: usageMessage(e as Error) });
  }
  const [command, ...positionals] = parsed.positionals;
  const max = command === undefined ? undefined : MAX_POSITIONALS[command];
  if (max !== undefined && positionals.length > max)
    fail('USAGE', { message: `${command} takes ${max === 0 ? 'no arguments' : `at most ${max} argument`}, got: ${positionals.join(' ')}` });
  const v = parsed.values;
  return { command, positionals, name: v.name, json: v.json!, plain: v.plain!, debug: v.debug!, help: v.help!, version: v.version! };
}
