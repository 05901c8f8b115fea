import { definePlugin, fail, inGuest, s } from '../core/index.js';

/** crypt(3) hashes: yescrypt ($y$, Debian's default), sha512 ($6$), sha256 ($5$), bcrypt ($2b$). */
const HASH = /^\$(y|gy|7|6|5|2[abxy])\$[./0-9A-Za-z$=,]{8,200}$/;
const AUTHORIZED_KEY = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\n\r]{0,200})?$/;

const options = s.object({
  authorizedKey: s.optional(s.string({ pattern: AUTHORIZED_KEY, patternHint: 'one OpenSSH public key line ("ssh-ed25519 AAAA... comment")', description: "Written to root's ~/.ssh/authorized_keys." })),
  hash: s.optional(s.string({ pattern: HASH, patternHint: 'a crypt(3) hash such as the output of `mkpasswd -m yescrypt` ($y$...)', description: 'Password hash for root; never a plain password.' })),
  blank: s.default(s.boolean({ description: "The article's empty root password: anyone on the console or network logs in. Only for throwaway guests." }), false),
});

/** Sets the password field of root's /etc/shadow line. */
export function setRootPasswordField(shadow: string, field: string): string {
  const lines = shadow.split('\n');
  const i = lines.findIndex((l) => l.startsWith('root:'));
  if (i < 0) throw new Error('/etc/shadow has no root line');
  const fields = lines[i].split(':');
  fields[1] = field;
  lines[i] = fields.join(':');
  return lines.join('\n');
}

/**
 * Root's login. By default no password works (`*` in /etc/shadow); log in with an SSH key
 * (authorizedKey) or a password hash. The article's empty password only with `blank: true`.
 */
export default definePlugin({
  name: 'root-password',
  description: 'Root login: locked by default; an SSH key, a password hash, or (asked for) a blank password.',
  engines: '^0.1.0',
  options,
  apply(hooks, { authorizedKey, hash, blank }) {
    if (blank && hash) fail('CONFIG_INVALID', { file: 'options.root-password', issues: '"blank: true" and "hash" exclude each other; keep one' });
    hooks.configure.tapPromise('root-password', async (ctx) => {
      const [field, what] = blank ? ['', 'empty (no password)'] : hash ? [hash, 'the given hash'] : ['*', 'locked (no password login)'];
      if (blank) ctx.log.warn('root-password: blank: true gives root an EMPTY password. Anyone who reaches the console or a login service is root.');
      await ctx.runner.editFile(inGuest(ctx, '/etc/shadow'), `root password: ${what}`, (shadow) => setRootPasswordField(shadow, field));
      if (!authorizedKey) return;
      const dir = inGuest(ctx, '/root/.ssh');
      await ctx.runner.run({ file: 'install', args: ['-d', '-m', '700', dir] });
      await ctx.runner.writeFile(`${dir}/authorized_keys`, `${authorizedKey}\n`, { mode: 0o600 });
    });
  },
});
