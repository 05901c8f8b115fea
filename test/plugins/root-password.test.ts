import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import rootPassword from '../../plugins/root-password.js';

const SHADOW = 'root:*:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host';
const HASH = '$y$j9T$0123456789abcdefghijk/$ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn012';

function context() {
  const ctx = testContext();
  ctx.runner.files.set('/uf/build/rootfs/etc/shadow', SHADOW);
  return ctx;
}

describe('root-password', () => {
  it('locks root by default: no password login, no command run', async () => {
    const ctx = context();
    ctx.runner.files.set('/uf/build/rootfs/etc/shadow', SHADOW.replace('root:*:', 'root:$6$old$hash:'));
    await runHooks(ctx, [[rootPassword, {}]], ['configure']);
    expect(ctx.runner.files.get('/uf/build/rootfs/etc/shadow')).toBe(SHADOW);
    expect(ctx.runner.commands).toEqual([]);
    expect(ctx.warnings).toEqual([]);
  });

  it('writes an authorized key: 600 file in a 700 directory', async () => {
    const ctx = context();
    await runHooks(ctx, [[rootPassword, { authorizedKey: KEY }]], ['configure']);
    expect(ctx.runner.commands).toEqual(['install -d -m 700 /uf/build/rootfs/root/.ssh </dev/null']);
    expect(ctx.runner.recorded.at(-1)).toEqual({ kind: 'write', path: '/uf/build/rootfs/root/.ssh/authorized_keys', content: `${KEY}\n`, mode: 0o600 });
    expect(ctx.runner.files.get('/uf/build/rootfs/etc/shadow')).toBe(SHADOW);
  });

  it("gives the article's blank password only when asked, with a loud warning", async () => {
    const ctx = context();
    await runHooks(ctx, [[rootPassword, { blank: true }]], ['configure']);
    expect(ctx.runner.files.get('/uf/build/rootfs/etc/shadow')).toBe('root::19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n');
    expect(ctx.warnings).toEqual([expect.stringMatching(/EMPTY password/)]);
  });

  it('sets a password hash through an edit of /etc/shadow, never through a shell', async () => {
    const ctx = context();
    await runHooks(ctx, [[rootPassword, { hash: HASH }]], ['configure']);
    expect(ctx.runner.files.get('/uf/build/rootfs/etc/shadow')).toBe(`root:${HASH}:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n`);
    expect(ctx.runner.recorded).toEqual([expect.objectContaining({ kind: 'edit', path: '/uf/build/rootfs/etc/shadow', description: 'root password: the given hash' })]);
  });

  it('rejects a plain password, a bad key, and blank with a hash', async () => {
    await expect(runHooks(context(), [[rootPassword, { hash: 'hunter2' }]], ['configure'])).rejects.toThrow(/options\.root-password\.hash .*crypt\(3\) hash/);
    await expect(runHooks(context(), [[rootPassword, { authorizedKey: 'ssh-ed25519 AAAA\nroot' }]], ['configure'])).rejects.toThrow(/authorizedKey/);
    await expect(runHooks(context(), [[rootPassword, { blank: true, hash: HASH }]], ['configure'])).rejects.toThrow(/exclude each other/);
  });
});
