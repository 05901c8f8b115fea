import { definePlugin, inGuest, s } from '../core/index.js';

const options = s.object({
  hostname: s.optional(
    s.string({ pattern: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, patternHint: 'a host name (letters, digits, "-", at most 63)', description: "Defaults to the image's name (the config's name)." }),
  ),
});

/** Sets /etc/hostname and the matching /etc/hosts line. */
export default definePlugin({
  name: 'hostname',
  description: "Sets the guest host name (default: the image's name).",
  engines: '^0.1.0',
  options,
  apply(hooks, opts) {
    hooks.configure.tapPromise('hostname', async (ctx) => {
      const hostname = opts.hostname ?? ctx.name;
      await ctx.runner.writeFile(inGuest(ctx, '/etc/hostname'), `${hostname}\n`);
      await ctx.runner.writeFile(inGuest(ctx, '/etc/hosts'), `127.0.0.1\tlocalhost\n127.0.1.1\t${hostname}\n::1\tlocalhost ip6-localhost ip6-loopback\n`);
    });
  },
});
