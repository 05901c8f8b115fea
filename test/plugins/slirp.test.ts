import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import slirp from '../../plugins/slirp.js';

function context(showconfig: string) {
  const ctx = testContext();
  ctx.runner.respond((c) => (c.args[0] === '--showconfig' ? { stdout: showconfig } : undefined));
  return ctx;
}

describe('slirp', () => {
  it("adds a slirp interface and tells the guest slirp's fixed addresses", async () => {
    const ctx = context('CONFIG_UML_NET=y\nCONFIG_UML_NET_SLIRP=y\n');
    await runHooks(ctx, [[slirp, { helper: '/bin/sh' }]], ['network', 'boot']);
    expect(ctx.runner.commands).toEqual(['/usr/bin/linux --showconfig </dev/null']);
    expect(ctx.kernel.toArgs()).toEqual(['eth0=slirp,,/bin/sh', 'uf_net0=eth0,10.0.2.15/24,10.0.2.2', 'uf_dns=10.0.2.3']);
    expect(ctx.instance.teardown).toEqual([]);
  });

  it('names the missing kernel feature (Linux 6.16 dropped the slirp transport)', async () => {
    const ctx = context('CONFIG_UML_NET=y\nCONFIG_UML_NET_VECTOR=y\n');
    await expect(runHooks(ctx, [[slirp, {}]], ['network'])).rejects.toMatchObject({ code: 'HOST_MISSING', message: expect.stringContaining('CONFIG_UML_NET_SLIRP') });
  });

  it('names the missing helper program', async () => {
    const ctx = context('CONFIG_UML_NET=y\nCONFIG_UML_NET_SLIRP=y\n');
    await expect(runHooks(ctx, [[slirp, { helper: '/nonexistent/slirp' }]], ['network'])).rejects.toMatchObject({ code: 'HOST_MISSING', hint: 'apt-get install -y slirp' });
  });

  it('refuses to run inside a network namespace, where it would reach nothing', async () => {
    const ctx = context('CONFIG_UML_NET=y\nCONFIG_UML_NET_SLIRP=y\n');
    ctx.instance.launchPrefix = ['ip', 'netns', 'exec', 'uf-test'];
    await expect(runHooks(ctx, [[slirp, { helper: '/bin/sh' }]], ['network', 'boot'])).rejects.toThrow(/a network namespace with no way out/);
  });
});
