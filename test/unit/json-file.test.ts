import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, writeJsonAtomic } from '../../core/json-file.js';

describe('state files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uf-json-'));

  it('are written whole, readable by the owner only', async () => {
    const file = join(dir, 'a/instance.json');
    await writeJsonAtomic(file, { name: 'x' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ name: 'x' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'a')).mode & 0o002).toBe(0);
  });

  it('read as undefined when missing, and as STATE_CORRUPT naming the file when damaged', () => {
    expect(readJson(join(dir, 'missing.json'))).toBeUndefined();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"name": "x"');
    expect(() => readJson(bad)).toThrow(expect.objectContaining({ code: 'STATE_CORRUPT', message: expect.stringContaining(bad) }));
  });
});
