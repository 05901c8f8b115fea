import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import calibre, { SERVE_LIBRARY } from '../../plugins/calibre.js';

const R = '/uf/build/rootfs';
const SCRIPT = `${R}${SERVE_LIBRARY}`;

describe('calibre', () => {
  it('asks the bootstrap for calibre', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[calibre, {}]], ['bootstrap']);
    expect([...ctx.packages]).toEqual(['calibre']);
  });

  it('adds a system user without a login and writes the script that starts calibre-server on a library', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[calibre, { user: 'books', home: '/srv/books' }]], ['configure']);
    expect(ctx.runner.commands).toEqual([
      `chroot ${R} useradd --system --user-group --no-create-home --home-dir /srv/books --shell /usr/sbin/nologin books </dev/null`,
    ]);
    expect(ctx.runner.recorded.at(-1)).toMatchObject({ kind: 'write', path: SCRIPT, mode: 0o755 });
    expect(ctx.runner.files.get(SCRIPT)).toBe(
      [
        '#!/bin/sh',
        '# /usr/local/bin/calibre-server-with-library: written by uml-flow\'s calibre plugin.',
        '# usage: calibre-server-with-library LIBRARY [calibre-server option...]',
        '# calibre-server refuses a folder that holds no library: the first start makes an empty one.',
        'set -e',
        'library=$1',
        'shift',
        '[ -f "$library/metadata.db" ] || calibredb --library-path "$library" list >/dev/null',
        'exec calibre-server "$@" "$library"',
        '',
      ].join('\n'),
    );
  });

  it('runs as the user calibre, home /var/lib/calibre, by default', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[calibre, {}]], ['configure']);
    expect(ctx.runner.commands[0]).toBe(`chroot ${R} useradd --system --user-group --no-create-home --home-dir /var/lib/calibre --shell /usr/sbin/nologin calibre </dev/null`);
  });

  it("turns Chromium's sandbox off only when asked to draw missing covers", async () => {
    const ctx = testContext();
    await runHooks(ctx, [[calibre, { renderMissingCovers: true }]], ['configure']);
    const script = ctx.runner.files.get(SCRIPT)!;
    expect(script).toContain('set -e\n# Qt WebEngine (drawing missing covers) runs under UML only without Chromium\'s sandbox.\nexport QTWEBENGINE_DISABLE_SANDBOX=1\nlibrary=$1\n');
    expect(() => execFileSync('sh', ['-n'], { input: script })).not.toThrow();

    const plain = testContext();
    await runHooks(plain, [[calibre, {}]], ['configure']);
    expect(plain.runner.files.get(SCRIPT)).not.toContain('SANDBOX');
  });

  it('makes an empty library only where there is none, then serves the library with the options given', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[calibre, {}]], ['configure']);
    const dir = mkdtempSync(join(tmpdir(), 'uf-calibre-'));
    try {
      // Stand-ins for calibredb and calibre-server that say how they were called.
      for (const program of ['calibredb', 'calibre-server']) writeFileSync(join(dir, program), `#!/bin/sh\necho ${program} "$@" >&2\n`, { mode: 0o755 });
      writeFileSync(join(dir, 'serve'), ctx.runner.files.get(SCRIPT)!, { mode: 0o755 });
      const library = join(dir, 'library');
      const serve = () => spawnSync(join(dir, 'serve'), [library, '--port=8080'], { env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: 'utf8' }).stderr;
      expect(serve()).toBe(`calibredb --library-path ${library} list\ncalibre-server --port=8080 ${library}\n`);
      mkdirSync(library);
      writeFileSync(join(library, 'metadata.db'), '');
      expect(serve()).toBe(`calibre-server --port=8080 ${library}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a user with a semicolon', { user: 'calibre;reboot' }, /options\.calibre\.user/],
    ['a relative home', { home: 'srv/calibre' }, /options\.calibre\.home/],
    ['a home with ..', { home: '/srv/../etc' }, /options\.calibre\.home/],
    ['a home with a space', { home: '/srv/cal ibre' }, /options\.calibre\.home/],
  ])('refuses %s before running anything', async (_what, opts, message) => {
    const ctx = testContext();
    await expect(runHooks(ctx, [[calibre, opts]], ['configure'])).rejects.toThrow(message);
    expect(ctx.runner.recorded).toEqual([]);
  });
});
