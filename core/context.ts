import type { Command, CommandRunner } from './runner/command.js';
import type { KernelCommandLine } from './kernel.js';

export interface Logger {
  info(message: string): void;
  /** Loud: shown even in quiet mode, prefixed with a warning sign. */
  warn(message: string): void;
}

/** A UML block device (`ubdN`). `file` is relative to the image directory unless absolute. */
export interface Disk {
  index: number;
  file: string;
  role: 'root' | 'swap' | 'data';
  size?: string;
  /** Filesystem type once formatted (ext4, ext3, swap), for fstab. */
  filesystem?: string;
  /** Where the guest mounts it (data disks). */
  mountpoint?: string;
  /** ubd flags: r read-only, s synchronous, d no COW, c shared, t no trim. */
  flags?: string;
}

/** What later hooks need to know about the guest, decided by the bootstrap plugins. */
export interface GuestFacts {
  suite: string;
  architecture: string;
  init: 'sysvinit' | 'systemd' | 'custom';
}

export type ReadinessProbe =
  | { kind: 'console'; pattern: string }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'http'; url: string; status?: number };

export interface InstanceFacts {
  /** Set by the boot plugin once the UML process is started. */
  pid?: number;
  umid: string;
  /** uml_dir: holds `<umid>/pid` and `<umid>/mconsole`. */
  umlDir: string;
  consoleLog: string;
  /** Commands that undo host changes, run in reverse order by `stop` or a failed run. */
  teardown: Command[];
  /** Wrapper for the `linux` command, for example `ip netns exec NS`. */
  launchPrefix: string[];
  probes: ReadinessProbe[];
  /** Addresses printed when the instance is ready, e.g. `Deluge: http://127.0.0.1:8112/`. */
  endpoints: string[];
}

export interface FlowPaths {
  /** Where the finished image lives: root.img, manifest.json and the other disks. */
  imageDir: string;
  /** Where this build writes before the image is moved into place. */
  buildDir: string;
  /** Instance state: console log, uml_dir, instance.json, data disks. */
  instanceDir: string;
  cacheDir: string;
}

/** The context every hook receives. */
export interface FlowContext {
  /** Instance name (also the image name). */
  readonly name: string;
  /** What was asked for: `preset:base`, a config file. */
  readonly target: string;
  readonly runner: CommandRunner;
  readonly log: Logger;
  readonly paths: FlowPaths;
  /** Absolute path of the root tree that goes into the image (during build hooks). */
  rootfs: string;
  readonly disks: Disk[];
  readonly kernel: KernelCommandLine;
  /** Debian packages the bootstrap installs; add to it in `bootstrap` at the default stage. */
  readonly packages: Set<string>;
  guest: GuestFacts;
  readonly instance: InstanceFacts;
  /** Runs `fn` once the root tree is final, after `configure`, before the image moves into place. */
  finalize(title: string, fn: () => Promise<void>): void;
  /** Runs `fn` when the build fails or is interrupted (for example unmount). */
  onAbort(fn: () => Promise<void>): void;
}
