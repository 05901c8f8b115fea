import { definePlugin, diskPathForBuild, nextDiskIndex, s } from '../core/index.js';
import type { Disk } from '../core/index.js';

const options = s.object({
  size: s.default(s.size({ min: '16M', max: '64G', description: 'Apparent size of the swap image; no blocks are written.' }), '512M'),
  file: s.default(s.string({ pattern: /^[a-z0-9][a-z0-9._-]*\.img$/, patternHint: 'a file name like swap.img' }), 'swap.img'),
});

/**
 * The article's `ubd1=swap.img` with mkswap: a sparse swap image after the root disk, formatted
 * on the host. The fstab plugin writes its line from the disk's role.
 */
export default definePlugin({
  name: 'swap',
  description: 'A sparse swap disk (ubd1 or the next free one), mkswap on the host.',
  engines: '^0.1.0',
  options,
  apply(hooks, { size, file }) {
    hooks.allocate.tapPromise('swap', async (ctx) => {
      // ubd0 is the root disk by convention, even when its allocator runs after this one.
      const disk: Disk = { index: Math.max(1, nextDiskIndex(ctx)), file, role: 'swap', size, filesystem: 'swap' };
      await ctx.runner.run({ file: 'truncate', args: ['-s', size, diskPathForBuild(ctx, disk)] });
      ctx.disks.push(disk);
    });
    hooks.format.tapPromise('swap', async (ctx) => {
      const disk = ctx.disks.find((d) => d.role === 'swap' && d.file === file)!;
      await ctx.runner.run({ file: 'mkswap', args: ['-L', 'swap', diskPathForBuild(ctx, disk)] });
    });
  },
});
