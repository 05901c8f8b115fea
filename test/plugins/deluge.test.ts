import { describe, expect, it } from 'vitest';
import { runHooks, testContext } from '../../core/testing.js';
import deluge, { fixFindCaller } from '../../plugins/deluge.js';

const LOG_PY = '/uf/build/rootfs/usr/lib/python3/dist-packages/deluge/log.py';
const BROKEN = 'class Logging(LoggingLoggerClass):\n    def findCaller(self, stack_info=False):\n        f = logging.currentframe()\n';

describe('deluge', () => {
  it('asks the bootstrap for deluged and deluge-web', async () => {
    const ctx = testContext();
    await runHooks(ctx, [[deluge, {}]], ['bootstrap']);
    expect([...ctx.packages]).toEqual(['deluged', 'deluge-web']);
  });

  it("fixes log.py's findCaller for Python 3.8+ and recompiles it", async () => {
    const ctx = testContext();
    ctx.runner.files.set(LOG_PY, BROKEN);
    await runHooks(ctx, [[deluge, {}]], ['configure']);
    expect(ctx.runner.files.get(LOG_PY)).toBe(BROKEN.replace('stack_info=False)', 'stack_info=False, stacklevel=1)'));
    expect(ctx.runner.commands).toEqual(['chroot /uf/build/rootfs python3 -m py_compile /usr/lib/python3/dist-packages/deluge/log.py </dev/null']);
  });

  it('leaves a Deluge that has the fix as it is', () => {
    const fixed = fixFindCaller(BROKEN);
    expect(fixFindCaller(fixed)).toBe(fixed);
  });
});
