import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve(import.meta.dirname, '../../dist/core/cli/main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI for real, with its own UML_FLOW_HOME. */
export function uf(home: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, UML_FLOW_HOME: home, CI: '1', ...options.env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 15 * 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const tempHome = (prefix: string) => mkdtempSync(join(tmpdir(), `uf-${prefix}-`));

/** Pids of UML processes started with this umid (there are several per instance). */
export function umlPids(umid: string): number[] {
  const r = spawnSync('pgrep', ['-f', `umid=${umid}( |$)`], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean).map(Number);
}

/** Reads a file inside an ext image without mounting it. */
export function debugfsCat(image: string, path: string): string {
  return execFileSync('debugfs', ['-R', `cat ${path}`, image], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Stops every instance under `home` and removes it; kills what a failed test left behind. */
export function cleanupHome(home: string, umids: string[]): void {
  for (const umid of umids) {
    uf(home, ['stop', umid]);
    for (const pid of umlPids(umid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  rmSync(home, { recursive: true, force: true });
}

export const readText = (file: string) => readFileSync(file, 'utf8');
