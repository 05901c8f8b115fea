import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import getty from '../../plugins/getty.js';

const R = '/uf/build/rootfs';
const BOOKWORM_INITTAB = [
  'id:2:initdefault:',
  'si::sysinit:/etc/init.d/rcS',
  'ca:12345:ctrlaltdel:/sbin/shutdown -t1 -a -r now',
  '1:2345:respawn:/sbin/getty --noclear 38400 tty1 ',
  '2:23:respawn:/sbin/getty 38400 tty2',
  '6:23:respawn:/sbin/getty 38400 tty6',
  '#T0:23:respawn:/sbin/getty -L ttyS0 9600 vt100',
  '',
].join('\n');

describe('getty', () => {
  it("sysvinit: the article's inittab edit, and Ctrl-Alt-Del (mconsole cad) powers off", async () => {
    const ctx = testContext();
    ctx.runner.files.set(`${R}/etc/inittab`, BOOKWORM_INITTAB);
    await runHooks(ctx, [[getty, {}]], ['configure']);
    expect(ctx.runner.files.get(`${R}/etc/inittab`)).toBe(
      [
        'id:2:initdefault:',
        'si::sysinit:/etc/init.d/rcS',
        '#ca:12345:ctrlaltdel:/sbin/shutdown -t1 -a -r now',
        '#1:2345:respawn:/sbin/getty --noclear 38400 tty1 ',
        '#2:23:respawn:/sbin/getty 38400 tty2',
        '#6:23:respawn:/sbin/getty 38400 tty6',
        '#T0:23:respawn:/sbin/getty -L ttyS0 9600 vt100',
        'ca:12345:ctrlaltdel:/sbin/shutdown -t1 -h -P now',
        'c0:1235:respawn:/sbin/getty 38400 tty0 linux',
        '',
      ].join('\n'),
    );
    expect(ctx.runner.commands).toEqual([]);
  });

  it('sysvinit: editing twice gives the same inittab', async () => {
    const ctx = testContext();
    ctx.runner.files.set(`${R}/etc/inittab`, BOOKWORM_INITTAB);
    await runHooks(ctx, [[getty, {}]], ['configure']);
    const once = ctx.runner.files.get(`${R}/etc/inittab`);
    await runHooks(ctx, [[getty, {}]], ['configure']);
    expect(ctx.runner.files.get(`${R}/etc/inittab`)).toBe(once);
  });

  it('systemd: a getty on tty0 and Ctrl-Alt-Del as poweroff, by symlinks', async () => {
    const ctx = testContext({ guest: { suite: 'bookworm', architecture: 'amd64', init: 'systemd' } });
    await runHooks(ctx, [[getty, {}]], ['configure']);
    expect(ctx.runner.recorded[0]).toEqual({ kind: 'mkdir', path: `${R}/etc/systemd/system/getty.target.wants` });
    expect(ctx.runner.commands).toEqual([
      `ln -sfn /lib/systemd/system/getty@.service ${R}/etc/systemd/system/getty.target.wants/getty@tty0.service </dev/null`,
      `ln -sfn /lib/systemd/system/poweroff.target ${R}/etc/systemd/system/ctrl-alt-del.target </dev/null`,
    ]);
  });

  it('waits for the login prompt on the console at boot', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[getty, {}]], ['boot']);
    expect(ctx.instance.probes).toEqual([{ kind: 'console', pattern: 'login:' }]);
  });
});
