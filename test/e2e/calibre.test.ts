import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupHome, tempHome, uf, umlPids } from '../support/cli.js';
import { tinyEpub } from '../support/epub.js';
import { listeners, namespaces, socats, sweepLeftovers } from '../support/network.js';

// Not 8080 (preset:apache's, and maybe taken on this machine) nor another e2e test's port.
const PORT = 18088;
const NAME = 'e2e-calibre';
const URL = `http://127.0.0.1:${PORT}`;
const TITLE = 'The Lean Init Handbook';

/** One request on a fresh connection: a pooled one may point at a forwarder that was stopped since. */
function http(method: 'GET' | 'POST', path: string, body?: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${URL}${path}`, { method, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject).end(body);
  });
}

/** Titles of the books in the library, as calibre's web UI loads them. */
async function titles(): Promise<string[]> {
  const res = await http('GET', '/interface-data/books-init');
  expect(res.status).toBe(200);
  const metadata = (JSON.parse(res.text) as { metadata: Record<string, { title: string }> }).metadata;
  return Object.values(metadata).map((book) => book.title);
}

describe('preset:calibre, built and booted for real', () => {
  let home: string;
  let project: string;
  beforeAll(() => {
    home = tempHome('calibre');
    project = join(home, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'uml-flow.config.mjs'),
      `export default { extends: 'preset:calibre', name: '${NAME}', options: { 'port-forward': { forwards: { web: { hostPort: ${PORT} } } } } };\n`,
    );
  });
  afterAll(() => {
    cleanupHome(home, [NAME]);
    expect(sweepLeftovers(NAME, PORT)).toEqual({ uml: [], socat: [], netns: [] });
  });

  it('serves its library page on 127.0.0.1; a book posted to the forwarded port is added and listed; stop leaves nothing', async () => {
    const run = uf(home, ['run'], { cwd: project });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain(`calibre: ${URL}/`);

    const page = await http('GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>calibre</title>');
    expect(listeners(PORT)).toEqual([`127.0.0.1:${PORT}`]);
    // The empty library made at the first start.
    expect(await titles()).toEqual([]);

    // As README documents it: curl --data-binary @book.epub http://127.0.0.1:8080/cdb/add-book/1/n/book.epub
    const added = await http('POST', '/cdb/add-book/1/n/handbook.epub', tinyEpub(TITLE, 'Ada Tester'));
    expect(added.status, added.text).toBe(200);
    expect(JSON.parse(added.text)).toMatchObject({ title: TITLE, authors: ['Ada Tester'], book_id: 1 });
    expect(await titles()).toEqual([TITLE]);

    const stop = uf(home, ['stop', NAME]);
    expect(stop.code, stop.stderr).toBe(0);
    expect(umlPids(NAME)).toEqual([]);
    expect(socats(PORT)).toEqual([]);
    expect(namespaces(NAME)).toEqual([]);
    expect(listeners(PORT)).toEqual([]);
    expect(readFileSync(join(home, 'state/instances', NAME, 'console.log'), 'latin1')).toContain('uml-flow-init: power off');
  });

  it('keeps the library on its data disk: the book is there after a stop and a new run', async () => {
    const run = uf(home, ['run'], { cwd: project });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(await titles()).toEqual([TITLE]);
    const again = await http('POST', '/cdb/add-book/2/n/handbook.epub', tinyEpub(TITLE, 'Ada Tester'));
    expect(JSON.parse(again.text)).toMatchObject({ duplicates: [{ title: TITLE, authors: ['Ada Tester'] }] });
    expect(uf(home, ['stop', NAME]).code).toBe(0);
    expect(umlPids(NAME)).toEqual([]);
  });
});
