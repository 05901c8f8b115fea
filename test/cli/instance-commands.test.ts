import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome, uf } from '../support/cli.js';

describe('status, unit and rm of an instance', () => {
  const home = tempHome('instcmd');
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  function record(name: string, extra: object = {}) {
    const dir = join(home, 'state/instances', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'console.log'), 'boot\nweb login: \0\n');
    writeFileSync(
      join(dir, 'instance.json'),
      JSON.stringify({
        name,
        target: 'preset:deluge',
        pid: 2 ** 22 + 1, // above pid_max: never a live process
        umid: name,
        umlDir: join(dir, 'uml'),
        consoleLog: join(dir, 'console.log'),
        imageDir: join(home, 'state/images/deluge'),
        teardown: [],
        launchPrefix: [],
        endpoints: ['Deluge web UI: http://127.0.0.1:8112/'],
        startedAt: '2026-12-04T10:00:00.000Z',
        ...extra,
      }),
    );
    return dir;
  }

  it('status shows a stopped instance with its endpoints and console tail', () => {
    record('done', { stoppedAt: '2026-12-04T11:00:00.000Z' });
    const r = uf(home, ['status', 'done']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^done: stopped/);
    expect(r.stdout).toContain('endpoint:    Deluge web UI: http://127.0.0.1:8112/');
    expect(r.stdout).toContain('web login:');
    expect(JSON.parse(uf(home, ['status', 'done', '--json']).stdout).status).toBe('stopped');
  });

  it('status of a dead instance exits 1; rm refuses it until it is stopped', () => {
    const dir = record('crashed');
    expect(uf(home, ['status', 'crashed'])).toMatchObject({ code: 1, stdout: expect.stringMatching(/^crashed: dead/) });
    const r = uf(home, ['rm', 'crashed']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('uml-flow stop crashed');
    expect(existsSync(dir)).toBe(true);
  });

  it('unit prints a systemd service that runs and stops the instance', () => {
    record('svc', { stoppedAt: '2026-12-04T11:00:00.000Z' });
    const r = uf(home, ['unit', 'svc']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Type=forking$/m);
    expect(r.stdout).toMatch(/^ExecStart=\S+node \S+main\.js run preset:deluge --name svc$/m);
    expect(r.stdout).toMatch(/^ExecStop=\S+node \S+main\.js stop svc$/m);
    expect(r.stdout).toContain(`PIDFile=${join(home, 'state/instances/svc/uml/svc/pid')}`);
    expect(r.stdout).toContain(`Environment=UML_FLOW_HOME=${home}`);
  });

  it('rm removes a stopped instance and keeps the image', () => {
    const dir = record('old', { stoppedAt: '2026-12-04T11:00:00.000Z' });
    const r = uf(home, ['rm', 'old']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(dir)).toBe(false);
    expect(uf(home, ['status', 'old']).code).toBe(1);
  });
});
