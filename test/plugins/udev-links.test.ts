import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import udevLinks from '../../plugins/udev-links.js';

const ARTICLE_LINES = ['M ubd0 b 98 0', 'M ubd1 b 98 16', 'M ubd2 b 98 32', 'M ubd3 b 98 48', 'M ubd4 b 98 64', 'M ubd5 b 98 80', 'M ubd6 b 98 96', 'M ubd7 b 98 112'];

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A real root tree on disk, since the plugin asks the host whether links.conf exists. */
function context(linksConf?: string) {
  const rootfs = mkdtempSync(join(tmpdir(), 'uf-rootfs-'));
  temps.push(rootfs);
  const ctx = testContext({ rootfs });
  const infos: string[] = [];
  ctx.log.info = (m) => void infos.push(m);
  if (linksConf !== undefined) {
    mkdirSync(join(rootfs, 'etc/udev'), { recursive: true });
    writeFileSync(join(rootfs, 'etc/udev/links.conf'), linksConf);
    ctx.runner.files.set(join(rootfs, 'etc/udev/links.conf'), linksConf);
  }
  return { ctx, infos, file: join(rootfs, 'etc/udev/links.conf') };
}

describe('udev-links', () => {
  it("appends the article's ubd0-7 lines to an old udev's links.conf", async () => {
    const { ctx, file } = context('# This file does not exist.\nM ubd0 b 98 0\n');
    await runHooks(ctx, [[udevLinks, {}]], ['configure']);
    expect(ctx.runner.files.get(file)).toBe(`# This file does not exist.\n${ARTICLE_LINES.join('\n')}\n`);
    expect(ctx.runner.commands).toEqual([]);
  });

  it('explains why nothing is needed when the guest udev has no links.conf', async () => {
    const { ctx, infos } = context();
    await runHooks(ctx, [[udevLinks, {}]], ['configure']);
    expect(ctx.runner.recorded).toEqual([]);
    expect(infos).toEqual([expect.stringMatching(/devtmpfs creates \/dev\/ubda/)]);
  });
});
