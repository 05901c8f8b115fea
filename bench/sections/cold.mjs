import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { onCleanup } from '../lib/cleanup.mjs';
import { cli, delugeConfig, planBootstrap, reusedBootstrap } from '../lib/uml-flow.mjs';
import { flush, log, median, mountsUnder, run, runTimed } from '../lib/util.mjs';
import { commandTimes } from '../lib/wrappers.mjs';

const ARTICLE_SCRIPT = resolve(import.meta.dirname, '../article-build.sh');

/** `uml-flow build preset:deluge` with an empty UML_FLOW_HOME: no bootstrap cache. */
async function umlFlowCold(b, i) {
  const home = join(b.dir, `cold-${i}`);
  rmSync(home, { recursive: true, force: true });
  const file = b.project('ufb-deluge', delugeConfig('ufb-deluge', b.ports.lean));
  const commandLog = join(b.dir, `cold-${i}.commands`);
  rmSync(commandLog, { force: true });
  log(`cold build ${i}: uml-flow build (fresh UML_FLOW_HOME ${home})`);
  flush();
  const r = await cli(home, ['build', file], { env: b.wrappers.env(commandLog) });
  const ok = r.code === 0 && !reusedBootstrap(r.stdout + r.stderr);
  if (!ok) log(`uml-flow cold build failed (exit ${r.code}):\n${(r.stderr || r.stdout).trim()}`);
  const commands = commandTimes(commandLog);
  // Spare the later sections a second cold bootstrap: hand the cache over to the shared home.
  const cache = join(home, 'cache/bootstrap');
  const shared = join(b.home, 'cache/bootstrap');
  if (ok && !existsSync(shared)) {
    mkdirSync(join(b.home, 'cache'), { recursive: true });
    renameSync(cache, shared);
  }
  rmSync(home, { recursive: true, force: true });
  return { ok, ms: r.ms, commands };
}

/** The article's procedure by hand (bench/article-build.sh), with the same packages and mirror. */
async function articleCold(b, i, recipe) {
  const work = join(b.dir, `article-${i}`);
  const unmount = () => mountsUnder(work).forEach((m) => run('umount', ['--lazy', m]));
  unmount();
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  log(`cold build ${i}: the article's procedure by hand (${work})`);
  flush();
  let child;
  const cleanup = onCleanup(`article build ${i}`, async () => {
    child?.kill('SIGTERM');
    unmount();
  });
  const r = await runTimed('sh', [ARTICLE_SCRIPT, work, recipe.suite, recipe.mirror, ...recipe.packages], {
    onSpawn: (c) => (child = c),
  });
  await cleanup();
  const marks = Object.fromEntries(
    r.stdout
      .split('\n')
      .filter((l) => l.startsWith('mark '))
      .map((l) => l.split(' ').slice(1))
      .map(([name, t]) => [name, Number(t) * 1000]),
  );
  const names = Object.keys(marks);
  const phases = Object.fromEntries(names.slice(1).map((name, k) => [name, marks[name] - marks[names[k]]]));
  const packages = existsSync(join(work, 'packages.txt')) ? readFileSync(join(work, 'packages.txt'), 'utf8').trim().split('\n') : [];
  const ok = r.code === 0;
  if (!ok) log(`article build failed (exit ${r.code}):\n${r.stderr.trim()}\n(logs kept in ${work})`);
  if (mountsUnder(work).length) log(`left ${work} in place: something is still mounted inside it`);
  else if (ok) rmSync(work, { recursive: true, force: true });
  return { ok, ms: r.ms, phases, packages };
}

/**
 * What bounds a cold build: mmdebstrap of the same recipe, downloading the packages (kept aside
 * with mmdebstrap's documented sync-out hook), then installing the same .debs from local files
 * (sync-in); twice. Both discard the result (target /dev/null); the difference is the download.
 */
