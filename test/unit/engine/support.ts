import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedConfig } from '../../../core/config/resolve-config.js';
import { Engine } from '../../../core/engine.js';
import { HOOK_NAMES, type HookName } from '../../../core/hooks.js';
import type { Plugin } from '../../../core/plugin.js';
import type { Progress } from '../../../core/progress.js';
import type { CommandRunner } from '../../../core/runner/command.js';
import { RecordingRunner } from '../../../core/runner/recording-runner.js';
import type { StateRoots } from '../../../core/state.js';

const homes: string[] = [];

export const tempRoots = (): StateRoots => {
  const home = mkdtempSync(join(tmpdir(), 'uf-engine-'));
  homes.push(home);
  return { state: join(home, 'state'), cache: join(home, 'cache') };
};

/** For afterAll: removes every temp home made by tempRoots. */
export const removeTempRoots = () => homes.splice(0).forEach((home) => rmSync(home, { recursive: true, force: true }));

/** Progress that runs each step silently and remembers its title. */
export function quietProgress(): Progress & { steps: string[]; warnings: string[] } {
  const steps: string[] = [];
  const warnings: string[] = [];
  return { steps, warnings, log: { info: () => {}, warn: (m) => void warnings.push(m) }, step: (title, fn) => (steps.push(title), fn()) };
}

/** A plugin that notes every hook it sees through the runner, so the order shows in `recorded`. */
export function tracer(name: string, hooks: readonly HookName[] = HOOK_NAMES): Plugin {
  return {
    name,
    apply(h) {
      for (const hook of hooks) h[hook].tapPromise(name, async (ctx) => ctx.runner.note(`${name}:${hook}`));
    },
  };
}

export function engineFor(plugins: Plugin[], options: { runner?: CommandRunner; roots?: StateRoots; key?: string } = {}) {
  const runner = options.runner ?? new RecordingRunner();
  const roots = options.roots ?? tempRoots();
  const progress = quietProgress();
  const config: ResolvedConfig = { name: 'unit', key: options.key ?? 'k1', plugins: plugins.map((plugin) => ({ plugin, options: {} })) };
  const engine = new Engine(config, { runner, progress, roots, target: 'test' });
  return { engine, runner, roots, progress, paths: { build: join(roots.state, 'images', `.unit.build-${process.pid}`), image: join(roots.state, 'images', 'unit') } };
}

/** Recorded steps as short strings: `note allocate`, `rename a -> b`, `remove x`, `run ls`. */
export const steps = (runner: RecordingRunner) =>
  runner.recorded.map((r) => {
    switch (r.kind) {
      case 'note':
        return r.text;
      case 'rename':
        return `rename ${r.from} -> ${r.to}`;
      case 'run':
      case 'spawn':
        return `${r.kind} ${r.line}`;
      case 'write':
      case 'edit':
      case 'mkdir':
      case 'remove':
        return `${r.kind} ${r.path}`;
    }
  });
