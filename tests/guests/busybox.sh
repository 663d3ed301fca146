#!/usr/bin/env bash
# Fetches Debian's busybox-static for arm64 without installing it and prints the path of the
# extracted static AArch64 busybox binary.
#   usage: tests/guests/busybox.sh [cachedir]     (default: .cache/busybox at the repo root)
# Idempotent: when <cachedir>/bin/busybox exists, just prints its path. Needs dpkg and apt-get;
# the first run adds the arm64 architecture to dpkg and runs apt-get update (root needed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="${1:-$root/.cache/busybox}"
bb="$cache/bin/busybox"

if [[ -x "$bb" ]]; then
    echo "$bb"
    exit 0
fi
for tool in dpkg dpkg-deb apt-get; do
    command -v "$tool" >/dev/null || { echo "busybox.sh: $tool not found (Debian/Ubuntu host needed)" >&2; exit 2; }
done
mkdir -p "$cache"
{
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        dpkg --add-architecture arm64
        apt-get update
    fi
    cd "$cache"
    if ! ls busybox-static_*_arm64.deb >/dev/null 2>&1; then
        # the package lists may predate the arm64 architecture: update once and retry
        apt-get download busybox-static:arm64 || { apt-get update && apt-get download busybox-static:arm64; }
    fi
    deb="$(ls busybox-static_*_arm64.deb | head -n1)"
    dpkg-deb -x "$deb" "$cache/root"
} >&2
mkdir -p "$cache/bin"
cp "$cache/root/bin/busybox" "$bb"
chmod +x "$bb"
echo "$bb"
