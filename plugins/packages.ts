import { definePlugin, s } from '../core/index.js';
import { packageList } from './lib/debian-bootstrap.js';

const options = s.object({
  packages: packageList('Debian packages the bootstrap installs (host side: far faster than inside UML).'),
});

/**
 * Extra packages, installed by the bootstrap on the host. They are part of the bootstrap cache
 * key; use chroot-apt instead to keep one cached bootstrap shared between images.
 */
export default definePlugin({
  name: 'packages',
  description: 'Adds packages to the bootstrap (installed on the host side, cached with it).',
  engines: '^0.1.0',
  options,
  apply(hooks, { packages }) {
    hooks.bootstrap.tap('packages', (ctx) => {
      for (const p of packages) ctx.packages.add(p);
    });
  },
});
