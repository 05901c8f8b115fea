import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, tempHome } from '../support/cli.js';

const SGR = /\x1b\[[0-9;]*m/;

describe('NO_COLOR', () => {
  const home = tempHome('nocolor');
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('keeps colour codes out of the interactive progress on a terminal', () => {
    const project = mkdtempSync(join(home, 'p-'));
    writeFileSync(
      join(project, 'uml-flow.config.mjs'),
      `export default { name: 'nc', plugins: [{ name: 'noop', apply(h) { h.configure.tap('noop', (ctx) => ctx.log.info('hello')); } }] };\n`,
    );
    // script(1) gives the CLI a terminal, so the interactive renderer is used.
    const env = { ...process.env, UML_FLOW_HOME: home, NO_COLOR: '1' };
    delete env.CI;
    delete env.FORCE_COLOR;
    const r = spawnSync('script', ['-qec', `stty cols 120 rows 40; ${process.execPath} ${CLI} build`, '/dev/null'], { cwd: project, env, encoding: 'utf8' });
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toContain('Built image "nc"');
    expect(r.stdout).toMatch(/configure/);
    expect(r.stdout).not.toMatch(SGR);
  });
});
