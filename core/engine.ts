import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyPlugins } from './apply.js';
import { readJson, writeJsonAtomic } from './json-file.js';
import { pluginsKey, type ResolvedConfig } from './config/resolve-config.js';
import type { Disk, FlowContext, GuestFacts } from './context.js';
import { fail } from './errors.js';
import { BUILD_HOOKS, createHooks, type HookName, type LifecycleHooks } from './hooks.js';
import { readRecord, statusOf, stopInstance, writeRecord, type InstanceRecord } from './instances.js';
import { throwIfInterrupted } from './interrupt.js';
import { KernelCommandLine } from './kernel.js';
import { withLock } from './lock.js';
import { mountsUnder } from './mounts.js';
import type { Progress } from './progress.js';
import { consoleTail, describeProbe, waitUntilReady } from './readiness.js';
import type { CommandRunner } from './runner/command.js';
import { flowPaths, type StateRoots } from './state.js';
import { VERSION } from './version.js';

/** Written beside a finished image; `run` reuses the image while `key` matches. */
export interface ImageManifest {
  key: string;
  name: string;
  target: string;
  version: string;
  builtAt: string;
  disks: Disk[];
  guest: GuestFacts;
}

export interface EngineOptions {
  runner: CommandRunner;
  progress: Progress;
  roots: StateRoots;
  target: string;
  /** How long `run` waits for the readiness probes. */
  readyTimeoutMs?: number;
}

const pidExists = (pid: number) => existsSync(`/proc/${pid}`);

const DEFAULT_GUEST: GuestFacts = { suite: 'bookworm', architecture: 'amd64', init: 'sysvinit' };

/** Runs the lifecycle hooks of one resolved config. */
export class Engine {
  private readonly hooks: LifecycleHooks = createHooks();
  private readonly paths;

