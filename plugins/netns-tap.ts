import { existsSync } from 'node:fs';
import { definePlugin, fail, s, type FlowContext } from '../core/index.js';
import { announceGuestInterface, detectNetDrivers, IPV4_CIDR, nextNetIndex } from './lib/guest-network.js';

const cidr = (description: string) => s.string({ pattern: IPV4_CIDR, patternHint: 'an IPv4 address with a prefix length, like 10.77.0.1/24', description });

const options = s.object({
  hostAddress: s.default(cidr('Address of the tap device inside the namespace (the host side).'), '10.77.0.1/24'),
  guestAddress: s.default(cidr('Address the guest gives its interface.'), '10.77.0.2/24'),
  kernel: s.default(
    s.string({ pattern: /^\/[A-Za-z0-9_.\/-]+$/, patternHint: 'an absolute path', description: 'The UML kernel the boot plugin runs, asked which network drivers it has.' }),
    '/usr/bin/linux',
  ),
});

const TAP = 'tap0';

const toNumber = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

/** Both addresses in one subnet and not the same, or the guest cannot be reached. */
function checkAddresses(host: string, guest: string): void {
  const [hostIp, hostBits] = host.split('/');
  const [guestIp, guestBits] = guest.split('/');
  const mask = (bits: number) => (bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0);
  const sameNet = hostBits === guestBits && ((toNumber(hostIp) & mask(Number(hostBits))) >>> 0) === ((toNumber(guestIp) & mask(Number(guestBits))) >>> 0);
  if (!sameNet || hostIp === guestIp)
    fail('CONFIG_INVALID', { file: 'options.netns-tap', issues: `hostAddress ${host} and guestAddress ${guest} must be two different addresses in one subnet` });
}

async function ensureNamespace(ctx: FlowContext, ns: string): Promise<void> {
  // Left behind by a run that was killed; the engine refuses to run over a live instance of this name.
  if (existsSync(`/run/netns/${ns}`)) {
    ctx.log.info(`removing the stale network namespace ${ns}`);
    await ctx.runner.run({ file: 'ip', args: ['netns', 'del', ns] });
  }
  const added = await ctx.runner.run({ file: 'ip', args: ['netns', 'add', ns] }, { allowFailure: true });
  if (added.exitCode !== 0)
    fail('HOST_MISSING', {
      what: `permission to create the network namespace ${ns} (${added.stderr.trim() || `exit code ${added.exitCode}`})`,
      fix: 'Run uml-flow as root (for example with sudo), or use the slirp plugin instead: it needs no privileges but gives outbound access only.',
    });
  ctx.instance.teardown.push({ file: 'ip', args: ['netns', 'del', ns] });
}

/**
 * The article's tuntap network, kept off the host's own network: each instance gets a network
 * namespace `uf-<name>` holding a tap device with the host address; the kernel (and mconsole) run
 * inside it, so the guest's address is reachable only from there (port-forward bridges to 127.0.0.1).
 * Needs root. `uml-flow stop` deletes the namespace, and the tap with it.
 */
export default definePlugin({
  name: 'netns-tap',
  description: 'A private network namespace per instance with a tap device to the guest (root).',
  engines: '^0.1.0',
  options,
  apply(hooks, opts) {
    checkAddresses(opts.hostAddress, opts.guestAddress);
    hooks.network.tapPromise('netns-tap', async (ctx) => {
      if (ctx.instance.launchPrefix.length)
        fail('PLUGIN_FAILED', { plugin: 'netns-tap', hook: 'network', reason: `the kernel already runs inside \`${ctx.instance.launchPrefix.join(' ')}\``, hint: 'Use one plugin that places the instance in a namespace.' });
      const drivers = await detectNetDrivers(ctx, opts.kernel);
      if (!drivers.tuntap && !drivers.vector)
        fail('HOST_MISSING', {
          what: `a UML kernel with a tap network driver (${drivers.source} shows neither CONFIG_UML_NET_TUNTAP nor CONFIG_UML_NET_VECTOR)`,
          fix: 'Install a UML kernel built with CONFIG_UML_NET_VECTOR (apt-get install user-mode-linux) and name it in the kernel options.',
        });
      const ns = `uf-${ctx.name}`;
      await ensureNamespace(ctx, ns);
      const ip = (...args: string[]) => ctx.runner.run({ file: 'ip', args: ['-n', ns, ...args] });
      await ip('link', 'set', 'lo', 'up');
      await ip('tuntap', 'add', 'dev', TAP, 'mode', 'tap');
      await ip('addr', 'add', opts.hostAddress, 'dev', TAP);
      await ip('link', 'set', TAP, 'up');
      ctx.instance.launchPrefix = ['ip', 'netns', 'exec', ns];

      const index = nextNetIndex(ctx);
      // Kernels up to 6.15 have the legacy tuntap transport; 6.16 kept only the vector driver.
      if (drivers.tuntap) ctx.kernel.set(`eth${index}`, `tuntap,${TAP}`);
      else ctx.kernel.add(`vec${index}:transport=tap,ifname=${TAP}`);
      announceGuestInterface(ctx, index, { device: `${drivers.tuntap ? 'eth' : 'vec'}${index}`, address: opts.guestAddress });
    });
  },
});
