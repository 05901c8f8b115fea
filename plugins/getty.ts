import { definePlugin, inGuest, s } from '../core/index.js';
import type { FlowContext } from '../core/index.js';
import { enableSystemdGetty, inittabGetty } from './lib/getty.js';

const TTY0 = inittabGetty('c0', 'tty0');
/** mconsole `cad` arrives as Ctrl-Alt-Del: make it power off, so `uml-flow stop` is a clean shutdown. */
const CTRL_ALT_DEL = 'ca:12345:ctrlaltdel:/sbin/shutdown -t1 -h -P now';

/** The article's inittab edit: VT gettys commented out, one getty on tty0; Ctrl-Alt-Del powers off. */
export function editInittab(inittab: string): string {
  const lines = inittab
    .split('\n')
    .filter((l) => l !== TTY0 && l !== CTRL_ALT_DEL)
    .map((l) => (/^[1-6]:/.test(l) ? `#${l}` : /^ca:[0-9]*:ctrlaltdel:/.test(l) ? `#${l}` : l));
  while (lines.at(-1) === '') lines.pop();
  return `${lines.join('\n')}\n${CTRL_ALT_DEL}\n${TTY0}\n`;
}

async function sysvinit(ctx: FlowContext) {
  await ctx.runner.editFile(inGuest(ctx, '/etc/inittab'), 'comment out tty1-6 gettys, add a getty on tty0, Ctrl-Alt-Del powers off', editInittab);
}

async function systemd(ctx: FlowContext) {
  await enableSystemdGetty(ctx, 'tty0');
  await ctx.runner.run({ file: 'ln', args: ['-sfn', '/lib/systemd/system/poweroff.target', inGuest(ctx, '/etc/systemd/system/ctrl-alt-del.target')] });
}

/** A login prompt on the UML console (tty0), for sysvinit or systemd guests. */
export default definePlugin({
  name: 'getty',
  description: 'A login prompt on the console (tty0); mconsole `cad` powers the guest off.',
  engines: '^0.1.0',
  options: s.object({}),
  apply(hooks) {
    hooks.configure.tapPromise('getty', (ctx) => (ctx.guest.init === 'systemd' ? systemd(ctx) : sysvinit(ctx)));
    hooks.boot.tap('getty', (ctx) => {
      ctx.instance.probes.push({ kind: 'console', pattern: 'login:' });
    });
  },
});
