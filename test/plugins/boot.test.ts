import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import boot from '../../plugins/boot.js';

const disks = () => [
  { index: 0, file: 'root.img', role: 'root' as const, filesystem: 'ext4' },
  { index: 2, file: '/uf/instances/test/data.img', role: 'data' as const, mountpoint: '/srv' },
];

describe('boot', () => {
  it('starts the kernel headless, each image disk under a copy-on-write layer of the instance', async () => {
    const ctx = testContext({ disks: disks() });
    await runHooks(ctx, [[boot, { mem: '256M' }]], ['boot']);
    expect(ctx.runner.commands).toEqual([
      '/usr/bin/linux mem=256M ubd0=/uf/instances/test/root.img.cow,/uf/images/test/root.img ubd2=/uf/instances/test/data.img umid=test uml_dir=/uf/instances/test/uml con=null con0=null,fd:1 </dev/null',
    ]);
    expect(ctx.runner.recorded[1]).toMatchObject({ kind: 'spawn', command: { logFile: '/uf/instances/test/console.log' } });
    expect(ctx.instance.pid).toBe(1000);
  });

  it('boots the image itself without cow, with flags, init, extra arguments and a launch wrapper', async () => {
    const ctx = testContext({ disks: [{ index: 0, file: 'root.img', role: 'root', flags: 's' }] });
    ctx.instance.launchPrefix.push('ip', 'netns', 'exec', 'uf-test');
    await runHooks(ctx, [[boot, { cow: false, init: '/sbin/uml-flow-init', args: ['quiet'] }]], ['boot']);
    expect(ctx.runner.commands).toEqual([
      'ip netns exec uf-test /usr/bin/linux mem=128M ubd0s=/uf/images/test/root.img umid=test uml_dir=/uf/instances/test/uml con=null con0=null,fd:1 init=/sbin/uml-flow-init quiet </dev/null',
    ]);
  });

  it('keeps a console another plugin chose', async () => {
    const ctx = testContext({ disks: disks() });
    ctx.kernel.set('con', 'pts');
    await runHooks(ctx, [[boot, {}]], ['boot']);
    expect(ctx.runner.commands[0]).toContain(' con=pts ');
    expect(ctx.runner.commands[0]).not.toContain('con0=');
  });

  it('puts con=null before the single consoles other plugins set, since UML applies them in order', async () => {
    const ctx = testContext({ disks: disks() });
    ctx.kernel.set('con1', 'pty');
    await runHooks(ctx, [[boot, {}]], ['boot']);
    expect(ctx.runner.commands[0]).toContain(' con=null con0=null,fd:1 con1=pty ');
  });

  it.each([[{ mem: '1M' }, /too small/], [{ mem: 'lots' }, /not a size/], [{ args: ['a;b'] }, /shell/], [{ kernel: 'linux' }, /absolute/]])(
    'refuses %o',
    async (options, message) => {
      await expect(runHooks(testContext(), [[boot, options]], ['boot'])).rejects.toThrow(message);
    },
  );
});
