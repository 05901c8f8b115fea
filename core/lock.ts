import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { throwIfInterrupted } from './interrupt.js';

const holder = (file: string): number | undefined => {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
};

/**
 * Runs `fn` holding an exclusive lock file (it holds the owner's pid). A lock left by a dead
 * process is taken over; a live owner is waited for, and `onWait` is told once.
 */
export async function withLock<T>(file: string, onWait: (pid: number) => void, fn: () => Promise<T>): Promise<T> {
  await mkdir(dirname(file), { recursive: true });
  let told = false;
  for (;;) {
    throwIfInterrupted();
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = holder(file);
      if (pid === undefined || !existsSync(`/proc/${pid}`)) {
        unlinkSync(file);
        continue;
      }
      if (!told) onWait(pid);
      told = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    if (holder(file) === process.pid) unlinkSync(file);
  }
}
