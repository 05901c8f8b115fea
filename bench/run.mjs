#!/usr/bin/env node
// uml-flow's benchmarks against the 2011 article's procedure (issue 6): `npm run bench`.
// Needs root, the host packages of scripts/setup-host.sh, and the compiled CLI (dist/).
//
// Environment (all optional):
//   BENCH_ONLY=cold,warm,boot,memory,density,overhead   sections to run (default: all, in this order)
//   BENCH_DIR=/tmp/ufbench          work directory; BENCH_DIR/home is the UML_FLOW_HOME kept between runs
//   BENCH_COLD_RUNS=2 BENCH_WARM_RUNS=5 BENCH_BOOT_RUNS=3 BENCH_PLAN_RUNS=10
//   BENCH_COLD_BOUND=0              skip the mmdebstrap download-vs-install runs of the cold section
//   BENCH_MEMS=128M,160M,192M,256M  BENCH_INSTANCES=5
//   BENCH_DENSITY=uml-flow          add `cow` to always measure COW by hand too (it runs anyway when
//                                   uml-flow gives each instance its own image), `no-cow` to never
//   BENCH_PORT=18200                host ports used: PORT+1, PORT+2, PORT+11.., PORT+21..
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupAll } from './lib/cleanup.mjs';
import { describeMachine, load } from './lib/machine.mjs';
import { CLI, ROOT, stopInstance, umlPids, writeProject } from './lib/uml-flow.mjs';
import { fmtRatio, fmtS, log, mountsUnder, run } from './lib/util.mjs';
import { timingWrappers } from './lib/wrappers.mjs';
import { bootSection } from './sections/boot.mjs';
import { cold } from './sections/cold.mjs';
import { density } from './sections/density.mjs';
import { memory } from './sections/memory.mjs';
import { overhead } from './sections/overhead.mjs';
import { warm } from './sections/warm.mjs';

const SECTIONS = { cold, warm, boot: bootSection, memory, density, overhead };
const env = process.env;
const list = (value, fallback) => (value ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
const count = (value, fallback) => {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive count: ${value}`);
  return n;
};

function settings() {
  const only = list(env.BENCH_ONLY, Object.keys(SECTIONS).join(','));
  const unknown = only.filter((s) => !(s in SECTIONS));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown section ${unknown.join(', ')} (sections: ${Object.keys(SECTIONS).join(', ')})`);
  const dir = env.BENCH_DIR ?? '/tmp/ufbench';
  const port = count(env.BENCH_PORT, 18200);
  return {
    only,
    dir,
    home: join(dir, 'home'),
    runs: { cold: count(env.BENCH_COLD_RUNS, 2), warm: count(env.BENCH_WARM_RUNS, 5), boot: count(env.BENCH_BOOT_RUNS, 3), plan: count(env.BENCH_PLAN_RUNS, 10) },
    mems: list(env.BENCH_MEMS, '128M,160M,192M,256M'),
    memTimeoutMs: 120_000,
    coldBound: env.BENCH_COLD_BOUND !== '0',
    instances: count(env.BENCH_INSTANCES, 5),
    densityModes: list(env.BENCH_DENSITY, 'uml-flow'),
    ports: { lean: port + 1, sysv: port + 2, density: port + 10, cow: port + 20 },
    results: {},
    project: (name, config) => writeProject(join(dir, 'projects', name), config),
  };
}

