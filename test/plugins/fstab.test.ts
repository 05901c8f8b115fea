import { describe, expect, it } from 'vitest';
import type { Disk } from '../../core/index.js';
import { runHooks, testContext } from '../../core/testing.js';
import fstab from '../../plugins/fstab.js';

const FILE = '/uf/build/rootfs/etc/fstab';

describe('fstab', () => {
  it('mounts the root disk from /dev/ubda with its filesystem', async () => {
    const ctx = testContext({ disks: [{ index: 0, file: 'root.img', role: 'root', filesystem: 'ext3' }] });
    await runHooks(ctx, [[fstab, {}]], ['configure']);
    expect(ctx.runner.recorded).toEqual([{ kind: 'write', path: FILE, mode: 0o644, content: '# written by uml-flow\n/dev/ubda\t/\text3\tdefaults\t0\t1\n' }]);
  });

  it('adds swap and data disks in ubd order; a data disk without a mount point is left out', async () => {
    const disks: Disk[] = [
      { index: 2, file: 'data.img', role: 'data', filesystem: 'ext4', mountpoint: '/var/lib/app' },
      { index: 0, file: 'root.img', role: 'root', filesystem: 'ext4' },
      { index: 3, file: 'raw.img', role: 'data' },
      { index: 1, file: 'swap.img', role: 'swap', filesystem: 'swap' },
    ];
    const ctx = testContext({ disks });
    await runHooks(ctx, [[fstab, {}]], ['configure']);
    expect(ctx.runner.files.get(FILE)).toBe(
      '# written by uml-flow\n' +
        '/dev/ubda\t/\text4\tdefaults\t0\t1\n' +
        '/dev/ubdb\tnone\tswap\tsw\t0\t0\n' +
        '/dev/ubdc\t/var/lib/app\text4\tdefaults,nofail\t0\t2\n',
    );
  });

  it('has no options', async () => {
    await expect(runHooks(testContext(), [[fstab, { root: '/dev/ubd0' }]], ['configure'])).rejects.toThrow(/options\.fstab\.root .*option/);
  });
});
