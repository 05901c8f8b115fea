import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import hostname from '../../plugins/hostname.js';

const R = '/uf/build/rootfs';

describe('hostname', () => {
  it("replaces the host's name left by the bootstrap with the instance name, and /etc/hosts", async () => {
    const ctx = testContext({ name: 'web-1' });
    await runHooks(ctx, [[hostname, {}]], ['configure']);
    expect(ctx.runner.recorded).toEqual([
      { kind: 'write', path: `${R}/etc/hostname`, mode: 0o644, content: 'web-1\n' },
      { kind: 'write', path: `${R}/etc/hosts`, mode: 0o644, content: '127.0.0.1\tlocalhost\n127.0.1.1\tweb-1\n::1\tlocalhost ip6-localhost ip6-loopback\n' },
    ]);
  });

  it('takes an explicit name and rejects an invalid one', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[hostname, { hostname: 'box' }]], ['configure']);
    expect(ctx.runner.files.get(`${R}/etc/hostname`)).toBe('box\n');
    await expect(runHooks(testContext(), [[hostname, { hostname: 'Box_1' }]], ['configure'])).rejects.toThrow(/options\.hostname\.hostname "Box_1" is not a host name/);
  });
});