  private readonly imageName: string;
  /** Identity of the image: the plugins that shape it (they tap a build hook) and their options. */
  readonly imageKey: string;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly options: EngineOptions,
  ) {
    this.imageName = config.imageName ?? config.name;
    this.paths = flowPaths(options.roots, this.imageName, config.name);
    applyPlugins(this.hooks, config.plugins);
    const builders = new Set(BUILD_HOOKS.flatMap((h) => this.hooks[h].taps.map((t) => t.name)));
    this.imageKey = pluginsKey(config.plugins.filter((p) => builders.has(p.plugin.name)));
  }

  get name(): string {
    return this.config.name;
  }

  get imageDir(): string {
    return this.paths.imageDir;
  }

  readManifest(): ImageManifest | undefined {
    return readJson<ImageManifest>(join(this.paths.imageDir, 'manifest.json'));
  }

  /** True when the image on disk was built from exactly this config. */
  isBuilt(): boolean {
    return this.readManifest()?.key === this.imageKey;
  }

  private context(building: boolean, manifest?: ImageManifest) {
    const finalizers: { title: string; fn: () => Promise<void> }[] = [];
    const aborts: (() => Promise<void>)[] = [];
    const instanceDir = this.paths.instanceDir;
    const ctx: FlowContext = {
      name: building ? this.imageName : this.config.name,
      target: this.options.target,
      runner: this.options.runner,
      log: this.options.progress.log,
      paths: this.paths,
      rootfs: join(building ? this.paths.buildDir : this.paths.imageDir, 'rootfs'),
      disks: structuredClone(manifest?.disks ?? []),
      kernel: new KernelCommandLine(),
      packages: new Set(),
      guest: { ...(manifest?.guest ?? DEFAULT_GUEST) },
      instance: {
        umid: this.config.name,
        umlDir: join(instanceDir, 'uml'),
        consoleLog: join(instanceDir, 'console.log'),
        teardown: [],
        launchPrefix: [],
        probes: [],
        endpoints: [],
      },
      finalize: (title, fn) => void finalizers.push({ title, fn }),
      onAbort: (fn) => void aborts.push(fn),
    };
    return { ctx, finalizers, aborts };
  }

  private async callHook(name: HookName, ctx: FlowContext): Promise<void> {
    const hook = this.hooks[name];
    throwIfInterrupted();
    if (!hook.isUsed()) return;
    await this.options.progress.step(`${name} (${hook.taps.map((t) => t.name).join(', ')})`, () => hook.promise(ctx));
  }

  private refuseIfRunning(): void {
    const record = readRecord(this.options.roots, this.config.name);
    if (record && statusOf(record) === 'running') fail('INSTANCE_RUNNING', { name: record.name, pid: record.pid });
  }

  /** Builds the image, under its lock: two uml-flow processes never build one image at once. */
  build(): Promise<ImageManifest> {
    return this.lockedBuild(false);
  }

  /** The image as built from this config, building it only if it is missing or stale. */
  private async currentImage(): Promise<ImageManifest> {
    if (!this.options.runner.dryRun && this.isBuilt()) return this.readManifest()!;
    return this.lockedBuild(true);
  }

  private lockedBuild(reuseIfBuilt: boolean): Promise<ImageManifest> {
    if (this.options.runner.dryRun) return this.buildUnlocked();
    const lockFile = join(dirname(this.paths.imageDir), `.${this.imageName}.lock`);
    const onWait = (pid: number) => this.options.progress.log.info(`waiting for another build of "${this.imageName}" (pid ${pid})`);
    // Whoever held the lock may have just built the same image.
    return withLock(lockFile, onWait, async () => (reuseIfBuilt && this.isBuilt() ? this.readManifest()! : this.buildUnlocked()));
  }

  /** allocate, format, bootstrap, configure, then the finalizers; the image moves into place only when all succeed. */
  private async buildUnlocked(): Promise<ImageManifest> {
    const { runner } = this.options;
    if (!runner.dryRun) this.refuseIfRunning();
    const { ctx, finalizers, aborts } = this.context(true);
    const { buildDir, imageDir } = this.paths;
    await this.removeStaleBuilds();
    await runner.remove(buildDir);
    await runner.mkdir(ctx.rootfs);
    try {
      for (const name of BUILD_HOOKS) await this.callHook(name, ctx);
      for (const { title, fn } of finalizers) {
        throwIfInterrupted();
        await this.options.progress.step(`finalize: ${title}`, fn);
      }
      throwIfInterrupted();
      await this.removeTree(join(buildDir, 'rootfs'));
      const manifest: ImageManifest = {
        key: this.imageKey,
        name: this.imageName,
        target: this.options.target,
        version: VERSION,
        builtAt: new Date().toISOString(),
        disks: ctx.disks,
        guest: ctx.guest,
      };
      if (!runner.dryRun) await writeJsonAtomic(join(buildDir, 'manifest.json'), manifest, 0o644);
      const old = `${buildDir}.old`;
      if (existsSync(imageDir)) await runner.rename(imageDir, old);
      await runner.rename(buildDir, imageDir);
      await runner.remove(old);
      return manifest;
    } catch (e) {
      for (const fn of aborts.reverse()) await fn().catch(() => undefined);
      await this.removeTree(buildDir);
      throw e;
    }
  }

  /** Unmounts whatever is left mounted inside a tree, then removes it (never through a mount). */
  private async removeTree(dir: string): Promise<void> {
    const { runner } = this.options;
    if (!runner.dryRun) for (const mount of mountsUnder(dir)) await runner.run({ file: 'umount', args: ['--lazy', mount] }, { allowFailure: true });
    if (!runner.dryRun && mountsUnder(dir).length) return this.options.progress.log.warn(`left ${dir} in place: something is still mounted inside it`);
    await runner.remove(dir);
  }

  /** Build dirs of earlier builds of this image whose process is gone (killed, power loss). */
  private async removeStaleBuilds(): Promise<void> {
    if (this.options.runner.dryRun) return;
    const parent = dirname(this.paths.imageDir);
    const pattern = new RegExp(`^\\.${this.imageName}\\.build-([0-9]+)(\\.old)?$`);
    for (const entry of existsSync(parent) ? readdirSync(parent) : []) {
      const pid = pattern.exec(entry)?.[1];
      if (pid && Number(pid) !== process.pid && !pidExists(Number(pid))) await this.removeTree(join(parent, entry));
    }
  }

  /** Builds when the image is missing or stale, boots, waits until ready, then postInstall. */
  async run(): Promise<InstanceRecord> {
    const { runner, progress, roots } = this.options;
    if (!runner.dryRun) {
      this.refuseIfRunning();
      // A dead instance (killed, host crash) still has host changes to undo before it starts again.
      const previous = readRecord(roots, this.config.name);
      if (previous && statusOf(previous) === 'dead') await stopInstance(runner, roots, previous, progress.log);
    }
    const manifest = await this.currentImage();
    const { ctx } = this.context(false, manifest);
    await runner.mkdir(this.paths.instanceDir);
    await runner.remove(ctx.instance.consoleLog);
    const record = (): InstanceRecord => ({
      name: ctx.name,
      target: ctx.target,
      pid: ctx.instance.pid ?? -1,
      umid: ctx.instance.umid,
      umlDir: ctx.instance.umlDir,
      consoleLog: ctx.instance.consoleLog,
      imageDir: this.paths.imageDir,
      teardown: ctx.instance.teardown,
      launchPrefix: ctx.instance.launchPrefix,
      endpoints: ctx.instance.endpoints,
      startedAt: new Date().toISOString(),
    });
    try {
      await this.callHook('network', ctx);
      await this.callHook('boot', ctx);
      await writeRecord(runner, roots, record());
      await this.waitReady(ctx);
      await this.callHook('postInstall', ctx);
      await writeRecord(runner, roots, record());
      return record();
    } catch (e) {
      if (!runner.dryRun) await stopInstance(runner, roots, record(), progress.log, { graceMs: 5_000 }).catch(() => undefined);
      throw e;
    }
  }

  private async waitReady(ctx: FlowContext): Promise<void> {
    const { probes, pid, consoleLog } = ctx.instance;
    if (!probes.length) return;
    const title = `ready: ${probes.map(describeProbe).join(', ')}`;
    if (this.options.runner.dryRun) return this.options.runner.note(`wait until ${title}`);
    if (pid === undefined) fail('PLUGIN_FAILED', { plugin: 'core', hook: 'boot', reason: 'no plugin started the UML process (ctx.instance.pid is unset)' });
    const timeoutMs = this.options.readyTimeoutMs ?? 300_000;
    const result = await this.options.progress.step(title, () => waitUntilReady(probes, pid, consoleLog, timeoutMs));
    if (!result.ok) fail('NOT_READY', { name: ctx.name, seconds: Math.round(timeoutMs / 1000), probe: result.reason, tail: consoleTail(consoleLog), log: consoleLog });
  }
}
