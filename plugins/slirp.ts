import { existsSync } from 'node:fs';
import { definePlugin, fail, s } from '../core/index.js';
import { announceGuestDns, announceGuestInterface, detectNetDrivers, nextNetIndex } from './lib/guest-network.js';

const absolute = (description: string) => s.string({ pattern: /^\/[A-Za-z0-9_.\/-]+$/, patternHint: 'an absolute path', description });

const options = s.object({
  helper: s.default(absolute('The slirp program UML starts (Debian package slirp).'), '/usr/bin/slirp-fullbolt'),
  kernel: s.default(absolute('The UML kernel the boot plugin runs, asked whether it has the slirp transport.'), '/usr/bin/linux'),
});

/** slirp's fixed user-mode network: the guest is 10.0.2.15, slirp answers as gateway and DNS. */
const GUEST = { address: '10.0.2.15/24', gateway: '10.0.2.2', dns: '10.0.2.3' };

/**
 * Outbound network without privileges: UML runs a slirp process that turns the guest's packets into
 * ordinary sockets of the host, so the guest reaches the Debian mirror as the user running uml-flow.
 * Nothing listens on the host; for inbound access use netns-tap with port-forward.
 */
export default definePlugin({
  name: 'slirp',
  description: 'Outbound user-mode networking (no root): the guest reaches the internet through slirp.',
  engines: '^0.1.0',
  options,
  apply(hooks, opts) {
    hooks.network.tapPromise('slirp', async (ctx) => {
      const drivers = await detectNetDrivers(ctx, opts.kernel);
      if (!drivers.slirp)
        fail('HOST_MISSING', {
          what: `a UML kernel with the slirp transport (${drivers.source} shows no CONFIG_UML_NET_SLIRP; Linux 6.16 removed it)`,
          fix: 'Use a UML kernel up to 6.15 (Debian bookworm or trixie user-mode-linux), or the netns-tap plugin.',
        });
      if (!ctx.runner.dryRun && !existsSync(opts.helper)) fail('HOST_MISSING', { what: opts.helper, fix: 'apt-get install -y slirp' });
      const index = nextNetIndex(ctx);
      ctx.kernel.set(`eth${index}`, `slirp,,${opts.helper}`);
      announceGuestInterface(ctx, index, { device: `eth${index}`, address: GUEST.address, gateway: GUEST.gateway });
      announceGuestDns(ctx, GUEST.dns);
    });
    hooks.boot.tap('slirp', (ctx) => {
      if (ctx.instance.launchPrefix.length)
        fail('PLUGIN_FAILED', {
          plugin: 'slirp',
          hook: 'boot',
          reason: `the kernel runs inside \`${ctx.instance.launchPrefix.join(' ')}\`, a network namespace with no way out, so slirp would reach nothing`,
          hint: 'Use slirp without netns-tap.',
        });
    });
  },
});
