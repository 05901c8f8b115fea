import { definePlugin, inGuest, s, ubdDevice } from '../core/index.js';
import type { Disk } from '../core/index.js';

function line(disk: Disk): string | undefined {
  const device = ubdDevice(disk.index);
  if (disk.role === 'root') return `${device}\t/\t${disk.filesystem ?? 'auto'}\tdefaults\t0\t1`;
  if (disk.role === 'swap') return `${device}\tnone\tswap\tsw\t0\t0`;
  if (disk.mountpoint) return `${device}\t${disk.mountpoint}\t${disk.filesystem ?? 'auto'}\tdefaults,nofail\t0\t2`;
  return undefined;
}

/** Writes /etc/fstab from the disk table: root on /dev/ubda, then swap and data disks. */
export default definePlugin({
  name: 'fstab',
  description: 'Writes /etc/fstab for the UML disks (/dev/ubda is the root).',
  engines: '^0.1.0',
  options: s.object({}),
  apply(hooks) {
    hooks.configure.tapPromise('fstab', async (ctx) => {
      const lines = [...ctx.disks].sort((a, b) => a.index - b.index).map(line).filter(Boolean);
      await ctx.runner.writeFile(inGuest(ctx, '/etc/fstab'), `# written by uml-flow\n${lines.join('\n')}\n`);
    });
  },
});
