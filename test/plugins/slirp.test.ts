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

  it('inside a private namespace (netns-tap), has UML start slirp in the host namespace, named until stop', async () => {
    const ctx = context('CONFIG_UML_NET=y\nCONFIG_UML_NET_TUNTAP=y\nCONFIG_UML_NET_SLIRP=y\n');
    ctx.kernel.set('eth0', 'tuntap,tap0');
    ctx.instance.launchPrefix = ['ip', 'netns', 'exec', 'uf-test'];
    await runHooks(ctx, [[slirp, { helper: '/bin/sh' }]], ['network', 'boot']);
    expect(ctx.runner.commands.slice(1)).toEqual([`ip netns attach uf-host-test ${process.pid} </dev/null`]);
    expect(ctx.instance.teardown).toEqual([{ file: 'ip', args: ['netns', 'del', 'uf-host-test'] }]);
    expect(ctx.kernel.get('eth1')).toBe('slirp,,/usr/bin/nsenter,--net=/run/netns/uf-host-test,/bin/sh');
    expect(ctx.kernel.get('uf_net1')).toBe('eth1,10.0.2.15/24,10.0.2.2');
  });

  it('refuses a helper path UML would split or mangle', async () => {
    await expect(runHooks(context(''), [[slirp, { helper: '/opt/my_slirp' }]], ['network'])).rejects.toThrow(/options\.slirp\.helper .* without "_" or ","/);
  });
});
