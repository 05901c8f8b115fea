import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import resolvConf from '../../plugins/resolv-conf.js';

const FILE = '/uf/build/rootfs/etc/resolv.conf';

describe('resolv-conf', () => {
  it("replaces the host's resolv.conf (removing a symlink first) with one naming no server", async () => {
    const ctx = testContext();
    await runHooks(ctx, [[resolvConf, {}]], ['configure']);
    expect(ctx.runner.recorded).toEqual([
      { kind: 'remove', path: FILE },
      { kind: 'write', path: FILE, mode: 0o644, content: '# written by uml-flow\n# no name server: set options["resolv-conf"].nameservers (slirp: 10.0.2.3)\n' },
    ]);
  });

  it("names slirp's resolver and a search domain when asked", async () => {
    const ctx = testContext();
    await runHooks(ctx, [[resolvConf, { nameservers: ['10.0.2.3'], search: ['example.org'] }]], ['configure']);
    expect(ctx.runner.files.get(FILE)).toBe('# written by uml-flow\nnameserver 10.0.2.3\nsearch example.org\n');
  });

  it('rejects something that is not an address', async () => {
    await expect(runHooks(testContext(), [[resolvConf, { nameservers: ['1.1.1.1\nnameserver evil'] }]], ['configure'])).rejects.toThrow(
      /options\.resolv-conf\.nameservers\[0\] [\s\S]*is not an IPv4 or IPv6 address/,
    );
  });
});
