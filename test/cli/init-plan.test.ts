import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome, uf } from '../support/cli.js';

describe('uml-flow init, then plan, in an empty directory', () => {
  const home = tempHome('init');
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('writes a typed, commented config that plan can use at once', () => {
    const project = mkdtempSync(join(home, 'project-'));
    const init = uf(home, ['init', 'preset:base', '--name', 'initbox'], { cwd: project });
    expect(init.code, init.stderr).toBe(0);
    const config = readFileSync(join(project, 'uml-flow.config.ts'), 'utf8');
    expect(config).toContain("import { defineConfig } from 'uml-flow';");
    expect(config).toContain("extends: 'preset:base'");

    const plan = uf(home, ['plan'], { cwd: project });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/umid=initbox /);
    expect(uf(home, ['init'], { cwd: project }).code).toBe(2);
  });

  it('prints a JSON Schema whose plugin options come from the plugins themselves', () => {
    const schema = JSON.parse(uf(home, ['schema']).stdout);
    const boot = schema.properties.options.properties.boot;
    expect(boot.properties.mem).toMatchObject({ type: 'string', default: '128M' });
    expect(schema.additionalProperties).toBe(false);
  });
});
