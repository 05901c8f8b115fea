import { describe, expect, it } from 'vitest';
import { bootstrapCacheKey } from '../../core/bootstrap-cache.js';
import { runHooks, testContext } from '../../core/testing.js';
import debootstrap from '../../plugins/debootstrap.js';
import locale from '../../plugins/locale.js';

const VERSION = 'debootstrap 1.0.128+nmu2+deb12u2';

function context() {
  const ctx = testContext();
  ctx.runner.respond((c) => (c.args[0] === '--version' ? { stdout: `${VERSION}\n` } : undefined));
  return ctx;
}

describe('debootstrap', () => {
  it("cold cache: bootstraps into the tree as the article did, then stores a tarball of it", async () => {
    const ctx = context();
    await runHooks(ctx, [[locale, {}], [debootstrap, {}]], ['bootstrap']);
    expect(ctx.guest).toEqual({ suite: 'bookworm', architecture: 'amd64', init: 'sysvinit' });
    const key = bootstrapCacheKey({
      backend: 'debootstrap',
      backendVersion: VERSION,
      suite: 'bookworm',
      architecture: 'amd64',
      variant: 'minbase',
      mirror: 'http://deb.debian.org/debian',
      packages: ['locales', 'sysvinit-core'],
    });
    const tar = `/uf/cache/bootstrap/${key}.tar`;
    expect(ctx.runner.commands).toEqual([
      'debootstrap --version </dev/null',
      'debootstrap --variant=minbase --arch=amd64 --include=locales,sysvinit-core bookworm /uf/build/rootfs http://deb.debian.org/debian </dev/null',
      `tar --numeric-owner --xattrs '--xattrs-include=*' -cpf ${tar}.tmp-${process.pid} -C /uf/build/rootfs . </dev/null`,
    ]);
    expect(ctx.runner.recorded.at(-1)).toEqual({ kind: 'rename', from: `${tar}.tmp-${process.pid}`, to: tar });
  });

  it('systemd, the default variant and no cache', async () => {
    const ctx = context();
    await runHooks(ctx, [[debootstrap, { init: 'systemd', variant: 'default', cache: false, suite: 'trixie' }]], ['bootstrap']);
    expect(ctx.guest.init).toBe('systemd');
    expect(ctx.runner.commands).toEqual(['debootstrap --arch=amd64 --include=systemd-sysv trixie /uf/build/rootfs http://deb.debian.org/debian </dev/null']);
  });

  it('has its own variants', async () => {
    await expect(runHooks(context(), [[debootstrap, { variant: 'essential' }]], ['bootstrap'])).rejects.toThrow(
      /options\.debootstrap\.variant must be one of "minbase", "buildd", "default"/,
    );
  });
});
