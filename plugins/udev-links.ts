import { existsSync } from 'node:fs';
import { definePlugin, inGuest, s } from '../core/index.js';

/** The article's /etc/udev/links.conf lines: ubd0..7 are block major 98, 16 minors apart. */
export const UBD_LINKS = Array.from({ length: 8 }, (_, i) => `M ubd${i} b 98 ${i * 16}`);

export function appendUbdLinks(linksConf: string): string {
  const present = new Set(linksConf.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')));
  const missing = UBD_LINKS.filter((l) => !present.has(l));
  if (!missing.length) return linksConf;
  return `${linksConf.replace(/\n?$/, '\n')}${missing.join('\n')}\n`;
}

/**
 * The article's udev links.conf entries for /dev/ubd0..7. Only guests whose udev still reads
 * links.conf need them; today the kernel's devtmpfs creates /dev/ubda... by itself.
 */
export default definePlugin({
  name: 'udev-links',
  description: "The article's /dev/ubd0-7 entries in udev's links.conf, for old guests that still read it.",
  engines: '^0.1.0',
  options: s.object({}),
  apply(hooks) {
    hooks.configure.tapPromise('udev-links', async (ctx) => {
      const linksConf = inGuest(ctx, '/etc/udev/links.conf');
      if (ctx.runner.dryRun) return ctx.runner.note(`if ${linksConf} exists (old udev), append: ${UBD_LINKS.join('; ')}`);
      if (!existsSync(linksConf))
        return ctx.log.info('udev-links: this guest has no /etc/udev/links.conf, nothing to do: the kernel devtmpfs creates /dev/ubda, /dev/ubdb, ... itself.');
      await ctx.runner.editFile(linksConf, 'add the ubd0-7 device nodes (major 98)', appendUbdLinks);
    });
  },
});
