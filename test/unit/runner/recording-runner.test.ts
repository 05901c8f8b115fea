import { describe, expect, it } from 'vitest';
import { RecordingRunner } from '../../../core/runner/recording-runner.js';

describe('RecordingRunner', () => {
  it('records every step in order and runs nothing', async () => {
    const runner = new RecordingRunner();
    await runner.mkdir('/t');
    await runner.run({ file: 'touch', args: ['/tmp/uf-recording-never'] });
    const pid = await runner.spawnDetached({ file: 'linux', args: ['mem=64M'], logFile: '/t/log' });
    await runner.writeFile('/t/a', 'A', { mode: 0o600 });
    await runner.rename('/t/a', '/t/b');
    await runner.remove('/t/c');
    runner.note('waited');
    expect(runner.dryRun).toBe(false);
    expect(pid).toBe(1000);
    expect(runner.recorded.map((r) => r.kind)).toEqual(['mkdir', 'run', 'spawn', 'write', 'rename', 'remove', 'note']);
    expect(runner.commands).toEqual(['touch /tmp/uf-recording-never </dev/null', 'linux mem=64M </dev/null']);
    expect(runner.recorded[3]).toEqual({ kind: 'write', path: '/t/a', content: 'A', mode: 0o600 });
    const { existsSync } = await import('node:fs');
    expect(existsSync('/tmp/uf-recording-never')).toBe(false);
  });

  it('writes default to mode 0644 and land in the in-memory files', async () => {
    const runner = new RecordingRunner();
    await runner.writeFile('/x', 'hello');
    expect(runner.recorded[0]).toMatchObject({ mode: 0o644 });
    expect(runner.files.get('/x')).toBe('hello');
  });

  it('edits transform seeded or written files and record before and after', async () => {
    const runner = new RecordingRunner();
    runner.files.set('/etc/inittab', 'a\n');
    await runner.editFile('/etc/inittab', 'append b', (c) => `${c}b\n`);
    expect(runner.files.get('/etc/inittab')).toBe('a\nb\n');
    expect(runner.recorded[0]).toEqual({ kind: 'edit', path: '/etc/inittab', description: 'append b', before: 'a\n', after: 'a\nb\n' });
  });

  it('an edit of a file nobody seeded is a test error, not a silent empty file', async () => {
    await expect(new RecordingRunner().editFile('/nope', 'x', (c) => c)).rejects.toThrow(/\/nope was edited but never seeded or written/);
  });

  it('responders script command results; the first match wins; the default is success', async () => {
    const runner = new RecordingRunner()
      .respond((c) => (c.file === 'mke2fs' ? { stderr: 'mke2fs 1.47.0' } : undefined))
      .respond((c) => (c.file === 'mke2fs' ? { exitCode: 9 } : undefined))
      .respond((c) => (c.args[0] === 'fail' ? { exitCode: 1 } : undefined));
    expect(await runner.run({ file: 'mke2fs', args: ['-V'] })).toEqual({ stdout: '', stderr: 'mke2fs 1.47.0', exitCode: 0 });
    expect((await runner.run({ file: 'x', args: ['fail'] })).exitCode).toBe(1);
    expect(await runner.run({ file: 'y', args: [] })).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });
});
