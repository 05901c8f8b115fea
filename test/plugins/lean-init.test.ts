import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import leanInit, { INIT_PATH, READY_MARKER } from '../../plugins/lean-init.js';

const SCRIPT = `/uf/build/rootfs${INIT_PATH}`;
const web = { user: 'www-data', umask: '027', directories: ['/srv/app', '/srv/app/logs'], command: ['/usr/bin/app', '--port=8080', '-c', '/srv/app/app.conf'] };

function withDataDisk() {
  const ctx = testContext();
  ctx.disks.push({ index: 0, file: 'root.img', role: 'root' }, { index: 1, file: '/uf/instances/test/data.img', role: 'data', filesystem: 'ext4', mountpoint: '/srv/app' });
  return ctx;
}

describe('lean-init', () => {
  it('writes an executable init that mounts the data disk, owns the directories and starts each service as its user', async () => {
    const ctx = withDataDisk();
    await runHooks(ctx, [[leanInit, { services: { web } }]], ['configure']);
    const write = ctx.runner.recorded[0];
    expect(write).toMatchObject({ kind: 'write', path: SCRIPT, mode: 0o755 });
    const script = ctx.runner.files.get(SCRIPT)!;
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain("mkdir -p '/srv/app' && mount -o noatime /dev/ubdb '/srv/app' || log \"cannot mount /dev/ubdb\"\n");
    expect(script).toContain("own 'www-data' '/srv/app' '/srv/app/logs'\n");
    expect(script).toContain("start 'web' 'www-data' '027' '/usr/bin/app' '--port=8080' '-c' '/srv/app/app.conf'\n");
    expect(script).toContain("  umount '/srv/app' || mount -o remount,ro '/srv/app'\n");
    expect(script).toContain('echo 0 > /proc/sys/kernel/ctrl-alt-del');
    expect(script).toContain('trap shutdown INT TERM');
    expect(script).toContain('echo o > /proc/sysrq-trigger');
    expect(ctx.guest.init).toBe('custom');
  });

  it('starts a respawning getty on each terminal named by uf_getty= (the console plugin), stopped with the services', async () => {
    const ctx = withDataDisk();
    await runHooks(ctx, [[leanInit, { services: { web } }]], ['configure']);
    const script = ctx.runner.files.get(SCRIPT)!;
    expect(script).toContain('    uf_getty=tty[0-9] | uf_getty=tty[0-9][0-9] | uf_getty=ttyS[0-9])\n');
    expect(script).toContain('          setsid /sbin/getty 38400 "$tty" linux &\n');
    // After the services, before the ready marker; its loop's pid joins the ones shutdown stops.
    expect(script.indexOf("start 'web'")).toBeLessThan(script.indexOf('uf_getty='));
    expect(script.indexOf('uf_getty=')).toBeLessThan(script.indexOf('log ready'));
    expect(script).toContain('      pids="$! $pids"\n      log "login prompt on $tty"\n');
  });

  it('is valid POSIX shell', async () => {
    const ctx = withDataDisk();
    await runHooks(ctx, [[leanInit, { services: { web, worker: { user: 'root', command: ['/bin/true'] } } }]], ['configure']);
    expect(() => execFileSync('sh', ['-n'], { input: ctx.runner.files.get(SCRIPT)! })).not.toThrow();
  });

  it('can be stopped cleanly from the moment Ctrl-Alt-Del reaches it, before any service starts', async () => {
    const ctx = withDataDisk();
    await runHooks(ctx, [[leanInit, { services: { web } }]], ['configure']);
    const script = ctx.runner.files.get(SCRIPT)!;
    const at = (text: string) => script.indexOf(text);
    expect(at('trap shutdown INT TERM')).toBeGreaterThan(at('shutdown() {'));
    expect(at('echo 0 > /proc/sys/kernel/ctrl-alt-del')).toBeGreaterThan(at('trap shutdown INT TERM'));
    expect(at("mount -o noatime /dev/ubdb")).toBeGreaterThan(at('echo 0 > /proc/sys/kernel/ctrl-alt-del'));
    expect(at("start 'web'")).toBeGreaterThan(at('mount -o noatime /dev/ubdb'));
  });

  it('unmounts data disks in reverse order on shutdown', async () => {
    const ctx = withDataDisk();
    ctx.disks.push({ index: 2, file: '/uf/instances/test/logs.img', role: 'data', mountpoint: '/srv/app/logs' });
    await runHooks(ctx, [[leanInit, {}]], ['configure']);
    const script = ctx.runner.files.get(SCRIPT)!;
    expect(script.indexOf("umount '/srv/app/logs'")).toBeLessThan(script.indexOf("umount '/srv/app' "));
    expect(script.indexOf('mount -o noatime /dev/ubdb')).toBeLessThan(script.indexOf('mount -o noatime /dev/ubdc'));
  });

  it('starts services in the order given and stops them in reverse', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[leanInit, { services: { first: { user: 'a', command: ['/bin/a'] }, second: { user: 'b', command: ['/bin/b'] } } }]], ['configure']);
    const script = ctx.runner.files.get(SCRIPT)!;
    expect(script.indexOf("start 'first'")).toBeLessThan(script.indexOf("start 'second'"));
    expect(script).toContain('pids="$! $pids"');
  });

  it('asks for iproute2, boots with init= and waits for its ready line', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[leanInit, {}]], ['bootstrap', 'boot']);
    expect([...ctx.packages]).toEqual(['iproute2']);
    expect(ctx.kernel.toArgs()).toEqual([`init=${INIT_PATH}`]);
    expect(ctx.instance.probes).toEqual([{ kind: 'console', pattern: READY_MARKER }]);
  });

  it.each([
    ['a command word with shell syntax', { command: ['/bin/sh', '-c', 'rm -rf /'], user: 'root' }, /services\.evil\.command\[2\]/],
    ['a quote', { command: ["/bin/echo", "it's"], user: 'root' }, /services\.evil\.command\[1\]/],
    ['a user with a semicolon', { command: ['/bin/true'], user: 'root;reboot' }, /services\.evil\.user/],
    ['a relative program', { command: ['true'], user: 'root' }, /services\.evil\.command must start with the absolute path/],
    ['a directory with ..', { command: ['/bin/true'], user: 'root', directories: ['/srv/../etc'] }, /must not contain "\.\."/],
    ['a directory with a space', { command: ['/bin/true'], user: 'root', directories: ['/srv/my app'] }, /services\.evil\.directories\[0\]/],
    ['a bad umask', { command: ['/bin/true'], user: 'root', umask: '0o22' }, /services\.evil\.umask/],
  ])('refuses %s', async (_what, svc, message) => {
    await expect(runHooks(testContext(), [[leanInit, { services: { evil: svc } }]], ['configure'])).rejects.toThrow(message);
  });

  it('refuses a service name that is not a plain word', async () => {
    await expect(runHooks(testContext(), [[leanInit, { services: { 'a b': { user: 'root', command: ['/bin/true'] } } }]], ['configure'])).rejects.toThrow(/key "a b" is not allowed/);
  });

  it('refuses a data disk mountpoint it cannot put in the script', async () => {
    const ctx = testContext();
    ctx.disks.push({ index: 1, file: '/d.img', role: 'data', mountpoint: '/srv/$(reboot)' });
    await expect(runHooks(ctx, [[leanInit, {}]], ['configure'])).rejects.toThrow(/mountpoint lean-init will not use/);
    expect(ctx.runner.recorded).toEqual([]);
  });
});
