import { readFileSync } from 'node:fs';
import { consolePts, definePlugin, fail, inGuest, INTERACTIVE_CONSOLE, ptsAnnouncement, s, type FlowContext } from '../core/index.js';
import { enableSystemdGetty, GETTY_ARG, withInittabGetty } from './lib/getty.js';
import { startSocat } from './lib/socat.js';

const LINE = INTERACTIVE_CONSOLE;
const TTY = `tty${LINE}`;

const options = s.object({
  channel: s.default(
    s.oneOf(['pts', 'xterm'], {
      description: '"pts": a host pseudo-terminal that `uml-flow console NAME` attaches to. "xterm": UML opens a terminal window on $DISPLAY.',
    }),
    'pts',
  ),
  port: s.optional(
    s.number({ integer: true, min: 1, max: 65535, description: 'Also serve the pts console on 127.0.0.1:PORT (connect with `socat -,rawer TCP:127.0.0.1:PORT` or nc).' }),
  ),
});

/** sysvinit and systemd get a getty in the image; a custom init (lean-init) is asked at boot. */
async function startGetty(ctx: FlowContext): Promise<void> {
  if (ctx.guest.init === 'custom') return;
  if (ctx.guest.init === 'systemd') return enableSystemdGetty(ctx, TTY);
  await ctx.runner.editFile(inGuest(ctx, '/etc/inittab'), `a getty on ${TTY} for the interactive console`, (inittab) => withInittabGetty(inittab, 'c1', TTY));
}

/** The pts UML announced (the console probe waited for it), relayed to 127.0.0.1:port. */
async function servePort(ctx: FlowContext, port: number): Promise<void> {
  const fix = `choose another port: options: { console: { port: <free port> } }`;
  if (ctx.runner.dryRun) {
    ctx.runner.note(`serve the pts of console ${LINE} (announced in ${ctx.instance.consoleLog}) on 127.0.0.1:${port}`);
    return;
  }
  const pts = consolePts(readFileSync(ctx.instance.consoleLog, 'utf8'), LINE);
  if (!pts) fail('PLUGIN_FAILED', { plugin: 'console', hook: 'postInstall', reason: `UML announced no pts for console ${LINE} in ${ctx.instance.consoleLog}` });
  await startSocat(ctx, { port, bind: '127.0.0.1', fix }, `FILE:${pts},rawer`, 'console-port');
  ctx.instance.endpoints.push(`Console on a port: 127.0.0.1:${port} (socat -,rawer,escape=0x1d TCP:127.0.0.1:${port})`);
}

/**
 * An interactive login console besides the headless log: a getty on tty1 (from inittab, systemd,
 * or lean-init reading `uf_getty=tty1`), and UML's virtual console 1 on a host pseudo-terminal
 * (`con1=pts`) or in an xterm window (`con1=xterm`).
 * UML's own `port:` channel listens on every interface and needs a telnetd that Debian 12 no
 * longer ships, so `port` relays the pts on 127.0.0.1 with socat instead.
 */
export default definePlugin({
  name: 'console',
  description: 'An interactive login console: `uml-flow console NAME` (pts), an xterm window, or 127.0.0.1:PORT.',
  engines: '^0.1.0',
  options,
  apply(hooks, opts) {
    if (opts.channel === 'xterm' && opts.port !== undefined)
      fail('CONFIG_INVALID', { file: 'options.console', issues: '"port" serves the pts console; it does not work with channel "xterm"' });
    hooks.configure.tapPromise('console', startGetty);
    hooks.boot.tap('console', (ctx) => {
      if (ctx.guest.init === 'custom') ctx.kernel.set(GETTY_ARG, TTY);
      if (opts.channel === 'xterm') {
        if (!process.env.DISPLAY)
          fail('PLUGIN_FAILED', { plugin: 'console', hook: 'boot', reason: 'channel "xterm" needs an X display, and DISPLAY is not set', hint: 'Run it from an X session, or use channel "pts" and `uml-flow console NAME`.' });
        ctx.kernel.set(`con${LINE}`, 'xterm');
        return;
      }
      ctx.kernel.set(`con${LINE}`, 'pts');
      ctx.instance.probes.push({ kind: 'console', pattern: ptsAnnouncement(LINE) });
      ctx.instance.endpoints.push(`Console: uml-flow console ${ctx.name} (Ctrl-] detaches)`);
    });
    if (opts.port !== undefined) {
      const port = opts.port;
      hooks.postInstall.tapPromise('console', (ctx) => servePort(ctx, port));
    }
  },
});
