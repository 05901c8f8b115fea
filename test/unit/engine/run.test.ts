import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTarget } from '../../../core/config/load.js';
import { resolveConfig } from '../../../core/config/resolve-config.js';
import { Engine } from '../../../core/engine.js';
import type { Plugin } from '../../../core/plugin.js';
import { PlanRunner } from '../../../core/runner/plan-runner.js';
import { RecordingRunner } from '../../../core/runner/recording-runner.js';
import { engineFor, removeTempRoots, quietProgress, steps, tempRoots, tracer } from './support.js';

afterAll(removeTempRoots);

const notes = (runner: RecordingRunner) => steps(runner).filter((s) => /^t:/.test(s));

describe('Engine.run', () => {
  it('builds when there is no image, then runs network, boot and postInstall', async () => {
    const { engine, runner } = engineFor([tracer('t')]);
    const record = await engine.run();
    expect(notes(runner as RecordingRunner)).toEqual(['t:allocate', 't:format', 't:bootstrap', 't:configure', 't:network', 't:boot', 't:postInstall']);
    expect(record).toMatchObject({ name: 'unit', target: 'test', umid: 'unit' });
  });

  it('reuses an image whose manifest has the same image key, rebuilds when the key changed', async () => {
    const roots = tempRoots();
    let guest;
    const seeGuest: Plugin = { name: 'see', apply: (h) => h.boot.tap('see', (ctx) => void (guest = ctx.guest)) };
    const reuse = engineFor([tracer('t'), seeGuest], { roots });
    const image = join(roots.state, 'images', 'unit');
    mkdirSync(image, { recursive: true });
    const manifest = { key: reuse.engine.imageKey, name: 'unit', disks: [], guest: { suite: 'trixie', architecture: 'amd64', init: 'systemd' } };
    writeFileSync(join(image, 'manifest.json'), JSON.stringify(manifest));

    await reuse.engine.run();
    expect(guest).toEqual({ suite: 'trixie', architecture: 'amd64', init: 'systemd' });
    expect(notes(reuse.runner as RecordingRunner)).toEqual(['t:network', 't:boot', 't:postInstall']);

    const changed = engineFor([tracer('t2')], { roots });
    await changed.engine.run();
    expect(steps(changed.runner as RecordingRunner)).toContain('t2:allocate');
  });

  it('keys the image by the plugins that tap build hooks: run-time plugins and the instance name do not count', () => {
    const runOnly: Plugin = { name: 'fwd', apply: (h) => h.network.tap('fwd', () => {}) };
    const key = engineFor([tracer('t')]).engine.imageKey;
    expect(engineFor([tracer('t'), runOnly]).engine.imageKey).toBe(key);
    expect(engineFor([tracer('t', ['configure'])]).engine.imageKey).toBe(key);
    expect(engineFor([tracer('u')]).engine.imageKey).not.toBe(key);
  });

  it('a failing boot tap fails the run with the plugin named', async () => {
    const failing: Plugin = {
      name: 'b',
      apply: (h) =>
        h.boot.tapPromise('b', async () => {
          throw new Error('no kernel');
        }),
    };
    const { engine } = engineFor([failing]);
    await expect(engine.run()).rejects.toMatchObject({ code: 'PLUGIN_FAILED', message: '[plugin b] boot: no kernel' });
  });
});

describe('a real preset through the PlanRunner', () => {
  it('preset:base plans every build and boot step as shell that sh accepts, and runs nothing', async () => {
    const roots = tempRoots();
    const config = await resolveConfig(await loadTarget('preset:base', roots.state));
    const runner = new PlanRunner();
    await new Engine(config, { runner, progress: quietProgress(), roots, target: 'preset:base' }).run();
    const script = runner.lines.join('\n');
    expect(script).toMatch(/^truncate -s 10G /m);
    expect(script).toMatch(/^mmdebstrap /m);
    expect(script).toMatch(/^mkfs\.ext4 .* -d /m);
    expect(script).toMatch(/^setsid \/usr\/bin\/linux mem=128M /m);
    const image = join(roots.state, 'images', 'base');
    const order = [/^truncate /, /^mmdebstrap /, /^mkfs\.ext4 /, new RegExp(`^mv -T \\S+ ${image}$`), /^setsid /].map((re) => runner.lines.findIndex((l) => re.test(l)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const check = spawnSync('sh', ['-n'], { input: `${script}\n`, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(existsSync(join(roots.state, 'images'))).toBe(false);
  });
});
