import { Listr, PRESET_TIMER } from 'listr2';
import type { Logger } from './context.js';

/** Shows each lifecycle step with its timing; plugins only report lines into it. */
export interface Progress {
  step<T>(title: string, fn: () => Promise<T>): Promise<T>;
  readonly log: Logger;
}

export interface ProgressOptions {
  /** Plain lines instead of the interactive renderer (non-TTY, CI, --plain). */
  plain: boolean;
  /** No step lines at all (plan, --json). Warnings still go to stderr. */
  silent: boolean;
}

export function defaultProgressOptions(env: NodeJS.ProcessEnv = process.env): ProgressOptions {
  return { plain: !process.stdout.isTTY || Boolean(env.CI), silent: false };
}

export function createProgress(options: ProgressOptions): Progress {
  let report: ((line: string) => void) | undefined;
  const log: Logger = {
    info: (message) => (report ? report(message) : options.silent || process.stderr.write(`${message}\n`)),
    warn: (message) => process.stderr.write(`\u26a0  WARNING: ${message}\n`),
  };
  return {
    log,
    async step(title, fn) {
      if (options.silent) return fn();
      let result: Awaited<ReturnType<typeof fn>>;
      const list = new Listr(
        [
          {
            title,
            task: async (_ctx, task) => {
              report = (line) => (task.output = line);
              try {
                result = await fn();
              } finally {
                report = undefined;
              }
            },
          },
        ],
        {
          renderer: options.plain ? 'simple' : 'default',
          rendererOptions: { timer: PRESET_TIMER },
          fallbackRendererOptions: { timer: PRESET_TIMER },
          registerSignalListeners: false,
          exitOnError: true,
          collectErrors: false,
        },
      );
      await list.run();
      return result!;
    },
  };
}
