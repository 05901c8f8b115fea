import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, tempHome, uf } from '../support/cli.js';

describe('uml-flow console', () => {
  const home = tempHome('console');
  const started: ChildProcess[] = [];
  afterAll(() => {
    for (const child of started) child.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  });

  function instance(name: string, pid: number, consoleText: string) {
    const dir = join(home, 'state/instances', name);
    mkdirSync(dir, { recursive: true });
    const consoleLog = join(dir, 'console.log');
    writeFileSync(consoleLog, consoleText);
    const record = { name, target: 'preset:base', pid, umid: name, umlDir: join(dir, 'uml'), consoleLog, imageDir: '/nonexistent', teardown: [], launchPrefix: [], endpoints: [], startedAt: new Date().toISOString() };
    writeFileSync(join(dir, 'instance.json'), JSON.stringify(record));
  }

  /** A process uml-flow takes for a running kernel: `umid=` on its command line. */
  function fakeKernel(name: string): number {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)', `umid=${name}`], { stdio: 'ignore' });
    started.push(child);
    return child.pid!;
  }

  const until = async (check: () => boolean, what: string) => {
    for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return;
    throw new Error(`timed out waiting for ${what}`);
  };

  it('relays bytes both ways between the terminal and the pts UML announced, until Ctrl-]', async () => {
    // socat plays UML's side of the pseudo-terminal: whatever reaches it is sent straight back.
    const link = join(home, 'pts-link');
    const uml = spawn('socat', [`PTY,link=${link},rawer`, 'EXEC:cat'], { stdio: 'ignore' });
    started.push(uml);
    await until(() => existsSync(link), 'the pty');
    instance('vm', fakeKernel('vm'), `Linux version 6.1\nVirtual console 1 assigned device '${realpathSync(link)}'\n`);

    const attach = spawn(process.execPath, [CLI, 'console', 'vm'], { env: { ...process.env, UML_FLOW_HOME: home }, stdio: ['pipe', 'pipe', 'pipe'] });
    started.push(attach);
    let out = '';
    let err = '';
    attach.stdout!.on('data', (d) => (out += d));
    attach.stderr!.on('data', (d) => (err += d));
    await until(() => err.includes('Connected to the console of vm'), 'the attach message');
    attach.stdin!.write('echo hello\r');
    await until(() => out.includes('echo hello\r'), 'the bytes to come back');
    attach.stdin!.write('\x1dnot sent');
    const code = await new Promise((resolve) => attach.once('exit', resolve));
    expect(code).toBe(0);
    expect(out).toBe('echo hello\r');
    expect(err).toContain('Detached from vm; it keeps running.');
  });

  it('says why it cannot attach', () => {
    instance('plain', fakeKernel('plain'), 'Linux version 6.1\numl-flow-init: ready\n');
    expect(uf(home, ['console', 'plain'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`instance "plain" has no console to attach to\n  Add the console plugin to its config (plugins: ['console'])`),
    });
    instance('gone', 999999, "Virtual console 1 assigned device '/dev/pts/9'\n");
    expect(uf(home, ['console', 'gone'])).toMatchObject({ code: 1, stderr: expect.stringContaining('instance "gone" is dead\n  Start it with `uml-flow run preset:base --name gone`') });
    expect(uf(home, ['console', 'ghost'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no instance named "ghost"') });
    expect(uf(home, ['console'])).toMatchObject({ code: 2, stderr: expect.stringContaining('console needs an instance name') });
    expect(uf(home, ['console', 'a', 'b'])).toMatchObject({ code: 2 });
  });
});
