import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupHome, tempHome, uf, umlPids } from '../support/cli.js';
import { listeners, namespaces, socats, sweepLeftovers } from '../support/network.js';

// Not 8080, which something on this machine may use.
const PORT = 18080;
const NAME = 'e2e-apache';

describe('preset:apache, built and booted for real', () => {
  let home: string;
  beforeAll(() => {
    home = tempHome('apache');
  });
  afterAll(() => {
    cleanupHome(home, [NAME]);
    expect(sweepLeftovers(NAME, PORT)).toEqual({ uml: [], socat: [], netns: [] });
  });

  it("serves Debian's default page on 127.0.0.1, and stop leaves nothing behind", async () => {
    const project = join(home, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'uml-flow.config.mjs'),
      `export default { extends: 'preset:apache', name: '${NAME}', options: { 'port-forward': { forwards: { web: { hostPort: ${PORT} } } } } };\n`,
    );
    const run = uf(home, ['run'], { cwd: project });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain(`Apache: http://127.0.0.1:${PORT}/`);

    const res = await fetch(`http://127.0.0.1:${PORT}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Apache2 Debian Default Page');
    expect(listeners(PORT)).toEqual([`127.0.0.1:${PORT}`]);

    expect(uf(home, ['stop', NAME]).code).toBe(0);
    expect(umlPids(NAME)).toEqual([]);
    expect(socats(PORT)).toEqual([]);
    expect(namespaces(NAME)).toEqual([]);
  });
});
