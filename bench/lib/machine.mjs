import { cpus, loadavg, totalmem } from 'node:os';
import { readText, run } from './util.mjs';

const firstLine = (text) => text.trim().split('\n')[0] ?? '';

/** What the figures were measured on. */
export function describeMachine() {
  return {
    nproc: Number(run('nproc').stdout.trim()),
    cpu: cpus()[0]?.model ?? 'unknown',
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    hostKernel: firstLine(run('uname', ['-srm']).stdout),
    umlKernel: firstLine(run('linux', ['--version']).stdout) || 'not found',
    node: process.version,
    mmdebstrap: firstLine(run('mmdebstrap', ['--version']).stdout),
    debootstrap: firstLine(run('debootstrap', ['--version']).stdout),
    os: /^PRETTY_NAME="?([^"\n]*)/m.exec(readText('/etc/os-release'))?.[1] ?? 'unknown',
  };
}

/** `uptime` and the 1/5/15 minute load averages. */
export function load() {
  return { uptime: firstLine(run('uptime').stdout), loadavg: loadavg().map((x) => Number(x.toFixed(2))) };
}
