import { definePlugin, inGuest, s } from '../core/index.js';

const IP = /^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9a-fA-F:]{2,39})$/;

const options = s.object({
  nameservers: s.default(
    s.array(s.string({ pattern: IP, patternHint: 'an IPv4 or IPv6 address' }), { maxItems: 3, description: 'Name servers of the guest; 10.0.2.3 is the one slirp provides.' }),
    [] as string[],
  ),
  search: s.default(s.array(s.string({ pattern: /^[a-z0-9.-]{1,253}$/, patternHint: 'a domain name' }), { maxItems: 6 }), [] as string[]),
});

/**
 * Replaces the host's /etc/resolv.conf that the bootstrap copied into the tree: the host's
 * resolver is not reachable from the guest's private network, and it says nothing the guest
 * should know. With no name server, lookups fail at once instead of timing out.
 */
export default definePlugin({
  name: 'resolv-conf',
  description: "Replaces the host's /etc/resolv.conf copied by the bootstrap (default: no name server).",
  engines: '^0.1.0',
  options,
  apply(hooks, { nameservers, search }) {
    hooks.configure.tapPromise('resolv-conf', async (ctx) => {
      const file = inGuest(ctx, '/etc/resolv.conf');
      const lines = [
        '# written by uml-flow',
        ...(nameservers.length ? nameservers.map((ns) => `nameserver ${ns}`) : ['# no name server: set options["resolv-conf"].nameservers (slirp: 10.0.2.3)']),
        ...(search.length ? [`search ${search.join(' ')}`] : []),
      ];
      // A symlink here (systemd-resolved) would point at a host path: replace the link, never follow it.
      await ctx.runner.remove(file);
      await ctx.runner.writeFile(file, `${lines.join('\n')}\n`);
    });
  },
});
