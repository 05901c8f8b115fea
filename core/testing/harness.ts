import type { FlowContext } from '../context.js';
import { applyPlugins } from '../apply.js';
import { createHooks, type HookName } from '../hooks.js';
import { KernelCommandLine } from '../kernel.js';
import type { Plugin } from '../plugin.js';
import type { Issue } from '../schema.js';
import { RecordingRunner } from '../runner/recording-runner.js';

/** A context with fixed paths under /uf for plugin unit tests; override any field. */
export function testContext(overrides: Partial<FlowContext> = {}): FlowContext & { runner: RecordingRunner; warnings: string[]; finalizers: (() => Promise<void>)[] } {
  const warnings: string[] = [];
  const finalizers: (() => Promise<void>)[] = [];
  const ctx = {
    name: 'test',
    target: 'preset:test',
    runner: new RecordingRunner(),
    log: { info: () => {}, warn: (m: string) => void warnings.push(m) },
    paths: { imageDir: '/uf/images/test', buildDir: '/uf/build', instanceDir: '/uf/instances/test', cacheDir: '/uf/cache' },
    rootfs: '/uf/build/rootfs',
    disks: [],
    kernel: new KernelCommandLine(),
    packages: new Set<string>(),
    guest: { suite: 'bookworm', architecture: 'amd64', init: 'sysvinit' },
    instance: { umid: 'test', umlDir: '/uf/instances/test/uml', consoleLog: '/uf/instances/test/console.log', teardown: [], launchPrefix: [], probes: [], endpoints: [] },
    finalize: (_title: string, fn: () => Promise<void>) => void finalizers.push(fn),
    onAbort: () => {},
    warnings,
    finalizers,
    ...overrides,
  };
  return ctx as FlowContext & { runner: RecordingRunner; warnings: string[]; finalizers: (() => Promise<void>)[] };
}

/**
 * Applies plugins with options (validated by their schemas, defaults filled) and calls the
 * given hooks in order on `ctx`. Throws on invalid options, like a config would.
 */
export async function runHooks(ctx: FlowContext, plugins: [Plugin, Record<string, unknown>?][], hooks: HookName[]): Promise<void> {
  const tapped = createHooks();
  applyPlugins(
    tapped,
    plugins.map(([plugin, options = {}]) => {
      if (!plugin.options) return { plugin, options };
      const issues: Issue[] = [];
      const checked = plugin.options.check(options, `options.${plugin.name}`, issues);
      if (issues.length) throw new Error(issues.map((i) => `${i.path} ${i.message}`).join('; '));
      return { plugin, options: checked };
    }),
  );
  for (const hook of hooks) await tapped[hook].promise(ctx);
}
