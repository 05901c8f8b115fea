import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cleanupHome, tempHome, uf, umlPids } from '../support/cli.js';
import { listeners, livePids, socats, sweepLeftovers } from '../support/network.js';

const NAME = 'e2e-console';
const PORT = 12323;
const PASSWORD = 'console-e2e-secret';
const XTERM_NAME = 'e2e-xterm';
const LEAN_NAME = 'e2e-lean-console';

/**
 * Runs `program args` with its input written step by step: each step waits until the output
 * shows `waitFor`, then writes `send`. Returns the whole output as text and the exit code.
 */
async function converse(program: string, args: string[], env: Record<string, string>, steps: { waitFor: string; send: string }[]) {
  const child = spawn(program, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  try {
    for (const { waitFor, send } of steps) {
      // Enter until the expected text shows: a getty only prints its prompt once it reads a line.
      for (let i = 0; !output.includes(waitFor); i++) {
        if (i >= 60) throw new Error(`no "${waitFor}" after 60 s; output so far:\n${output}`);
        if (i % 5 === 0 && waitFor.endsWith('login:')) child.stdin.write('\r');
        await new Promise((r) => setTimeout(r, 1000));
      }
      child.stdin.write(send);
    }
    child.stdin.end();
    const code = await exited;
    // Without terminal control sequences (bash turns bracketed paste on and off around each prompt).
    return { output: output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''), code };
  } finally {
    child.kill('SIGKILL');
  }
}

/** `uml-flow console NAME`: logs in as root, runs `command`, detaches once `shows` appears. */
const loginAndRun = (home: string, name: string, command: string, shows: string) =>
  converse(process.execPath, [CLI, 'console', name], { UML_FLOW_HOME: home }, [
    { waitFor: `${name} login:`, send: 'root\r' },
    { waitFor: 'Password:', send: `${PASSWORD}\r` },
    { waitFor: `root@${name}:~#`, send: `${command}\r` },
    { waitFor: shows, send: '\x1d' },
  ]);

