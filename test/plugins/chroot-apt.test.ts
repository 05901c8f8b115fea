import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import chrootApt from '../../plugins/chroot-apt.js';
import mmdebstrap from '../../plugins/mmdebstrap.js';

const R = '/uf/build/rootfs';

describe('chroot-apt', () => {
  it('installs after the bootstrap backend, with services kept from starting, then cleans up', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[chrootApt, { packages: ['curl', 'jq'] }], [mmdebstrap, { cache: false }]], ['bootstrap']);
    expect(ctx.runner.commands).toEqual([
      `mmdebstrap --quiet --variant=minbase --architectures=amd64 --include=sysvinit-core bookworm ${R} http://deb.debian.org/debian </dev/null`,
      `cp -L --remove-destination /etc/resolv.conf ${R}/etc/resolv.conf </dev/null`,
      `DEBIAN_FRONTEND=noninteractive chroot ${R} apt-get update -q </dev/null`,
      `DEBIAN_FRONTEND=noninteractive chroot ${R} apt-get install -y -q --no-install-recommends curl jq </dev/null`,
      `DEBIAN_FRONTEND=noninteractive chroot ${R} apt-get clean </dev/null`,
    ]);
    expect(ctx.runner.recorded.find((r) => r.kind === 'write')).toEqual({ kind: 'write', path: `${R}/usr/sbin/policy-rc.d`, content: expect.stringContaining('exit 101'), mode: 0o755 });
    expect(ctx.runner.recorded.at(-1)).toEqual({ kind: 'remove', path: `${R}/usr/sbin/policy-rc.d` });
    expect([...ctx.packages]).not.toContain('curl');
  });

  it('removes policy-rc.d even when apt fails', async () => {
    const ctx = testContext();
    const run = ctx.runner.run.bind(ctx.runner);
    ctx.runner.run = async (c, o) => {
      const r = await run(c, o);
      if (c.args.includes('install')) throw new Error('apt-get install failed');
      return r;
    };
    await expect(runHooks(ctx, [[chrootApt, { packages: ['nonexistent-pkg'] }]], ['bootstrap'])).rejects.toThrow(/apt-get install failed/);
    expect(ctx.runner.recorded.at(-1)).toEqual({ kind: 'remove', path: `${R}/usr/sbin/policy-rc.d` });
  });

  it('does nothing without packages', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[chrootApt, {}]], ['bootstrap']);
    expect(ctx.runner.recorded).toEqual([]);
  });
});
