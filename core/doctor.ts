import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { CommandRunner } from './runner/command.js';

export interface Check {
  what: string;
  ok: boolean;
  detail: string;
  /** The command that fixes it. */
  fix?: string;
}

export function which(program: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of [...path.split(delimiter), '/usr/sbin', '/sbin']) {
    const file = join(dir, program);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

const apt = (...packages: string[]) => `apt-get install -y ${packages.join(' ')}`;

/** Every host prerequisite, with the apt package that provides it. Read-only. */
export async function hostChecks(runner: CommandRunner): Promise<Check[]> {
  const tool = (what: string, program: string, pkg: string): Check => {
    const file = which(program);
    return { what, ok: Boolean(file), detail: file ?? `${program} not found`, fix: file ? undefined : apt(pkg) };
  };
  const checks: Check[] = [];
  const kernel = which('linux');
  if (kernel) {
    const version = await runner.run({ file: kernel, args: ['--version'], timeoutMs: 10_000 }, { allowFailure: true });
    checks.push({ what: 'UML kernel', ok: version.exitCode === 0, detail: `${kernel} ${version.stdout.trim()}`, fix: version.exitCode === 0 ? undefined : apt('user-mode-linux') });
  } else checks.push({ what: 'UML kernel', ok: false, detail: 'linux not found', fix: apt('user-mode-linux') });
  checks.push(tool('bootstrapper (mmdebstrap)', 'mmdebstrap', 'mmdebstrap'));
  checks.push(tool('bootstrapper (debootstrap, the article\'s)', 'debootstrap', 'debootstrap'));
  const mke2fs = which('mke2fs');
  if (mke2fs) {
    const out = await runner.run({ file: mke2fs, args: ['-V'] }, { allowFailure: true });
    const m = /mke2fs ([0-9]+)\.([0-9]+)/.exec(out.stderr + out.stdout);
    const ok = Boolean(m) && (Number(m![1]) > 1 || Number(m![2]) >= 43);
    checks.push({ what: 'e2fsprogs with mkfs -d (>= 1.43)', ok, detail: m ? `mke2fs ${m[1]}.${m[2]}` : 'version unknown', fix: ok ? undefined : apt('e2fsprogs') });
  } else checks.push({ what: 'e2fsprogs with mkfs -d (>= 1.43)', ok: false, detail: 'mke2fs not found', fix: apt('e2fsprogs') });
  checks.push(tool('mconsole client', 'uml_mconsole', 'uml-utilities'));
  checks.push(tool('ip (network namespaces, tap devices)', 'ip', 'iproute2'));
  checks.push(tool('socat (port forwarding to 127.0.0.1)', 'socat', 'socat'));
  const root = process.getuid?.() === 0;
  checks.push({
    what: 'root privileges (image owners, tap devices, network namespaces)',
    ok: root,
    detail: root ? 'running as root' : `running as uid ${process.getuid?.()}`,
    fix: root ? undefined : 'run uml-flow as root (for example with sudo)',
  });
  const shm = existsSync('/dev/shm');
  checks.push({ what: '/dev/shm for guest memory', ok: shm, detail: shm ? 'present' : 'missing', fix: shm ? undefined : 'mount -t tmpfs tmpfs /dev/shm' });
  return checks;
}
