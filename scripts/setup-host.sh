#!/usr/bin/env bash
# Installs what uml-flow needs on a Debian 12 host (as root), then its npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  user-mode-linux   # the UML kernel: /usr/bin/linux and its modules
  uml-utilities     # uml_mconsole, to stop instances cleanly
  mmdebstrap debootstrap
  e2fsprogs         # mkfs.ext4 -d, debugfs
  iproute2 socat    # network namespaces, tap devices, forwarding to 127.0.0.1
  slirp libslirp-helper  # user-mode networking for guests
  tar curl ca-certificates
  xvfb xterm        # tests only: the console plugin's xterm channel on a screenless X server
)
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-host.sh: run as root (it installs Debian packages)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "setup-host.sh: uml-flow needs Node.js >= 20 (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "Debian 12's nodejs is 18: install Node.js 20 or newer first." >&2
  exit 1
fi
npm ci --no-audit --no-fund
