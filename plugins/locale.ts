import { definePlugin, inGuest, s } from '../core/index.js';

const options = s.object({
  locale: s.default(
    s.string({ pattern: /^[a-z]{2,3}_[A-Z]{2}\.UTF-8(@[a-z]+)?$/, patternHint: 'a UTF-8 locale such as en_US.UTF-8 or de_DE.UTF-8' }),
    'en_US.UTF-8',
  ),
});

/** Enables `<locale> UTF-8` in /etc/locale.gen, uncommenting it or adding it when absent. */
export function enableLocale(localeGen: string, locale: string): string {
  const entry = `${locale} UTF-8`;
  const lines = localeGen.split('\n');
  if (lines.some((l) => l.trim() === entry)) return localeGen;
  const commented = lines.findIndex((l) => l.replace(/^#\s*/, '').trim() === entry);
  if (commented >= 0) lines[commented] = entry;
  else lines.splice(lines.at(-1) === '' ? -1 : lines.length, 0, entry);
  return lines.join('\n');
}

/** The article's locale-gen step: the `locales` package, one generated locale, and LANG set to it. */
export default definePlugin({
  name: 'locale',
  description: 'Generates a locale (default en_US.UTF-8) and makes it the system LANG.',
  engines: '^0.1.0',
  options,
  apply(hooks, { locale }) {
    hooks.bootstrap.tap('locale', (ctx) => void ctx.packages.add('locales'));
    hooks.configure.tapPromise('locale', async (ctx) => {
      await ctx.runner.editFile(inGuest(ctx, '/etc/locale.gen'), `enable ${locale}`, (text) => enableLocale(text, locale));
      await ctx.runner.run({ file: 'chroot', args: [ctx.rootfs, 'locale-gen'] });
      await ctx.runner.run({ file: 'chroot', args: [ctx.rootfs, 'update-locale', `LANG=${locale}`] });
    });
  },
});
