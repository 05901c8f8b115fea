import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { onCleanup } from '../lib/cleanup.mjs';
import { boot, build, cli, delugeConfig, memoryOf, umlPids } from '../lib/uml-flow.mjs';
import { diskUsage, fmtMB, fmtRatio, httpStatus, log, readText, run, sleep } from '../lib/util.mjs';

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/** The disk files (the writable part of `ubdN=COW,BASE`) a running UML process was given. */
const writableDisks = (pid) =>
  readText(`/proc/${pid}/cmdline`)
    .split('\0')
    .filter((arg) => /^ubd[0-9]+[a-z]*=/.test(arg))
    .map((arg) => arg.split('=')[1].split(',')[0]);

/**
 * Does uml-flow give `--name` instances of one config one shared image (and COW layers)? Read from
 * a plan, so the benchmark measures whichever uml-flow it runs against.
 */
async function sharing(b, file, env) {
  const plan = await cli(join(b.dir, 'plan-home'), ['plan', file, '--name', 'ufb-probe', '--json'], { env });
  const text = JSON.parse(plan.stdout).commands.join('\n');
  return { sharedImage: !text.includes('/images/ufb-probe/') && text.includes('/images/ufb-dens/'), cow: /ubd0=\S+\.cow,/.test(text) };
}

/**
 * N instances of preset:deluge through uml-flow: `--name` instances of one config when uml-flow
 * shares the image between them, else N configs, each built into its own image.
 */
async function umlFlowInstances(b) {
  const names = Array.from({ length: b.instances }, (_, i) => `ufb-dens-${i + 1}`);
  const port = (i) => b.ports.density + i + 1;
  const portEnv = (i) => ({ UFB_WEB_PORT: String(port(i)) });
  const shared = b.project('ufb-dens', `{ extends: 'preset:deluge', name: 'ufb-dens', options: { 'port-forward': { forwards: { web: { hostPort: Number(process.env.UFB_WEB_PORT) } } } } }`);
  const mode = await sharing(b, shared, portEnv(0));
  const files = names.map((name, i) => (mode.sharedImage ? shared : b.project(name, delugeConfig(name, port(i)))));
  const images = mode.sharedImage ? ['ufb-dens'] : names;
  for (const [i, file] of (mode.sharedImage ? files.slice(0, 1) : files).entries()) {
    log(`density: building ${images[i]} (untimed)`);
    await build(b.home, file, portEnv(i));
  }
  const started = [];
  try {
    for (const [i, file] of files.entries()) {
      log(`density: starting ${names[i]}${mode.sharedImage ? ' (--name, one image)' : ''}`);
      started.push(await boot(b.home, file, names[i], { port: port(i), args: mode.sharedImage ? ['--name', names[i]] : [], env: portEnv(i) }));
    }
    const serving = (await Promise.all(started.map((r) => httpStatus(r.url, 5000)))).filter((s) => s === 200).length;
    const disks = started.flatMap((r) => (r.pid ? writableDisks(r.pid) : []));
    const sharedWritable = [...new Set(disks.filter((d, i) => disks.indexOf(d) !== i))];
    const image = sum(images.map((name) => diskUsage(join(b.home, 'state/images', name)).used));
    const root = diskUsage(join(b.home, 'state/images', images[0], 'root.img')).used;
    const per = names.map((name, i) => ({
      instance: diskUsage(join(b.home, 'state/instances', name)).used,
      cow: sum(readdirSync(join(b.home, 'state/instances', name)).filter((f) => f.endsWith('.cow')).map((f) => diskUsage(join(b.home, 'state/instances', name, f)).used)),
      data: existsSync(join(b.home, 'state/instances', name, 'data.img')) ? diskUsage(join(b.home, 'state/instances', name, 'data.img')).used : 0,
      pss: started[i].pid ? memoryOf(name, started[i].pid).sumPss : NaN,
      httpMs: started[i].httpMs,
    }));
    return { ...mode, serving, image, root, images: images.length, per, sharedWritable };
  } finally {
    for (const r of started.reverse()) await r.stop();
    for (const name of [...images, ...names]) for (const dir of ['images', 'instances']) rmSync(join(b.home, 'state', dir, name), { recursive: true, force: true });
  }
}

