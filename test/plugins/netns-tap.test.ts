import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import netnsTap from '../../plugins/netns-tap.js';

const LEGACY = 'CONFIG_UML_NET=y\nCONFIG_UML_NET_TUNTAP=y\nCONFIG_UML_NET_SLIRP=y\nCONFIG_UML_NET_VECTOR=y\n';
const VECTOR_ONLY = 'CONFIG_UML_NET=y\nCONFIG_UML_NET_VECTOR=y\n';

function context(showconfig: string | undefined, version = '6.1.176') {
  const ctx = testContext();
  ctx.runner.respond((c) => {
    if (c.file !== '/usr/bin/linux') return undefined;
    if (c.args[0] === '--showconfig') return showconfig === undefined ? { exitCode: 1 } : { stdout: showconfig };
    return { stdout: `${version}\n` };
  });
  return ctx;
}

const SETUP = [
  '/usr/bin/linux --showconfig </dev/null',
  'ip netns add uf-test </dev/null',
  'ip -n uf-test link set lo up </dev/null',
  'ip -n uf-test tuntap add dev tap0 mode tap </dev/null',
  'ip -n uf-test addr add 10.77.0.1/24 dev tap0 </dev/null',
  'ip -n uf-test link set tap0 up </dev/null',
];

describe('netns-tap', () => {
  it('makes a namespace with the tap, runs the kernel in it, and deletes it on stop (legacy tuntap)', async () => {
    const ctx = context(LEGACY);
    await runHooks(ctx, [[netnsTap, {}]], ['network']);
    expect(ctx.runner.commands).toEqual(SETUP);
    expect(ctx.instance.launchPrefix).toEqual(['ip', 'netns', 'exec', 'uf-test']);
    expect(ctx.instance.teardown).toEqual([{ file: 'ip', args: ['netns', 'del', 'uf-test'] }]);
    expect(ctx.kernel.toArgs()).toEqual(['eth0=tuntap,tap0', 'uf_net0=eth0,10.77.0.2/24']);
  });

  it('uses the vector driver when the kernel has no legacy tuntap', async () => {
    const ctx = context(VECTOR_ONLY);
    await runHooks(ctx, [[netnsTap, { hostAddress: '192.168.50.1/30', guestAddress: '192.168.50.2/30' }]], ['network']);
    expect(ctx.kernel.toArgs()).toEqual(['vec0:transport=tap,ifname=tap0', 'uf_net0=vec0,192.168.50.2/30']);
  });

  it('falls back to the kernel version when --showconfig says nothing', async () => {
    const ctx = context(undefined, '6.16.3');
    await runHooks(ctx, [[netnsTap, {}]], ['network']);
    expect(ctx.runner.commands.slice(0, 2)).toEqual(['/usr/bin/linux --showconfig </dev/null', '/usr/bin/linux --version </dev/null']);
    expect(ctx.kernel.toArgs()[0]).toBe('vec0:transport=tap,ifname=tap0');
  });

  it('takes the next device when another plugin has eth0', async () => {
    const ctx = context(LEGACY);
    ctx.kernel.set('eth0', 'slirp,,/usr/bin/slirp-fullbolt');
    await runHooks(ctx, [[netnsTap, {}]], ['network']);
    expect(ctx.kernel.toArgs()).toEqual(['eth0=slirp,,/usr/bin/slirp-fullbolt', 'eth1=tuntap,tap0', 'uf_net1=eth1,10.77.0.2/24']);
  });

  it('says what is missing when the namespace cannot be made, and leaves nothing to undo', async () => {
    const ctx = context(LEGACY);
    ctx.runner.respond((c) => (c.args[1] === 'add' && c.args[0] === 'netns' ? { exitCode: 1, stderr: 'mount --make-shared /run/netns failed: Operation not permitted' } : undefined));
    await expect(runHooks(ctx, [[netnsTap, {}]], ['network'])).rejects.toMatchObject({
      code: 'HOST_MISSING',
      message: expect.stringContaining('permission to create the network namespace uf-test (mount --make-shared /run/netns failed: Operation not permitted)'),
    });
    expect(ctx.runner.commands).toEqual(SETUP.slice(0, 2));
    expect(ctx.instance.teardown).toEqual([]);
  });

  it('fails clearly on a kernel without any tap driver', async () => {
    const ctx = context('CONFIG_UML_NET=y\n');
    await expect(runHooks(ctx, [[netnsTap, {}]], ['network'])).rejects.toMatchObject({ code: 'HOST_MISSING' });
    expect(ctx.runner.commands).toEqual(['/usr/bin/linux --showconfig </dev/null']);
  });

  it.each([
    [{ guestAddress: '10.77.0.1/24' }, /two different addresses in one subnet/],
    [{ guestAddress: '10.78.0.2/24' }, /two different addresses in one subnet/],
    [{ hostAddress: '10.77.0.1' }, /options\.netns-tap\.hostAddress .* is not an IPv4 address with a prefix length/],
    [{ guestAddress: '10.77.0.2/24 dev eth0' }, /options\.netns-tap\.guestAddress/],
  ])('refuses addresses %j', async (opts, message) => {
    await expect(runHooks(context(LEGACY), [[netnsTap, opts]], ['network'])).rejects.toThrow(message);
  });
});
