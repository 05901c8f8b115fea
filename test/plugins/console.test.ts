import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import consolePlugin from '../../plugins/console.js';
import getty from '../../plugins/getty.js';
import { withInittabGetty } from '../../plugins/lib/getty.js';

const R = '/uf/build/rootfs';
const INITTAB = ['id:2:initdefault:', '1:2345:respawn:/sbin/getty --noclear 38400 tty1 ', '2:23:respawn:/sbin/getty 38400 tty2', ''].join('\n');
const dir = mkdtempSync(join(tmpdir(), 'uf-console-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('console', () => {
  it('sysvinit: a getty on tty1 replaces the distribution one, once', async () => {
    const ctx = testContext();
    ctx.runner.files.set(`${R}/etc/inittab`, INITTAB);
    await runHooks(ctx, [[consolePlugin, {}]], ['configure']);
    const once = ctx.runner.files.get(`${R}/etc/inittab`);
    expect(once).toBe(
      ['id:2:initdefault:', '#1:2345:respawn:/sbin/getty --noclear 38400 tty1 ', '2:23:respawn:/sbin/getty 38400 tty2', 'c1:1235:respawn:/sbin/getty 38400 tty1 linux', ''].join('\n'),
    );
    expect(withInittabGetty(once!, 'c1', 'tty1')).toBe(once);
    expect(ctx.runner.commands).toEqual([]);
  });

  it("keeps its getty through the getty plugin's inittab edit", async () => {
    const ctx = testContext();
    ctx.runner.files.set(`${R}/etc/inittab`, INITTAB);
    await runHooks(ctx, [[consolePlugin, {}], [getty, {}]], ['configure']);
    const inittab = ctx.runner.files.get(`${R}/etc/inittab`)!;
    expect(inittab.split('\n').filter((l) => /^[^#].*getty/.test(l))).toEqual([
      'c1:1235:respawn:/sbin/getty 38400 tty1 linux',
      'c0:1235:respawn:/sbin/getty 38400 tty0 linux',
    ]);
  });

  it('systemd: enables getty@tty1', async () => {
    const ctx = testContext({ guest: { suite: 'bookworm', architecture: 'amd64', init: 'systemd' } });
    await runHooks(ctx, [[consolePlugin, {}]], ['configure']);
    expect(ctx.runner.recorded[0]).toEqual({ kind: 'mkdir', path: `${R}/etc/systemd/system/getty.target.wants` });
    expect(ctx.runner.commands).toEqual([
      `ln -sfn /lib/systemd/system/getty@.service ${R}/etc/systemd/system/getty.target.wants/getty@tty1.service </dev/null`,
    ]);
  });

  it('boot: console 1 on a host pts, waited for, and named in the output of run', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[consolePlugin, {}]], ['boot']);
    expect(ctx.kernel.get('con1')).toBe('pts');
    expect(ctx.instance.probes).toEqual([{ kind: 'console', pattern: 'Virtual console 1 assigned device' }]);
    expect(ctx.instance.endpoints).toEqual(['Console: uml-flow console test (Ctrl-] detaches)']);
  });

  it('port: relays the announced pts on 127.0.0.1 with socat, stopped with the instance', async () => {
    const ctx = testContext();
    ctx.instance.consoleLog = join(dir, 'console.log');
    writeFileSync(ctx.instance.consoleLog, "Serial line 0 assigned device '/dev/pts/2'\nVirtual console 1 assigned device '/dev/pts/7'\n");
    await runHooks(ctx, [[consolePlugin, { port: 2323 }]], ['boot', 'postInstall']);
    expect(ctx.runner.commands).toEqual(['ss -H -l -t -n sport = :2323 </dev/null', 'socat TCP-LISTEN:2323,bind=127.0.0.1,reuseaddr,fork FILE:/dev/pts/7,rawer </dev/null']);
    expect(ctx.instance.teardown).toEqual([{ file: 'pkill', args: ['--pgroup', '1000', '--full', '^socat TCP-LISTEN:2323,bind=127\\.0\\.0\\.1,reuseaddr,fork '] }]);
    expect(ctx.instance.endpoints).toContain('Console on a port: 127.0.0.1:2323 (socat -,rawer,escape=0x1d TCP:127.0.0.1:2323)');
  });

  it('port: refuses a busy port before starting anything', async () => {
    const ctx = testContext();
    ctx.instance.consoleLog = join(dir, 'busy.log');
    writeFileSync(ctx.instance.consoleLog, "Virtual console 1 assigned device '/dev/pts/7'\n");
    ctx.runner.respond((c) => (c.file === 'ss' ? { stdout: 'LISTEN 0 5 127.0.0.1:2323 0.0.0.0:*\n' } : undefined));
    await expect(runHooks(ctx, [[consolePlugin, { port: 2323 }]], ['postInstall'])).rejects.toMatchObject({
      code: 'PORT_IN_USE',
      hint: expect.stringContaining('options: { console: { port: <free port> } }'),
    });
    expect(ctx.instance.teardown).toEqual([]);
  });

  it('xterm: needs DISPLAY, and then asks UML for a terminal window', async () => {
    const display = process.env.DISPLAY;
    try {
      delete process.env.DISPLAY;
      await expect(runHooks(testContext(), [[consolePlugin, { channel: 'xterm' }]], ['boot'])).rejects.toThrow(/channel "xterm" needs an X display, and DISPLAY is not set/);
      process.env.DISPLAY = ':5';
      const ctx = testContext();
      await runHooks(ctx, [[consolePlugin, { channel: 'xterm' }]], ['boot']);
      expect(ctx.kernel.get('con1')).toBe('xterm');
      expect(ctx.instance.probes).toEqual([]);
    } finally {
      if (display === undefined) delete process.env.DISPLAY;
      else process.env.DISPLAY = display;
    }
  });

  it('a lean-init guest: no inittab, the getty is asked for on the kernel command line', async () => {
    const ctx = testContext({ guest: { suite: 'bookworm', architecture: 'amd64', init: 'custom' } });
    await runHooks(ctx, [[consolePlugin, {}]], ['configure', 'boot']);
    expect(ctx.runner.recorded).toEqual([]);
    expect(ctx.kernel.get('uf_getty')).toBe('tty1');
    expect(ctx.kernel.get('con1')).toBe('pts');
  });

  it('sysvinit and systemd guests get no uf_getty', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[consolePlugin, {}]], ['boot']);
    expect(ctx.kernel.get('uf_getty')).toBeUndefined();
  });

  it.each([
    [{ channel: 'port:9000' }, /channel must be one of "pts", "xterm"/],
    [{ port: 0 }, /port must be at least 1/],
    [{ channel: 'xterm', port: 2323 }, /"port" serves the pts console; it does not work with channel "xterm"/],
  ])('refuses %j', async (opts, message) => {
    await expect(runHooks(testContext(), [[consolePlugin, opts]], ['boot'])).rejects.toThrow(message);
  });
});
