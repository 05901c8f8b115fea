import { definePreset } from '../core/index.js';
import boot from '../plugins/boot.js';
import fstab from '../plugins/fstab.js';
import getty from '../plugins/getty.js';
import hostname from '../plugins/hostname.js';
import mkfs from '../plugins/mkfs.js';
import mmdebstrap from '../plugins/mmdebstrap.js';
import sparseImage from '../plugins/sparse-image.js';

/** A minimal sysvinit Debian guest that boots to a login prompt on its console. */
export default definePreset({
  name: 'base',
  description: 'Minimal Debian (sysvinit) that boots to a login prompt.',
  plugins: [sparseImage, mkfs, mmdebstrap, fstab, hostname, getty, boot],
});
