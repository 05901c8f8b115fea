import { definePreset } from '../core/index.js';
import aptSources from '../plugins/apt-sources.js';
import boot from '../plugins/boot.js';
import fstab from '../plugins/fstab.js';
import getty from '../plugins/getty.js';
import hostname from '../plugins/hostname.js';
import mkfs from '../plugins/mkfs.js';
import mmdebstrap from '../plugins/mmdebstrap.js';
import resolvConf from '../plugins/resolv-conf.js';
import rootPassword from '../plugins/root-password.js';
import sparseImage from '../plugins/sparse-image.js';

/**
 * A minimal sysvinit Debian guest that boots to a login prompt on its console. Lean on purpose
 * (no locale, no kernel modules: both cost build time and space); root has no password until
 * you give it a key or a hash: `options: { 'root-password': { authorizedKey: '...' } }`.
 */
export default definePreset({
  name: 'base',
  description: 'Minimal Debian (sysvinit) that boots to a login prompt; root locked until given a key or hash.',
  plugins: [sparseImage, mkfs, mmdebstrap, fstab, hostname, resolvConf, aptSources, rootPassword, getty, boot],
});
