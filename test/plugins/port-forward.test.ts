import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import portForward from '../../plugins/port-forward.js';

const web = { hostPort: 8112, guestPort: 8112, http: '/', label: 'Deluge web UI', note: 'default password: deluge' };

function inNamespace() {
  const ctx = testContext();
  ctx.instance.launchPrefix = ['ip', 'netns', 'exec', 'uf-test'];
  ctx.kernel.set('eth0', 'tuntap,tap0').set('uf_net0', 'eth0,10.77.0.2/24');
  return ctx;
}

describe('port-forward', () => {
  it('checks the port, then starts socat on 127.0.0.1 that connects from inside the namespace', async () => {
    const ctx = inNamespace();
    await runHooks(ctx, [[portForward, { forwards: { web } }]], ['network']);
    expect(ctx.runner.commands).toEqual([
      'ss -H -l -t -n sport = :8112 </dev/null',
      "socat TCP-LISTEN:8112,bind=127.0.0.1,reuseaddr,fork 'EXEC:ip netns exec uf-test socat STDIO TCP\\:10.77.0.2\\:8112' </dev/null",
    ]);
    const spawn = ctx.runner.recorded.find((r) => r.kind === 'spawn');
    expect(spawn).toMatchObject({ command: { logFile: '/uf/instances/test/port-forward-web.log' } });
    expect(ctx.instance.teardown).toEqual([{ file: 'pkill', args: ['--pgroup', '1000', '--full', '^socat TCP-LISTEN:8112,bind=127\\.0\\.0\\.1,reuseaddr,fork '] }]);
    expect(ctx.instance.endpoints).toEqual(['Deluge web UI: http://127.0.0.1:8112/ (default password: deluge)']);
    expect(ctx.instance.probes).toEqual([{ kind: 'http', url: 'http://127.0.0.1:8112/', status: 200 }]);
  });

  it('connects directly when the kernel runs in the host namespace, and shows a plain port without http', async () => {
    const ctx = testContext();
    ctx.kernel.set('uf_net0', 'eth0,192.168.7.2/24');
    await runHooks(ctx, [[portForward, { forwards: { ssh: { hostPort: 2222, guestPort: 22 } } }]], ['network']);
    expect(ctx.runner.commands[1]).toBe('socat TCP-LISTEN:2222,bind=127.0.0.1,reuseaddr,fork TCP:192.168.7.2:22 </dev/null');
    expect(ctx.instance.endpoints).toEqual(['ssh: 127.0.0.1:2222']);
    expect(ctx.instance.probes).toEqual([]);
  });

  it('refuses a port something already listens on, before starting anything', async () => {
    const ctx = inNamespace();
    ctx.runner.respond((c) => (c.file === 'ss' ? { stdout: 'LISTEN 0      128    0.0.0.0:8112 0.0.0.0:*\n' } : undefined));
    await expect(runHooks(ctx, [[portForward, { forwards: { web } }]], ['network'])).rejects.toMatchObject({
      code: 'PORT_IN_USE',
      message: 'port 8112 is already in use on this host (LISTEN 0 128 0.0.0.0:8112 0.0.0.0:*)',
      hint: expect.stringContaining("{ 'port-forward': { forwards: { web: { hostPort: <free port> } } } }"),
    });
    expect(ctx.runner.recorded.filter((r) => r.kind === 'spawn')).toEqual([]);
    expect(ctx.instance.teardown).toEqual([]);
  });

  it('warns loudly when asked to listen on another address', async () => {
    const ctx = inNamespace();
    await runHooks(ctx, [[portForward, { forwards: { web: { ...web, bind: '0.0.0.0' } } }]], ['network']);
    expect(ctx.warnings).toEqual(["port-forward web listens on 0.0.0.0:8112: other machines can reach the guest's port 8112"]);
    expect(ctx.instance.probes).toEqual([{ kind: 'http', url: 'http://127.0.0.1:8112/', status: 200 }]);
  });

  it('needs a guest address it can reach', async () => {
    await expect(runHooks(testContext(), [[portForward, { forwards: { web } }]], ['network'])).rejects.toMatchObject({
      message: expect.stringContaining('the guest has no network interface to forward to'),
      hint: 'Add netns-tap before port-forward in the plugin list.',
    });
    const slirp = testContext();
    slirp.kernel.set('eth0', 'slirp,,/usr/bin/slirp-fullbolt').set('uf_net0', 'eth0,10.0.2.15/24,10.0.2.2');
    await expect(runHooks(slirp, [[portForward, { forwards: { web } }]], ['network'])).rejects.toThrow(/eth0 is a slirp interface/);
  });

  it.each([
    [{ forwards: { web: { ...web, bind: '127.0.0.1,fork,exec' } } }, /forwards\.web\.bind/],
    [{ forwards: { web: { ...web, hostPort: 70000 } } }, /forwards\.web\.hostPort must be at most 65535/],
    [{ forwards: { web: { ...web, http: '/x y' } } }, /forwards\.web\.http/],
    [{ forwards: { web: { ...web, label: 'a\nb' } } }, /forwards\.web\.label/],
    [{ forwards: { web, again: { ...web, guestPort: 80 } } }, /127\.0\.0\.1:8112 is forwarded twice/],
    [{ guestAddress: '10.0.0.1:80' }, /guestAddress/],
  ])('refuses %j', async (opts, message) => {
    await expect(runHooks(inNamespace(), [[portForward, opts]], ['network'])).rejects.toThrow(message);
  });
});
