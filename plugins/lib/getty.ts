import { inGuest, type FlowContext } from '../../core/index.js';

/** The article's inittab entry: a respawning getty on one terminal, in runlevels 1, 2, 3 and 5. */
export const inittabGetty = (id: string, tty: string) => `${id}:1235:respawn:/sbin/getty 38400 ${tty} linux`;

/** Adds `id`'s getty on `tty` once, commenting out any other getty already on that terminal. */
export function withInittabGetty(inittab: string, id: string, tty: string): string {
  const line = inittabGetty(id, tty);
  const other = new RegExp(`^[^#:][^:]*:[^:]*:respawn:\\S*getty\\s.*\\b${tty}\\b`);
  const lines = inittab.split('\n').map((l) => (l !== line && other.test(l) ? `#${l}` : l));
  while (lines.at(-1) === '') lines.pop();
  if (!lines.includes(line)) lines.push(line);
  return `${lines.join('\n')}\n`;
}

/** Enables systemd's getty@TTY.service, the way `systemctl enable` would, without running systemd. */
export async function enableSystemdGetty(ctx: FlowContext, tty: string): Promise<void> {
  await ctx.runner.mkdir(inGuest(ctx, '/etc/systemd/system/getty.target.wants'));
  await ctx.runner.run({ file: 'ln', args: ['-sfn', '/lib/systemd/system/getty@.service', inGuest(ctx, `/etc/systemd/system/getty.target.wants/getty@${tty}.service`)] });
}

/**
 * A custom init has no inittab: the console plugin asks it for a login prompt on the kernel
 * command line instead (`uf_getty=tty1`), as the network plugins pass addresses (`uf_net0=`).
 */
export const GETTY_ARG = 'uf_getty';

/**
 * Shell for a custom init (lean-init): a respawning getty on each terminal named by `uf_getty=`.
 * Each loop joins `$pids`, so the init's shutdown stops it with its getty. `setsid`, as init
 * does for inittab entries: a session of its own, so the terminal becomes the login shell's.
 */
export const GETTYS_FROM_CMDLINE = `set -f
for word in $(cat /proc/cmdline); do
  case $word in
    ${GETTY_ARG}=tty[0-9] | ${GETTY_ARG}=tty[0-9][0-9] | ${GETTY_ARG}=ttyS[0-9])
      tty=\${word#${GETTY_ARG}=}
      ( trap 'kill "$getty" 2>/dev/null; exit 0' TERM
        while :; do
          setsid /sbin/getty 38400 "$tty" linux &
          getty=$!
          wait "$getty"
          sleep 1
        done ) &
      pids="$! $pids"
      log "login prompt on $tty"
      ;;
  esac
done
set +f`;
