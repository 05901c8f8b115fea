#!/bin/sh
# The 2011 article's image build, done by hand: a sparse image, ext3, loop mount, debootstrap
# into it, then the app's packages with apt-get in a chroot. The baseline the cold build of
# uml-flow is compared with (bench/sections/cold.mjs).
#
# Usage: article-build.sh WORKDIR SUITE MIRROR PACKAGE...
# Prints "mark NAME EPOCH-SECONDS" after each phase; leaves WORKDIR/uml.img and WORKDIR/packages.txt.
# Whatever happens, nothing stays mounted and no process stays inside the chroot.
set -eu

work=$1 suite=$2 mirror=$3
shift 3
img=$work/uml.img
mnt=$work/mnt

phase() { echo "mark $1 $(date +%s.%N)"; }

cleanup() {
  status=$?
  trap - EXIT INT TERM
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$mnt" ] && kill -KILL "${p#/proc/}" 2>/dev/null
  done
  mountpoint -q "$mnt/proc" && umount "$mnt/proc"
  mountpoint -q "$mnt" && umount "$mnt"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

phase start
mkdir -p "$mnt"
# The article: dd if=/dev/zero of=uml.img bs=1 count=1 seek=10G (truncate makes the same sparse file)
truncate -s 10G "$img"
mkfs.ext3 -q -F "$img"
mount -o loop "$img" "$mnt"
phase image
debootstrap --variant=minbase "$suite" "$mnt" "$mirror" >"$work/debootstrap.log" 2>&1
phase debootstrap
mount -t proc proc "$mnt/proc"
# Keep the packages' maintainer scripts from starting daemons inside the chroot.
printf '#!/bin/sh\nexit 101\n' >"$mnt/usr/sbin/policy-rc.d"
chmod 0755 "$mnt/usr/sbin/policy-rc.d"
# mmdebstrap installs no Recommends: the same package set needs --no-install-recommends here.
DEBIAN_FRONTEND=noninteractive chroot "$mnt" apt-get install -y --no-install-recommends "$@" >"$work/apt.log" 2>&1
rm -f "$mnt/usr/sbin/policy-rc.d"
phase apt-install
chroot "$mnt" dpkg-query -W -f '${Package}\n' | sort >"$work/packages.txt"
umount "$mnt/proc"
umount "$mnt"
phase unmount
