import { cachedBootstrap, definePlugin, s, STAGE } from '../core/index.js';
import { backendVersion, debianBootstrapOptions, declareGuest } from './lib/debian-bootstrap.js';

const options = s.object({
  ...debianBootstrapOptions,
  variant: s.default(s.oneOf(['minbase', 'buildd', 'default'], { description: 'debootstrap --variant; "default" is its Priority: required + important set.' }), 'minbase'),
});

/**
 * Bootstraps Debian with debootstrap, as the article did. It can only write a directory,
 * so the cache stores a tarball of the finished tree.
 */
export default definePlugin({
  name: 'debootstrap',
  description: "Bootstraps Debian into the root tree with debootstrap, the article's tool (cached).",
  engines: '^0.1.0',
  options,
  apply(hooks, opts) {
    hooks.bootstrap.tap('debootstrap', (ctx) => declareGuest(ctx, opts));
    hooks.bootstrap.tapPromise({ name: 'debootstrap', stage: STAGE.backend }, async (ctx) => {
      const packages = [...ctx.packages].sort();
      const debootstrap = async (target: string) =>
        void (await ctx.runner.run({
          file: 'debootstrap',
          args: [
            ...(opts.variant === 'default' ? [] : [`--variant=${opts.variant}`]),
            `--arch=${opts.architecture}`,
            ...(packages.length ? [`--include=${packages.join(',')}`] : []),
            opts.suite,
            target,
            opts.mirror,
          ],
        }));
      if (!opts.cache) return debootstrap(ctx.rootfs);
      const { suite, architecture, variant, mirror } = opts;
      const recipe = { backend: 'debootstrap', backendVersion: await backendVersion(ctx, 'debootstrap'), suite, architecture, variant, mirror, packages };
      await cachedBootstrap(ctx, recipe, { output: 'tree', run: debootstrap });
    });
  },
});
