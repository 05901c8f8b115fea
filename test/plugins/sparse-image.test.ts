import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import sparseImage from '../../plugins/sparse-image.js';

describe('sparse-image', () => {
  it('allocates ubd0 with truncate only: no block is written', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[sparseImage, {}]], ['allocate', 'format', 'bootstrap', 'configure']);
    expect(ctx.runner.recorded).toEqual([expect.objectContaining({ kind: 'run', line: 'truncate -s 10G /uf/build/root.img </dev/null' })]);
    expect(ctx.disks).toEqual([{ index: 0, file: 'root.img', role: 'root', size: '10G' }]);
  });

  it('takes a size and a file name', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[sparseImage, { size: '512M', file: 'disk.img' }]], ['allocate']);
    expect(ctx.runner.commands).toEqual(['truncate -s 512M /uf/build/disk.img </dev/null']);
  });

  it.each([
    ['10GB', /"10GB" is not a size like 512M or 10G/],
    ['1.5G', /is not a size like 512M/],
    ['100M', /"100M" is too small: at least 256M/],
    ['3T', /"3T" is too large: at most 2T/],
    [10, /must be a string, got number 10/],
  ])('rejects the size %j', async (size, message) => {
    const ctx = testContext();
    await expect(runHooks(ctx, [[sparseImage, { size }]], ['allocate'])).rejects.toThrow(message);
    expect(ctx.runner.recorded).toEqual([]);
  });

  it('rejects a file name that could leave the build directory', async () => {
    await expect(runHooks(testContext(), [[sparseImage, { file: '../root.img' }]], ['allocate'])).rejects.toThrow(/a file name like root\.img/);
  });
});
