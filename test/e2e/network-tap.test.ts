import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupHome, tempHome, uf, umlPids } from '../support/cli.js';
import { namespaces, sweepLeftovers } from '../support/network.js';

const NAME = 'e2e-tap';

describe('netns-tap with a full sysvinit guest (guest-network)', () => {
  let home: string;
  beforeAll(() => {
    home = tempHome('tap');
  });
  afterAll(() => {
    cleanupHome(home, [NAME]);
    expect(sweepLeftovers(NAME, 0)).toEqual({ uml: [], socat: [], netns: [] });
  });

  it("the instance's namespace reaches the guest at 10.77.0.2; stop deletes the namespace", () => {
    const project = join(home, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'uml-flow.config.mjs'), `export default { extends: 'preset:base', name: '${NAME}', plugins: ['guest-network', 'netns-tap'] };\n`);
    const run = uf(home, ['run'], { cwd: project });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(namespaces(NAME)).toEqual([`uf-${NAME}`]);

    const consoleLog = readFileSync(join(home, 'state/instances', NAME, 'console.log'), 'latin1');
    expect(consoleLog).toContain('uml-flow-net: network eth0 10.77.0.2/24');
    // Nothing listens on port 9 in the guest: a refused connection proves the guest answered.
    const socat = ['socat', '-u', 'OPEN:/dev/null', 'TCP:10.77.0.2:9,connect-timeout=5'];
    const inNamespace = spawnSync('ip', ['netns', 'exec', `uf-${NAME}`, ...socat], { encoding: 'utf8' });
    expect(inNamespace.stderr).toContain('Connection refused');
    // The guest's address exists only inside the instance's namespace.
    const fromHost = spawnSync(socat[0], socat.slice(1), { encoding: 'utf8' });
    expect(fromHost.stderr).not.toContain('Connection refused');

    expect(uf(home, ['stop', NAME]).code).toBe(0);
    expect(umlPids(NAME)).toEqual([]);
    expect(namespaces(NAME)).toEqual([]);
  });
});
