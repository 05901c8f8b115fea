import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import kernelModules from '../../plugins/kernel-modules.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A stand-in for /usr/lib/uml/modules holding the given versions. */
function source(...versions: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'uf-modules-'));
  temps.push(dir);
  for (const v of versions) mkdirSync(join(dir, v));
  return dir;
}

describe('kernel-modules', () => {
  it("copies the host UML kernel's only modules version into /lib/modules with cp -a", async () => {
    const dir = source('6.1.176');
    const ctx = testContext();
    await runHooks(ctx, [[kernelModules, { source: dir }]], ['configure']);
    expect(ctx.runner.recorded).toEqual([
      { kind: 'remove', path: '/uf/build/rootfs/lib/modules/6.1.176' },
      { kind: 'mkdir', path: '/uf/build/rootfs/lib/modules' },
      expect.objectContaining({ kind: 'run', line: `cp -a ${dir}/6.1.176 /uf/build/rootfs/lib/modules/6.1.176 </dev/null` }),
    ]);
  });

  it('needs a version when there are several, and names them', async () => {
    const dir = source('6.1.176', '6.12.1');
    await expect(runHooks(testContext(), [[kernelModules, { source: dir }]], ['configure'])).rejects.toThrow(/several versions \(6\.1\.176, 6\.12\.1\)/);
    const ctx = testContext();
    await runHooks(ctx, [[kernelModules, { source: dir, version: '6.12.1' }]], ['configure']);
    expect(ctx.runner.commands).toEqual([`cp -a ${dir}/6.12.1 /uf/build/rootfs/lib/modules/6.12.1 </dev/null`]);
  });

  it('says which package gives the modules when there are none', async () => {
    await expect(runHooks(testContext(), [[kernelModules, { source: '/nonexistent/uml/modules' }]], ['configure'])).rejects.toThrow(
      /lacks UML kernel modules in \/nonexistent\/uml\/modules/,
    );
  });
});
