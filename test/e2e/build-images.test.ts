import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, debugfsCat, tempHome, uf } from '../support/cli.js';

/** `debugfs -R 'stat PATH'`: the inode's description, or the error debugfs printed. */
function debugfsStat(image: string, path: string): string {
  return execFileSync('debugfs', ['-R', `stat ${path}`, image], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function debugfsLs(image: string, path: string): string[] {
  const out = execFileSync('debugfs', ['-R', `ls -p ${path}`, image], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n').filter(Boolean).map((line) => line.split('/')[5]);
}

const UML_MODULES = '/usr/lib/uml/modules';

/** Builds real images (mmdebstrap, mkfs -d) and inspects them without mounting them. */
describe('building images for real', () => {
  let home: string;
  let project: string;
  const image = (name: string, file = 'root.img') => join(home, 'state/images', name, file);
  const cacheEntries = () => readdirSync(join(home, 'cache/bootstrap')).filter((f) => f.endsWith('.tar'));

  /** A config extending preset:base with the article's extra steps, in a 2G image. */
  function writeConfig(file: string, name: string, options: Record<string, unknown> = {}, plugins = ['locale', 'kernel-modules', 'swap']) {
    const config = { extends: 'preset:base', name, plugins, options: { 'sparse-image': { size: '2G' }, ...options } };
    writeFileSync(join(project, file), `export default ${JSON.stringify(config, null, 2)};\n`);
    return join(project, file);
  }

  function build(config: string) {
    const started = Date.now();
    const r = uf(home, ['build', config, '--plain']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    return { output: r.stdout + r.stderr, ms: Date.now() - started };
  }

  beforeAll(() => {
    home = tempHome('images');
    project = join(home, 'project');
    mkdirSync(project);
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  let firstBuild: { output: string; ms: number };

  it('builds a sysvinit guest with fstab, tty0 getty, locale, hostname, locked root, modules and swap', () => {
    firstBuild = build(writeConfig('sysv.mjs', 'e2e-sysv'));
    expect(firstBuild.output).toMatch(/not cached yet/);
    const img = image('e2e-sysv');

    expect(debugfsCat(img, '/etc/fstab')).toBe('# written by uml-flow\n/dev/ubda\t/\text4\tdefaults\t0\t1\n/dev/ubdb\tnone\tswap\tsw\t0\t0\n');
    const inittab = debugfsCat(img, '/etc/inittab');
    expect(inittab).toMatch(/^c0:1235:respawn:\/sbin\/getty 38400 tty0 linux$/m);
    expect(inittab).toMatch(/^#1:2345:respawn:\/sbin\/getty/m);
    expect(inittab).toMatch(/^ca:12345:ctrlaltdel:\/sbin\/shutdown -t1 -h -P now$/m);
    expect(debugfsCat(img, '/etc/default/locale')).toMatch(/^LANG=en_US\.UTF-8$/m);
    expect(debugfsCat(img, '/etc/locale.gen')).toMatch(/^en_US\.UTF-8 UTF-8$/m);
    expect(debugfsStat(img, '/usr/lib/locale/locale-archive')).toMatch(/Type: regular/);
    expect(debugfsCat(img, '/etc/hostname')).toBe('e2e-sysv\n');
    expect(debugfsCat(img, '/etc/shadow')).toMatch(/^root:\*:/m);
    expect(debugfsCat(img, '/etc/resolv.conf')).not.toMatch(/^nameserver/m);
    expect(debugfsCat(img, '/etc/apt/sources.list')).toMatch(/^deb http:\/\/security\.debian\.org\/debian-security bookworm-security main$/m);
    const [version] = readdirSync(UML_MODULES);
    expect(debugfsLs(img, `/usr/lib/modules/${version}`)).toEqual(expect.arrayContaining(['kernel', 'modules.dep']));
    expect(debugfsStat(img, `/usr/lib/modules/${version}/modules.dep`)).toMatch(/User: +0 +Group: +0/);

    const swap = image('e2e-sysv', 'swap.img');
    expect(execFileSync('blkid', ['-p', '-o', 'value', '-s', 'TYPE', swap], { encoding: 'utf8' }).trim()).toBe('swap');

    for (const file of [img, swap]) {
      const { size, blocks } = statSync(file);
      expect(blocks * 512, `${file}: allocated bytes against apparent ${size}`).toBeLessThan(size / 4);
    }
    expect(statSync(img).size).toBe(2 * 2 ** 30);
  });

  it('rebuilds with only a configure option changed from the cached bootstrap', () => {
    const [entry] = cacheEntries();
    const tarball = join(home, 'cache/bootstrap', entry);
    const before = statSync(tarball).mtimeMs;

    const second = build(writeConfig('sysv.mjs', 'e2e-sysv', { hostname: { hostname: 'renamed' } }));
    expect(second.output).toMatch(/reusing cached [0-9a-f]{12}/);
    expect(second.output).not.toMatch(/not cached yet/);
    expect(cacheEntries()).toEqual([entry]);
    expect(statSync(tarball).mtimeMs).toBe(before);
    expect(debugfsCat(image('e2e-sysv'), '/etc/hostname')).toBe('renamed\n');
    // Not a timing target (benchmarks measure that): only that skipping mmdebstrap shows.
    expect(second.ms).toBeLessThan(firstBuild.ms);

    const ls = JSON.parse(uf(home, ['cache', 'ls', '--json']).stdout);
    expect(ls).toEqual([expect.objectContaining({ key: entry.replace(/\.tar$/, ''), holds: expect.stringMatching(/^mmdebstrap \S+ bookworm\/amd64 minbase .* \+ locales,sysvinit-core$/) })]);
  });

  it('builds a systemd guest with a getty on tty0 and Ctrl-Alt-Del as poweroff', () => {
    const { output } = build(writeConfig('systemd.mjs', 'e2e-systemd', { mmdebstrap: { init: 'systemd' } }, ['locale']));
    expect(output).toMatch(/not cached yet/);
    const img = image('e2e-systemd');
    expect(debugfsStat(img, '/etc/systemd/system/getty.target.wants/getty@tty0.service')).toMatch(/Type: symlink[\s\S]*Fast link dest: "\/lib\/systemd\/system\/getty@\.service"/);
    expect(debugfsStat(img, '/etc/systemd/system/ctrl-alt-del.target')).toMatch(/Fast link dest: "\/lib\/systemd\/system\/poweroff\.target"/);
    expect(debugfsStat(img, '/sbin/init')).toMatch(/Fast link dest: "\/lib\/systemd\/systemd"/);
    expect(debugfsCat(img, '/etc/fstab')).toBe('# written by uml-flow\n/dev/ubda\t/\text4\tdefaults\t0\t1\n');
    expect(debugfsCat(img, '/etc/default/locale')).toMatch(/^LANG=en_US\.UTF-8$/m);
    expect(debugfsCat(img, '/etc/hostname')).toBe('e2e-systemd\n');
    expect(debugfsCat(img, '/etc/shadow')).toMatch(/^root:\*:/m);
    expect(cacheEntries()).toHaveLength(2);

    const pruned = uf(home, ['cache', 'prune']);
    expect(pruned.stdout).toMatch(/^Removed 2 cached bootstrap\(s\)/);
    expect(cacheEntries()).toEqual([]);
  });

  it('two builds racing on one cache key both succeed and leave one complete entry', async () => {
    // A third-party backend on the public API: small, so the race costs seconds, not minutes.
    writeFileSync(
      join(project, 'tiny-backend.mjs'),
      `import { cachedBootstrap, STAGE } from 'uml-flow';
export default {
  name: 'tiny-backend',
  engines: '^0.1.0',
  apply(hooks) {
    hooks.bootstrap.tapPromise({ name: 'tiny-backend', stage: STAGE.backend }, async (ctx) => {
      const recipe = { backend: 'tiny', backendVersion: '1', suite: 'none', architecture: 'amd64', variant: 'tiny', mirror: 'http://example.invalid', packages: [] };
      // Like mmdebstrap, it writes its tarball over seconds: racing builds overlap while writing.
      await cachedBootstrap(ctx, recipe, {
        output: 'tarball',
        run: async (tarball) => {
          const staging = ctx.paths.buildDir + '/staging';
          await ctx.runner.writeFile(staging + '/etc/tiny', 'tiny\\n');
          await ctx.runner.run({ file: 'dd', args: ['if=/dev/zero', 'of=' + staging + '/blob', 'bs=1M', 'count=32', 'status=none'] });
          await ctx.runner.run({ file: 'tar', args: ['-cf', tarball, '-C', staging, '.'] });
          await ctx.runner.run({ file: 'sleep', args: ['3'] });
          await ctx.runner.remove(staging);
        },
      });
    });
  },
};
`,
    );
    const racers = ['race-a', 'race-b'].map((name) => {
      writeFileSync(join(project, `${name}.mjs`), `export default ${JSON.stringify({ name, plugins: ['sparse-image', 'mkfs', './tiny-backend.mjs'], options: { 'sparse-image': { size: '256M' } } })};\n`);
      return new Promise<{ code: number | null; output: string }>((done) => {
        const child = spawn(process.execPath, [CLI, 'build', `${name}.mjs`, '--plain'], { cwd: project, env: { ...process.env, UML_FLOW_HOME: home, CI: '1' } });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('close', (code) => done({ code, output }));
      });
    });
    const results = await Promise.all(racers);
    for (const r of results) {
      expect(r.code, r.output).toBe(0);
      expect(r.output, 'both built: the race really happened').toMatch(/not cached yet/);
    }
    const dir = join(home, 'cache/bootstrap');
    const tarballs = readdirSync(dir).filter((f) => f.endsWith('.tar'));
    expect(tarballs).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const listing = execFileSync('tar', ['-tvf', join(dir, tarballs[0])], { encoding: 'utf8' });
    expect(listing).toMatch(/ 33554432 .* \.\/blob$/m);
    expect(listing).toMatch(/ \.\/etc\/tiny$/m);
    for (const name of ['race-a', 'race-b']) expect(debugfsCat(image(name), '/etc/tiny')).toBe('tiny\n');
  });
});
