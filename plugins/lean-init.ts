import { definePlugin, fail, GUEST_PATH, inGuest, s, ubdDevice, type Disk, type Infer } from '../core/index.js';
import { GETTYS_FROM_CMDLINE } from './lib/getty.js';
import { NET_FROM_CMDLINE } from './lib/guest-network.js';

/** Characters no shell interprets: every value put into the script must match one of these. */
const WORD = /^[A-Za-z0-9_@%+=:,.\/-]+$/;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;

const service = s.object({
  command: s.array(s.string({ pattern: WORD, patternHint: 'a word without spaces, quotes or shell characters' }), {
    description: 'Program (absolute path) and its arguments, one word each.',
  }),
  user: s.string({ pattern: USER, patternHint: 'a user name in the guest', description: 'The user it runs as (root only when the program drops privileges itself).' }),
  umask: s.default(s.string({ pattern: /^0?[0-7]{3}$/, patternHint: 'an octal umask such as 022' }), '022'),
  directories: s.default(s.array(s.string({ pattern: GUEST_PATH, patternHint: 'an absolute path' }), { description: 'Created before it starts and owned by its user (mode 0750).' }), []),
});
export type LeanService = Infer<typeof service>;

const options = s.object({
  services: s.default(s.record(service, { keyPattern: /^[a-z][a-z0-9-]{0,31}$/, description: 'Started in this order at boot, stopped in reverse.' }), {}),
});

export const INIT_PATH = '/sbin/uml-flow-init';
/** Printed once every service was started; the readiness probe waits for it. */
export const READY_MARKER = 'uml-flow-init: ready';
const STOP_TIMEOUT_SECONDS = 15;

/** Single quotes on top of the pattern checks, so a value can never become shell syntax. */
const q = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

function checkService(name: string, svc: LeanService): void {
  const issues: string[] = [];
  if (!svc.command.length || !svc.command[0].startsWith('/')) issues.push('command must start with the absolute path of a program');
  for (const dir of svc.directories) if (dir.split('/').includes('..')) issues.push(`directories: "${dir}" must not contain ".."`);
  if (issues.length) fail('CONFIG_INVALID', { file: 'options.lean-init', issues: issues.map((i) => `services.${name}.${i}`).join('; ') });
}

function checkMountpoint(disk: Disk): string {
  const mountpoint = disk.mountpoint!;
  if (!GUEST_PATH.test(mountpoint) || mountpoint.split('/').includes('..'))
    fail('PLUGIN_FAILED', { plugin: 'lean-init', hook: 'configure', reason: `data disk ubd${disk.index} has a mountpoint lean-init will not use: "${mountpoint}"` });
  return mountpoint;
}

const PRELUDE = `#!/bin/sh
# ${INIT_PATH}: PID 1 of a lean uml-flow guest, written by the lean-init plugin.
# No init system: it mounts, configures the network, starts the services below and waits.
# mconsole \`cad\` (uml-flow stop) makes it stop them, sync and power off.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
umask 022
log() { echo "uml-flow-init: $*"; }

mount -t proc -o nosuid,nodev,noexec proc /proc
mount -t sysfs -o nosuid,nodev,noexec sysfs /sys
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
mkdir -p /dev/pts /dev/shm
mount -t devpts -o gid=5,mode=620 devpts /dev/pts
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
mount -o remount,rw /
pids=
`;

const shutdown = (unmount: string[]) => `shutdown() {
  trap '' INT TERM
  log "shutting down"
  [ -z "$pids" ] || kill -TERM $pids 2>/dev/null
  ( sleep ${STOP_TIMEOUT_SECONDS}; kill -KILL $pids 2>/dev/null ) &
  for pid in $pids; do wait "$pid"; done
  log "services stopped"
  sync
${unmount.map((line) => `  ${line}\n`).join('')}  mount -o remount,ro /
  sync
  log "power off"
  echo o > /proc/sysrq-trigger
  sleep 30
}
# From here on a stop is clean. Ctrl-Alt-Del (mconsole cad) restarts at once by default; with 0
# the kernel sends SIGINT to PID 1 instead.
trap shutdown INT TERM
echo 0 > /proc/sys/kernel/ctrl-alt-del
`;

