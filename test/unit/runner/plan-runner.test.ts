import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlanRunner } from '../../../core/runner/plan-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'uf-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sh = (script: string, cwd = dir) => spawnSync('sh', ['-c', script], { cwd, encoding: 'utf8' });
const syntaxOk = (script: string) => spawnSync('sh', ['-n'], { input: script, encoding: 'utf8' });

/** Every kind of step, with awkward but harmless values. */
async function samplePlan(root: string): Promise<PlanRunner> {
  const plan = new PlanRunner();
  await plan.mkdir(join(root, 'a dir'));
  await plan.writeFile(join(root, 'a dir', "it's.txt"), 'line one\n$HOME `x` $(y)\nUMLFLOW_EOF\nlast', { mode: 0o600 });
  await plan.run({ file: 'printf', args: ['%s\\n', 'x; touch owned', '$(touch owned)'] });
  await plan.run({ file: 'cat', args: [], input: 'fed\nUMLFLOW_EOF\nUMLFLOW_EOF_1\n' });
  await plan.run({ file: 'pwd', args: [], cwd: join(root, 'a dir'), env: { A: 'x y' } });
  await plan.editFile(join(root, 'a dir', 'x'), 'first line\nrm -rf /tmp/evil');
  await plan.rename(join(root, 'a dir'), join(root, 'moved dir'));
  await plan.remove(join(root, 'gone'));
  plan.note('wait until\nready; touch owned');
  return plan;
}

describe('PlanRunner', () => {
  it('runs nothing and says so', async () => {
    const plan = await samplePlan(join(dir, 'unused'));
    expect(plan.dryRun).toBe(true);
    expect(existsSync(join(dir, 'unused'))).toBe(false);
    expect(await plan.run({ file: 'false', args: [] })).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('prints each step as shell that sh accepts', async () => {
    const plan = await samplePlan('/nonexistent');
    const check = syntaxOk(plan.lines.join('\n') + '\n');
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('is copy-pasteable: running the printed plan does exactly the steps, and nothing else', async () => {
    const root = join(dir, 'run');
    const plan = await samplePlan(root);
    const result = sh(plan.lines.join('\n'));
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`x; touch owned\n$(touch owned)\nfed\nUMLFLOW_EOF\nUMLFLOW_EOF_1\n${join(root, 'a dir')}\n`);
    const written = join(root, 'moved dir', "it's.txt");
    expect(readFileSync(written, 'utf8')).toBe('line one\n$HOME `x` $(y)\nUMLFLOW_EOF\nlast\n');
    expect(statSync(written).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'owned'))).toBe(false);
    expect(existsSync('/tmp/evil')).toBe(false);
  });

  it('a content line equal to the heredoc delimiter never ends the heredoc early', async () => {
    const plan = new PlanRunner();
    await plan.writeFile('/x', 'UMLFLOW_EOF\ntouch /tmp/owned-by-plan\n');
    expect(plan.lines[0]).toBe(`install -D -m 0644 /dev/stdin /x <<'UMLFLOW_EOF_1'\nUMLFLOW_EOF\ntouch /tmp/owned-by-plan\nUMLFLOW_EOF_1`);
  });

  it('detached starts get their own session, /dev/null stdin and the log; env and cwd stay valid shell', async () => {
    const plan = new PlanRunner();
    expect(await plan.spawnDetached({ file: '/usr/bin/linux', args: ['mem=64M', 'a b'], logFile: '/s/console log' })).toBe(1);
    expect(plan.lines[0]).toBe(`setsid /usr/bin/linux mem=64M 'a b' </dev/null >>'/s/console log' 2>&1 &`);
    await plan.spawnDetached({ file: 'sleep', args: ['0'], logFile: join(dir, 'detached.log'), env: { A: 'x y' }, cwd: dir });
    expect(plan.lines[1]).toBe(`(cd ${dir} && A='x y' setsid sleep 0) </dev/null >>${dir}/detached.log 2>&1 &`);
    expect(syntaxOk(plan.lines.join('\n')).status).toBe(0);
  });

  it('edit descriptions and notes stay comments even with newlines', async () => {
    const plan = await samplePlan('/r');
    expect(plan.lines.filter((l) => l.startsWith('#'))).toEqual([`# edit '/r/a dir/x': first line rm -rf /tmp/evil`, '# wait until ready; touch owned']);
  });
});
