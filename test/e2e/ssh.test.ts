import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupHome, tempHome, uf, umlPids } from '../support/cli.js';
import { namespaces, socats, sweepLeftovers } from '../support/network.js';

const PORT = 12222;
const NAME = 'e2e-ssh';

describe('preset:ssh, built and booted for real', () => {
  let home: string;
  beforeAll(() => {
    home = tempHome('ssh');
  });
  afterAll(() => {
    cleanupHome(home, [NAME]);
    expect(sweepLeftovers(NAME, PORT)).toEqual({ uml: [], socat: [], netns: [] });
  });

  it('root logs in with the key given in the config', async () => {
    const key = join(home, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'e2e', '-f', key]);
    const project = join(home, 'project');
    mkdirSync(project);
    const options = { 'root-password': { authorizedKey: readFileSync(`${key}.pub`, 'utf8').trim() }, 'port-forward': { forwards: { ssh: { hostPort: PORT } } } };
    writeFileSync(join(project, 'uml-flow.config.mjs'), `export default { extends: 'preset:ssh', name: '${NAME}', options: ${JSON.stringify(options)} };\n`);
    const run = uf(home, ['run'], { cwd: project });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain(`SSH: 127.0.0.1:${PORT} (log in as root with your key)`);

    const ssh = () =>
      spawnSync('ssh', ['-p', String(PORT), '-i', key, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'ConnectTimeout=10', 'root@127.0.0.1', 'echo hello from $(hostname)'], {
        encoding: 'utf8',
        timeout: 30_000,
      });
    let r = ssh();
    // sshd may still be starting when the init says it is ready.
    for (let i = 0; i < 10 && r.status !== 0; i++, await new Promise((res) => setTimeout(res, 2000))) r = ssh();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`hello from ${NAME}\n`);

    expect(uf(home, ['stop', NAME]).code).toBe(0);
    expect(umlPids(NAME)).toEqual([]);
    expect(socats(PORT)).toEqual([]);
    expect(namespaces(NAME)).toEqual([]);
  });
});
