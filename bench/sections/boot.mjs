import { join } from 'node:path';
import { boot, build, delugeConfig, memoryOf, planBootstrap, sysvDelugeConfig } from '../lib/uml-flow.mjs';
import { fmtMB, log, median } from '../lib/util.mjs';

/**
 * Boot to ready of preset:deluge (lean-init) against a full sysvinit boot of the same packages
 * (bench/plugins/sysv-deluge.mjs): both measured from `uml-flow run` to the first HTTP 200 on
 * the forwarded host port, images built and data disks made beforehand, in alternating order.
 */
export async function bootSection(b) {
  const guests = [
    { kind: 'lean', name: 'ufb-deluge', port: b.ports.lean, file: b.project('ufb-deluge', delugeConfig('ufb-deluge', b.ports.lean)), markers: { network: 'uml-flow-init: network', 'services started': 'uml-flow-init: ready' } },
    { kind: 'sysvinit', name: 'ufb-sysv', port: b.ports.sysv, file: b.project('ufb-sysv', sysvDelugeConfig('ufb-sysv', b.ports.sysv)), markers: { init: 'INIT: version', 'runlevel 2': 'INIT: Entering runlevel: 2' } },
  ];
  for (const g of guests) {
    log(`boot: building ${g.name} (untimed)`);
    await build(b.home, g.file);
    g.bootstrap = (await planBootstrap(join(b.dir, 'plan-home'), g.file)).packages.join(',');
    log(`boot: first boot of ${g.name} (makes its data disk; untimed)`);
    const first = await boot(b.home, g.file, g.name, { port: g.port });
    await first.stop();
    if (!first.ok) throw new Error(`${g.name} did not come up on its first boot`);
    g.runs = [];
  }
  for (let i = 1; i <= b.runs.boot; i++) {
    for (const g of i % 2 ? guests : [...guests].reverse()) {
      log(`boot ${i}: ${g.name} (${g.kind})`);
      const r = await boot(b.home, g.file, g.name, { port: g.port, markers: g.markers });
      const memory = r.ok && r.pid ? memoryOf(g.name, r.pid) : undefined;
      const stopMs = await r.stop();
      g.runs.push({ ok: r.ok, httpMs: r.httpMs, runMs: r.runMs, launchedMs: r.launchedMs, markersMs: r.markersMs, stopMs, memory });
    }
  }
  const [lean, sysv] = guests.map((g) => {
    const good = g.runs.filter((r) => r.ok);
    return { ...g, n: good.length, httpMs: median(good.map((r) => r.httpMs)), runMs: median(good.map((r) => r.runMs)), stopMs: median(good.map((r) => r.stopMs)), hwm: median(good.map((r) => r.memory?.mainHwm)) };
  });
  const ratio = lean.httpMs / sysv.httpMs;
  const list = (g, key) => g.runs.map((r) => (r.ok ? (r[key] / 1000).toFixed(1) : 'failed')).join(', ');
  const timeline = (g) =>
    `kernel launched after ${list(g, 'launchedMs')} s; ${Object.keys(g.markers)
      .map((label) => `console "${g.markers[label]}" after ${g.runs.map((r) => (r.ok ? (r.markersMs[label] / 1000).toFixed(1) : 'failed')).join(', ')} s`)
      .join('; ')}`;
  return {
    guests: guests.map(({ kind, name, runs }) => ({ kind, name, runs })),
    rows: [
      { metric: `boot to HTTP 200, preset:deluge (n=${lean.n})`, value: lean.httpMs, unit: 's', target: '<= 12 s', met: lean.httpMs <= 12000 },
      { metric: `boot to HTTP 200 vs full sysvinit (n=${lean.n}/${sysv.n})`, value: lean.httpMs, unit: 's', baseline: sysv.httpMs, baselineLabel: 'sysvinit boot', ratio, target: '<= 0.4x', met: ratio <= 0.4 },
    ],
    details: [
      `lean (lean-init) ${timeline(lean)}; HTTP 200 after: ${list(lean, 'httpMs')} s; \`run\` returned after ${list(lean, 'runMs')} s; stop took ${list(lean, 'stopMs')} s; main-process VmHWM at ready ${fmtMB(lean.hwm)}`,
      `sysvinit (rcS + runlevel 2, /etc/init.d/deluged, deluge-web) ${timeline(sysv)}; HTTP 200 after: ${list(sysv, 'httpMs')} s; \`run\` returned after ${list(sysv, 'runMs')} s (also waits for login:); stop took ${list(sysv, 'stopMs')} s; main-process VmHWM at ready ${fmtMB(sysv.hwm)}`,
      lean.bootstrap === sysv.bootstrap
        ? `both images come from the same bootstrap recipe (mmdebstrap --include=${lean.bootstrap}); the sysvinit one has the getty plugin and bench/plugins/sysv-deluge.mjs instead of lean-init`
        : `the bootstrap recipes differ: lean ${lean.bootstrap}, sysvinit ${sysv.bootstrap}`,
    ],
  };
}
