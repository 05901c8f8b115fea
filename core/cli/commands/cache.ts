import { describeRecipe, listBootstrapCache, pruneBootstrapCache } from '../../bootstrap-cache.js';
import { fail } from '../../errors.js';
import { stateRoots } from '../../state.js';
import type { CliArgs } from '../args.js';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MiB`;

/** `uml-flow cache ls` lists the cached bootstraps; `uml-flow cache prune` removes them. */
export async function cache(args: CliArgs): Promise<number> {
  const [sub, ...rest] = args.positionals;
  if (rest.length || (sub !== 'ls' && sub !== 'prune')) fail('USAGE', { message: 'usage: uml-flow cache ls [--json] | uml-flow cache prune' });
  const dir = stateRoots().cache;
  if (sub === 'prune') {
    const { entries, bytes } = pruneBootstrapCache(dir);
    process.stdout.write(`Removed ${entries.length} cached bootstrap(s), ${mib(bytes)}.\n`);
    return 0;
  }
  const rows = listBootstrapCache(dir).map((e) => ({ ...e, holds: e.recipe ? describeRecipe(e.recipe) : '(no description)' }));
  if (args.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (!rows.length) process.stdout.write(`No cached bootstraps in ${dir}.\n`);
  else {
    const table = [['KEY', 'SIZE', 'CREATED', 'HOLDS'], ...rows.map((r) => [r.key.slice(0, 12), mib(r.bytes), r.createdAt.slice(0, 19).replace('T', ' '), r.holds])];
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
    process.stdout.write(table.map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n');
  }
  return 0;
}
