import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import mkfs from '../../plugins/mkfs.js';
import sparseImage from '../../plugins/sparse-image.js';

describe('mkfs', () => {
  it('tree mode: formats after configure from the finished tree, no mount', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[sparseImage, {}], [mkfs, {}]], ['allocate', 'format', 'bootstrap', 'configure']);
    expect(ctx.runner.commands).toEqual(['truncate -s 10G /uf/build/root.img </dev/null']);
    expect(ctx.disks[0].filesystem).toBe('ext4');
    for (const fn of ctx.finalizers) await fn();
    expect(ctx.runner.commands.at(-1)).toBe('mkfs.ext4 -q -F -L root -d /uf/build/rootfs /uf/build/root.img </dev/null');
  });

  it("ext3 as in the article: the same command with mkfs.ext3, and fstab sees ext3", async () => {
    const ctx = testContext();
    await runHooks(ctx, [[sparseImage, {}], [mkfs, { type: 'ext3', label: 'uml' }]], ['allocate', 'format']);
    for (const fn of ctx.finalizers) await fn();
    expect(ctx.disks[0].filesystem).toBe('ext3');
    expect(ctx.runner.commands.at(-1)).toBe('mkfs.ext3 -q -F -L uml -d /uf/build/rootfs /uf/build/root.img </dev/null');
  });

  it('loop mode: formats empty, mounts the image on the tree, unmounts at the end and on abort', async () => {
    const aborts: (() => Promise<void>)[] = [];
    const ctx = testContext({ onAbort: (fn) => void aborts.push(fn) });
    await runHooks(ctx, [[sparseImage, {}], [mkfs, { type: 'ext3', mode: 'loop' }]], ['allocate', 'format']);
    expect(ctx.runner.commands).toEqual([
      'truncate -s 10G /uf/build/root.img </dev/null',
      'mkfs.ext3 -q -F -L root /uf/build/root.img </dev/null',
      'mount -o loop /uf/build/root.img /uf/build/rootfs </dev/null',
    ]);
    expect(aborts).toHaveLength(1);
    for (const fn of ctx.finalizers) await fn();
    expect(ctx.runner.commands.at(-1)).toBe('umount /uf/build/rootfs </dev/null');
  });

  it('needs a root disk', async () => {
    await expect(runHooks(testContext(), [[mkfs, {}]], ['format'])).rejects.toThrow(/no root disk: add an allocate plugin/);
  });

  it('rejects an unknown filesystem', async () => {
    await expect(runHooks(testContext(), [[mkfs, { type: 'xfs' }]], ['format'])).rejects.toThrow(/options\.mkfs\.type must be one of "ext4", "ext3"/);
  });
});
