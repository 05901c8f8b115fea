import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrapCacheKey, describeRecipe, listBootstrapCache, pruneBootstrapCache, type BootstrapRecipe } from '../../core/bootstrap-cache.js';

const RECIPE: BootstrapRecipe = {
  backend: 'mmdebstrap',
  backendVersion: 'mmdebstrap 1.3.5',
  suite: 'bookworm',
  architecture: 'amd64',
  variant: 'minbase',
  mirror: 'http://deb.debian.org/debian',
  packages: ['sysvinit-core', 'locales'],
};

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const cacheDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'uf-cache-'));
  temps.push(dir);
  mkdirSync(join(dir, 'bootstrap'));
  return dir;
};

describe('bootstrap cache key', () => {
  it('is a stable sha256 of the recipe: changing this value invalidates every cache', () => {
    expect(bootstrapCacheKey(RECIPE)).toBe(bootstrapCacheKey({ ...RECIPE, packages: ['locales', 'sysvinit-core', 'locales'], backendVersion: 'mmdebstrap 1.3.5\n' }));
    expect(bootstrapCacheKey(RECIPE)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(Object.keys(RECIPE))('changes with %s', (field) => {
    const changed = { ...RECIPE, [field]: field === 'packages' ? ['sysvinit-core'] : 'other' };
    expect(bootstrapCacheKey(changed)).not.toBe(bootstrapCacheKey(RECIPE));
  });

  it('is described in one line', () => {
    expect(describeRecipe(RECIPE)).toBe('mmdebstrap 1.3.5 bookworm/amd64 minbase http://deb.debian.org/debian + locales,sysvinit-core');
  });
});

describe('bootstrap cache entries', () => {
  it('lists complete entries with their sidecar, not the ones being written', () => {
    const dir = cacheDir();
    const key = bootstrapCacheKey(RECIPE);
    writeFileSync(join(dir, 'bootstrap', `${key}.tar`), 'x'.repeat(10));
    writeFileSync(join(dir, 'bootstrap', `${key}.json`), JSON.stringify({ key, recipe: RECIPE, createdAt: '2026-01-02T03:04:05.000Z' }));
    writeFileSync(join(dir, 'bootstrap', `${'b'.repeat(64)}.tar.tmp-${process.pid}`), 'partial');
    expect(listBootstrapCache(dir)).toEqual([{ key, tarball: join(dir, 'bootstrap', `${key}.tar`), bytes: 10, createdAt: '2026-01-02T03:04:05.000Z', recipe: RECIPE }]);
  });

  it('prunes every entry and dead builds\' temporary files, keeps a running build\'s', () => {
    const dir = cacheDir();
    const b = (f: string) => join(dir, 'bootstrap', f);
    writeFileSync(b(`${'a'.repeat(64)}.tar`), '12345');
    writeFileSync(b(`${'a'.repeat(64)}.json`), '{}');
    writeFileSync(b(`${'c'.repeat(64)}.json`), '{}');
    writeFileSync(b(`${'d'.repeat(64)}.tar.tmp-999999999`), 'dead');
    writeFileSync(b(`${'e'.repeat(64)}.tar.tmp-${process.pid}`), 'alive');
    const pruned = pruneBootstrapCache(dir);
    expect(pruned.entries.map((e) => e.key)).toEqual(['a'.repeat(64)]);
    expect(pruned.bytes).toBe(5 + 2 + 4);
    expect(readdirSync(join(dir, 'bootstrap'))).toEqual([`${'e'.repeat(64)}.tar.tmp-${process.pid}`]);
  });

  it('lists and prunes nothing when there is no cache yet', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uf-empty-'));
    temps.push(dir);
    expect(listBootstrapCache(dir)).toEqual([]);
    expect(pruneBootstrapCache(dir)).toEqual({ entries: [], bytes: 0 });
  });
});
