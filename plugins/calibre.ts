import { definePlugin, inGuest, s } from '../core/index.js';

/** Starts calibre-server on a library folder, making an empty library there first if it has none. */
export const SERVE_LIBRARY = '/usr/local/bin/calibre-server-with-library';

// Chromium's sandbox in Qt WebEngine fails its seccomp self-check under UML (SIGSYS) and aborts.
const NO_SANDBOX = `# Qt WebEngine (drawing missing covers) runs under UML only without Chromium's sandbox.
export QTWEBENGINE_DISABLE_SANDBOX=1
`;

// Fixed text: the library and the server's options come as arguments (lean-init checks those).
const serveLibraryScript = (renderMissingCovers: boolean) => `#!/bin/sh
# ${SERVE_LIBRARY}: written by uml-flow's calibre plugin.
# usage: ${SERVE_LIBRARY.split('/').pop()} LIBRARY [calibre-server option...]
# calibre-server refuses a folder that holds no library: the first start makes an empty one.
set -e
${renderMissingCovers ? NO_SANDBOX : ''}library=$1
shift
[ -f "$library/metadata.db" ] || calibredb --library-path "$library" list >/dev/null
exec calibre-server "$@" "$library"
`;

const options = s.object({
  user: s.default(s.string({ pattern: /^[a-z_][a-z0-9_-]{0,31}$/, patternHint: 'a user name', description: 'The unprivileged user the image gets for calibre-server.' }), 'calibre'),
  home: s.default(
    s.string({ pattern: /^(\/(?!\.\.?(\/|$))[A-Za-z0-9_.-]+)+$/, patternHint: 'an absolute path without "." or ".." parts', description: "That user's home, where calibre keeps its settings (not created here: a data disk or the init makes it)." }),
    '/var/lib/calibre',
  ),
  renderMissingCovers: s.default(
    s.boolean({
      description:
        "Draw a cover from the first page of books added without one. calibre does it with Qt WebEngine, whose Chromium sandbox cannot start under UML: this turns that sandbox off.",
    }),
    false,
  ),
});

/**
 * calibre's e-book server, installed when the image is built, with a user to run it as and
 * SERVE_LIBRARY to start it. Starting it is left to the init (see preset:calibre for lean-init).
 * Debian's calibre depends on Qt 6 and its WebEngine: the image holds about 900 MB.
 */
export default definePlugin({
  name: 'calibre',
  description: 'Installs calibre (calibre-server, calibredb) and a user to run the server as.',
  engines: '^0.1.0',
  options,
  apply(hooks, { user, home, renderMissingCovers }) {
    hooks.bootstrap.tap('calibre', (ctx) => {
      ctx.packages.add('calibre');
    });
    hooks.configure.tapPromise('calibre', async (ctx) => {
      await ctx.runner.run({
        file: 'chroot',
        args: [ctx.rootfs, 'useradd', '--system', '--user-group', '--no-create-home', '--home-dir', home, '--shell', '/usr/sbin/nologin', user],
      });
      await ctx.runner.writeFile(inGuest(ctx, SERVE_LIBRARY), serveLibraryScript(renderMissingCovers), { mode: 0o755 });
    });
  },
});
