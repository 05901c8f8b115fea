import { readFileSync } from 'node:fs';

const unescape = (field: string) => field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));

/**
 * Mount points at or below `dir`, deepest first. A tree is never removed while something is
 * mounted in it: a bootstrapper killed midway can leave the host's /dev or /proc bound there.
 */
export function mountsUnder(dir: string, mountsFile = '/proc/self/mounts'): string[] {
  const prefix = dir.replace(/\/+$/, '');
  return readFileSync(mountsFile, 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1])
    .filter((m): m is string => Boolean(m))
    .map(unescape)
    .filter((m) => m === prefix || m.startsWith(`${prefix}/`))
    .sort((a, b) => b.length - a.length);
}
