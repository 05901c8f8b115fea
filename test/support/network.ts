import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { umlPids } from './cli.js';

/** Live (not zombie) processes whose command line matches. */
export function livePids(pattern: string): number[] {
  const found = spawnSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
  return found.filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    } catch {
      return false;
    }
  });
}

/** The port-forward socat listening on this host port, and its per-connection children. */
export const socats = (port: number) => livePids(`^socat TCP-LISTEN:${port},`);

/** The instance's network namespace, if it exists. */
export const namespaces = (name: string) =>
  execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(' ')[0])
    .filter((n) => n === `uf-${name}`);

/** Local addresses of the TCP listeners on this port, e.g. ['127.0.0.1:18112']. */
export const listeners = (port: number) =>
  execFileSync('ss', ['-H', '-l', '-t', '-n', 'sport', '=', `:${port}`], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(/\s+/)[3]);

/**
 * What an instance left on the host after it was stopped: UML processes, the socat, the network
 * namespace. Removes them (so a failing test does not leave them behind) and returns what it found.
 */
export function sweepLeftovers(name: string, port: number): { uml: number[]; socat: number[]; netns: string[] } {
  const left = { uml: umlPids(name), socat: socats(port), netns: namespaces(name) };
  for (const pid of [...left.uml, ...left.socat]) {
    // Both lead process groups (UML's helper processes share its group): kill the group.
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone, or not a group leader
      }
    }
  }
  for (const ns of left.netns) spawnSync('ip', ['netns', 'del', ns]);
  return left;
}
