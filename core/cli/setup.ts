import { loadTarget } from '../config/load.js';
import { resolveConfig } from '../config/resolve-config.js';
import { Engine } from '../engine.js';
import { createProgress, defaultProgressOptions, type Progress } from '../progress.js';
import { ExecaRunner } from '../runner/execa-runner.js';
import type { CommandRunner } from '../runner/command.js';
import { stateRoots } from '../state.js';
import type { CliArgs } from './args.js';

export interface Session {
  engine: Engine;
  progress: Progress;
  runner: CommandRunner;
}

/** Loads and validates everything before a single command runs. */
export async function openSession(args: CliArgs, runner?: CommandRunner): Promise<Session> {
  if (args.positionals.length > 1) {
    const { fail } = await import('../errors.js');
    fail('USAGE', { message: `expected at most one target, got: ${args.positionals.join(' ')}` });
  }
  const target = args.positionals[0];
  const loaded = await loadTarget(target, process.cwd());
  const config = await resolveConfig(loaded, args.name);
  const progress = createProgress({ ...defaultProgressOptions(), ...(args.plain && { plain: true }), ...(runner?.dryRun && { silent: true }) });
  const theRunner = runner ?? new ExecaRunner();
  const engine = new Engine(config, { runner: theRunner, progress, roots: stateRoots(), target: target ?? loaded.file });
  return { engine, progress, runner: theRunner };
}
