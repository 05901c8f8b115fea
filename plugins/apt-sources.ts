import { definePlugin, inGuest, s } from '../core/index.js';
import { mirrorOption } from './lib/debian-bootstrap.js';

const options = s.object({
  suite: s.optional(s.string({ pattern: /^[a-z][a-z-]{1,30}$/, patternHint: 'a Debian suite such as bookworm', description: "Default: the guest's suite." })),
  mirror: mirrorOption('http://deb.debian.org/debian'),
  securityMirror: mirrorOption('http://security.debian.org/debian-security'),
  components: s.default(s.array(s.oneOf(['main', 'contrib', 'non-free', 'non-free-firmware'])), ['main']),
});

/** Suites without -updates and -security pockets. */
const ROLLING = new Set(['sid', 'unstable', 'experimental', 'rc-buggy']);

export function sourcesList(suite: string, mirror: string, securityMirror: string, components: string[]): string {
  const c = components.join(' ');
  const lines = [`deb ${mirror} ${suite} ${c}`];
  if (!ROLLING.has(suite)) lines.push(`deb ${mirror} ${suite}-updates ${c}`, `deb ${securityMirror} ${suite}-security ${c}`);
  return `# written by uml-flow\n${lines.join('\n')}\n`;
}

/** /etc/apt/sources.list for the guest's suite, with -updates and security for released suites. */
export default definePlugin({
  name: 'apt-sources',
  description: "Writes the guest's /etc/apt/sources.list (suite, -updates, -security).",
  engines: '^0.1.0',
  options,
  apply(hooks, { suite, mirror, securityMirror, components }) {
    hooks.configure.tapPromise('apt-sources', async (ctx) => {
      await ctx.runner.writeFile(inGuest(ctx, '/etc/apt/sources.list'), sourcesList(suite ?? ctx.guest.suite, mirror, securityMirror, components));
    });
  },
});
