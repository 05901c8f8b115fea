import { join } from 'node:path';
import { fail, type FlowContext } from '../../core/index.js';

export interface Listener {
  port: number;
  bind: string;
  /** What to change instead, for the PORT_IN_USE hint. */
  fix: string;
}

/** Fails with PORT_IN_USE before anything is started when something already listens on the port. */
async function refuseBusyPort(ctx: FlowContext, listener: Listener): Promise<void> {
  if (ctx.runner.dryRun) return ctx.runner.note(`check that nothing listens on port ${listener.port}`);
  const listening = await ctx.runner.run({ file: 'ss', args: ['-H', '-l', '-t', '-n', 'sport', '=', `:${listener.port}`] });
  if (listening.stdout.trim())
    fail('PORT_IN_USE', { port: listener.port, bind: listener.bind, listener: listening.stdout.trim().split('\n')[0].replace(/\s+/g, ' '), fix: listener.fix });
}

/**
 * Starts a socat listening on `bind:port` that relays each connection to `target`, logging to
 * `<instance>/<logName>.log`, and records how `uml-flow stop` kills it.
 */
export async function startSocat(ctx: FlowContext, listener: Listener, target: string, logName: string): Promise<void> {
  await refuseBusyPort(ctx, listener);
  const listen = `TCP-LISTEN:${listener.port},bind=${listener.bind},reuseaddr,fork`;
  const pid = await ctx.runner.spawnDetached({ file: 'socat', args: [listen, target], logFile: join(ctx.paths.instanceDir, `${logName}.log`) });
  // The socat leads its own process group (spawned detached); match its command line too, so a
  // recycled pid can never take anything else down with it. Its per-connection children go too.
  ctx.instance.teardown.push({ file: 'pkill', args: ['--pgroup', String(pid), '--full', `^socat ${listen.replace(/\./g, '\\.')} `] });
}
