import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { definePlugin, GUEST_PATH, nextDiskIndex, s } from '../core/index.js';

const options = s.object({
  mountpoint: s.string({ pattern: GUEST_PATH, patternHint: 'an absolute path such as /var/lib/app', description: 'Where the guest mounts it.' }),
  size: s.default(s.size({ min: '64M', max: '16T', description: 'Apparent size; the file is sparse.' }), '4G'),
  file: s.default(s.string({ pattern: /^[a-z0-9][a-z0-9._-]*\.img$/, patternHint: 'a file name like data.img' }), 'data.img'),
  label: s.default(s.string({ pattern: /^[A-Za-z0-9_-]{1,16}$/, patternHint: 'a label of 1-16 letters, digits, _ or -' }), 'data'),
});

/**
 * A disk for an app's state that outlives its image: the file lives in the instance directory,
 * not the image directory, so rebuilding the image keeps it, and each instance of one image has
 * its own. It is made (sparse, ext4) at the first boot and reused after that.
 */
export default definePlugin({
  name: 'data-disk',
  description: 'An ext4 data disk per instance that survives rebuilds of the image.',
  engines: '^0.1.0',
  options,
  apply(hooks, opts) {
    // Declared in the image, so the guest's fstab and init know it; its file is the instance's (see boot).
    hooks.allocate.tap('data-disk', (ctx) => {
      // ubd0 is the root disk, whichever plugin adds it.
      const index = Math.max(1, nextDiskIndex(ctx));
      ctx.disks.push({ index, file: opts.file, role: 'data', size: opts.size, filesystem: 'ext4', mountpoint: opts.mountpoint });
    });
    hooks.boot.tapPromise('data-disk', async (ctx) => {
      const file = join(ctx.paths.instanceDir, opts.file);
      const disk = ctx.disks.find((d) => d.role === 'data' && d.mountpoint === opts.mountpoint);
      if (!disk) throw new Error(`the image has no data disk for ${opts.mountpoint}: rebuild it (uml-flow build)`);
      disk.file = file;
      if (existsSync(file)) return;
      // Made under another name first: a half-made disk must never be mistaken for the real one.
      const fresh = `${file}.new`;
      await ctx.runner.mkdir(ctx.paths.instanceDir);
      await ctx.runner.run({ file: 'truncate', args: ['-s', opts.size, fresh] });
      // The file is new and sparse, so its journal already reads as zeros: writing it out
      // (128 MiB on a 20G disk) would only cost disk space for every instance.
      await ctx.runner.run({ file: 'mkfs.ext4', args: ['-q', '-F', '-L', opts.label, '-E', 'lazy_journal_init=1', fresh] });
      await ctx.runner.rename(fresh, file);
    });
  },
});
