import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupHome, debugfsCat, tempHome, uf, umlPids } from '../support/cli.js';
import { listeners, namespaces, socats, sweepLeftovers } from '../support/network.js';

// Not 8112: a Deluge the user runs on this machine must not be disturbed.
const PORT = 18112;
const NAME = 'e2e-deluge';
const NETNS = `uf-${NAME}`;
const SECOND = 'e2e-deluge-two';
const URL = `http://127.0.0.1:${PORT}/`;

const config = (extra: string) =>
  `export default { extends: 'preset:deluge', name: '${NAME}', options: { 'port-forward': { forwards: { web: { hostPort: ${PORT} } } }${extra} } };\n`;

/** One HTTP request on a fresh connection: a pooled one may point at a forwarder that was stopped since. */
function post(url: string, body: string, cookie: string): Promise<{ body: string; cookie?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', cookie } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => resolve({ body: text, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }));
    });
    req.on('error', reject).end(body);
  });
}

/** Deluge's web JSON-RPC, logged in with the default password and connected to the daemon. */
async function delugeWeb() {
  let cookie = '';
  let id = 0;
  const call = async (method: string, ...params: unknown[]) => {
    const res = await post(`${URL}json`, JSON.stringify({ method, params, id: ++id }), cookie);
    cookie = res.cookie ?? cookie;
    const body = JSON.parse(res.body) as { result: unknown; error: unknown };
    if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.result;
  };
  expect(await call('auth.login', 'deluge')).toBe(true);
  // The web UI answers before deluged listens (a new data disk has no config yet): connect until it holds.
  for (let attempt = 0; attempt < 120; attempt++) {
    if (await call('web.connected')) return call;
    const hosts = (await call('web.get_hosts')) as [string, string, number, string][];
    await call('web.connect', hosts[0][0]).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('deluge-web did not connect to deluged within a minute');
}

describe('preset:deluge, built and booted for real', () => {
  let home: string;
  let project: string;
  beforeAll(() => {
    home = tempHome('deluge');
    project = join(home, 'project');
    mkdirSync(project);
  });

  afterAll(() => {
    cleanupHome(home, [NAME, SECOND]);
    // Whatever a failed test left: remove it, then fail loudly.
    expect(sweepLeftovers(NAME, PORT)).toEqual({ uml: [], socat: [], netns: [] });
    expect(sweepLeftovers(SECOND, PORT)).toEqual({ uml: [], socat: [], netns: [] });
  });

  it('run: Deluge answers 200 on 127.0.0.1 only; stop leaves no UML, socat or namespace', async () => {
    writeFileSync(join(project, 'uml-flow.config.mjs'), config(''));
    const run = uf(home, ['run'], { cwd: project });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain(`Deluge web UI: ${URL} (default password: deluge)`);

    const res = await fetch(URL);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Deluge');
    expect(listeners(PORT)).toEqual([`127.0.0.1:${PORT}`]);
    expect(namespaces(NAME)).toEqual([NETNS]);
    // The listener, plus one child per connection still open (fetch keeps it alive).
    expect(socats(PORT).length).toBeGreaterThan(0);

    const stop = uf(home, ['stop', NAME]);
    expect(stop.code, stop.stderr).toBe(0);
    expect(umlPids(NAME)).toEqual([]);
    expect(socats(PORT)).toEqual([]);
    expect(namespaces(NAME)).toEqual([]);
    expect(listeners(PORT)).toEqual([]);
    const consoleLog = readFileSync(join(home, 'state/instances', NAME, 'console.log'), 'latin1');
    expect(consoleLog).toContain('uml-flow-init: power off');
  });

  it("keeps Deluge's state on its data disk across a rebuild of the image", async () => {
    const run = uf(home, ['run'], { cwd: project });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const call = await delugeWeb();
    await call('core.set_config', { max_connections_global: 321 });
    expect(await call('core.get_config_value', 'max_connections_global')).toBe(321);
    // Deluge writes its config 5 s after a change (and again when it stops).
    await new Promise((r) => setTimeout(r, 6_000));
    expect(uf(home, ['stop', NAME]).code).toBe(0);
    const dataDisk = join(home, 'state/instances', NAME, 'data.img');
    expect(debugfsCat(dataDisk, '/config/core.conf')).toContain('"max_connections_global": 321');

    const manifest = join(home, 'state/images', NAME, 'manifest.json');
    const builtBefore = JSON.parse(readFileSync(manifest, 'utf8')).builtAt;
    writeFileSync(join(project, 'uml-flow.config.mjs'), config(", hostname: { hostname: 'deluge-two' }"));
    const rerun = uf(home, ['run'], { cwd: project });
    expect(rerun.code, rerun.stderr + rerun.stdout).toBe(0);
    expect(JSON.parse(readFileSync(manifest, 'utf8')).builtAt).not.toBe(builtBefore);
    const again = await delugeWeb();
    expect(await again('core.get_config_value', 'max_connections_global')).toBe(321);
    expect(uf(home, ['stop', NAME]).code).toBe(0);
  });

  it('a second instance of the same image has a data disk of its own', async () => {
    const run = uf(home, ['run', '--name', SECOND], { cwd: project });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).not.toMatch(/bootstrap/);
    const call = await delugeWeb();
    expect(await call('core.get_config_value', 'max_connections_global')).not.toBe(321);
    expect(uf(home, ['stop', SECOND]).code).toBe(0);
    expect(debugfsCat(join(home, 'state/instances', NAME, 'data.img'), '/config/core.conf')).toContain('"max_connections_global": 321');
  });
});
