import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { definePlugin, diskPathForBoot, s, STAGE, type Disk, type FlowContext, type KernelCommandLine } from '../core/index.js';

const ARG = /^[A-Za-z0-9_.,:\/=+-]+$/;

const options = s.object({
  mem: s.default(s.size({ min: '32M', max: '64G', description: 'Guest memory (the article used 64M).' }), '128M'),
  kernel: s.default(s.string({ pattern: /^\/[A-Za-z0-9_.\/-]+$/, patternHint: 'an absolute path to a UML kernel' }), '/usr/bin/linux'),
  init: s.optional(s.string({ pattern: /^\/[A-Za-z0-9_.\/-]+$/, patternHint: 'an absolute path inside the guest' })),
  args: s.default(s.array(s.string({ pattern: ARG, patternHint: 'a kernel argument without spaces or shell characters' })), []),
  cow: s.default(
    s.boolean({ description: "Each instance writes to its own copy-on-write file over the image's disks (ubd0=instance.cow,root.img), so instances share one image and never change it." }),
    true,
  ),
});

/**
 * `con=null` for every console, then the log on con0 and whatever other plugins set for single
 * consoles (`con1=pty`): UML applies these in order, so `con=` must come first.
 */
function headlessConsoles(kernel: KernelCommandLine): void {
  const single = kernel.keys().filter((k) => /^con[0-9]+$/.test(k)).map((k) => [k, kernel.get(k)!] as const);
  for (const [k] of single) kernel.delete(k);
  kernel.set('con', 'null').set('con0', 'null,fd:1');
  for (const [k, v] of single) kernel.set(k, v);
}

/** The `ubdN=` value: the image's disk itself, or an instance's COW layer over it. */
async function ubdValue(ctx: FlowContext, disk: Disk, cow: boolean): Promise<string> {
  const base = diskPathForBoot(ctx, disk);
  if (!cow || isAbsolute(disk.file)) return base;
  const layer = join(ctx.paths.instanceDir, `${disk.file}.cow`);
  // A COW file records its base; once the image is rebuilt the old layer no longer fits it.
  if (!ctx.runner.dryRun && existsSync(layer) && statSync(base).mtimeMs > statSync(layer).mtimeMs) {
    ctx.log.info(`${disk.file} was rebuilt: starting a fresh copy-on-write layer`);
    await ctx.runner.remove(layer);
  }
  return `${layer},${base}`;
}

/**
 * Boots the image headless, as the article's `./linux mem=64M ubd0s=uml.img ... con=null &`:
 * the console goes to a log file, `umid`/`uml_dir` give the instance its mconsole socket.
 */
export default definePlugin({
  name: 'boot',
  description: 'Boots the image headless in UML; the console goes to a log file.',
  engines: '^0.1.0',
  options,
  apply(hooks, opts) {
    hooks.boot.tapPromise({ name: 'boot', stage: STAGE.backend }, async (ctx) => {
      const { instance, kernel } = ctx;
      kernel.set('mem', opts.mem);
      for (const disk of [...ctx.disks].sort((a, b) => a.index - b.index))
        kernel.set(`ubd${disk.index}${disk.flags ?? ''}`, await ubdValue(ctx, disk, opts.cow));
      kernel.set('umid', instance.umid).set('uml_dir', instance.umlDir);
      if (!kernel.has('con')) headlessConsoles(kernel);
      if (opts.init) kernel.set('init', opts.init);
      for (const arg of opts.args) kernel.add(arg);
      await ctx.runner.mkdir(instance.umlDir);
      instance.pid = await ctx.runner.spawnDetached({
        file: instance.launchPrefix[0] ?? opts.kernel,
        args: [...instance.launchPrefix.slice(1), ...(instance.launchPrefix.length ? [opts.kernel] : []), ...kernel.toArgs()],
        logFile: instance.consoleLog,
      });
    });
  },
});
