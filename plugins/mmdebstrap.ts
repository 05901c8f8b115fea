import { definePlugin, s, STAGE } from '../core/index.js';

const PACKAGE = /^[a-z0-9][a-z0-9+.-]+$/;

const options = s.object({
  suite: s.default(s.string({ pattern: /^[a-z][a-z-]{1,30}$/, patternHint: 'a Debian suite such as bookworm, trixie or sid' }), 'bookworm'),
  architecture: s.default(s.string({ pattern: /^[a-z0-9]+$/, patternHint: 'a Debian architecture such as amd64' }), 'amd64'),
  variant: s.default(s.oneOf(['minbase', 'buildd', 'required', 'important', 'standard', 'essential', 'apt']), 'minbase'),
  mirror: s.default(s.string({ pattern: /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]+)?(\/[A-Za-z0-9._~\/-]*)?$/, patternHint: 'an http(s) mirror URL' }), 'http://deb.debian.org/debian'),
  packages: s.default(s.array(s.string({ pattern: PACKAGE, patternHint: 'a Debian package name' })), []),
  init: s.default(s.oneOf(['sysvinit', 'systemd'], { description: 'sysvinit-core as in the article, or systemd.' }), 'sysvinit'),
});

const INIT_PACKAGES = { sysvinit: ['sysvinit-core'], systemd: ['systemd-sysv'] } as const;

/** Bootstraps Debian into the root tree with mmdebstrap (faster than debootstrap). */
export default definePlugin({
  name: 'mmdebstrap',
  description: 'Bootstraps Debian into the root tree with mmdebstrap.',
  engines: '^0.1.0',
  options,
  apply(hooks, opts) {
    hooks.bootstrap.tap('mmdebstrap', (ctx) => {
      ctx.guest = { suite: opts.suite, architecture: opts.architecture, init: opts.init };
      for (const p of [...INIT_PACKAGES[opts.init], ...opts.packages]) ctx.packages.add(p);
    });
    hooks.bootstrap.tapPromise({ name: 'mmdebstrap', stage: STAGE.backend }, async (ctx) => {
      const include = [...ctx.packages].sort();
      await ctx.runner.run({
        file: 'mmdebstrap',
        args: [
          '--quiet',
          `--variant=${opts.variant}`,
          `--architectures=${opts.architecture}`,
          ...(include.length ? [`--include=${include.join(',')}`] : []),
          opts.suite,
          ctx.rootfs,
          opts.mirror,
        ],
      });
    });
  },
});
