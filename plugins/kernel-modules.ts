import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { definePlugin, fail, inGuest, s } from '../core/index.js';

const options = s.object({
  source: s.default(s.string({ pattern: /^\/[A-Za-z0-9_.\/-]+$/, patternHint: 'an absolute directory on the host' }), '/usr/lib/uml/modules'),
  version: s.optional(s.string({ pattern: /^[A-Za-z0-9._+-]+$/, patternHint: 'a kernel version such as 6.1.176', description: 'Default: the one version found in source.' })),
});

function pickVersion(source: string, wanted?: string): string {
  const fix = 'apt-get install -y user-mode-linux (it ships the modules in /usr/lib/uml/modules/<version>)';
  const versions = existsSync(source) ? readdirSync(source).sort() : [];
  if (wanted) {
    if (!versions.includes(wanted)) fail('HOST_MISSING', { what: `UML kernel modules ${join(source, wanted)}`, fix: versions.length ? `Pick one of: ${versions.join(', ')}` : fix });
    return wanted;
  }
  if (versions.length === 1) return versions[0];
  if (!versions.length) fail('HOST_MISSING', { what: `UML kernel modules in ${source}`, fix });
  fail('CONFIG_INVALID', { file: 'options.kernel-modules', issues: `${source} holds several versions (${versions.join(', ')}): set "version" to the one of your kernel (\`linux --version\`)` });
}

/** Copies the host UML kernel's modules into the guest, so `modprobe` works inside it. */
export default definePlugin({
  name: 'kernel-modules',
  description: "Copies the host UML kernel's modules into the guest's /lib/modules.",
  engines: '^0.1.0',
  options,
  apply(hooks, { source, version }) {
    // Checked when the config loads, not minutes later after the bootstrap.
    const v = pickVersion(source, version);
    hooks.configure.tapPromise('kernel-modules', async (ctx) => {
      const target = inGuest(ctx, `/lib/modules/${v}`);
      await ctx.runner.remove(target);
      await ctx.runner.mkdir(inGuest(ctx, '/lib/modules'));
      await ctx.runner.run({ file: 'cp', args: ['-a', join(source, v), target] });
    });
  },
});
