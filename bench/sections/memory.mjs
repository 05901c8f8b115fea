import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { boot, build, consoleLog, delugeConfig, memoryOf } from '../lib/uml-flow.mjs';
import { fmtMB, fmtS, httpStatus, log, readText, sleep } from '../lib/util.mjs';

const OOM = /Out of memory|oom-kill|Killed process/i;
const SETTLE_MS = 10_000;

/** How big a memory size is, for sorting: 128M < 1G. */
/** Keeps a console log for reading later: BENCH_DIR/logs/NAME. */
function keepLog(b, from, name) {
  if (!existsSync(from)) return undefined;
  mkdirSync(join(b.dir, 'logs'), { recursive: true });
  copyFileSync(from, join(b.dir, 'logs', name));
  return join(b.dir, 'logs', name);
}

const bytes = (size) => Number.parseInt(size, 10) * 1024 ** ' KMGT'.indexOf(size.at(-1).toUpperCase());

/**
 * preset:deluge at each `mem=`: does it serve HTTP 200, still 10 s later, without the guest's OOM
 * killer? And the host memory of the UML processes once it serves. Then preset:base at the
 * article's mem=64M: does it reach a login prompt?
 */
export async function memory(b) {
  const sizes = [...b.mems].sort((x, y) => bytes(x) - bytes(y));
  const deluge = [];
  for (const mem of sizes) {
    const file = b.project('ufb-deluge', delugeConfig('ufb-deluge', b.ports.lean, { boot: { mem } }));
    log(`memory: preset:deluge at mem=${mem} (build untimed)`);
    await build(b.home, file);
    const r = await boot(b.home, file, 'ufb-deluge', { port: b.ports.lean, timeoutMs: b.memTimeoutMs });
    let still = false;
    let mem_;
    if (r.ok) {
      await sleep(SETTLE_MS);
      still = (await httpStatus(r.url, 5000)) === 200;
      mem_ = r.pid ? memoryOf('ufb-deluge', r.pid) : undefined;
    }
    const oom = OOM.test(readText(consoleLog(b.home, 'ufb-deluge')));
    await r.stop();
    const log_ = keepLog(b, consoleLog(b.home, 'ufb-deluge'), `memory-deluge-${mem}.console.log`);
    deluge.push({ mem, serves: r.ok && still, oom, httpMs: r.httpMs, memory: mem_, log: log_ });
  }
  b.project('ufb-deluge', delugeConfig('ufb-deluge', b.ports.lean));

  const baseFile = b.project('ufb-base', { extends: 'preset:base', name: 'ufb-base', options: { boot: { mem: '64M' } } });
  log('memory: preset:base at mem=64M (build untimed)');
  await build(b.home, baseFile);
  const r = await boot(b.home, baseFile, 'ufb-base', { timeoutMs: b.memTimeoutMs });
  const login = readText(consoleLog(b.home, 'ufb-base')).includes('login:');
  const baseMemory = r.ok && r.pid ? memoryOf('ufb-base', r.pid) : undefined;
  const baseOom = OOM.test(readText(consoleLog(b.home, 'ufb-base')));
  await r.stop();
  keepLog(b, consoleLog(b.home, 'ufb-base'), 'memory-base-64M.console.log');
  const base = { mem: '64M', login, ok: r.ok, runMs: r.runMs, oom: baseOom, memory: baseMemory };

  const smallest = deluge.find((d) => d.serves && !d.oom) ?? deluge.find((d) => d.serves);
  const row = (d) =>
    `mem=${d.mem}: ${d.serves ? `serves (HTTP 200 after ${fmtS(d.httpMs)}, still 200 ${SETTLE_MS / 1000} s later)` : `does not serve (console: ${d.log})`}${d.oom ? ', guest OOM killer fired' : ''}` +
    (d.memory ? `; host memory: main VmHWM ${fmtMB(d.memory.mainHwm)}, sum of VmHWM over ${d.memory.addressSpaces} address spaces (${d.memory.processes} processes) ${fmtMB(d.memory.sumHwm)}, sum of PSS ${fmtMB(d.memory.sumPss)}` : '');
  return {
    deluge,
    base,
    rows: [
      { metric: 'smallest mem= at which preset:deluge serves', text: smallest ? `${smallest.mem}${smallest.oom ? ' (with OOM kills)' : ''}` : `none of ${sizes.join(', ')}`, target: 'report' },
      { metric: `host peak RSS of UML at that mem (main process VmHWM)`, text: smallest?.memory ? fmtMB(smallest.memory.mainHwm) : 'n/a', target: 'report' },
      { metric: 'preset:base at mem=64M reaches login:', text: login ? `yes (${fmtS(r.runMs)})` : 'no', target: 'report' },
    ],
    details: [
      ...deluge.map(row),
      `preset:base mem=64M: ${login ? `login: on the console, \`run\` returned after ${fmtS(r.runMs)}` : 'no login prompt'}${baseOom ? ', guest OOM killer fired' : ''}${baseMemory ? `; main VmHWM ${fmtMB(baseMemory.mainHwm)}, sum of PSS ${fmtMB(baseMemory.sumPss)}` : ''}`,
    ],
  };
}
