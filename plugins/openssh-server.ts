import { definePlugin, inGuest, s } from '../core/index.js';

const options = s.object({
  permitRootLogin: s.default(s.oneOf(['prohibit-password', 'no', 'yes'], { description: 'sshd PermitRootLogin; prohibit-password allows keys only.' }), 'prohibit-password'),
  passwordAuthentication: s.default(s.boolean({ description: 'Allow password logins at all (keys only by default).' }), false),
});

const HOST_KEY_TYPES = ['rsa', 'ecdsa', 'ed25519'];

/**
 * An SSH server, installed on the host side with the bootstrap. Its host keys are made anew
 * for every image: the bootstrap is cached and shared, and a guest must not share its keys
 * with every other guest built from the same cache. Making them at build time (host CPU)
 * spares the slow first boot inside UML.
 */
export default definePlugin({
  name: 'openssh-server',
  description: 'OpenSSH server with per-image host keys; root logs in by key only by default.',
  engines: '^0.1.0',
  options,
  apply(hooks, { permitRootLogin, passwordAuthentication }) {
    hooks.bootstrap.tap('openssh-server', (ctx) => void ctx.packages.add('openssh-server'));
    hooks.configure.tapPromise('openssh-server', async (ctx) => {
      for (const type of HOST_KEY_TYPES)
        for (const suffix of ['', '.pub']) await ctx.runner.remove(inGuest(ctx, `/etc/ssh/ssh_host_${type}_key${suffix}`));
      await ctx.runner.run({ file: 'chroot', args: [ctx.rootfs, 'ssh-keygen', '-A'] });
      // sshd takes the first value it reads, and sshd_config includes sshd_config.d/*.conf at its top.
      await ctx.runner.writeFile(
        inGuest(ctx, '/etc/ssh/sshd_config.d/uml-flow.conf'),
        `# written by uml-flow\nPermitRootLogin ${permitRootLogin}\nPasswordAuthentication ${passwordAuthentication ? 'yes' : 'no'}\n`,
      );
    });
  },
});
