import { join } from 'node:path';
import { cli, delugeConfig } from '../lib/uml-flow.mjs';
import { fmtS, log, median, runTimed } from '../lib/util.mjs';
import { warm } from './warm.mjs';

const commandMs = (run) => run.commands.reduce((a, c) => a + c.ms, 0);

/**
 * The engine's own cost: `uml-flow plan preset:deluge` wall time, and build wall time minus the
 * time spent in the commands it ran (timed by the PATH wrappers, see lib/wrappers.mjs).
 */
export async function overhead(b) {
  const times = async (title, fn) => {
    const ms = [];
    for (let i = 0; i < b.runs.plan; i++) ms.push(await fn());
    log(`${title}: ${ms.map((x) => x.toFixed(0)).join(', ')} ms`);
    return median(ms);
  };
  const planHome = join(b.dir, 'plan-home');
  const file = b.project('ufb-deluge', delugeConfig('ufb-deluge', b.ports.lean));
  const nodeMs = await times('node -e 0', async () => (await runTimed(process.execPath, ['-e', '0'])).ms);
  const versionMs = await times('uml-flow --version', async () => (await cli(planHome, ['--version'])).ms);
  const planMs = await times('uml-flow plan preset:deluge', async () => {
    const r = await cli(planHome, ['plan', 'preset:deluge', '--name', 'ufb-plan']);
    if (r.code !== 0) throw new Error(`plan failed: ${r.stderr}`);
    return r.ms;
  });
  const planConfigMs = await times('uml-flow plan (project config)', async () => (await cli(planHome, ['plan', file])).ms);

  const warmRuns = (b.results.warm ?? (await warm(b))).runs.filter((r) => r.ok);
  const coldRuns = (b.results.cold?.umlFlow ?? []).filter((r) => r.ok);
  const engine = (runs) => median(runs.map((r) => r.ms - commandMs(r)));
  const rows = [
    { metric: `uml-flow plan preset:deluge wall (n=${b.runs.plan})`, value: planMs, unit: 's', target: 'report' },
    { metric: `warm rebuild: wall minus commands (n=${warmRuns.length})`, value: engine(warmRuns), unit: 's', target: 'report' },
  ];
  if (coldRuns.length) rows.push({ metric: `cold build: wall minus commands (n=${coldRuns.length})`, value: engine(coldRuns), unit: 's', target: 'report' });
  return {
    nodeMs,
    versionMs,
    planMs,
    planConfigMs,
    rows,
    details: [
      `node -e 0 ${fmtS(nodeMs)}, uml-flow --version ${fmtS(versionMs)}, plan preset:deluge ${fmtS(planMs)}, plan of the bench's project config ${fmtS(planConfigMs)} (medians of ${b.runs.plan})`,
      `warm rebuild wall ${fmtS(median(warmRuns.map((r) => r.ms)))} = commands ${fmtS(median(warmRuns.map(commandMs)))} + engine ${fmtS(engine(warmRuns))} (node start-up, config resolution, progress, in-process writes and the removal of the staging tree)`,
      ...(coldRuns.length ? [`cold build wall ${fmtS(median(coldRuns.map((r) => r.ms)))} = commands ${fmtS(median(coldRuns.map(commandMs)))} + engine ${fmtS(engine(coldRuns))}`] : []),
    ],
  };
}
