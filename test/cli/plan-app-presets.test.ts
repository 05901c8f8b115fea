import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome, uf } from '../support/cli.js';

describe('plan of the app presets (runs nothing)', () => {
  const home = tempHome('plan-apps');
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('preset:deluge: lean init, a namespace with a tap, socat on 127.0.0.1:8112, a data disk, 256M', () => {
    const r = uf(home, ['plan', 'preset:deluge']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(r.stdout).toMatch(/^mmdebstrap .*--include=\S*deluge-web,deluged,iproute2/m);
    expect(r.stdout).toContain("start 'deluged' 'debian-deluged' '007' '/usr/bin/deluged'");
    expect(lines).toContain('ip netns add uf-deluge </dev/null');
    expect(lines).toContain(
      "setsid socat TCP-LISTEN:8112,bind=127.0.0.1,reuseaddr,fork 'EXEC:ip netns exec uf-deluge socat STDIO TCP\\:10.77.0.2\\:8112' </dev/null >>" +
        `${home}/state/instances/deluge/port-forward-web.log 2>&1 &`,
    );
    expect(r.stdout).toMatch(/^mkfs\.ext4 -q -F -L data -E lazy_journal_init=1 \S+\/instances\/deluge\/data\.img\.new/m);
    expect(r.stdout).toMatch(
      /^setsid ip netns exec uf-deluge \/usr\/bin\/linux eth0=tuntap,tap0 uf_net0=eth0,10\.77\.0\.2\/24 init=\/sbin\/uml-flow-init mem=256M ubd0=\S+\/root\.img ubd1=\S+\/instances\/deluge\/data\.img /m,
    );
    expect(r.stdout).toContain('# wait until ready: GET http://127.0.0.1:8112/ answers 200');
    expect(uf(home, ['ps', '--json']).stdout.trim()).toBe('[]');
  });

  it('preset:calibre: its user, calibre-server on the data disk trusting the tap host end, socat on 127.0.0.1:8080, 256M', () => {
    const r = uf(home, ['plan', 'preset:calibre']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^mmdebstrap .*--include=calibre,iproute2,sysvinit-core /m);
    expect(r.stdout).toMatch(/^chroot \S+\/rootfs useradd --system --user-group --no-create-home --home-dir \/srv\/calibre --shell \/usr\/sbin\/nologin calibre </m);
    expect(r.stdout).toContain("own 'calibre' '/srv/calibre'\n");
    expect(r.stdout).toContain(
      "start 'calibre-server' 'calibre' '027' '/usr/local/bin/calibre-server-with-library' '/srv/calibre/library' '--listen-on=0.0.0.0' '--port=8080' '--trusted-ips=10.77.0.1' '--disable-use-bonjour'\n",
    );
    expect(r.stdout.split('\n')).toContain('ip -n uf-calibre addr add 10.77.0.1/24 dev tap0 </dev/null');
    expect(r.stdout).toMatch(/^setsid socat TCP-LISTEN:8080,bind=127\.0\.0\.1,.* 'EXEC:ip netns exec uf-calibre socat STDIO TCP\\:10\.77\.0\.2\\:8080'/m);
    expect(r.stdout).toMatch(/^setsid ip netns exec uf-calibre \/usr\/bin\/linux .* mem=256M ubd0=\S+ ubd1=\S+\/instances\/calibre\/data\.img /m);
    expect(r.stdout).toContain('# wait until ready: GET http://127.0.0.1:8080/ answers 200');
  });

  it('preset:apache and preset:ssh forward 8080 and 2222', () => {
    expect(uf(home, ['plan', 'preset:apache']).stdout).toMatch(/^setsid socat TCP-LISTEN:8080,bind=127\.0\.0\.1,.* 'EXEC:ip netns exec uf-apache socat STDIO TCP\\:10\.77\.0\.2\\:80'/m);
    expect(uf(home, ['plan', 'preset:ssh']).stdout).toMatch(/^setsid socat TCP-LISTEN:2222,bind=127\.0\.0\.1,.* 'EXEC:ip netns exec uf-ssh socat STDIO TCP\\:10\.77\.0\.2\\:22'/m);
  });
});