const SETUP = `[ -s /etc/hostname ] && read -r h < /etc/hostname && echo "$h" > /proc/sys/kernel/hostname

# The addresses the network plugins put on the kernel command line.
${NET_FROM_CMDLINE}

own() { # user directory...
  u=$1; shift
  mkdir -p "$@" && chown "$u:" "$@" && chmod 0750 "$@"
}
start() { # name user umask program args...
  name=$1 u=$2 mask=$3; shift 3
  home=$(getent passwd "$u" | cut -d: -f6)
  ( umask "$mask"; cd "\${home:-/}" 2>/dev/null || cd /
    HOME=\${home:-/} exec setpriv --reuid="$u" --regid="$(id -g "$u")" --init-groups -- "$@" ) &
  pids="$! $pids"
  log "started $name (pid $!)"
}
`;

const WAIT_FOREVER = `log ready
while :; do
  sleep 3600 &
  wait $!
done
`;

/** The init script: fixed text plus lines built only from values checked against the patterns above. */
export function initScript(services: Record<string, LeanService>, disks: Disk[]): string {
  const data = [...disks].filter((d) => d.role === 'data' && d.mountpoint).sort((a, b) => a.index - b.index);
  const swaps = disks.filter((d) => d.role === 'swap');
  const mountpoints = data.map((disk) => ({ device: ubdDevice(disk.index), mp: q(checkMountpoint(disk)) }));
  const unmount = [...[...mountpoints].reverse().map(({ mp }) => `umount ${mp} || mount -o remount,ro ${mp}`), ...swaps.map((d) => `swapoff ${ubdDevice(d.index)}`)];
  const lines: string[] = [PRELUDE, shutdown(unmount), SETUP];
  for (const disk of swaps) lines.push(`swapon ${ubdDevice(disk.index)} || log "no swap on ${ubdDevice(disk.index)}"`);
  for (const { device, mp } of mountpoints) lines.push(`mkdir -p ${mp} && mount -o noatime ${device} ${mp} || log "cannot mount ${device}"`);
  for (const [name, svc] of Object.entries(services)) {
    if (svc.directories.length) lines.push(`own ${q(svc.user)} ${svc.directories.map(q).join(' ')}`);
    lines.push(`start ${q(name)} ${q(svc.user)} ${q(svc.umask)} ${svc.command.map(q).join(' ')}`);
  }
  lines.push('', '# Login prompts the console plugin asked for on the kernel command line.', GETTYS_FROM_CMDLINE, '', WAIT_FOREVER);
  return lines.join('\n');
}

/**
 * A lean PID 1 for app guests: no init system, only the app's services, each as its own user.
 * Processes are expensive under UML, so this reaches a running app in seconds where a full boot
 * takes half a minute. Data disks in the disk table are mounted; the network comes from the
 * network plugins (see plugins/lib/guest-network.ts). Handles mconsole `cad` as a clean power-off.
 */
export default definePlugin({
  name: 'lean-init',
  description: 'A minimal /sbin/uml-flow-init that starts only the given services (fast boot).',
  engines: '^0.1.0',
  options,
  apply(hooks, opts) {
    for (const [name, svc] of Object.entries(opts.services)) checkService(name, svc);
    hooks.bootstrap.tap('lean-init', (ctx) => {
      ctx.packages.add('iproute2');
    });
    hooks.configure.tapPromise('lean-init', async (ctx) => {
      await ctx.runner.writeFile(inGuest(ctx, INIT_PATH), initScript(opts.services, ctx.disks), { mode: 0o755 });
      ctx.guest = { ...ctx.guest, init: 'custom' };
    });
    hooks.boot.tap('lean-init', (ctx) => {
      ctx.kernel.set('init', INIT_PATH);
      ctx.instance.probes.push({ kind: 'console', pattern: READY_MARKER });
    });
  },
});
