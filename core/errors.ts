/**
 * The one error catalogue. Every failure a user can cause or fix has a code here, a message
 * and what to do about it. Anything thrown that is not a UmlFlowError is a bug in uml-flow
 * or a plugin, and the CLI prints its stack.
 */
type Details = Record<string, unknown>;
interface Entry {
  exit: number;
  message: (d: Details) => string;
  hint: (d: Details) => string;
}

const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));

export const CATALOGUE = {
  USAGE: {
    exit: 2,
    message: (d) => String(d.message),
    hint: () => 'Run `uml-flow --help` for the commands and their options.',
  },
  CONFIG_NOT_FOUND: {
    exit: 2,
    message: (d) => `no uml-flow config found in ${d.dir}`,
    hint: () =>
      'Name a target (`uml-flow run preset:base`), pass a config file path, or create uml-flow.config.mjs with `export default { extends: "preset:base" }`.',
  },
  CONFIG_LOAD: {
    exit: 2,
    message: (d) => `could not read ${d.file}: ${d.reason}`,
    hint: (d) =>
      d.kind === 'plugin'
        ? 'Fix that plugin file, or report the problem to its author.'
        : d.kind === 'package'
          ? 'Reinstall that package (`npm install`).'
          : 'Fix that file; it must export or contain one config object.',
  },
  CONFIG_INVALID: {
    exit: 2,
    message: (d) => `${d.file}: ${d.issues}`,
    hint: (d) => (d.hint ? String(d.hint) : 'Correct the named keys; `uml-flow plugins` lists every plugin and its options.'),
  },
  UNKNOWN_TARGET: {
    exit: 2,
    message: (d) => `cannot resolve ${d.kind} "${d.name}" (named in ${d.from}); tried: ${list(d.tried)}`,
    hint: (d) =>
      d.suggestion
        ? `Did you mean "${d.suggestion}"? \`uml-flow presets\` and \`uml-flow plugins\` list the bundled ones.`
        : d.package
          ? `Install it (\`npm install ${d.package}\`) or fix the name; \`uml-flow presets\` and \`uml-flow plugins\` list the bundled ones.`
          : `Fix the path: it is relative to the file that names it (${d.from}).`,
  },
  PLUGIN_INVALID: {
    exit: 2,
    message: (d) => `${d.from}: "${d.name}" is not a uml-flow plugin: ${d.reason}`,
    hint: () =>
      'A plugin module default-exports `definePlugin({ name, apply(hooks) { ... } })` or a factory `(options) => plugin`.',
  },
  ENGINE_MISMATCH: {
    exit: 2,
    message: (d) => `plugin ${d.plugin}${d.from ? ` (from ${d.from})` : ''} supports uml-flow ${d.range}, but this is uml-flow ${d.version}`,
    hint: (d) => `Use a version of ${d.plugin} made for uml-flow ${d.version}, or a uml-flow in ${d.range}.`,
  },
  BAD_NAME: {
    exit: 2,
    message: (d) => `${d.what} "${d.value}" is not allowed`,
    hint: (d) => String(d.allowed ?? 'Use 1-32 characters: lowercase letters, digits and "-", starting with a letter or digit.'),
  },
  PLUGIN_APPLY_FAILED: {
    exit: 2,
    message: (d) => `[plugin ${d.plugin}] apply: ${d.reason}`,
    hint: (d) => `The plugin failed while setting up, before anything ran: check options.${d.plugin} in the config, or report it to the plugin's author.`,
  },
  PLUGIN_FAILED: {
    exit: 1,
    message: (d) => `[plugin ${d.plugin}] ${d.hook}: ${d.reason}`,
    hint: (d) => (d.hint ? String(d.hint) : 'See the message above; `uml-flow plan` shows what each step runs.'),
  },
  COMMAND_FAILED: {
    exit: 1,
    message: (d) => `\`${d.command}\` failed (${d.reason})${d.output ? `:\n${d.output}` : ''}`,
    hint: () => 'Run `uml-flow doctor` to check the host; the command above can be run by hand to see more.',
  },
  INSTANCE_NOT_FOUND: {
    exit: 1,
    message: (d) => `no instance named "${d.name}"`,
    hint: () => '`uml-flow ps` lists the instances.',
  },
  INSTANCE_RUNNING: {
    exit: 1,
    message: (d) => `instance "${d.name}" is already running (pid ${d.pid})`,
    hint: (d) => `Stop it first with \`uml-flow stop ${d.name}\`, or pick another name with --name.`,
  },
  INSTANCE_NOT_STOPPED: {
    exit: 1,
    message: (d) => `instance "${d.name}" is ${d.state}`,
    hint: (d) => `Stop it first: \`uml-flow stop ${d.name}\` (for a dead instance this also undoes its host changes).`,
  },
  NOT_READY: {
    exit: 1,
    message: (d) => `instance "${d.name}" was not ready after ${d.seconds}s (${d.probe}); last console lines:\n${d.tail}`,
    hint: (d) => `The instance was stopped. Its console log is kept at ${d.log}.`,
  },
  PORT_IN_USE: {
    exit: 1,
    message: (d) => `port ${d.port} is already in use on this host (${d.listener})`,
    hint: (d) =>
      `Stop what listens there (\`ss -ltnp sport = :${d.port}\` names it) or ${d.fix}.`,
  },
  NO_CONSOLE: {
    exit: 1,
    message: (d) => `instance "${d.name}" ${d.reason}`,
    hint: (d) => String(d.fix),
  },
  INTERRUPTED: {
    exit: 130,
    message: (d) => `interrupted by ${d.signal}`,
    hint: () => 'What was being built was removed and what was started was stopped; run the same command again to continue (the bootstrap cache is kept).',
  },
  STATE_CORRUPT: {
    exit: 1,
    message: (d) => `${d.file} is not valid JSON (${d.reason})`,
    hint: (d) => `uml-flow wrote it; it was damaged (disk full, crash). Remove it (\`rm ${d.file}\`) and run the command again.`,
  },
  HOST_MISSING: {
    exit: 1,
    message: (d) => `this host lacks ${d.what}`,
    hint: (d) => String(d.fix),
  },
} satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof CATALOGUE;

export class UmlFlowError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly exitCode: number;
  /** Set when the error was raised inside a plugin's tap. */
  plugin?: string;
  hook?: string;

  constructor(code: ErrorCode, readonly details: Details = {}) {
    const entry: Entry = CATALOGUE[code];
    super(entry.message(details));
    this.name = 'UmlFlowError';
    this.code = code;
    this.hint = entry.hint(details);
    this.exitCode = entry.exit;
  }
}

export function fail(code: ErrorCode, details: Details = {}): never {
  throw new UmlFlowError(code, details);
}

export const isUmlFlowError = (e: unknown): e is UmlFlowError => e instanceof UmlFlowError;
