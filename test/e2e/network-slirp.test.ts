import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupHome, tempHome, uf, umlPids } from '../support/cli.js';

const NAME = 'e2e-slirp';

// A lean guest whose only service is `apt-get update`: it needs the mirror, reached through slirp.
const CONFIG = `export default {
  name: '${NAME}',
  plugins: [
    'sparse-image', 'mkfs', 'mmdebstrap', 'hostname',
    ['lean-init', { services: { fetch: { user: 'root', command: ['/usr/bin/apt-get', '-o', 'Acquire::Retries=0', 'update'] } } }],
    'slirp',
    ['boot', { mem: '256M' }],
  ],
};
`;

async function waitFor(file: string, done: RegExp, failed: RegExp, ms: number): Promise<string> {
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 1000))) {
    const text = readFileSync(file, 'latin1');
    if (done.test(text) || failed.test(text) || Date.now() > end) return text;
  }
}

describe('slirp: outbound network without privileges', () => {
  let home: string;
  beforeAll(() => {
    home = tempHome('slirp');
  });
  afterAll(() => {
    cleanupHome(home, [NAME]);
    expect(umlPids(NAME)).toEqual([]);
  });

  it('the guest fetches the package lists from the Debian mirror', async () => {
    const project = join(home, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'uml-flow.config.mjs'), CONFIG);
    const run = uf(home, ['run'], { cwd: project });
    expect(run.code, run.stderr + run.stdout).toBe(0);

    const consoleLog = join(home, 'state/instances', NAME, 'console.log');
    const text = await waitFor(consoleLog, /^(Get|Hit):\d+ http:\/\/deb\.debian\.org\/debian bookworm InRelease/m, /^(Err|W):/m, 120_000);
    expect(text).toContain('uml-flow-init: network eth0 10.0.2.15/24');
    expect(text).toMatch(/^(Get|Hit):\d+ http:\/\/deb\.debian\.org\/debian bookworm InRelease/m);
    expect(text).not.toMatch(/^Err:/m);

    expect(uf(home, ['stop', NAME]).code).toBe(0);
    expect(umlPids(NAME)).toEqual([]);
  });
});
