import { definePreset } from '../core/index.js';
import aptSources from '../plugins/apt-sources.js';
import boot from '../plugins/boot.js';
import debootstrap from '../plugins/debootstrap.js';
import fstab from '../plugins/fstab.js';
import getty from '../plugins/getty.js';
import hostname from '../plugins/hostname.js';
import kernelModules from '../plugins/kernel-modules.js';
import locale from '../plugins/locale.js';
import mkfs from '../plugins/mkfs.js';
import resolvConf from '../plugins/resolv-conf.js';
import rootPassword from '../plugins/root-password.js';
import sparseImage from '../plugins/sparse-image.js';
import swap from '../plugins/swap.js';
import udevLinks from '../plugins/udev-links.js';

/**
 * The 2011 article step by step: a 10G sparse image, ext3, debootstrap, udev links, fstab,
 * the kernel modules, locale, a swap disk, a getty on tty0, 64M of memory. One difference on
 * purpose: root is locked, where the article left its password empty; ask for that with
 * `options: { 'root-password': { blank: true } }`. Mount the image as the article did with
 * `options: { mkfs: { mode: 'loop' } }`.
 */
export default definePreset({
  name: 'article',
  description: "The 2011 article's procedure: debootstrap, ext3, udev links, locale, modules, swap, tty0 getty.",
  plugins: [
    sparseImage,
    [swap, {}],
    [mkfs, { type: 'ext3' }],
    debootstrap,
    udevLinks,
    fstab,
    hostname,
    resolvConf,
    aptSources,
    kernelModules,
    locale,
    rootPassword,
    getty,
    [boot, { mem: '64M' }],
  ],
});
