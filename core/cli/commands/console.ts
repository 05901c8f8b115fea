import { constants, existsSync, openSync, readFileSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { consolePts, INTERACTIVE_CONSOLE } from '../../console.js';
import { fail } from '../../errors.js';
import { isAlive, statusOf, type InstanceRecord } from '../../instances.js';
import { interruption } from '../../interrupt.js';
import type { CliArgs } from '../args.js';
import { instanceFromArgs } from '../instance-arg.js';

/** Ctrl-], as in telnet: the one key not passed to the guest. */
const DETACH = 0x1d;

function ptsOf(record: InstanceRecord): string {
  const state = statusOf(record);
  if (state !== 'running')
    fail('NO_CONSOLE', { name: record.name, reason: `is ${state}`, fix: `Start it with \`uml-flow run ${record.target} --name ${record.name}\`, then attach.` });
  const pts = existsSync(record.consoleLog) ? consolePts(readFileSync(record.consoleLog, 'utf8'), INTERACTIVE_CONSOLE) : undefined;
  if (!pts)
    fail('NO_CONSOLE', {
      name: record.name,
      reason: 'has no console to attach to',
      fix: `Add the console plugin to its config (plugins: ['console']) and run it again; \`uml-flow logs ${record.name}\` shows its output meanwhile.`,
    });
  return pts;
}

/**
 * Connects the terminal to the instance's pts console until Ctrl-] (or the end of the input):
 * keystrokes go to the guest unchanged, Ctrl-C included. The instance keeps running.
 */
export async function attachConsole(args: CliArgs): Promise<number> {
  const { record } = instanceFromArgs(args, 'console');
  const pts = ptsOf(record);
  // O_NOCTTY: the guest's terminal must not become ours.
  const flags = constants.O_RDWR | constants.O_NOCTTY;
  const fromGuest = new ReadStream(openSync(pts, flags));
  const toGuest = new WriteStream(openSync(pts, flags));
  // Bytes pass through unchanged; the guest's own terminal driver echoes and edits lines.
  fromGuest.setRawMode(true);
  const stdin = process.stdin;
  const local = stdin.isTTY ? stdin : undefined;
  local?.setRawMode(true);
  process.stderr.write(`Connected to the console of ${record.name} (${pts}). Press Enter for a login prompt; Ctrl-] detaches.\r\n`);

  const code = await new Promise<number>((resolve) => {
    const done = (code: number) => (clearInterval(alive), resolve(code));
    const alive = setInterval(() => isAlive(record.pid) || done(0), 1000);
    fromGuest.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    fromGuest.once('error', () => done(0)).once('end', () => done(0));
    stdin.on('data', (chunk: Buffer) => {
      const at = chunk.indexOf(DETACH);
      if (at >= 0) {
        if (at > 0) toGuest.write(chunk.subarray(0, at));
        return done(0);
      }
      toGuest.write(chunk);
    });
    stdin.once('end', () => toGuest.write('', () => done(0)));
    interruption.addEventListener('abort', () => done(130), { once: true });
  });
  local?.setRawMode(false);
  stdin.pause();
  fromGuest.destroy();
  toGuest.destroy();
  const state = isAlive(record.pid) ? 'it keeps running' : 'it has stopped';
  process.stderr.write(`\r\nDetached from ${record.name}; ${state}.\n`);
  return code;
}
