import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrapCacheKey } from '../../core/bootstrap-cache.js';
import { runHooks, testContext } from '../../core/testing.js';
import mmdebstrap from '../../plugins/mmdebstrap.js';
import packages from '../../plugins/packages.js';

const VERSION = 'mmdebstrap 1.3.5';
const recipe = (over: Partial<Parameters<typeof bootstrapCacheKey>[0]> = {}) => ({
  backend: 'mmdebstrap',
  backendVersion: VERSION,
  suite: 'bookworm',
  architecture: 'amd64',
  variant: 'minbase',
  mirror: 'http://deb.debian.org/debian',
  packages: ['sysvinit-core'],
  ...over,
});

function context(cacheDir = '/uf/cache') {
  const ctx = testContext({ paths: { imageDir: '/uf/images/test', buildDir: '/uf/build', instanceDir: '/uf/instances/test', cacheDir } });
  ctx.runner.respond((c) => (c.args[0] === '--version' ? { stdout: `${VERSION}\n` } : undefined));
  return ctx;
}

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('mmdebstrap', () => {
  it('sets the guest facts and asks for the init package before the backend stage', async () => {
    const ctx = context();
    await runHooks(ctx, [[mmdebstrap, { init: 'systemd', suite: 'trixie' }]], ['bootstrap']);
    expect(ctx.guest).toEqual({ suite: 'trixie', architecture: 'amd64', init: 'systemd' });
    expect([...ctx.packages]).toEqual(['systemd-sysv']);
  });

  it('cold cache: bootstraps into a temporary tarball, renames it into place, extracts it', async () => {
    const ctx = context();
    await runHooks(ctx, [[mmdebstrap, {}]], ['bootstrap']);
    const key = bootstrapCacheKey(recipe());
    const tar = `/uf/cache/bootstrap/${key}.tar`;
    const temp = `${tar}.tmp-${process.pid}`;
    expect(ctx.runner.commands).toEqual([
      'mmdebstrap --version </dev/null',
      `mmdebstrap --quiet --format=tar --variant=minbase --architectures=amd64 --include=sysvinit-core bookworm ${temp} http://deb.debian.org/debian </dev/null`,
      `tar --numeric-owner --xattrs '--xattrs-include=*' -xpf ${tar} -C /uf/build/rootfs </dev/null`,
    ]);
    const renames = ctx.runner.recorded.filter((r) => r.kind === 'rename');
    expect(renames.at(-1)).toEqual({ kind: 'rename', from: temp, to: tar });
    const sidecar = JSON.parse(ctx.runner.files.get(`/uf/cache/bootstrap/${key}.json.tmp-${process.pid}`)!);
    expect(sidecar).toMatchObject({ key, recipe: recipe() });
  });

  it('warm cache: only extracts the cached tarball', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'uf-cache-'));
    temps.push(cacheDir);
    const key = bootstrapCacheKey(recipe({ packages: ['curl', 'sysvinit-core'] }));
    mkdirSync(join(cacheDir, 'bootstrap'));
    writeFileSync(join(cacheDir, 'bootstrap', `${key}.tar`), '');
    const ctx = context(cacheDir);
    await runHooks(ctx, [[packages, { packages: ['curl'] }], [mmdebstrap, {}]], ['bootstrap']);
    expect(ctx.runner.commands).toEqual([
      'mmdebstrap --version </dev/null',
      `tar --numeric-owner --xattrs '--xattrs-include=*' -xpf ${cacheDir}/bootstrap/${key}.tar -C /uf/build/rootfs </dev/null`,
    ]);
  });

  it('includes packages from other plugins, sorted, whatever order they come in', async () => {
    const ctx = context();
    await runHooks(ctx, [[mmdebstrap, { packages: ['zsh'] }], [packages, { packages: ['curl'] }]], ['bootstrap']);
    expect(ctx.runner.commands[1]).toContain('--include=curl,sysvinit-core,zsh ');
  });

  it('without the cache writes the tree directly', async () => {
    const ctx = context();
    await runHooks(ctx, [[mmdebstrap, { cache: false, variant: 'apt', architecture: 'arm64', mirror: 'http://mirror.example/debian' }]], ['bootstrap']);
    expect(ctx.runner.commands).toEqual([
      'mmdebstrap --quiet --variant=apt --architectures=arm64 --include=sysvinit-core bookworm /uf/build/rootfs http://mirror.example/debian </dev/null',
    ]);
  });

  it('rejects bad options before running anything', async () => {
    const ctx = context();
    await expect(runHooks(ctx, [[mmdebstrap, { suite: 'Bookworm; rm -rf /', init: 'upstart' }]], ['bootstrap'])).rejects.toThrow(
      /options\.mmdebstrap\.suite .*not a Debian suite.*options\.mmdebstrap\.init must be one of "sysvinit", "systemd"/,
    );
    expect(ctx.runner.recorded).toEqual([]);
  });

  it('removes the temporary tarball when the bootstrap fails', async () => {
    // A RecordingRunner returns exit codes without throwing; make the backend throw like the real runner.
    const throwing = context();
    const run = throwing.runner.run.bind(throwing.runner);
    throwing.runner.run = async (c, o) => {
      const r = await run(c, o);
      if (c.args.includes('--format=tar')) throw new Error('mmdebstrap failed');
      return r;
    };
    await expect(runHooks(throwing, [[mmdebstrap, {}]], ['bootstrap'])).rejects.toThrow(/mmdebstrap failed/);
    const key = bootstrapCacheKey(recipe());
    expect(throwing.runner.recorded.at(-1)).toEqual({ kind: 'remove', path: `/uf/cache/bootstrap/${key}.tar.tmp-${process.pid}` });
    expect(throwing.runner.recorded.some((r) => r.kind === 'rename')).toBe(false);
  });
});