describe('the console plugin on a real sysvinit guest', () => {
  let home: string;
  beforeAll(() => {
    home = tempHome('console');
  });
  afterAll(() => {
    cleanupHome(home, [NAME, XTERM_NAME, LEAN_NAME]);
    expect(sweepLeftovers(NAME, PORT)).toEqual({ uml: [], socat: [], netns: [] });
    expect(sweepLeftovers(XTERM_NAME, PORT)).toEqual({ uml: [], socat: [], netns: [] });
    expect(sweepLeftovers(LEAN_NAME, PORT)).toEqual({ uml: [], socat: [], netns: [] });
  });

  it('logs in on `uml-flow console`, and on 127.0.0.1:PORT, and stop removes the port', async () => {
    const project = join(home, 'project');
    mkdirSync(project);
    const hash = execFileSync('openssl', ['passwd', '-6', PASSWORD], { encoding: 'utf8' }).trim();
    writeFileSync(
      join(project, 'uml-flow.config.mjs'),
      `export default ${JSON.stringify({ extends: 'preset:base', name: NAME, plugins: [['console', { port: PORT }]], options: { 'root-password': { hash } } })};\n`,
    );
    const run = uf(home, ['run'], { cwd: project });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain(`Console: uml-flow console ${NAME} (Ctrl-] detaches)`);
    expect(run.stdout).toContain(`Console on a port: 127.0.0.1:${PORT}`);
    expect(listeners(PORT)).toEqual([`127.0.0.1:${PORT}`]);

    const attached = await loginAndRun(home, NAME, 'cat /etc/hostname; echo "answer $((6 * 7))"', 'answer 42');
    expect(attached.code, attached.output).toBe(0);
    // The guest ran the command: its output, not only the echoed line.
    const lines = attached.output.split(/[\r\n]+/);
    const answer = lines.indexOf('answer 42');
    expect(answer, attached.output).toBeGreaterThan(0);
    expect(lines[answer - 1]).toBe(NAME);
    expect(attached.output).toContain(`Detached from ${NAME}; it keeps running.`);
    expect(umlPids(NAME).length).toBeGreaterThan(0);

    // The same console on the port: the shell is still logged in.
    const viaPort = await converse('socat', ['-', `TCP:127.0.0.1:${PORT}`], {}, [
      { waitFor: '', send: '\recho "via port $((5 * 5))"\r' },
      { waitFor: 'via port 25', send: 'exit\r' },
      { waitFor: `${NAME} login:`, send: '' },
    ]).catch((e: Error) => ({ output: e.message, code: -1 }));
    expect(viaPort.output).toContain('via port 25');

    expect(uf(home, ['stop', NAME]).code).toBe(0);
    expect(umlPids(NAME)).toEqual([]);
    expect(socats(PORT)).toEqual([]);
    expect(listeners(PORT)).toEqual([]);
    expect(uf(home, ['console', NAME])).toMatchObject({ code: 1, stderr: expect.stringContaining(`instance "${NAME}" is stopped`) });
  });

  it('channel "xterm": UML opens a terminal window on $DISPLAY with the login prompt, closed by stop', async () => {
    // A real X server without a screen, and xterm logging what it shows to a file (X resources).
    const xvfb: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    try {
      const DISPLAY = `:${(await new Promise<string>((resolve) => xvfb.stdio[3]!.once('data', (d) => resolve(String(d))))).trim()}`;
      const resources = join(home, 'xterm-resources');
      const shown = join(home, 'xterm-shown.log');
      // UML starts x-terminal-emulator (xterm) with `-class UXTerm`.
      writeFileSync(resources, `UXTerm*logging: true\nUXTerm*logFile: ${shown}\n`);
      const project = join(home, 'xterm-project');
      mkdirSync(project);
      writeFileSync(join(project, 'uml-flow.config.mjs'), `export default ${JSON.stringify({ extends: 'preset:base', name: XTERM_NAME, plugins: [['console', { channel: 'xterm' }]] })};\n`);

      expect(uf(home, ['run'], { cwd: project, env: { DISPLAY: '' } })).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('channel "xterm" needs an X display, and DISPLAY is not set'),
      });
      expect(umlPids(XTERM_NAME)).toEqual([]);

      const run = uf(home, ['run'], { cwd: project, env: { DISPLAY, XENVIRONMENT: resources } });
      expect(run.code, run.stderr + run.stdout).toBe(0);
      const window = `Virtual Console #1 (${XTERM_NAME})`;
      for (let i = 0; i < 60 && !(existsSync(shown) && readFileSync(shown, 'utf8').includes(`${XTERM_NAME} login:`)); i++) await new Promise((r) => setTimeout(r, 1000));
      expect(existsSync(shown) ? readFileSync(shown, 'utf8') : '(xterm logged nothing)').toContain(`Debian GNU/Linux 12 ${XTERM_NAME} tty1`);
      expect(livePids(`^xterm .*-T ${window.replace(/[()#]/g, '.')} `).length).toBe(1);

      expect(uf(home, ['stop', XTERM_NAME]).code).toBe(0);
      expect(umlPids(XTERM_NAME)).toEqual([]);
      await new Promise((r) => setTimeout(r, 1000));
      expect(livePids(`^xterm .*-T ${window.replace(/[()#]/g, '.')} `)).toEqual([]);
    } finally {
      // SIGTERM: Xvfb then removes its lock file and socket.
      xvfb.kill('SIGTERM');
    }
  });

  it('a lean-init guest starts the getty the console asks for, and still stops cleanly', async () => {
    const project = join(home, 'lean-project');
    mkdirSync(project);
    const hash = execFileSync('openssl', ['passwd', '-6', PASSWORD], { encoding: 'utf8' }).trim();
    const plugins = ['sparse-image', 'mkfs', 'mmdebstrap', 'fstab', 'hostname', 'root-password', 'lean-init', 'console', 'boot'];
    writeFileSync(join(project, 'uml-flow.config.mjs'), `export default ${JSON.stringify({ name: LEAN_NAME, plugins, options: { 'root-password': { hash } } })};\n`);
    const run = uf(home, ['run'], { cwd: project });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(readFileSync(join(home, 'state/instances', LEAN_NAME, 'console.log'), 'utf8')).toContain('uml-flow-init: login prompt on tty1');

    const attached = await loginAndRun(home, LEAN_NAME, 'echo "pid one is $(cat /proc/1/comm)"', 'pid one is uml-flow-init');
    expect(attached.code, attached.output).toBe(0);
    // The getty ran in a session of its own: tty1 is the shell's controlling terminal.
    expect(attached.output).not.toContain('no job control');

    const stop = uf(home, ['stop', LEAN_NAME]);
    expect(stop.code, stop.stderr).toBe(0);
    // A clean stop: the init stopped the getty with the services, then powered off (no halt).
    expect(stop.stdout + stop.stderr).not.toContain('halting');
    expect(readFileSync(join(home, 'state/instances', LEAN_NAME, 'console.log'), 'utf8')).toContain('uml-flow-init: power off');
    expect(umlPids(LEAN_NAME)).toEqual([]);
  });
});
