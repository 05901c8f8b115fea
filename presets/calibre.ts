import { definePreset } from '../core/index.js';
import { debianImage } from './lib/debian-image.js';
import boot from '../plugins/boot.js';
import calibre, { SERVE_LIBRARY } from '../plugins/calibre.js';
import dataDisk from '../plugins/data-disk.js';
import leanInit from '../plugins/lean-init.js';
import netnsTap from '../plugins/netns-tap.js';
import portForward from '../plugins/port-forward.js';

const HOME = '/srv/calibre';
const LIBRARY = `${HOME}/library`;
const PORT = 8080;
/** The host's end of the instance's tap: the address every forwarded connection comes from. */
const HOST_ADDRESS = '10.77.0.1';

/**
 * calibre's Content server on http://127.0.0.1:8080/, serving one library kept on a data disk of
 * the instance (an empty one is made at the first start), so books survive rebuilds of the image.
 *
 * Adding a book from the host ("Add books" in the web UI posts to the same endpoint):
 *   curl --data-binary @book.epub http://127.0.0.1:8080/cdb/add-book/1/n/book.epub
 * `1` is any job id (echoed back), `n` refuses duplicates (`y` adds them anyway), the file name's
 * extension is the format; the answer is JSON with the new `book_id`. Without logins calibre-server
 * is read-only except for the addresses it trusts: here the host's end of the tap, where every
 * forwarded connection comes from. So whoever can connect to 127.0.0.1:8080 on the host can change
 * the library (another netns-tap hostAddress needs the same change in --trusted-ips).
 *
 * Books without a cover image get none unless `calibre: { renderMissingCovers: true }`.
 */
export default definePreset({
  name: 'calibre',
  description: 'calibre e-book server on http://127.0.0.1:8080/, its library on a data disk.',
  plugins: [
    ...debianImage,
    [dataDisk, { mountpoint: HOME, size: '20G' }],
    [calibre, { user: 'calibre', home: HOME }],
    [
      leanInit,
      {
        services: {
          'calibre-server': {
            user: 'calibre',
            umask: '027',
            directories: [HOME],
            command: [SERVE_LIBRARY, LIBRARY, '--listen-on=0.0.0.0', `--port=${PORT}`, `--trusted-ips=${HOST_ADDRESS}`, '--disable-use-bonjour'],
          },
        },
      },
    ],
    [netnsTap, { hostAddress: `${HOST_ADDRESS}/24` }],
    [portForward, { forwards: { web: { hostPort: PORT, guestPort: PORT, http: '/', label: 'calibre' } } }],
    // 128M serves, but the worker calibre starts for a book without a cover (Qt WebEngine) had the
    // server killed for lack of memory; 192M drew such a cover in 27 s, 256M in 10 s.
    [boot, { mem: '256M' }],
  ],
});
