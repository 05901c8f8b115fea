import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowContext } from './context.js';
import { VERSION } from './version.js';

/** Everything that changes what a bootstrap produces; equal recipes share one cached tarball. */
export interface BootstrapRecipe {
  /** The program that bootstraps: mmdebstrap, debootstrap, ... */
  backend: string;
  /** Its `--version` output, so an upgrade of the backend starts a new entry. */
  backendVersion: string;
  suite: string;
  architecture: string;
  variant: string;
  mirror: string;
  packages: readonly string[];
}

/** How a backend makes a root tree: straight into a tarball (mmdebstrap), or into a directory (debootstrap). */
export type BootstrapProducer =
  | { output: 'tarball'; run(tarball: string): Promise<void> }
  | { output: 'tree'; run(rootfs: string): Promise<void> };

export interface BootstrapCacheEntry {
  key: string;
  tarball: string;
  bytes: number;
  createdAt: string;
  /** Missing when the sidecar was lost; the tarball is still usable. */
  recipe?: BootstrapRecipe;
}

const TAR_OWNERS_AND_XATTRS = ['--numeric-owner', '--xattrs', '--xattrs-include=*'];
const TEMP = /^(.+)\.tmp-([0-9]+)$/;

export const bootstrapCacheDir = (cacheDir: string) => join(cacheDir, 'bootstrap');

/** sha256 of the recipe in a fixed field order, packages sorted and deduplicated. */
export function bootstrapCacheKey(recipe: BootstrapRecipe): string {
  const canonical = {
    backend: recipe.backend,
    backendVersion: recipe.backendVersion.trim(),
    suite: recipe.suite,
    architecture: recipe.architecture,
    variant: recipe.variant,
    mirror: recipe.mirror,
    packages: [...new Set(recipe.packages)].sort(),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** One line saying what an entry holds: `mmdebstrap 1.3.5 bookworm/amd64 minbase + sysvinit-core`. */
export function describeRecipe(recipe: BootstrapRecipe): string {
  const version = recipe.backendVersion.trim().split(/\s+/).at(-1) ?? '';
  const packages = recipe.packages.length ? ` + ${[...recipe.packages].sort().join(',')}` : '';
  return `${recipe.backend}${version ? ` ${version}` : ''} ${recipe.suite}/${recipe.architecture} ${recipe.variant} ${recipe.mirror}${packages}`;
}

/**
 * Fills `ctx.rootfs` with the result of a bootstrap, from the cache when an entry for the
 * recipe exists, else by running the producer and storing its result. A new entry is written
 * under a temporary name and renamed into place, so racing builds never expose half a tarball
 * (the last rename wins, with the same content). In a plan the cold path is shown.
 */
export async function cachedBootstrap(ctx: FlowContext, recipe: BootstrapRecipe, producer: BootstrapProducer): Promise<'hit' | 'miss'> {
  const { runner } = ctx;
  const key = bootstrapCacheKey(recipe);
  const dir = bootstrapCacheDir(ctx.paths.cacheDir);
  const tarball = join(dir, `${key}.tar`);
  const extract = () => runner.run({ file: 'tar', args: [...TAR_OWNERS_AND_XATTRS, '-xpf', tarball, '-C', ctx.rootfs] });

  if (!runner.dryRun && existsSync(tarball)) {
    ctx.log.info(`bootstrap: reusing cached ${key.slice(0, 12)} (${describeRecipe(recipe)})`);
    await extract();
    return 'hit';
  }
  if (runner.dryRun) runner.note(`bootstrap cache: shown cold; with a cached entry only the last tar command runs (the key also hashes the ${recipe.backend} version, unknown in a plan)`);
  ctx.log.info(`bootstrap: not cached yet, building ${key.slice(0, 12)} (${describeRecipe(recipe)})`);
  await runner.mkdir(dir);
  const temp = `${tarball}.tmp-${process.pid}`;
  try {
    if (producer.output === 'tarball') await producer.run(temp);
    else {
      await producer.run(ctx.rootfs);
      await runner.run({ file: 'tar', args: [...TAR_OWNERS_AND_XATTRS, '-cpf', temp, '-C', ctx.rootfs, '.'] });
    }
    const sidecar = join(dir, `${key}.json`);
    const entry = { key, recipe, createdAt: new Date().toISOString(), createdBy: `uml-flow ${VERSION}` };
    await runner.writeFile(`${sidecar}.tmp-${process.pid}`, `${JSON.stringify(entry, null, 2)}\n`);
    await runner.rename(`${sidecar}.tmp-${process.pid}`, sidecar);
    await runner.rename(temp, tarball);
  } catch (error) {
    await runner.remove(temp);
    throw error;
  }
  if (producer.output === 'tarball') await extract();
  return 'miss';
}

/** The complete entries, newest first. Reads only. */
export function listBootstrapCache(cacheDir: string): BootstrapCacheEntry[] {
  const dir = bootstrapCacheDir(cacheDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^[0-9a-f]{64}\.tar$/.test(f))
    .map((f) => {
      const key = f.slice(0, -'.tar'.length);
      const tarball = join(dir, f);
      const stat = statSync(tarball);
      const sidecar = readSidecar(join(dir, `${key}.json`));
      return { key, tarball, bytes: stat.size, createdAt: sidecar?.createdAt ?? stat.mtime.toISOString(), recipe: sidecar?.recipe };
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function readSidecar(file: string): { createdAt?: string; recipe?: BootstrapRecipe } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Removes every entry, and the temporary files of builds that died. A temporary file of a
 * build still running is kept. A build extracting an entry while it is removed still reads it
 * (the open file outlives its name).
 */
export function pruneBootstrapCache(cacheDir: string): { entries: BootstrapCacheEntry[]; bytes: number } {
  const dir = bootstrapCacheDir(cacheDir);
  const entries = listBootstrapCache(cacheDir);
  let bytes = 0;
  for (const entry of entries) {
    bytes += entry.bytes;
    rmSync(entry.tarball, { force: true });
    rmSync(join(dir, `${entry.key}.json`), { force: true });
  }
  if (existsSync(dir))
    for (const f of readdirSync(dir)) {
      const temp = TEMP.exec(f);
      const orphanSidecar = /^[0-9a-f]{64}\.json$/.test(f) && !existsSync(join(dir, f.replace(/json$/, 'tar')));
      if (!orphanSidecar && (!temp || processExists(Number(temp[2])))) continue;
      bytes += statSync(join(dir, f)).size;
      rmSync(join(dir, f), { force: true });
    }
  return { entries, bytes };
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
