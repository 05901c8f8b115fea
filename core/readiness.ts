import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { ReadinessProbe } from './context.js';
import { isAlive } from './instances.js';
import { throwIfInterrupted } from './interrupt.js';

export function describeProbe(probe: ReadinessProbe): string {
  switch (probe.kind) {
    case 'console':
      return `console shows "${probe.pattern}"`;
    case 'tcp':
      return `tcp ${probe.host}:${probe.port} accepts`;
    case 'http':
      return `GET ${probe.url} answers ${probe.status ?? 200}`;
  }
}

async function passes(probe: ReadinessProbe, consoleLog: string): Promise<boolean> {
  switch (probe.kind) {
    case 'console':
      return existsSync(consoleLog) && readFileSync(consoleLog, 'utf8').includes(probe.pattern);
    case 'tcp':
      return new Promise((resolve) => {
        const socket = connect({ host: probe.host, port: probe.port, timeout: 1000 });
        const done = (ok: boolean) => (socket.destroy(), resolve(ok));
        socket.once('connect', () => done(true)).once('error', () => done(false)).once('timeout', () => done(false));
      });
    case 'http':
      try {
        const res = await fetch(probe.url, { signal: AbortSignal.timeout(3000), redirect: 'manual' });
        await res.arrayBuffer();
        return res.status === (probe.status ?? 200);
      } catch {
        return false;
      }
  }
}

export function consoleTail(consoleLog: string, lines = 20): string {
  if (!existsSync(consoleLog)) return '(no console output)';
  return readFileSync(consoleLog, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export type WaitResult = { ok: true } | { ok: false; reason: string };

/** Polls every probe until all pass, the process dies, or the time is up. */
export async function waitUntilReady(probes: ReadinessProbe[], pid: number, consoleLog: string, timeoutMs: number): Promise<WaitResult> {
  const pending = [...probes];
  const end = Date.now() + timeoutMs;
  while (pending.length) {
    throwIfInterrupted();
    if (!isAlive(pid)) return { ok: false, reason: `the UML process exited while waiting until ${describeProbe(pending[0])}` };
    if (await passes(pending[0], consoleLog)) pending.shift();
    else if (Date.now() > end) return { ok: false, reason: `waiting until ${describeProbe(pending[0])}` };
    else await new Promise((r) => setTimeout(r, 250));
  }
  return { ok: true };
}