async function downloadShare(b, recipe) {
  const cache = join(b.dir, 'deb-cache');
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  const common = ['--quiet', `--variant=${recipe.variant}`, `--include=${recipe.packages.join(',')}`, '--skip=essential/unlink', '--setup-hook=mkdir -p "$1"/var/cache/apt/archives/'];
  const downloads = [];
  const locals = [];
  for (let i = 1; i <= 2; i++) {
    log(`cold build bound ${i}: mmdebstrap downloading, then from local .debs`);
    flush();
    downloads.push(await runTimed('mmdebstrap', [...common, `--customize-hook=sync-out /var/cache/apt/archives ${cache}`, recipe.suite, '/dev/null', recipe.mirror]));
    flush();
    locals.push(await runTimed('mmdebstrap', [...common, `--setup-hook=sync-in ${cache} /var/cache/apt/archives/`, recipe.suite, '/dev/null', recipe.mirror]));
  }
  const debs = run('sh', ['-c', 'ls "$1"/*.deb | wc -l; du -sb "$1" | cut -f1', 'sh', cache]).stdout.trim().split('\n').map(Number);
  rmSync(cache, { recursive: true, force: true });
  const failed = [...downloads, ...locals].find((r) => r.code !== 0);
  if (failed) log(`mmdebstrap bound run failed:\n${failed.stderr.trim()}`);
  return { ok: !failed, downloadMs: median(downloads.map((r) => r.ms)), localMs: median(locals.map((r) => r.ms)), runs: { download: downloads.map((r) => r.ms), local: locals.map((r) => r.ms) }, debs: debs[0], bytes: debs[1] };
}

/** Cold build of preset:deluge with uml-flow against the article's procedure, in alternating order. */
export async function cold(b) {
  const recipe = await planBootstrap(join(b.dir, 'plan-home'), b.project('ufb-deluge', delugeConfig('ufb-deluge', b.ports.lean)));
  log(`preset:deluge bootstraps ${recipe.suite} ${recipe.variant} from ${recipe.mirror} with ${recipe.packages.join(' ')}`);
  const umlFlow = [];
  const article = [];
  for (let i = 1; i <= b.runs.cold; i++) {
    const order = i % 2 ? ['uml-flow', 'article'] : ['article', 'uml-flow'];
    for (const which of order) {
      if (which === 'uml-flow') umlFlow.push(await umlFlowCold(b, i));
      else article.push(await articleCold(b, i, recipe));
    }
  }
  const bound = b.coldBound ? await downloadShare(b, recipe) : undefined;
  const good = (runs) => runs.filter((r) => r.ok);
  const ufMs = median(good(umlFlow).map((r) => r.ms));
  const articleMs = median(good(article).map((r) => r.ms));
  const ratio = ufMs / articleMs;
  return {
    recipe,
    umlFlow,
    article,
    bound,
    rows: [
      {
        metric: `cold build preset:deluge (n=${good(umlFlow).length}/${good(article).length})`,
        value: ufMs,
        unit: 's',
        baseline: articleMs,
        baselineLabel: 'article by hand',
        ratio,
        target: '<= 0.5x',
        met: ratio <= 0.5,
      },
    ],
    details: [
      `uml-flow runs: ${umlFlow.map((r) => (r.ok ? (r.ms / 1000).toFixed(1) : 'failed')).join(', ')} s; mmdebstrap alone: ${umlFlow.map((r) => (r.commands.filter((c) => c.name === 'mmdebstrap').reduce((a, c) => a + c.ms, 0) / 1000).toFixed(1)).join(', ')} s`,
      `article runs: ${article.map((r) => (r.ok ? (r.ms / 1000).toFixed(1) : 'failed')).join(', ')} s; phases (s): ${article.map((r) => Object.entries(r.phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(' ')).join(' | ')}`,
      `article procedure installed ${article[0]?.packages.length ?? '?'} packages (dpkg-query) with --no-install-recommends, as mmdebstrap does`,
      ...(bound?.ok
        ? [`bound: mmdebstrap of the same recipe to /dev/null took ${bound.runs.download.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s downloading ${bound.debs} .debs (${(bound.bytes / 2 ** 20).toFixed(0)} MiB), ${bound.runs.local.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s with them local: by the medians, downloading is ${(bound.downloadMs - bound.localMs) / 1000 > 0 ? ((bound.downloadMs - bound.localMs) / 1000).toFixed(1) : '0'} s of it`]
        : []),
    ],
  };
}
