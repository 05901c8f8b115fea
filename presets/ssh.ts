import { definePreset } from '../core/index.js';
import { debianImage } from './lib/debian-image.js';
import boot from '../plugins/boot.js';
import leanInit from '../plugins/lean-init.js';
import netnsTap from '../plugins/netns-tap.js';
import opensshServer from '../plugins/openssh-server.js';
import portForward from '../plugins/port-forward.js';
import rootPassword from '../plugins/root-password.js';

/**
 * A Debian guest you log in to with SSH on 127.0.0.1:2222, for building your own. Root is locked
 * until you give your key: `options: { 'root-password': { authorizedKey: 'ssh-ed25519 AAAA... you@host' } }`,
 * then `ssh -p 2222 root@127.0.0.1`. Only sshd runs (lean-init); a login starts your shell.
 */
export default definePreset({
  name: 'ssh',
  description: 'Debian with OpenSSH on 127.0.0.1:2222; root logs in with the key you give (root-password.authorizedKey).',
  plugins: [
    ...debianImage,
    rootPassword,
    opensshServer,
    // sshd wants its privilege separation directory /run/sshd, owned by root.
    [leanInit, { services: { sshd: { user: 'root', directories: ['/run/sshd'], command: ['/usr/sbin/sshd', '-D', '-e'] } } }],
    netnsTap,
    [portForward, { forwards: { ssh: { hostPort: 2222, guestPort: 22, label: 'SSH', note: 'log in as root with your key' } } }],
    [boot, { mem: '128M' }],
  ],
});
