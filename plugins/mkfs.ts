import { definePlugin, diskPathForBuild, rootDisk, s } from '../core/index.js';

const options = s.object({
  type: s.default(s.oneOf(['ext4', 'ext3'], { description: 'ext4, or ext3 as in the article.' }), 'ext4'),
  label: s.default(s.string({ pattern: /^[A-Za-z0-9_-]{1,16}$/, patternHint: 'a label of 1-16 letters, digits, _ or -' }), 'root'),
  mode: s.default(
    s.oneOf(['tree', 'loop'], { description: 'tree: mkfs -d from the staging tree (no mount); loop: mount the image as the article does (needs root and loop devices).' }),
    'tree',
  ),
});

/**
 * Makes the root filesystem. In `tree` mode the filesystem is written in one go from the
 * finished root tree (`mkfs -d`), so no loop device and no mount are needed.
 */
export default definePlugin({
  name: 'mkfs',
  description: 'Formats the root disk (ext4 or ext3) from the root tree, or loop-mounted.',
  engines: '^0.1.0',
  options,
  apply(hooks, { type, label, mode }) {
    hooks.format.tapPromise('mkfs', async (ctx) => {
      const disk = rootDisk(ctx);
      disk.filesystem = type;
      const image = diskPathForBuild(ctx, disk);
      const mkfs = (extra: string[]) => ctx.runner.run({ file: `mkfs.${type}`, args: ['-q', '-F', '-L', label, ...extra, image] });
      if (mode === 'tree') {
        ctx.finalize(`mkfs.${type} -d`, () => mkfs(['-d', ctx.rootfs]).then(() => undefined));
        return;
      }
      await mkfs([]);
      const mountpoint = ctx.rootfs;
      await ctx.runner.run({ file: 'mount', args: ['-o', 'loop', image, mountpoint] });
      const unmount = async () => void (await ctx.runner.run({ file: 'umount', args: [mountpoint] }));
      ctx.onAbort(unmount);
      ctx.finalize('umount', unmount);
    });
  },
});
