import { existsSync } from 'node:fs';
import { definePlugin, fail, s, type FlowContext } from '../core/index.js';
import { announceGuestDns, announceGuestInterface, detectNetDrivers, nextNetIndex } from './lib/guest-network.js';

// UML splits the slirp command at commas and turns "_" into spaces: neither may be in a path.
const helperPath = (description: string) => s.string({ pattern: /^\/[A-Za-z0-9.\/-]+$/, patternHint: 'an absolute path without "_" or ","', description });

const options = s.object({
  helper: s.default(helperPath('The slirp program UML starts (Debian package slirp).'), '/usr/bin/slirp-fullbolt'),
  kernel: s.default(
    s.string({ pattern: /^\/[A-Za-z0-9_.\/-]+$/, patternHint: 'an absolute path', description: 'The UML kernel the boot plugin runs, asked whether it has the slirp transport.' }),
    '/usr/bin/linux',
  ),
});

/** slirp's fixed user-mode network: the guest is 10.0.2.15, slirp answers as gateway and DNS. */
const GUEST = { address: '10.0.2.15/24', gateway: '10.0.2.2', dns: '10.0.2.3' };

/**
 * When the kernel runs inside a private namespace (netns-tap), slirp started there would reach
 * nothing: name uml-flow's own (the host's) namespace and have UML start slirp in it through nsenter.
 */
async function slirpFromHostNamespace(ctx: FlowContext, device: string, helper: string): Promise<void> {
  const handle = `uf-host-${ctx.name}`;
  if (existsSync(`/run/netns/${handle}`)) await ctx.runner.run({ file: 'ip', args: ['netns', 'del', handle] });
  await ctx.runner.run({ file: 'ip', args: ['netns', 'attach', handle, String(process.pid)] });
  ctx.instance.teardown.push({ file: 'ip', args: ['netns', 'del', handle] });
  ctx.kernel.set(device, ['slirp', '', '/usr/bin/nsenter', `--net=/run/netns/${handle}`, helper].join(','));
}

/**
 * Outbound network without privileges: UML runs a slirp process that turns the guest's packets into
 * ordinary sockets of the host, so the guest reaches the Debian mirror as the user running uml-flow.
 * Nothing listens on the host; for inbound access use netns-tap with port-forward (then slirp is
 * started in the host's namespace, which needs root like netns-tap).
 */
export default definePlugin({
  name: 'slirp',
  description: 'Outbound user-mode networking (no root): the guest reaches the internet through slirp.',
  engines: '^0.1.0',
  options,
  apply(hooks, opts) {
    let device: string | undefined;
    hooks.network.tapPromise('slirp', async (ctx) => {
      const drivers = await detectNetDrivers(ctx, opts.kernel);
      if (!drivers.slirp)
        fail('HOST_MISSING', {
          what: `a UML kernel with the slirp transport (${drivers.source} shows no CONFIG_UML_NET_SLIRP; Linux 6.16 removed it)`,
          fix: 'Use a UML kernel up to 6.15 (Debian bookworm or trixie user-mode-linux), or the netns-tap plugin.',
        });
      if (!ctx.runner.dryRun && !existsSync(opts.helper)) fail('HOST_MISSING', { what: opts.helper, fix: 'apt-get install -y slirp' });
      const index = nextNetIndex(ctx);
      device = `eth${index}`;
      ctx.kernel.set(device, `slirp,,${opts.helper}`);
      announceGuestInterface(ctx, index, { device, address: GUEST.address, gateway: GUEST.gateway });
      announceGuestDns(ctx, GUEST.dns);
    });
    // In boot, when every network plugin has run: only then is it known whether the kernel runs in a namespace.
    hooks.boot.tapPromise('slirp', async (ctx) => {
      if (ctx.instance.launchPrefix.length && device) await slirpFromHostNamespace(ctx, device, opts.helper);
    });
  },
});
