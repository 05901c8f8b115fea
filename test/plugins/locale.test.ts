import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import locale from '../../plugins/locale.js';

const LOCALE_GEN = '# This file lists locales\n# de_DE.UTF-8 UTF-8\n# en_US ISO-8859-1\n# en_US.UTF-8 UTF-8\n';
const FILE = '/uf/build/rootfs/etc/locale.gen';

describe('locale', () => {
  it('asks for the locales package, uncomments en_US.UTF-8, runs locale-gen and update-locale in a chroot', async () => {
    const ctx = testContext();
    ctx.runner.files.set(FILE, LOCALE_GEN);
    await runHooks(ctx, [[locale, {}]], ['bootstrap', 'configure']);
    expect([...ctx.packages]).toEqual(['locales']);
    expect(ctx.runner.files.get(FILE)).toBe('# This file lists locales\n# de_DE.UTF-8 UTF-8\n# en_US ISO-8859-1\nen_US.UTF-8 UTF-8\n');
    expect(ctx.runner.commands).toEqual([
      'chroot /uf/build/rootfs locale-gen </dev/null',
      'chroot /uf/build/rootfs update-locale LANG=en_US.UTF-8 </dev/null',
    ]);
  });

  it('adds a locale missing from locale.gen and leaves an enabled one alone', async () => {
    const ctx = testContext();
    ctx.runner.files.set(FILE, 'en_US.UTF-8 UTF-8\n');
    await runHooks(ctx, [[locale, { locale: 'ca_ES.UTF-8@valencia' }]], ['configure']);
    expect(ctx.runner.files.get(FILE)).toBe('en_US.UTF-8 UTF-8\nca_ES.UTF-8@valencia UTF-8\n');
    expect(ctx.runner.commands[1]).toBe('chroot /uf/build/rootfs update-locale LANG=ca_ES.UTF-8@valencia </dev/null');
  });

  it('rejects what is not a UTF-8 locale', async () => {
    await expect(runHooks(testContext(), [[locale, { locale: 'en_US' }]], ['configure'])).rejects.toThrow(/options\.locale\.locale .*UTF-8 locale/);
  });
});
