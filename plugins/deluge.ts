import { definePlugin, inGuest, s } from '../core/index.js';

const LOG_PY = '/usr/lib/python3/dist-packages/deluge/log.py';
const BROKEN = 'def findCaller(self, stack_info=False):';
const FIXED = 'def findCaller(self, stack_info=False, stacklevel=1):';

/**
 * Deluge 2.0.3 (bookworm) overrides logging's findCaller without the `stacklevel` argument that
 * Python 3.8+ passes, so every log call raises. Newer Deluge versions do not need this.
 */
export const fixFindCaller = (source: string) => source.replace(BROKEN, FIXED);

/**
 * The Deluge BitTorrent daemon and its web UI, installed when the image is built. Starting them is
 * left to the init (see preset:deluge for lean-init services).
 */
export default definePlugin({
  name: 'deluge',
  description: 'Installs deluged and deluge-web, with the fix Deluge 2.0.3 needs on Python 3.11.',
  engines: '^0.1.0',
  options: s.object({}),
  apply(hooks) {
    hooks.bootstrap.tap('deluge', (ctx) => {
      ctx.packages.add('deluged').add('deluge-web');
    });
    hooks.configure.tapPromise('deluge', async (ctx) => {
      const file = inGuest(ctx, LOG_PY);
      await ctx.runner.editFile(file, `logging's findCaller signature for Python 3.8+ (${FIXED})`, fixFindCaller);
      // Fresh bytecode now: the services cannot write __pycache__ and would recompile it at every start.
      await ctx.runner.run({ file: 'chroot', args: [ctx.rootfs, 'python3', '-m', 'py_compile', LOG_PY] });
    });
  },
});
