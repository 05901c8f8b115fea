import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { onCleanup } from './cleanup.mjs';
import { flush, httpStatus, log, readText, run, runTimed, sleep } from './util.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/core/cli/main.js');
export const BENCH_PLUGINS = join(ROOT, 'bench/plugins');

/** Runs the compiled CLI with its own UML_FLOW_HOME and plain progress; { code, stdout, stderr, ms }. */
export function cli(home, args, { cwd, env = {}, timeoutMs = 30 * 60_000 } = {}) {
  return runTimed(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, UML_FLOW_HOME: home, CI: '1', ...env }, timeout: timeoutMs });
}

/**
 * Writes DIR/uml-flow.config.mjs (always the same path per project: older uml-flow versions hash it
 * into the image key). `config` is an object, or the text of the module's default export.
 */
export function writeProject(dir, config) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'uml-flow.config.mjs');
  const text = `// written by uml-flow's bench\nexport default ${typeof config === 'string' ? config : JSON.stringify(config, null, 2)};\n`;
  if (readText(file) !== text) writeFileSync(file, text);
  return file;
}

const web = (hostPort) => ({ 'port-forward': { forwards: { web: { hostPort } } } });

/** preset:deluge on another host port, with extra options merged per plugin. */
export const delugeConfig = (name, port, options = {}) => ({ extends: 'preset:deluge', name, options: { ...web(port), ...options } });

/**
 * The baseline of the boot comparison: preset:deluge's plugins with lean-init replaced by a full
 * sysvinit boot (bench/plugins/sysv-deluge.mjs, plus the article's getty so `stop` powers off).
 */
export const sysvDelugeConfig = (name, port) => ({
  name,
  plugins: [
    'sparse-image',
    'mkfs',
    'mmdebstrap',
    'fstab',
    'hostname',
    ['data-disk', { mountpoint: '/var/lib/deluged', size: '20G' }],
    'deluge',
    'getty',
    join(BENCH_PLUGINS, 'sysv-deluge.mjs'),
    'netns-tap',
    ['port-forward', { forwards: { web: { hostPort: port, guestPort: 8112, http: '/', label: 'Deluge web UI' } } }],
    ['boot', { mem: '256M' }],
  ],
});

/** Live (not zombie) host processes of a UML instance: the kernel and one per guest address space. */
export function umlPids(umid) {
  const found = run('pgrep', ['-f', `umid=${umid}( |$)`]).stdout.split('\n').filter(Boolean).map(Number);
  return found.filter((pid) => {
    const stat = readText(`/proc/${pid}/stat`);
    return stat && !'ZX'.includes(stat.slice(stat.lastIndexOf(')') + 2)[0]);
  });
}

const statusKb = (pid, key) => Number(new RegExp(`^${key}:\\s+([0-9]+) kB`, 'm').exec(readText(`/proc/${pid}/status`))?.[1] ?? NaN);
const pssKb = (pid) => Number(/^Pss:\s+([0-9]+) kB/m.exec(readText(`/proc/${pid}/smaps_rollup`))?.[1] ?? NaN);

/**
 * UML's helper processes (I/O, SIGIO) are clones sharing the kernel process's address space, and
 * report the same memory: group processes by address space (same maps, same VmSize and VmHWM).
 */
function byAddressSpace(pids) {
  const spaces = new Map();
  for (const pid of pids) {
    const key = createHash('sha256').update(readText(`/proc/${pid}/maps`)).update(`${statusKb(pid, 'VmSize')} ${statusKb(pid, 'VmHWM')}`).digest('hex');
    if (!spaces.has(key)) spaces.set(key, pid);
  }
  return [...spaces.values()];
}

/**
 * Host memory of an instance, in bytes: the peak RSS (VmHWM) of the main kernel process (its
 * address space maps all guest memory), the sum of VmHWM over the instance's distinct address
 * spaces (guest pages mapped by a guest process's host process count again: an upper bound), and
 * the sum of their PSS now (each page split between the address spaces mapping it: the honest total).
 */
export function memoryOf(umid, mainPid) {
  const pids = umlPids(umid);
  const spaces = byAddressSpace(pids);
  const sum = (f) => spaces.map(f).filter(Number.isFinite).reduce((a, b) => a + b, 0) * 1024;
  return { processes: pids.length, addressSpaces: spaces.length, mainHwm: statusKb(mainPid, 'VmHWM') * 1024, sumHwm: sum((p) => statusKb(p, 'VmHWM')), sumPss: sum(pssKb) };
}

export const readRecord = (home, name) => {
  const text = readText(join(home, 'state/instances', name, 'instance.json'));
  return text ? JSON.parse(text) : undefined;
};

export const consoleLog = (home, name) => join(home, 'state/instances', name, 'console.log');

