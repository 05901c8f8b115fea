import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import packages from '../../plugins/packages.js';

describe('packages', () => {
  it('adds packages to the bootstrap and runs nothing itself', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[packages, { packages: ['curl', 'less'] }]], ['bootstrap', 'configure']);
    expect([...ctx.packages]).toEqual(['curl', 'less']);
    expect(ctx.runner.recorded).toEqual([]);
  });

  it('rejects what is not a package name', async () => {
    await expect(runHooks(testContext(), [[packages, { packages: ['curl;reboot'] }]], ['bootstrap'])).rejects.toThrow(
      /options\.packages\.packages\[0\] "curl;reboot" is not a Debian package name/,
    );
  });
});
