import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../core/config/load.js';

const dir = mkdtempSync(join(tmpdir(), 'uf-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function reasonFor(name: string, content: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, content);
  const error = (await loadConfigFile(file).catch((e: Error) => e)) as Error;
  expect(error).toMatchObject({ code: 'CONFIG_LOAD', exitCode: 2 });
  expect(error.message.startsWith(`could not read ${file}: `)).toBe(true);
  return error.message.slice(`could not read ${file}: `.length);
}

describe('a config file that cannot be read says why and where, in one line', () => {
  it('JSON syntax', async () => {
    expect(await reasonFor('a.json', '{\n  "extends": "preset:base",\n}\n')).toMatch(/^line 3: .*JSON at position/);
  });

  it('YAML syntax', async () => {
    expect(await reasonFor('b.yaml', 'extends: preset:base\n  bad: [x\n')).toBe('line 2, column 6: bad indentation of a mapping entry');
  });

  // JS syntax errors and load-time throws are checked through the real CLI in bad-input.test.ts:
  // under vitest, imports go through vite's module runner, whose errors differ from Node's.

  it('a JS config without a default export', async () => {
    expect(await reasonFor('e.mjs', 'export const config = {};\n')).toBe('it has no default export; write `export default { extends: "preset:base" }`');
  });

  it('an empty or null config', async () => {
    expect(await reasonFor('f.json', 'null\n')).toBe('it is empty; it must contain one config object');
    expect(await reasonFor('g.yaml', '')).toBe('it is empty; it must contain one config object');
  });

  it('a missing file is CONFIG_NOT_FOUND', async () => {
    await expect(loadConfigFile(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'CONFIG_NOT_FOUND' });
  });
});