/** Leftovers of an earlier, killed benchmark run: only names, namespaces and ports of this benchmark. */
async function removeLeftovers(b) {
  const names = new Set(run('pgrep', ['-af', 'umid=ufb-']).stdout.match(/umid=ufb-[a-z0-9-]+/g)?.map((m) => m.slice(5)) ?? []);
  for (const name of names) {
    log(`removing a leftover instance ${name}`);
    if (existsSync(join(b.home, 'state/instances', name))) await stopInstance(b.home, name);
    for (const pid of umlPids(name)) process.kill(pid, 'SIGKILL');
  }
  const ports = [b.ports.lean, b.ports.sysv, ...Array.from({ length: b.instances }, (_, i) => [b.ports.density + i + 1, b.ports.cow + i + 1]).flat()];
  for (const port of ports) run('pkill', ['-KILL', '-f', `^socat TCP-LISTEN:${port},`]);
  for (const ns of run('ip', ['netns', 'list']).stdout.split('\n').map((l) => l.split(' ')[0]))
    if (/^(uf-ufb-|ufbcow)/.test(ns)) run('ip', ['netns', 'del', ns]);
  for (const mount of mountsUnder(b.dir)) run('umount', ['--lazy', mount]);
}

/** The commit measured, and whether the working tree had changes on top of it (dist/ is built from it). */
function sourceState() {
  const commit = run('git', ['-C', ROOT, 'log', '-1', '--format=%h %s']).stdout.trim();
  const changed = run('git', ['-C', ROOT, 'status', '--porcelain', '--', 'core', 'plugins', 'presets']).stdout.split('\n').filter(Boolean).length;
  return `${commit}${changed ? ` (+ ${changed} uncommitted files in core/, plugins/, presets/)` : ''}`;
}

function table(rows) {
  const cells = rows.map((r) => [
    r.metric,
    r.text ?? (r.unit === 's' ? fmtS(r.value) : String(r.value ?? '')),
    r.baseline === undefined ? '' : `${fmtS(r.baseline)} (${r.baselineLabel})`,
    r.ratio === undefined ? '' : fmtRatio(r.ratio),
    r.target ?? '',
    r.met === undefined ? '-' : r.met ? 'yes' : 'NO',
  ]);
  const head = ['metric', 'measured', 'baseline', 'ratio', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

async function main() {
  if (process.getuid?.() !== 0) throw new Error('run the benchmark as root (loop mounts, network namespaces, chroot)');
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const b = settings();
  mkdirSync(b.home, { recursive: true });
  b.wrappers = timingWrappers(join(b.dir, 'wrappers'));
  await removeLeftovers(b);

  const machine = { ...describeMachine(), umlFlow: sourceState() };
  const before = load();
  console.log(`uml-flow bench ${new Date().toISOString()}: ${b.only.join(', ')}`);
  console.log(Object.entries(machine).map(([k, v]) => `  ${k}: ${v}`).join('\n'));
  console.log(`  load before: ${before.uptime}\n`);

  const loads = {};
  for (const name of b.only) {
    log(`== ${name} (load ${load().loadavg.join(' ')})`);
    const start = performance.now();
    try {
      b.results[name] = await SECTIONS[name](b);
    } catch (e) {
      log(`${name} failed: ${e?.stack ?? e}`);
      b.results[name] = { error: String(e?.message ?? e), rows: [{ metric: `${name}: failed (${String(e?.message ?? e).split('\n')[0]})`, text: '', met: false }], details: [] };
    }
    await cleanupAll();
    loads[name] = { seconds: Math.round((performance.now() - start) / 1000), loadavgAfter: load().loadavg };
  }

  const after = load();
  console.log(`\n${table(b.only.flatMap((s) => b.results[s].rows))}\n`);
  for (const s of b.only) for (const d of b.results[s].details) console.log(`- ${s}: ${d}`);
  console.log(`\n  load after: ${after.uptime}`);
  console.log(`  sections (wall s, load after): ${b.only.map((s) => `${s} ${loads[s].seconds} s, ${loads[s].loadavgAfter.join(' ')}`).join('; ')}`);
  const out = join(b.dir, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify({ machine, before, after, settings: { ...b, results: undefined, wrappers: undefined, project: undefined }, loads, results: b.results }, null, 2));
  console.log(`  raw figures: ${out}`);
  return b.only.some((s) => b.results[s].error) ? 1 : 0;
}

main()
  .then((code) => (process.exitCode = code))
  .catch(async (e) => {
    log(e?.stack ?? e);
    await cleanupAll();
    process.exitCode = 1;
  });
