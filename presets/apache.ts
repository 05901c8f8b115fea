import { definePreset } from '../core/index.js';
import { debianImage } from './lib/debian-image.js';
import boot from '../plugins/boot.js';
import leanInit from '../plugins/lean-init.js';
import netnsTap from '../plugins/netns-tap.js';
import packages from '../plugins/packages.js';
import portForward from '../plugins/port-forward.js';

/** What Debian's /etc/apache2/envvars sets; apache2.conf refers to these. */
const ENVVARS = [
  'APACHE_RUN_USER=www-data',
  'APACHE_RUN_GROUP=www-data',
  'APACHE_RUN_DIR=/run/apache2',
  'APACHE_PID_FILE=/run/apache2/apache2.pid',
  'APACHE_LOCK_DIR=/run/lock/apache2',
  'APACHE_LOG_DIR=/var/log/apache2',
  'LANG=C',
];

/**
 * Apache httpd, as the article also hosted, on http://127.0.0.1:8080/. Apache runs in the
 * foreground as PID 1's only service (lean-init): started as root, it serves as www-data.
 * Put the site in with a plugin of your own that writes under /var/www/html at configure.
 */
export default definePreset({
  name: 'apache',
  description: 'Apache httpd serving /var/www/html on http://127.0.0.1:8080/.',
  plugins: [
    ...debianImage,
    [packages, { packages: ['apache2'] }],
    [
      leanInit,
      {
        services: {
          // Not apache2ctl: it would stay between PID 1 and apache2, which then never sees the stop signal.
          apache2: { user: 'root', directories: ['/run/apache2', '/run/lock/apache2'], command: ['/usr/bin/env', ...ENVVARS, '/usr/sbin/apache2', '-D', 'FOREGROUND'] },
        },
      },
    ],
    netnsTap,
    [portForward, { forwards: { web: { hostPort: 8080, guestPort: 80, http: '/', label: 'Apache' } } }],
    [boot, { mem: '128M' }],
  ],
});
