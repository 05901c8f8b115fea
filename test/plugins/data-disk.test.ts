import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import dataDisk from '../../plugins/data-disk.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function context() {
  const instanceDir = mkdtempSync(join(tmpdir(), 'uf-data-disk-'));
  temps.push(instanceDir);
  return { ctx: testContext({ paths: { imageDir: '/uf/images/test', buildDir: '/uf/build', instanceDir, cacheDir: '/uf/cache' } }), instanceDir };
}

describe('data-disk', () => {
  it('declares a data disk in the image, after the root disk', async () => {
    const { ctx } = context();
    await runHooks(ctx, [[dataDisk, { mountpoint: '/var/lib/app' }]], ['allocate']);
    expect(ctx.disks).toEqual([{ index: 1, file: 'data.img', role: 'data', size: '4G', filesystem: 'ext4', mountpoint: '/var/lib/app' }]);
    expect(ctx.runner.recorded).toEqual([]);
  });

  it("boots each instance with its own file, made at the first boot under a temporary name", async () => {
    const { ctx, instanceDir } = context();
    await runHooks(ctx, [[dataDisk, { mountpoint: '/var/lib/app', size: '1G', label: 'appdata' }]], ['allocate', 'boot']);
    const file = join(instanceDir, 'data.img');
    expect(ctx.disks[0].file).toBe(file);
    expect(ctx.runner.commands).toEqual([`truncate -s 1G ${file}.new </dev/null`, `mkfs.ext4 -q -F -L appdata -E lazy_journal_init=1 ${file}.new </dev/null`]);
    expect(ctx.runner.recorded.at(-1)).toEqual({ kind: 'rename', from: `${file}.new`, to: file });
  });

  it('keeps an existing disk untouched', async () => {
    const { ctx, instanceDir } = context();
    writeFileSync(join(instanceDir, 'data.img'), '');
    await runHooks(ctx, [[dataDisk, { mountpoint: '/var/lib/app' }]], ['allocate', 'boot']);
    expect(ctx.runner.recorded).toEqual([]);
  });

  it('says so when the image was built without the disk', async () => {
    await expect(runHooks(context().ctx, [[dataDisk, { mountpoint: '/var/lib/app' }]], ['boot'])).rejects.toThrow(/the image has no data disk for \/var\/lib\/app/);
  });

  it('refuses a mountpoint that is not a plain absolute path', async () => {
    await expect(runHooks(context().ctx, [[dataDisk, { mountpoint: '/var/lib/app dir' }]], ['allocate'])).rejects.toThrow(/options\.data-disk\.mountpoint/);
    await expect(runHooks(context().ctx, [[dataDisk, {}]], ['allocate'])).rejects.toThrow(/options\.data-disk\.mountpoint (is required|must be a string)/);
  });
});
