import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import guestNetwork from '../../plugins/guest-network.js';
import { NET_FROM_CMDLINE } from '../../plugins/lib/guest-network.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the guest snippet in a host shell with `ip` and /proc/cmdline stubbed and resolv.conf redirected. */
function runSnippet(cmdline: string) {
  const dir = mkdtempSync(join(tmpdir(), 'uf-guest-net-'));
  temps.push(dir);
  const resolv = join(dir, 'resolv.conf');
  const script = [
    `cat() { printf '%s\\n' '${cmdline}'; }`,
    'ip() { echo "ip $*"; }',
    'log() { echo "log $*"; }',
    NET_FROM_CMDLINE.replaceAll('/etc/resolv.conf', resolv),
  ].join('\n');
  const out = execFileSync('sh', ['-c', script], { encoding: 'utf8', cwd: dir });
  let dns: string | undefined;
  try {
    dns = readFileSync(resolv, 'utf8');
  } catch {
    dns = undefined;
  }
  return { out, dns, files: () => execFileSync('ls', ['-A', dir], { encoding: 'utf8' }) };
}

describe('the guest side of the network announcement', () => {
  it('configures each announced interface, its gateway and the name server', () => {
    const { out, dns } = runSnippet('mem=256M uf_net0=eth0,10.77.0.2/24 uf_net1=eth1,10.0.2.15/24,10.0.2.2 uf_dns=10.0.2.3 init=/sbin/uml-flow-init');
    expect(out).toBe(
      [
        'ip link set lo up',
        'ip addr add 10.77.0.2/24 dev eth0',
        'ip link set eth0 up',
        'log network eth0 10.77.0.2/24',
        'ip addr add 10.0.2.15/24 dev eth1',
        'ip link set eth1 up',
        'log network eth1 10.0.2.15/24',
        'ip route add default via 10.0.2.2 dev eth1',
        '',
      ].join('\n'),
    );
    expect(dns).toBe('nameserver 10.0.2.3\n');
  });

  it('treats what it reads as data: no command substitution, no globbing', () => {
    const { out, files } = runSnippet('uf_net0=eth0,$(touch${IFS}pwned),* uf_dns=`touch${IFS}pwned2`');
    expect(files()).not.toMatch(/pwned/);
    expect(out).toContain('ip addr add $(touch${IFS}pwned) dev eth0');
    expect(out).toContain('ip route add default via * dev eth0');
  });
});

describe('guest-network', () => {
  it('installs the script as an rcS service on sysvinit guests', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[guestNetwork, {}]], ['bootstrap', 'configure']);
    expect([...ctx.packages]).toEqual(['iproute2']);
    expect(ctx.runner.recorded.filter((r) => r.kind === 'write').map((r) => r.kind === 'write' && [r.path, r.mode])).toEqual([
      ['/uf/build/rootfs/usr/local/sbin/uml-flow-net', 0o755],
      ['/uf/build/rootfs/etc/init.d/uml-flow-net', 0o755],
    ]);
    expect(ctx.runner.commands).toEqual(['chroot /uf/build/rootfs update-rc.d uml-flow-net defaults </dev/null']);
    expect(() => execFileSync('sh', ['-n'], { input: ctx.runner.files.get('/uf/build/rootfs/usr/local/sbin/uml-flow-net')! })).not.toThrow();
  });

  it('installs a oneshot unit on systemd guests', async () => {
    const ctx = testContext({ guest: { suite: 'bookworm', architecture: 'amd64', init: 'systemd' } });
    await runHooks(ctx, [[guestNetwork, {}]], ['configure']);
    expect(ctx.runner.files.get('/uf/build/rootfs/etc/systemd/system/uml-flow-net.service')).toContain('ExecStart=/usr/local/sbin/uml-flow-net\n');
    expect(ctx.runner.commands).toEqual([
      'ln -sfn /etc/systemd/system/uml-flow-net.service /uf/build/rootfs/etc/systemd/system/multi-user.target.wants/uml-flow-net.service </dev/null',
    ]);
  });

  it('leaves a guest with its own init alone', async () => {
    const ctx = testContext({ guest: { suite: 'bookworm', architecture: 'amd64', init: 'custom' } });
    await runHooks(ctx, [[guestNetwork, {}]], ['configure']);
    expect(ctx.runner.recorded.map((r) => r.kind)).toEqual(['note']);
  });
});
