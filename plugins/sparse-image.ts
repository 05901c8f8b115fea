import { definePlugin, diskPathForBuild, s } from '../core/index.js';
import type { Disk } from '../core/index.js';

const options = s.object({
  size: s.default(s.size({ min: '256M', max: '2T', description: 'Apparent size of the root image; no blocks are written.' }), '10G'),
  file: s.default(s.string({ pattern: /^[a-z0-9][a-z0-9._-]*\.img$/, patternHint: 'a file name like root.img' }), 'root.img'),
});

/** The article's `dd ... seek=10G`: a sparse root image, ubd0. */
export default definePlugin({
  name: 'sparse-image',
  description: 'Allocates the root disk as a sparse file (ubd0).',
  engines: '^0.1.0',
  options,
  apply(hooks, { size, file }) {
    hooks.allocate.tapPromise('sparse-image', async (ctx) => {
      const disk: Disk = { index: 0, file, role: 'root', size };
      await ctx.runner.run({ file: 'truncate', args: ['-s', size, diskPathForBuild(ctx, disk)] });
      ctx.disks.push(disk);
    });
  },
});
