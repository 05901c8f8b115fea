import { join } from 'node:path';
import type { Disk, FlowContext } from './context.js';

/** An absolute path in the guest made of plain characters: no spaces, quotes or shell syntax. */
export const GUEST_PATH = /^(\/[A-Za-z0-9_.-]+)+$/;

/** A path inside the root tree being built: `inGuest(ctx, '/etc/fstab')`. */
export const inGuest = (ctx: Pick<FlowContext, 'rootfs'>, path: string) => join(ctx.rootfs, path);

/** The guest's device for ubdN: ubd0 is /dev/ubda (devtmpfs names them by letter). */
export const ubdDevice = (index: number) => `/dev/ubd${String.fromCharCode(97 + index)}`;

export function rootDisk(ctx: Pick<FlowContext, 'disks'>): Disk {
  const disk = ctx.disks.find((d) => d.role === 'root');
  if (!disk) throw new Error('no root disk: add an allocate plugin such as sparse-image before this one');
  return disk;
}

/** The next free ubd index. */
export const nextDiskIndex = (ctx: Pick<FlowContext, 'disks'>) => Math.max(-1, ...ctx.disks.map((d) => d.index)) + 1;

/** Where a disk's file is while the image is being built. */
export const diskPathForBuild = (ctx: Pick<FlowContext, 'paths'>, disk: Disk) =>
  disk.file.startsWith('/') ? disk.file : join(ctx.paths.buildDir, disk.file);

/** Where a disk's file is once the image is in place. */
export const diskPathForBoot = (ctx: Pick<FlowContext, 'paths'>, disk: Disk) =>
  disk.file.startsWith('/') ? disk.file : join(ctx.paths.imageDir, disk.file);
