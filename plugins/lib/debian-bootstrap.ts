import type { FlowContext } from '../../core/index.js';
import { s } from '../../core/index.js';

/** A Debian package name (Debian policy 5.6.1). */
export const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;
export const packageList = (description: string) =>
  s.default(s.array(s.string({ pattern: PACKAGE_NAME, patternHint: 'a Debian package name' }), { description }), [] as string[]);

export const MIRROR = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]+)?(\/[A-Za-z0-9._~\/-]*)?$/;
export const mirrorOption = (fallback: string, description?: string) =>
  s.default(s.string({ pattern: MIRROR, patternHint: 'an http(s) mirror URL', description }), fallback);

export const suiteOption = () =>
  s.default(s.string({ pattern: /^[a-z][a-z-]{1,30}$/, patternHint: 'a Debian suite such as bookworm, trixie or sid', description: 'Debian suite (bookworm, the stable release of the hosts this is tested on).' }), 'bookworm');

/** The options every Debian bootstrap backend shares; each adds its own `variant`. */
export const debianBootstrapOptions = {
  suite: suiteOption(),
  architecture: s.default(s.string({ pattern: /^[a-z0-9]+$/, patternHint: 'a Debian architecture such as amd64' }), 'amd64'),
  mirror: mirrorOption('http://deb.debian.org/debian'),
  packages: packageList('Extra packages installed by the bootstrap (host side, fast).'),
  init: s.default(s.oneOf(['sysvinit', 'systemd'], { description: 'sysvinit-core as in the article, or systemd.' }), 'sysvinit'),
  cache: s.default(s.boolean({ description: 'Reuse a cached bootstrap with the same recipe (uml-flow cache ls).' }), true),
};

export interface DebianBootstrapOptions {
  suite: string;
  architecture: string;
  mirror: string;
  packages: string[];
  init: 'sysvinit' | 'systemd';
}

const INIT_PACKAGES = { sysvinit: ['sysvinit-core'], systemd: ['systemd-sysv'] } as const;

/** The backend's first step: tell later hooks what the guest is, and ask for the init and extra packages. */
export function declareGuest(ctx: FlowContext, opts: DebianBootstrapOptions): void {
  ctx.guest = { suite: opts.suite, architecture: opts.architecture, init: opts.init };
  for (const p of [...INIT_PACKAGES[opts.init], ...opts.packages]) ctx.packages.add(p);
}

/** `program --version`, part of the cache key; empty in a plan. */
export async function backendVersion(ctx: FlowContext, program: string): Promise<string> {
  const { stdout, exitCode } = await ctx.runner.run({ file: program, args: ['--version'], timeoutMs: 10_000 }, { allowFailure: true });
  return exitCode === 0 ? stdout.trim() : '';
}
