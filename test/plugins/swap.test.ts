import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import fstab from '../../plugins/fstab.js';
import sparseImage from '../../plugins/sparse-image.js';
import swap from '../../plugins/swap.js';

describe('swap', () => {
  it('allocates a sparse ubd1 after the root disk and runs mkswap on the host file', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[sparseImage, {}], [swap, {}]], ['allocate', 'format']);
    expect(ctx.disks).toEqual([
      { index: 0, file: 'root.img', role: 'root', size: '10G' },
      { index: 1, file: 'swap.img', role: 'swap', size: '512M', filesystem: 'swap' },
    ]);
    expect(ctx.runner.commands).toEqual([
      'truncate -s 10G /uf/build/root.img </dev/null',
      'truncate -s 512M /uf/build/swap.img </dev/null',
      'mkswap -L swap /uf/build/swap.img </dev/null',
    ]);
  });

  it('leaves ubd0 to the root disk even when listed first, and fstab gets its line', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[swap, { size: '1G', file: 'sw.img' }], [sparseImage, {}], [fstab, {}]], ['allocate', 'configure']);
    expect(ctx.disks.map((d) => [d.index, d.role])).toEqual([[1, 'swap'], [0, 'root']]);
    expect(ctx.runner.files.get('/uf/build/rootfs/etc/fstab')).toContain('/dev/ubdb\tnone\tswap\tsw\t0\t0\n');
  });

  it('validates the size', async () => {
    await expect(runHooks(testContext(), [[swap, { size: '512MB' }]], ['allocate'])).rejects.toThrow(/options\.swap\.size "512MB" is not a size like 512M/);
  });
});