/**
 * By hand, as the UML documentation describes it: every instance boots `ubd0=COW,BASE` over one
 * read-only base image (the built preset:deluge root.img), with the same kernel command line,
 * namespace, tap and socat forwarder uml-flow would use, and its own data disk.
 */
async function startCow(b, i, base, dir) {
  const ns = `ufbcow${i}`;
  const umid = `ufb-cow-${i}`;
  const port = b.ports.cow + i;
  const home = join(dir, String(i));
  mkdirSync(home, { recursive: true });
  let socat;
  const stop = onCleanup(`COW instance ${i}`, async () => {
    run('ip', ['netns', 'exec', ns, 'uml_mconsole', join(home, 'uml', umid, 'mconsole'), 'cad'], { timeout: 10_000 });
    for (let t = 0; t < 150 && umlPids(umid).length; t++) await sleep(200);
    for (const pid of umlPids(umid)) process.kill(pid, 'SIGKILL');
    if (socat?.pid) {
      try {
        process.kill(-socat.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (existsSync(`/run/netns/${ns}`)) run('ip', ['netns', 'del', ns]);
  });
  const must = (file, args) => {
    const r = run(file, args);
    if (r.code !== 0) throw new Error(`${file} ${args.join(' ')}: ${r.stderr.trim()}`);
  };
  must('ip', ['netns', 'add', ns]);
  for (const args of [['link', 'set', 'lo', 'up'], ['tuntap', 'add', 'dev', 'tap0', 'mode', 'tap'], ['addr', 'add', '10.77.0.1/24', 'dev', 'tap0'], ['link', 'set', 'tap0', 'up']])
    must('ip', ['-n', ns, ...args]);
  must('truncate', ['-s', '20G', join(home, 'data.img')]);
  must('mkfs.ext4', ['-q', '-F', '-L', 'data', join(home, 'data.img')]);
  const consoleFd = openSync(join(home, 'console.log'), 'a');
  const start = performance.now();
  const kernel = spawn(
    'ip',
    ['netns', 'exec', ns, '/usr/bin/linux', 'eth0=tuntap,tap0', 'uf_net0=eth0,10.77.0.2/24', 'init=/sbin/uml-flow-init', 'mem=256M',
      `ubd0=${join(home, 'root.cow')},${base}`, `ubd1=${join(home, 'data.img')}`, `umid=${umid}`, `uml_dir=${join(home, 'uml')}`, 'con=null', 'con0=null,fd:1'],
    { detached: true, stdio: ['ignore', consoleFd, consoleFd] },
  );
  kernel.unref();
  closeSync(consoleFd);
  socat = spawn('socat', [`TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr,fork`, `EXEC:ip netns exec ${ns} socat STDIO TCP\\:10.77.0.2\\:8112`], { detached: true, stdio: 'ignore' });
  socat.unref();
  const url = `http://127.0.0.1:${port}/`;
  let httpMs;
  while (httpMs === undefined && performance.now() - start < b.memTimeoutMs && umlPids(umid).length) {
    if ((await httpStatus(url, 1000)) === 200) httpMs = performance.now() - start;
    else await sleep(100);
  }
  return { i, umid, url, home, pid: kernel.pid, httpMs, stop };
}

async function cowInstances(b) {
  const base = join(b.home, 'state/images/ufb-deluge/root.img');
  log('density: building the base image ufb-deluge (untimed)');
  await build(b.home, b.project('ufb-deluge', delugeConfig('ufb-deluge', b.ports.lean)));
  const dir = join(b.dir, 'cow');
  rmSync(dir, { recursive: true, force: true });
  const started = [];
  try {
    for (let i = 1; i <= b.instances; i++) {
      log(`density: starting COW instance ${i} over ${base}`);
      started.push(await startCow(b, i, base, dir));
    }
    const serving = (await Promise.all(started.map((r) => httpStatus(r.url, 5000)))).filter((s) => s === 200).length;
    const per = started.map((r) => ({
      cow: diskUsage(join(r.home, 'root.cow')).used,
      data: diskUsage(join(r.home, 'data.img')).used,
      pss: memoryOf(r.umid, r.pid).sumPss,
      httpMs: r.httpMs,
    }));
    return { serving, base: diskUsage(base).used, per };
  } finally {
    for (const r of started.reverse()) await r.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** N instances of preset:deluge, all serving: disk used in total against one instance. */
export async function density(b) {
  const rows = [];
  const details = [];
  const result = {};
  if (b.densityModes.includes('uml-flow')) {
    const u = (result.umlFlow = await umlFlowInstances(b));
    const total = u.image + sum(u.per.map((p) => p.instance));
    const one = u.image / u.images + u.per[0].instance;
    const how = u.sharedImage ? `one image${u.cow ? ' + COW layers' : ''}` : 'separate images';
    rows.push({ metric: `${b.instances} instances via uml-flow (${how}), disk vs 1 instance`, text: `${fmtMB(total)} vs ${fmtMB(one)}`, ratio: total / one, target: '<= 1.3x', met: total / one <= 1.3 && u.serving === b.instances && !u.sharedWritable.length });
    details.push(
      `uml-flow, ${how}: ${u.serving}/${b.instances} serving (HTTP 200 after ${u.per.map((p) => (p.httpMs / 1000).toFixed(1)).join(', ')} s); images ${fmtMB(u.image)} (${u.images} x root.img ${fmtMB(u.root)}); instance dirs ${u.per.map((p) => fmtMB(p.instance)).join(', ')}, of which data disks ${u.per.map((p) => fmtMB(p.data)).join(', ')}${u.cow ? ` and COW layers ${u.per.map((p) => fmtMB(p.cow)).join(', ')}` : ''}; root disks of all instances ${fmtRatio((u.image + sum(u.per.map((p) => p.cow))) / u.root)} one root.img; sum of PSS ${fmtMB(sum(u.per.map((p) => p.pss)))}` +
        (u.sharedWritable.length ? `; WARNING: instances were given the same writable disk file: ${u.sharedWritable.join(', ')}` : ''),
    );
    b.cowNeeded = !u.sharedImage;
  }
  if (b.densityModes.includes('cow') || (b.cowNeeded && !b.densityModes.includes('no-cow'))) {
    const c = (result.cow = await cowInstances(b));
    const total = c.base + sum(c.per.map((p) => p.cow + p.data));
    const one = c.base + c.per[0].data;
    rows.push({ metric: `${b.instances} instances, COW over one image (by hand), disk vs 1 instance`, text: `${fmtMB(total)} vs ${fmtMB(one)}`, ratio: total / one, target: '<= 1.3x', met: total / one <= 1.3 && c.serving === b.instances });
    details.push(
      `COW by hand (ubd0=COW,BASE): ${c.serving}/${b.instances} serving; base root.img ${fmtMB(c.base)}; COW files ${c.per.map((p) => fmtMB(p.cow)).join(', ')}; data disks ${c.per.map((p) => fmtMB(p.data)).join(', ')}; root disks ${fmtRatio((c.base + sum(c.per.map((p) => p.cow))) / c.base)} one image; sum of PSS ${fmtMB(sum(c.per.map((p) => p.pss)))}; HTTP 200 after ${c.per.map((p) => (p.httpMs / 1000).toFixed(1)).join(', ')} s`,
    );
  }
  return { ...result, rows, details };
}
