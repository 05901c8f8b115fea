/**
 * Shared by the network plugins (netns-tap, slirp, port-forward), lean-init and guest-network.
 *
 * How the guest learns its addresses: each network plugin adds `uf_net<N>=DEVICE,ADDRESS/PREFIX[,GATEWAY]`
 * (and `uf_dns=ADDRESS`) to the kernel command line, and the guest reads them back from /proc/cmdline
 * (NET_FROM_CMDLINE). Decided at run time, so the image does not depend on the host's network set-up.
 */
import type { FlowContext } from '../../core/index.js';

export const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$/;
export const IPV4_CIDR = new RegExp(`^${IPV4.source.slice(1, -1)}/([1-9]|[12][0-9]|3[0-2])$`);

/** `uf_net0` to `uf_net9`. */
export const MAX_GUEST_INTERFACES = 10;

export interface GuestInterface {
  /** Name inside the guest: eth0 (legacy drivers) or vec0 (vector driver). */
  device: string;
  /** Address with prefix, e.g. 10.77.0.2/24. */
  address: string;
  gateway?: string;
}

export interface NetDrivers {
  /** The legacy `ethN=` transports (gone since Linux 6.16). */
  tuntap: boolean;
  slirp: boolean;
  /** `vecN:transport=...`. */
  vector: boolean;
  /** Where the answer came from, for messages. */
  source: string;
}

/** What the UML kernel supports, from `linux --showconfig` (or its version when that says nothing). */
export async function detectNetDrivers(ctx: FlowContext, kernel: string): Promise<NetDrivers> {
  if (ctx.runner.dryRun) {
    ctx.runner.note(`assuming ${kernel} has the legacy network drivers (eth0=tuntap, eth0=slirp); a real run checks \`${kernel} --showconfig\``);
    return { tuntap: true, slirp: true, vector: true, source: 'assumed in a dry run' };
  }
  const config = await ctx.runner.run({ file: kernel, args: ['--showconfig'], timeoutMs: 10_000 }, { allowFailure: true });
  if (config.exitCode === 0 && /^CONFIG_UML_NET/m.test(config.stdout)) {
    const has = (option: string) => new RegExp(`^CONFIG_${option}=y$`, 'm').test(config.stdout);
    return { tuntap: has('UML_NET_TUNTAP'), slirp: has('UML_NET_SLIRP'), vector: has('UML_NET_VECTOR'), source: `${kernel} --showconfig` };
  }
  const version = await ctx.runner.run({ file: kernel, args: ['--version'], timeoutMs: 10_000 }, { allowFailure: true });
  const m = /^([0-9]+)\.([0-9]+)/.exec(version.stdout.trim());
  const legacy = m !== null && (Number(m[1]) < 6 || (Number(m[1]) === 6 && Number(m[2]) <= 15));
  return { tuntap: legacy, slirp: legacy, vector: true, source: `${kernel} --version (${version.stdout.trim() || 'unknown'})` };
}

const DEVICE_KEY = /^(eth|vec)([0-9]+)[=:]/;

/** The next free network device number (eth1 when eth0 is taken). */
export function nextNetIndex(ctx: FlowContext): number {
  const used = ctx.kernel.toArgs().flatMap((arg) => {
    const m = DEVICE_KEY.exec(arg);
    return m ? [Number(m[2])] : [];
  });
  return Math.max(-1, ...used) + 1;
}

/** Tells the guest how to configure one interface (see the top of this file). */
export function announceGuestInterface(ctx: FlowContext, index: number, iface: GuestInterface): void {
  if (index >= MAX_GUEST_INTERFACES) throw new Error(`at most ${MAX_GUEST_INTERFACES} guest network interfaces are supported`);
  ctx.kernel.set(`uf_net${index}`, [iface.device, iface.address, ...(iface.gateway ? [iface.gateway] : [])].join(','));
}

export function announceGuestDns(ctx: FlowContext, server: string): void {
  ctx.kernel.set('uf_dns', server);
}

/** The interfaces announced so far, in device order. */
export function guestInterfaces(ctx: FlowContext): GuestInterface[] {
  const found: GuestInterface[] = [];
  for (let i = 0; i < MAX_GUEST_INTERFACES; i++) {
    const value = ctx.kernel.get(`uf_net${i}`);
    if (!value) continue;
    const [device, address, gateway] = value.split(',');
    found.push({ device, address, ...(gateway && { gateway }) });
  }
  return found;
}

/**
 * Guest shell that configures what the network plugins announced; the script around it defines
 * `log`. The values are data only: quoted, never evaluated, and globbing is off.
 */
export const NET_FROM_CMDLINE = `ip link set lo up
set -f
for word in $(cat /proc/cmdline); do
  case $word in
    uf_net[0-9]=*)
      IFS=, read -r dev addr gw <<EOF
\${word#*=}
EOF
      ip addr add "$addr" dev "$dev" && ip link set "$dev" up && log "network $dev $addr"
      [ -z "$gw" ] || ip route add default via "$gw" dev "$dev"
      ;;
    uf_dns=*) echo "nameserver \${word#uf_dns=}" > /etc/resolv.conf ;;
  esac
done
set +f`;
