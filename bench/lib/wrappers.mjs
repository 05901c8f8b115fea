import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readText, run } from './util.mjs';

/** The programs uml-flow runs while building an image (see `uml-flow plan`). */
const BUILD_COMMANDS = ['truncate', 'mmdebstrap', 'tar', 'chroot', 'mkfs.ext4', 'mkfs.ext3', 'mount', 'umount'];

/**
 * A directory of tiny sh wrappers, put first in PATH, that time every command uml-flow runs:
 * each runs the real program with the original PATH (so programs those call, such as the tar and
 * apt inside mmdebstrap, are not counted twice) and appends "NAME START_NS END_NS EXIT" to a log.
 * A wrapper costs a few ms (sh and two `date`), counted as command time, not engine time.
 */
export function timingWrappers(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const realPath = process.env.PATH;
  for (const name of BUILD_COMMANDS) {
    const real = run('sh', ['-c', 'command -v "$1"', 'sh', name]).stdout.trim();
    if (!real) continue;
    const script = `#!/bin/sh
# timing wrapper written by uml-flow's bench
s=$(date +%s%N)
PATH="$BENCH_REAL_PATH" "${real}" "$@"
rc=$?
e=$(date +%s%N)
echo "${name} $s $e $rc" >>"$BENCH_COMMAND_LOG"
exit $rc
`;
    writeFileSync(join(dir, name), script, { mode: 0o755 });
  }
  return {
    /** Environment for one timed CLI run writing to `logFile`. */
    env: (logFile) => ({ PATH: `${dir}:${realPath}`, BENCH_REAL_PATH: realPath, BENCH_COMMAND_LOG: logFile }),
  };
}

/** [{ name, ms, exit }] from a wrapper log, in the order the commands ended. */
export function commandTimes(logFile) {
  return readText(logFile)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name, start, end, exit] = line.split(' ');
      return { name, ms: Number(BigInt(end) - BigInt(start)) / 1e6, exit: Number(exit) };
    });
}

/** Total ms per command name, largest first: "mmdebstrap 61.2 s, mkfs.ext4 2.1 s". */
export function summarizeCommands(times) {
  const by = new Map();
  for (const t of times) by.set(t.name, (by.get(t.name) ?? 0) + t.ms);
  return [...by.entries()].sort((a, b) => b[1] - a[1]);
}
