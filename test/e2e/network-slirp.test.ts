import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupHome, tempHome, uf, umlPids } from '../support/cli.js';
import { namespaces, sweepLeftovers } from '../support/network.js';

// A lean guest whose only service is `apt-get update`: it needs the mirror, reached through slirp.
const config = (name: string, network: string) => `export default {
  name: '${name}',
  plugins: [
    'sparse-image', 'mkfs', 'mmdebstrap', 'hostname',
    ['lean-init', { services: { fetch: { user: 'root', command: ['/usr/bin/apt-get', '-o', 'Acquire::Retries=0', 'update'] } } }],
    ${network},
    ['boot', { mem: '256M' }],
  ],
};
`;

const FETCHED = /^(Get|Hit):\d+ http:\/\/deb\.debian\.org\/debian bookworm InRelease/m;

async function waitFor(file: string, done: RegExp, failed: RegExp, ms: number): Promise<string> {
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 1000))) {
    const text = readFileSync(file, 'latin1');
    if (done.test(text) || failed.test(text) || Date.now() > end) return text;
  }
}

describe('slirp: outbound network', () => {
  let home: string;
  beforeAll(() => {
    home = tempHome('slirp');
  });
  afterAll(() => {
    cleanupHome(home, ['e2e-slirp', 'e2e-slirp-ns']);
    expect(umlPids('e2e-slirp')).toEqual([]);
    expect(sweepLeftovers('e2e-slirp-ns', 0)).toEqual({ uml: [], socat: [], netns: [] });
    expect(namespaces('host-e2e-slirp-ns')).toEqual([]);
  });

  async function fetchesFromMirror(name: string, network: string, device: string) {
    const project = join(home, name);
    mkdirSync(project);
    writeFileSync(join(project, 'uml-flow.config.mjs'), config(name, network));
    const run = uf(home, ['run'], { cwd: project });
    expect(run.code, run.stderr + run.stdout).toBe(0);

    const text = await waitFor(join(home, 'state/instances', name, 'console.log'), FETCHED, /^(Err|W):/m, 120_000);
    expect(text).toContain(`uml-flow-init: network ${device} 10.0.2.15/24`);
    expect(text).toMatch(FETCHED);
    expect(text).not.toMatch(/^Err:/m);
  }

  it('without privileges: the guest fetches the package lists from the Debian mirror', async () => {
    await fetchesFromMirror('e2e-slirp', "'slirp'", 'eth0');
    expect(uf(home, ['stop', 'e2e-slirp']).code).toBe(0);
    expect(umlPids('e2e-slirp')).toEqual([]);
  });

  it('beside netns-tap: slirp runs in the host namespace, and stop removes both namespaces', async () => {
    await fetchesFromMirror('e2e-slirp-ns', "'netns-tap', 'slirp'", 'eth1');
    expect(namespaces('e2e-slirp-ns')).toEqual(['uf-e2e-slirp-ns']);
    expect(namespaces('host-e2e-slirp-ns')).toEqual(['uf-host-e2e-slirp-ns']);
    expect(uf(home, ['stop', 'e2e-slirp-ns']).code).toBe(0);
    expect(umlPids('e2e-slirp-ns')).toEqual([]);
    expect(namespaces('e2e-slirp-ns')).toEqual([]);
    expect(namespaces('host-e2e-slirp-ns')).toEqual([]);
  });
});
