import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const seconds = (ms) => ms / 1000;

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Runs a program to completion (argument array, no shell); never throws on a non-zero exit. */
export function run(file, args = [], options = {}) {
  const r = spawnSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...options });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', signal: r.signal };
}

/** Like run, but asynchronous and timed: { code, stdout, stderr, ms }. `onSpawn` gets the child. */
export function runTimed(file, args = [], { onSpawn, ...options } = {}) {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr, ms: performance.now() - start }));
    child.on('error', (e) => resolve({ code: -1, stdout, stderr: String(e), ms: performance.now() - start }));
  });
}

/** True when GET url answers `status`. */
export async function httpStatus(url, timeoutMs = 2000) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual', headers: { connection: 'close' } });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Allocated bytes under a path (du), and the apparent size. */
export function diskUsage(path) {
  const used = run('du', ['-s', '--block-size=1', path]);
  const apparent = run('du', ['-s', '--block-size=1', '--apparent-size', path]);
  return { used: Number(used.stdout.split(/\s/)[0]) || 0, apparent: Number(apparent.stdout.split(/\s/)[0]) || 0 };
}

export const readText = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

export const fmtS = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
export const fmtMB = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(0)} MiB` : 'n/a');
export const fmtRatio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : 'n/a');

export const log = (...args) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

/** Mount points at or under a directory, deepest first (from /proc/mounts, octal escapes decoded). */
export function mountsUnder(dir) {
  const unescape = (s) => s.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(parseInt(o, 8)));
  return readText('/proc/mounts')
    .split('\n')
    .map((line) => unescape(line.split(' ')[1] ?? ''))
    .filter((m) => m === dir || m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

/**
 * Flushes the page cache's dirty data before a timed step, so the write-back of the previous
 * step (a build writes ~700 MB) is not charged to the next one.
 */
export const flush = () => void run('sync');
