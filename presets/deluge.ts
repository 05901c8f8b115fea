import { definePreset } from '../core/index.js';
import { debianImage } from './lib/debian-image.js';
import boot from '../plugins/boot.js';
import dataDisk from '../plugins/data-disk.js';
import deluge from '../plugins/deluge.js';
import leanInit from '../plugins/lean-init.js';
import netnsTap from '../plugins/netns-tap.js';
import portForward from '../plugins/port-forward.js';

const HOME = '/var/lib/deluged';
const CONFIG = `${HOME}/config`;
const WEB_PORT = 8112;

/**
 * Deluge with its web UI on http://127.0.0.1:8112/. It does not extend preset:base: that one boots
 * a full sysvinit to a login prompt, while this guest starts only Deluge (lean-init), which
 * answers in seconds instead of half a minute. Deluge's config and downloads live on a data disk
 * of the instance, so they survive rebuilds of the image.
 *
 * Another host port: `options: { 'port-forward': { forwards: { web: { hostPort: 18112 } } } }`.
 * The guest has no way out by default; to let Deluge download, add outbound networking:
 * `{ extends: 'preset:deluge', plugins: ['slirp'] }`.
 */
export default definePreset({
  name: 'deluge',
  description: 'Deluge BitTorrent client, web UI on http://127.0.0.1:8112/ (password: deluge).',
  plugins: [
    ...debianImage,
    [dataDisk, { mountpoint: HOME, size: '20G' }],
    deluge,
    [
      leanInit,
      {
        // Debian's packaging: the user debian-deluged, home /var/lib/deluged, logs in /var/log/deluged.
        services: {
          deluged: {
            user: 'debian-deluged',
            umask: '007',
            directories: [HOME, CONFIG],
            command: ['/usr/bin/deluged', '-d', '-c', CONFIG, '-l', '/var/log/deluged/daemon.log', '-L', 'info'],
          },
          'deluge-web': {
            user: 'debian-deluged',
            umask: '027',
            command: ['/usr/bin/deluge-web', '-d', '-c', CONFIG, '-i', '0.0.0.0', '-p', String(WEB_PORT), '-l', '/var/log/deluged/web.log', '-L', 'info'],
          },
        },
      },
    ],
    netnsTap,
    [
      portForward,
      {
        forwards: {
          web: { hostPort: WEB_PORT, guestPort: WEB_PORT, http: '/', label: 'Deluge web UI', note: 'default password: deluge' },
        },
      },
    ],
    // deluged and deluge-web were killed for lack of memory at 128M.
    [boot, { mem: '256M' }],
  ],
});
