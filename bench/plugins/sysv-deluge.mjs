import { definePlugin, inGuest, s } from 'uml-flow';

/**
 * The benchmark's baseline guest: Deluge started by a full sysvinit boot (rcS, runlevel 2, Debian's
 * own /etc/init.d/deluged) instead of lean-init. It provides what lean-init does itself: the
 * network announced on the kernel command line (uf_net0=DEVICE,ADDRESS/PREFIX[,GATEWAY], uf_dns),
 * the data disk owned by Deluge's user, and a deluge-web service (Debian ships no init script for it).
 * Same packages as preset:deluge, so both images come from the same cached bootstrap.
 */
const PREP = `#!/bin/sh
### BEGIN INIT INFO
# Provides:          uml-flow-bench-prep
# Required-Start:    $local_fs
# Required-Stop:
# Default-Start:     S
# Default-Stop:
# Short-Description: Network from the kernel command line; Deluge's data disk owned by its user.
### END INIT INFO
[ "$1" = start ] || exit 0
PATH=/sbin:/usr/sbin:/bin:/usr/bin
net_up() {
  IFS=, read -r dev addr gw <<EOF
$1
EOF
  ip addr add "$addr" dev "$dev" && ip link set "$dev" up
  [ -z "$gw" ] || ip route add default via "$gw" dev "$dev"
}
ip link set lo up
for word in $(cat /proc/cmdline); do
  case "$word" in
    uf_net[0-9]=*) net_up "\${word#*=}" ;;
    uf_dns=*) echo "nameserver \${word#uf_dns=}" > /etc/resolv.conf ;;
  esac
done
mkdir -p /var/lib/deluged/config
chown debian-deluged: /var/lib/deluged /var/lib/deluged/config
chmod 0750 /var/lib/deluged /var/lib/deluged/config
`;

const DELUGE_WEB = `#!/bin/sh
### BEGIN INIT INFO
# Provides:          deluge-web
# Required-Start:    $local_fs $remote_fs deluged
# Required-Stop:     $local_fs $remote_fs
# Should-Start:      $network
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: Deluge web UI on port 8112
### END INIT INFO
PATH=/sbin:/usr/sbin:/bin:/usr/bin
DAEMON=/usr/bin/deluge-web
ARGS="-d -c /var/lib/deluged/config -i 0.0.0.0 -p 8112 -l /var/log/deluged/web.log -L info"
PIDFILE=/var/run/deluge-web.pid
[ -x "$DAEMON" ] || exit 0
. /lib/lsb/init-functions
case "$1" in
  start)
    log_daemon_msg "Starting Deluge web UI" deluge-web
    start-stop-daemon --start --background --quiet --pidfile $PIDFILE --make-pidfile --exec $DAEMON \\
      --chuid debian-deluged --umask 0027 -- $ARGS
    log_end_msg $?
    ;;
  stop)
    log_daemon_msg "Stopping Deluge web UI" deluge-web
    start-stop-daemon --stop --quiet --retry=TERM/30/KILL/5 --pidfile $PIDFILE
    rm -f $PIDFILE
    log_end_msg 0
    ;;
  restart|force-reload) "$0" stop; "$0" start ;;
  status) status_of_proc -p $PIDFILE $DAEMON deluge-web ;;
  *) echo "Usage: $0 {start|stop|restart|force-reload|status}" >&2; exit 3 ;;
esac
`;

export default definePlugin({
  name: 'sysv-deluge',
  description: 'Benchmark baseline: Deluge and its web UI started by a full sysvinit boot.',
  engines: '^0.1.0',
  options: s.object({}),
  apply(hooks) {
    hooks.bootstrap.tap('sysv-deluge', (ctx) => {
      ctx.packages.add('iproute2');
    });
    hooks.configure.tapPromise('sysv-deluge', async (ctx) => {
      await ctx.runner.editFile(inGuest(ctx, '/etc/default/deluged'), 'ENABLE_DELUGED=1', (text) => text.replace(/^ENABLE_DELUGED=0$/m, 'ENABLE_DELUGED=1'));
      await ctx.runner.writeFile(inGuest(ctx, '/etc/init.d/uml-flow-bench-prep'), PREP, { mode: 0o755 });
      await ctx.runner.writeFile(inGuest(ctx, '/etc/init.d/deluge-web'), DELUGE_WEB, { mode: 0o755 });
      for (const script of ['uml-flow-bench-prep', 'deluge-web']) await ctx.runner.run({ file: 'chroot', args: [ctx.rootfs, 'update-rc.d', script, 'defaults'] });
    });
  },
});
