import { log } from './util.mjs';

/**
 * Undo actions for everything the benchmark starts on the host (UML instances, namespaces,
 * forwarders, mounts). Sections undo their own in `finally`; an interrupt (Ctrl-C, SIGTERM)
 * undoes whatever is still registered, newest first, before the process exits.
 */
const pending = new Map();
let next = 0;

/** Registers an undo action; returns the function that runs it once and unregisters it. */
export function onCleanup(title, fn) {
  const id = next++;
  pending.set(id, { title, fn });
  return async () => {
    if (!pending.delete(id)) return;
    await fn().catch((e) => log(`cleanup "${title}" failed: ${e?.message ?? e}`));
  };
}

export async function cleanupAll() {
  for (const id of [...pending.keys()].reverse()) {
    const entry = pending.get(id);
    pending.delete(id);
    log(`cleanup: ${entry.title}`);
    await entry.fn().catch((e) => log(`cleanup "${entry.title}" failed: ${e?.message ?? e}`));
  }
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: cleaning up`);
    await cleanupAll();
    process.exit(130);
  });
