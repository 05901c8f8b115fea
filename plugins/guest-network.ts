import { definePlugin, inGuest, s, type FlowContext } from '../core/index.js';
import { NET_FROM_CMDLINE } from './lib/guest-network.js';

const SCRIPT = '/usr/local/sbin/uml-flow-net';
const SYSV_SERVICE = '/etc/init.d/uml-flow-net';
const SYSTEMD_UNIT = '/etc/systemd/system/uml-flow-net.service';

const script = `#!/bin/sh
# ${SCRIPT}: configures the network interfaces uml-flow announces on the kernel command line.
# Written by the guest-network plugin.
log() { echo "uml-flow-net: $*"; }
${NET_FROM_CMDLINE}
`;

const sysvService = `#!/bin/sh
### BEGIN INIT INFO
# Provides:          uml-flow-net
# Required-Start:    mountkernfs $local_fs
# Required-Stop:
# Default-Start:     S
# Default-Stop:
# Short-Description: Network addresses uml-flow gives on the kernel command line
### END INIT INFO
case "$1" in
  start) exec ${SCRIPT} ;;
  stop|restart|force-reload|status) exit 0 ;;
  *) echo "Usage: $0 start" >&2; exit 3 ;;
esac
`;

const systemdUnit = `[Unit]
Description=Network addresses uml-flow gives on the kernel command line
DefaultDependencies=no
After=local-fs.target
Before=network.target
Wants=network.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=${SCRIPT}

[Install]
WantedBy=multi-user.target
`;

async function sysvinit(ctx: FlowContext) {
  await ctx.runner.writeFile(inGuest(ctx, SYSV_SERVICE), sysvService, { mode: 0o755 });
  await ctx.runner.run({ file: 'chroot', args: [ctx.rootfs, 'update-rc.d', 'uml-flow-net', 'defaults'] });
}

async function systemd(ctx: FlowContext) {
  await ctx.runner.writeFile(inGuest(ctx, SYSTEMD_UNIT), systemdUnit);
  await ctx.runner.mkdir(inGuest(ctx, '/etc/systemd/system/multi-user.target.wants'));
  await ctx.runner.run({ file: 'ln', args: ['-sfn', SYSTEMD_UNIT, inGuest(ctx, '/etc/systemd/system/multi-user.target.wants/uml-flow-net.service')] });
}

/**
 * For sysvinit and systemd guests: a boot step that gives the interfaces the addresses the
 * network plugins (netns-tap, slirp) announce on the kernel command line. lean-init does this
 * itself.
 */
export default definePlugin({
  name: 'guest-network',
  description: 'Configures the guest network at boot (sysvinit or systemd) from what netns-tap or slirp announce.',
  engines: '^0.1.0',
  options: s.object({}),
  apply(hooks) {
    hooks.bootstrap.tap('guest-network', (ctx) => {
      ctx.packages.add('iproute2');
    });
    hooks.configure.tapPromise('guest-network', async (ctx) => {
      if (ctx.guest.init === 'custom') return ctx.runner.note('guest-network: the guest has its own init, which configures the network');
      await ctx.runner.writeFile(inGuest(ctx, SCRIPT), script, { mode: 0o755 });
      await (ctx.guest.init === 'systemd' ? systemd(ctx) : sysvinit(ctx));
    });
  },
});
