import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import aptSources from '../../plugins/apt-sources.js';

const FILE = '/uf/build/rootfs/etc/apt/sources.list';

describe('apt-sources', () => {
  it("writes the guest suite with -updates and security", async () => {
    const ctx = testContext();
    await runHooks(ctx, [[aptSources, {}]], ['configure']);
    expect(ctx.runner.recorded).toEqual([
      {
        kind: 'write',
        path: FILE,
        mode: 0o644,
        content:
          '# written by uml-flow\n' +
          'deb http://deb.debian.org/debian bookworm main\n' +
          'deb http://deb.debian.org/debian bookworm-updates main\n' +
          'deb http://security.debian.org/debian-security bookworm-security main\n',
      },
    ]);
  });

  it('has no updates or security pockets for sid; takes mirror and components', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[aptSources, { suite: 'sid', mirror: 'http://mirror.example/debian', components: ['main', 'contrib'] }]], ['configure']);
    expect(ctx.runner.files.get(FILE)).toBe('# written by uml-flow\ndeb http://mirror.example/debian sid main contrib\n');
  });

  it('rejects a mirror that is not an http URL', async () => {
    await expect(runHooks(testContext(), [[aptSources, { mirror: 'ftp://x y' }]], ['configure'])).rejects.toThrow(/options\.apt-sources\.mirror .*http\(s\) mirror URL/);
  });
});
