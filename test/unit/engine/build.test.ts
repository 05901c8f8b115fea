import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fail } from '../../../core/errors.js';
import type { Plugin } from '../../../core/plugin.js';
import { RecordingRunner } from '../../../core/runner/recording-runner.js';
import { engineFor, removeTempRoots, steps, tracer } from './support.js';

afterAll(removeTempRoots);

const finalizing: Plugin = {
  name: 'fin',
  apply(h) {
    h.format.tap('fin', (ctx) => {
      ctx.finalize('make the filesystem', async () => ctx.runner.note('finalizer ran'));
      ctx.onAbort(async () => ctx.runner.note('abort fin'));
    });
  },
};

const failingAt = (hook: 'allocate' | 'format' | 'bootstrap' | 'configure'): Plugin => ({
  name: 'broken',
  apply(h) {
    h.allocate.tap('broken', (ctx) => ctx.onAbort(async () => ctx.runner.note('abort broken')));
    h[hook].tapPromise('broken', async (ctx) => {
      await ctx.runner.run({ file: 'false', args: [] });
      throw new Error(`failed in ${hook}`);
    });
  },
});

describe('Engine.build', () => {
  it('runs the build hooks in order, then the finalizers, then moves the build dir into place', async () => {
    const { engine, runner, paths, progress } = engineFor([tracer('t'), finalizing]);
    const manifest = await engine.build();
    expect(steps(runner as RecordingRunner)).toEqual([
      `remove ${paths.build}`,
      `mkdir ${paths.build}/rootfs`,
      't:allocate',
      't:format',
      't:bootstrap',
      't:configure',
      'finalizer ran',
      `remove ${paths.build}/rootfs`,
      `rename ${paths.build} -> ${paths.image}`,
      `remove ${paths.build}.old`,
    ]);
    expect(progress.steps).toEqual(['allocate (t)', 'format (t, fin)', 'bootstrap (t)', 'configure (t)', 'finalize: make the filesystem']);
    expect(manifest).toMatchObject({ key: engine.imageKey, name: 'unit', target: 'test', guest: { suite: 'bookworm', init: 'sysvinit' } });
    expect(JSON.parse(readFileSync(join(paths.build, 'manifest.json'), 'utf8'))).toMatchObject({ key: engine.imageKey });
  });

  it('an existing image is moved aside, replaced, and the old one removed, only at the end', async () => {
    const { engine, runner, paths } = engineFor([tracer('t', ['configure'])]);
    mkdirSync(paths.image, { recursive: true });
    await engine.build();
    expect(steps(runner as RecordingRunner).slice(-4)).toEqual([
      `remove ${paths.build}/rootfs`,
      `rename ${paths.image} -> ${paths.build}.old`,
      `rename ${paths.build} -> ${paths.image}`,
      `remove ${paths.build}.old`,
    ]);
  });

  it.each(['allocate', 'format', 'bootstrap', 'configure'] as const)(
    'a tap failing in %s stops the build, runs the onAbort callbacks in reverse, removes the build dir, and touches no final image',
    async (hook) => {
      const { engine, runner, paths } = engineFor([finalizing, failingAt(hook), tracer('after')]);
      const error = await engine.build().catch((e) => e);
      expect(error).toMatchObject({ code: 'PLUGIN_FAILED', exitCode: 1, plugin: 'broken', hook, message: `[plugin broken] ${hook}: failed in ${hook}` });
      const done = steps(runner as RecordingRunner);
      expect(done).toContain('run false </dev/null');
      expect(done).not.toContain('finalizer ran');
      expect(done).not.toContain(`after:${hook}`);
      const aborts = hook === 'allocate' ? ['abort broken'] : ['abort fin', 'abort broken'];
      expect(done.slice(-aborts.length - 1)).toEqual([...aborts, `remove ${paths.build}`]);
      expect(done.some((s) => s.includes(paths.image) && !s.includes(paths.build))).toBe(false);
      expect(existsSync(paths.image)).toBe(false);
      expect(existsSync(join(paths.build, 'manifest.json'))).toBe(false);
    },
  );

  it('a failing finalizer fails the build the same way', async () => {
    const badFinalizer: Plugin = {
      name: 'badfin',
      apply(h) {
        h.configure.tap('badfin', (ctx) => ctx.finalize('mkfs', async () => fail('COMMAND_FAILED', { command: 'mkfs.ext4 x', reason: 'exit code 1' })));
      },
    };
    const { engine, runner, paths } = engineFor([badFinalizer]);
    await expect(engine.build()).rejects.toMatchObject({ code: 'COMMAND_FAILED' });
    expect(steps(runner as RecordingRunner).at(-1)).toBe(`remove ${paths.build}`);
    expect(steps(runner as RecordingRunner).some((s) => s.startsWith('rename'))).toBe(false);
  });

  it('a failing onAbort callback does not hide the original error or skip the cleanup', async () => {
    const plugin: Plugin = {
      name: 'p',
      apply(h) {
        h.allocate.tap('p', (ctx) => ctx.onAbort(async () => {
          throw new Error('umount failed');
        }));
        h.configure.tap('p', () => {
          throw new Error('original');
        });
      },
    };
    const { engine, runner, paths } = engineFor([plugin]);
    await expect(engine.build()).rejects.toThrow('[plugin p] configure: original');
    expect(steps(runner as RecordingRunner).at(-1)).toBe(`remove ${paths.build}`);
  });

  it('an old image stays in place when a rebuild fails', async () => {
    const { engine, paths } = engineFor([failingAt('configure')]);
    mkdirSync(paths.image, { recursive: true });
    writeFileSync(join(paths.image, 'manifest.json'), '{"key":"old"}');
    await expect(engine.build()).rejects.toThrow();
    expect(readFileSync(join(paths.image, 'manifest.json'), 'utf8')).toBe('{"key":"old"}');
  });
});
