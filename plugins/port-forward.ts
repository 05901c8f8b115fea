import { definePlugin, fail, s, type FlowContext, type Infer, type ReadinessProbe } from '../core/index.js';
import { guestInterfaces, IPV4 } from './lib/guest-network.js';
import { startSocat } from './lib/socat.js';

const port = (description: string) => s.number({ integer: true, min: 1, max: 65535, description });

const forward = s.object({
  hostPort: port('Port on the host.'),
  guestPort: port('Port of the service in the guest.'),
  bind: s.default(
    s.string({ pattern: IPV4, patternHint: 'an IPv4 address', description: 'Host address to listen on. Anything but 127.0.0.1 exposes the guest to other machines.' }),
    '127.0.0.1',
  ),
  http: s.optional(
    s.string({ pattern: /^\/[A-Za-z0-9._~\/-]*$/, patternHint: 'a URL path such as /', description: 'An HTTP page: `run` waits until it answers 200 and prints its URL.' }),
  ),
  label: s.optional(s.string({ pattern: /^[A-Za-z0-9][A-Za-z0-9 ._\/-]{0,39}$/, patternHint: 'a short name such as "Deluge web UI"', description: 'Shown before the address.' })),
  note: s.optional(s.string({ pattern: /^[A-Za-z0-9][A-Za-z0-9 .,:;_\/@()-]{0,79}$/, patternHint: 'a short note on one line', description: 'Shown after the address.' })),
});

const options = s.object({
  forwards: s.default(s.record(forward, { keyPattern: /^[a-z][a-z0-9-]{0,31}$/, description: 'Named forwards, so a config can change one port: { web: { hostPort: 18112 } }.' }), {}),
  guestAddress: s.optional(s.string({ pattern: IPV4, patternHint: 'an IPv4 address', description: 'Default: the address of the guest\'s first network interface.' })),
});

type Forward = Infer<typeof forward>;

/** socat's address parser, not a shell, reads EXEC's command line: ":" and "," separate its fields. */
const PREFIX_WORD = /^[A-Za-z0-9_.\/-]+$/;
const socatWord = (word: string) => word.replace(/:/g, '\\:');

function guestAddress(ctx: FlowContext, configured: string | undefined): string {
  if (configured) return configured;
  const first = guestInterfaces(ctx)[0];
  if (!first)
    fail('PLUGIN_FAILED', { plugin: 'port-forward', hook: 'network', reason: 'the guest has no network interface to forward to', hint: 'Add netns-tap before port-forward in the plugin list.' });
  const legacy = ctx.kernel.get(first.device);
  if (legacy?.startsWith('slirp'))
    fail('PLUGIN_FAILED', { plugin: 'port-forward', hook: 'network', reason: `${first.device} is a slirp interface, which the host cannot connect to`, hint: 'Add netns-tap before slirp in the plugin list, or set port-forward.guestAddress.' });
  return first.address.split('/')[0];
}

/** The second socat address: the guest's port, reached from inside the instance's namespace when there is one. */
function target(ctx: FlowContext, guest: string, guestPort: number): string {
  const prefix = ctx.instance.launchPrefix;
  if (!prefix.length) return `TCP:${guest}:${guestPort}`;
  const bad = prefix.find((word) => !PREFIX_WORD.test(word));
  if (bad !== undefined)
    fail('PLUGIN_FAILED', { plugin: 'port-forward', hook: 'network', reason: `cannot pass the launch prefix word "${bad}" to socat` });
  return `EXEC:${[...prefix, 'socat', 'STDIO', `TCP:${guest}:${guestPort}`].map(socatWord).join(' ')}`;
}

function announce(ctx: FlowContext, key: string, fwd: Forward): void {
  const host = fwd.bind === '0.0.0.0' ? '127.0.0.1' : fwd.bind;
  const address = fwd.http === undefined ? `${host}:${fwd.hostPort}` : `http://${host}:${fwd.hostPort}${fwd.http}`;
  ctx.instance.endpoints.push(`${fwd.label ?? key}: ${address}${fwd.note ? ` (${fwd.note})` : ''}`);
  if (fwd.http !== undefined) ctx.instance.probes.push({ kind: 'http', url: address, status: 200 } satisfies ReadinessProbe);
}

/**
 * Forwards host ports to guest ports with socat: it listens on 127.0.0.1 (by default) in the host's
 * namespace and, per connection, connects to the guest from inside the instance's namespace
 * (`ctx.instance.launchPrefix`, set by netns-tap). `uml-flow stop` kills that socat.
 */
export default definePlugin({
  name: 'port-forward',
  description: 'Forwards host ports (bound to 127.0.0.1) to guest ports with socat.',
  engines: '^0.1.0',
  options,
  apply(hooks, opts) {
    const ports = Object.values(opts.forwards).map((f) => `${f.bind}:${f.hostPort}`);
    const twice = ports.find((p, i) => ports.indexOf(p) !== i);
    if (twice) fail('CONFIG_INVALID', { file: 'options.port-forward', issues: `forwards: ${twice} is forwarded twice` });

    // After the plugins that give the guest its address and place the kernel in a namespace.
    hooks.network.tapPromise({ name: 'port-forward', stage: 10 }, async (ctx) => {
      const forwards = Object.entries(opts.forwards);
      if (!forwards.length) return;
      const guest = guestAddress(ctx, opts.guestAddress);
      for (const [key, fwd] of forwards) {
        if (fwd.bind !== '127.0.0.1') ctx.log.warn(`port-forward ${key} listens on ${fwd.bind}:${fwd.hostPort}: other machines can reach the guest's port ${fwd.guestPort}`);
        const fix = `forward another port: options: { 'port-forward': { forwards: { ${key}: { hostPort: <free port> } } } }`;
        await startSocat(ctx, { port: fwd.hostPort, bind: fwd.bind, fix }, target(ctx, guest, fwd.guestPort), `port-forward-${key}`);
        announce(ctx, key, fwd);
      }
    });
  },
});