/** `uml-flow stop`, then removes whatever is left of the instance on the host (UML, socat, netns). */
export async function stopInstance(home, name, port) {
  const stop = await cli(home, ['stop', name]);
  for (const pid of umlPids(name)) process.kill(pid, 'SIGKILL');
  if (port) run('pkill', ['-KILL', '-f', `^socat TCP-LISTEN:${port},`]);
  if (existsSync(`/run/netns/uf-${name}`)) run('ip', ['netns', 'del', `uf-${name}`]);
  return stop;
}

/**
 * `uml-flow run` of a built config, timed from the command's start to the first HTTP 200 on the
 * forwarded port (polled every 100 ms by the benchmark, the same way for every guest) and to the
 * command's return (which also waits for the config's own probes). Without a port only the latter.
 * Also when the kernel was launched (its console log appears) and when the console first showed
 * each of `markers` ({ label: text }). The instance keeps running; the returned `stop` stops it
 * (and is registered for an interrupt).
 */
export async function boot(home, configFile, name, { port, timeoutMs = 240_000, args = [], env = {}, markers = {} } = {}) {
  const url = port && `http://127.0.0.1:${port}/`;
  if (url && (await httpStatus(url, 500)) !== 0) throw new Error(`something already answers on ${url}`);
  const stop = onCleanup(`stop ${name}`, () => stopInstance(home, name, port));
  flush();
  // A console log left by the previous boot would read as this kernel's launch.
  rmSync(consoleLog(home, name), { force: true });
  const start = performance.now();
  const child = spawn(process.execPath, [CLI, 'run', configFile, ...args], { env: { ...process.env, UML_FLOW_HOME: home, CI: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let runMs;
  let runCode;
  const exited = new Promise((resolve) =>
    child.on('close', (code) => {
      runMs = performance.now() - start;
      runCode = code ?? -1;
      resolve();
    }),
  );
  let httpMs;
  let launchedMs;
  const markersMs = {};
  const watchConsole = () => {
    const now = performance.now() - start;
    if (launchedMs === undefined && existsSync(consoleLog(home, name))) launchedMs = now;
    if (launchedMs === undefined) return;
    const text = readText(consoleLog(home, name));
    for (const [label, marker] of Object.entries(markers)) if (markersMs[label] === undefined && text.includes(marker)) markersMs[label] = now;
  };
  while (url && httpMs === undefined && performance.now() - start < timeoutMs && (runCode === undefined || runCode === 0)) {
    watchConsole();
    if ((await httpStatus(url, 1000)) === 200) httpMs = performance.now() - start;
    else await sleep(100);
  }
  if (runCode === undefined) await Promise.race([exited, sleep(Math.max(0, timeoutMs - (performance.now() - start)))]);
  if (runCode === undefined) {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
  }
  const ok = runCode === 0 && (!url || httpMs !== undefined);
  if (!ok) log(`${name}: run exited ${runCode}${url ? `, ${httpMs === undefined ? 'no HTTP 200' : 'HTTP 200 seen'}` : ''}\n${output.trim().split('\n').slice(-12).join('\n')}`);
  return {
    ok,
    httpMs,
    runMs,
    launchedMs,
    markersMs,
    output,
    pid: readRecord(home, name)?.pid,
    url,
    stop: async () => {
      const t = performance.now();
      await stop();
      return performance.now() - t;
    },
  };
}

/** Builds a config (untimed preparation); throws when the build fails. */
export async function build(home, configFile, env = {}) {
  const r = await cli(home, ['build', configFile], { env });
  if (r.code !== 0) throw new Error(`uml-flow build ${configFile} failed:\n${(r.stderr || r.stdout).trim()}`);
  return r;
}

/** The mmdebstrap command of a config's plan (nothing runs): `{ line, packages, variant, suite, mirror }`. */
export async function planBootstrap(home, configFile) {
  const plan = await cli(home, ['plan', configFile, '--json']);
  if (plan.code !== 0) throw new Error(`uml-flow plan ${configFile} failed:\n${plan.stderr.trim()}`);
  const line = JSON.parse(plan.stdout).commands.find((c) => /^mmdebstrap .*--include=/.test(c));
  if (!line) throw new Error(`no mmdebstrap --include line in the plan of ${configFile}`);
  const words = line.replace(/ <\/dev\/null$/, '').split(' ').slice(1);
  const option = (name) => words.find((w) => w.startsWith(`--${name}=`))?.slice(name.length + 3);
  const positional = words.filter((w) => !w.startsWith('--'));
  return { packages: option('include').split(','), variant: option('variant'), suite: positional[0], mirror: positional[2] };
}

export const reusedBootstrap = (output) => /bootstrap: reusing cached/.test(output);
