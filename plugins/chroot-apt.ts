import { definePlugin, inGuest, s, STAGE } from '../core/index.js';
import { packageList } from './lib/debian-bootstrap.js';

const options = s.object({
  packages: packageList('Debian packages installed with apt-get in a chroot after the bootstrap.'),
});

/** Makes invoke-rc.d refuse to start services while installing: they would run on the host. */
const POLICY_RC_D = '#!/bin/sh\n# written by uml-flow while installing packages\nexit 101\n';

/**
 * Installs packages with apt-get in a chroot, right after the (cached) bootstrap. Slower than
 * adding them to the bootstrap, but the cached bootstrap stays one shared entry for images
 * that differ only in these packages.
 */
export default definePlugin({
  name: 'chroot-apt',
  description: 'Installs packages with apt-get in a chroot after the bootstrap (keeps the bootstrap cache shared).',
  engines: '^0.1.0',
  options,
  apply(hooks, { packages }) {
    hooks.bootstrap.tapPromise({ name: 'chroot-apt', stage: STAGE.backend + 1 }, async (ctx) => {
      if (!packages.length) return;
      const policy = inGuest(ctx, '/usr/sbin/policy-rc.d');
      const apt = (...args: string[]) =>
        ctx.runner.run({ file: 'chroot', args: [ctx.rootfs, 'apt-get', ...args], env: { DEBIAN_FRONTEND: 'noninteractive' } });
      // The tree may come from an older cache entry: resolve names with the host's resolver while installing.
      await ctx.runner.run({ file: 'cp', args: ['-L', '--remove-destination', '/etc/resolv.conf', inGuest(ctx, '/etc/resolv.conf')] });
      await ctx.runner.writeFile(policy, POLICY_RC_D, { mode: 0o755 });
      try {
        await apt('update', '-q');
        await apt('install', '-y', '-q', '--no-install-recommends', ...packages);
        await apt('clean');
      } finally {
        await ctx.runner.remove(policy);
      }
    });
  },
});
