import type { PluginEntry } from '../../core/index.js';
import fstab from '../../plugins/fstab.js';
import hostname from '../../plugins/hostname.js';
import mkfs from '../../plugins/mkfs.js';
import mmdebstrap from '../../plugins/mmdebstrap.js';
import resolvConf from '../../plugins/resolv-conf.js';
import sparseImage from '../../plugins/sparse-image.js';

/**
 * The image every app preset starts from: a sparse ext4 root built with mmdebstrap, with fstab,
 * host name and resolv.conf set. Not a preset of its own: it boots nothing and waits for nothing,
 * so each app preset adds its init, network and boot.
 */
export const debianImage: PluginEntry[] = [sparseImage, mkfs, mmdebstrap, fstab, hostname, resolvConf];
