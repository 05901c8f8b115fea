import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome, uf } from '../support/cli.js';

describe('uml-flow logs', () => {
  const home = tempHome('logs');
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  function instance(name: string, console?: string) {
    const dir = join(home, 'state/instances', name);
    mkdirSync(dir, { recursive: true });
    const consoleLog = join(dir, 'console.log');
    if (console !== undefined) writeFileSync(consoleLog, console);
    const record = { name, target: 'preset:deluge', pid: 999999, umid: name, umlDir: join(dir, 'uml'), consoleLog, imageDir: '/nonexistent', teardown: [], launchPrefix: [], endpoints: [], startedAt: new Date().toISOString() };
    writeFileSync(join(dir, 'instance.json'), JSON.stringify(record));
  }

  it("prints the instance's console log, without the console's NUL bytes", () => {
    instance('app', 'Linux version 6.1\0\numl-flow-init: ready\n');
    const r = uf(home, ['logs', 'app']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('Linux version 6.1\numl-flow-init: ready\n');
  });

  it('prints nothing for an instance that has not written its console yet', () => {
    instance('fresh');
    expect(uf(home, ['logs', 'fresh'])).toMatchObject({ code: 0, stdout: '' });
  });

  it('names what is wrong with the request', () => {
    expect(uf(home, ['logs', 'ghost'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no instance named "ghost"') });
    expect(uf(home, ['logs'])).toMatchObject({ code: 2, stderr: expect.stringContaining('logs needs an instance name') });
    expect(uf(home, ['logs', 'Bad/Name'])).toMatchObject({ code: 2, stderr: expect.stringContaining('"Bad/Name" is not allowed') });
  });
});
