import { UmlFlowError } from './errors.js';

const controller = new AbortController();

/** Aborted by SIGINT or SIGTERM: running commands are cancelled and each step undoes its work. */
export const interruption: AbortSignal = controller.signal;

export function throwIfInterrupted(): void {
  if (interruption.aborted) throw interruption.reason;
}

/** First signal: cancel and clean up. Second signal: leave at once. */
export function installSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interruption.aborted) process.exit(130);
      process.stderr.write(`\numl-flow: ${signal}: stopping and undoing what this step started (again to leave at once)\n`);
      controller.abort(new UmlFlowError('INTERRUPTED', { signal }));
    });
  }
}
