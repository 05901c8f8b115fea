import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome, uf } from '../support/cli.js';

describe('uml-flow doctor', () => {
  const home = tempHome('doctor');
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('names every missing prerequisite with the command that installs it', () => {
    const emptyPath = mkdtempSync(join(home, 'bin-'));
    const r = uf(home, ['doctor'], { env: { PATH: emptyPath } });
    expect(r.code).toBe(1);
    // debootstrap, e2fsprogs and iproute2 live in /usr/sbin, which doctor always looks in.
    for (const fix of ['user-mode-linux', 'mmdebstrap', 'uml-utilities', 'socat'])
      expect(r.stdout).toContain(`fix: apt-get install -y ${fix}`);
    expect(r.stdout).toMatch(/problem\(s\)/);
  });

  it('passes on a host set up by scripts/setup-host.sh', () => {
    const r = uf(home, ['doctor', '--json']);
    const failed = JSON.parse(r.stdout).filter((c: { ok: boolean }) => !c.ok);
    expect(failed).toEqual([]);
    expect(r.code).toBe(0);
  });
});
