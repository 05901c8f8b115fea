import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import opensshServer from '../../plugins/openssh-server.js';

const R = '/uf/build/rootfs';

describe('openssh-server', () => {
  it('installs with the bootstrap, makes fresh host keys at build time, keys-only root login', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[opensshServer, {}]], ['bootstrap', 'configure']);
    expect([...ctx.packages]).toEqual(['openssh-server']);
    expect(ctx.runner.recorded.filter((r) => r.kind === 'remove').map((r) => (r as { path: string }).path)).toEqual(
      ['rsa', 'ecdsa', 'ed25519'].flatMap((t) => [`${R}/etc/ssh/ssh_host_${t}_key`, `${R}/etc/ssh/ssh_host_${t}_key.pub`]),
    );
    expect(ctx.runner.commands).toEqual([`chroot ${R} ssh-keygen -A </dev/null`]);
    expect(ctx.runner.files.get(`${R}/etc/ssh/sshd_config.d/uml-flow.conf`)).toBe(
      '# written by uml-flow\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n',
    );
  });

  it('takes PermitRootLogin and PasswordAuthentication from options', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[opensshServer, { permitRootLogin: 'no', passwordAuthentication: true }]], ['configure']);
    expect(ctx.runner.files.get(`${R}/etc/ssh/sshd_config.d/uml-flow.conf`)).toBe('# written by uml-flow\nPermitRootLogin no\nPasswordAuthentication yes\n');
  });
});
