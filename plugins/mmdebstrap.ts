import { cachedBootstrap, definePlugin, s, STAGE } from '../core/index.js';
import { backendVersion, debianBootstrapOptions, declareGuest } from './lib/debian-bootstrap.js';

const options = s.object({
  ...debianBootstrapOptions,
  variant: s.default(s.oneOf(['minbase', 'buildd', 'required', 'important', 'standard', 'essential', 'apt']), 'minbase'),
});

/**
 * Bootstraps Debian with mmdebstrap (faster than debootstrap). The result is cached as a
 * tarball keyed by everything that shapes it, so rebuilds that change only later steps skip it.
 */
export default definePlugin({
  name: 'mmdebstrap',
  description: 'Bootstraps Debian into the root tree with mmdebstrap (cached).',
  engines: '^0.1.0',
  options,
  apply(hooks, opts) {
    hooks.bootstrap.tap('mmdebstrap', (ctx) => declareGuest(ctx, opts));
    hooks.bootstrap.tapPromise({ name: 'mmdebstrap', stage: STAGE.backend }, async (ctx) => {
      const packages = [...ctx.packages].sort();
      const mmdebstrap = async (target: string, format: string[]) =>
        void (await ctx.runner.run({
          file: 'mmdebstrap',
          args: [
            '--quiet',
            ...format,
            `--variant=${opts.variant}`,
            `--architectures=${opts.architecture}`,
            ...(packages.length ? [`--include=${packages.join(',')}`] : []),
            opts.suite,
            target,
            opts.mirror,
          ],
        }));
      if (!opts.cache) return mmdebstrap(ctx.rootfs, []);
      const { suite, architecture, variant, mirror } = opts;
      const recipe = { backend: 'mmdebstrap', backendVersion: await backendVersion(ctx, 'mmdebstrap'), suite, architecture, variant, mirror, packages };
      await cachedBootstrap(ctx, recipe, { output: 'tarball', run: (tarball) => mmdebstrap(tarball, ['--format=tar']) });
    });
  },
});
