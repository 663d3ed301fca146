#!/usr/bin/env bash
# Fetches Debian's arm64 kernel (the linux-image package linux-image-arm64 depends on) without
# installing it, and builds a busybox initramfs whose /init prints a marker line, the kernel release
# and the CPU features, then powers off. Prints the paths of the kernel Image and the initramfs.
#   usage: tests/guests/system/linux.sh [cachedir]     (default: .cache/linux at the repo root)
# Idempotent: a filled cache prints its paths at once. Needs dpkg, apt-get and cpio (tests/setup.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cache="${1:-$root/.cache/linux}"
image="$cache/Image"
initramfs="$cache/initramfs.cpio.gz"

if [[ -f "$image" && -f "$initramfs" ]]; then
    echo "$image"
    echo "$initramfs"
    exit 0
fi
for tool in dpkg dpkg-deb apt-get apt-cache cpio gzip; do
    command -v "$tool" >/dev/null || { echo "linux.sh: $tool not found (run tests/setup.sh)" >&2; exit 2; }
done
mkdir -p "$cache"
{
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        dpkg --add-architecture arm64
        apt-get update
    fi
    package="$(apt-cache depends linux-image-arm64:arm64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[^ ]*-arm64\).*/\1/p' | head -n1)"
    if [[ -z "$package" ]]; then
        apt-get update
        package="$(apt-cache depends linux-image-arm64:arm64 | sed -n 's/^ *Depends: \(linux-image-[^ ]*-arm64\).*/\1/p' | head -n1)"
    fi
    cd "$cache"
    if ! ls "${package%:arm64}"_*_arm64.deb >/dev/null 2>&1; then
        apt-get download "${package%:arm64}:arm64"
    fi
    deb="$(ls "${package%:arm64}"_*_arm64.deb | head -n1)"
    rm -rf "$cache/root"
    dpkg-deb -x "$deb" "$cache/root"
    vmlinuz="$(ls "$cache"/root/boot/vmlinuz-* | head -n1)"
    # Debian ships the arm64 kernel as a plain Image; a gzip-compressed one is inflated here.
    if gzip -t "$vmlinuz" 2>/dev/null; then gzip -dc "$vmlinuz" > "$image"; else cp "$vmlinuz" "$image"; fi
    rm -rf "$cache/root"
} >&2

busybox="$(bash "$root/tests/guests/busybox.sh")"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging"/{bin,proc,sys,dev}
cp "$busybox" "$staging/bin/busybox"
for applet in sh mount echo cat uname poweroff grep head; do ln -s busybox "$staging/bin/$applet"; done
cat > "$staging/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc
echo a64jit-linux-boot-ok
uname -r
grep -m1 Features /proc/cpuinfo
poweroff -f
INIT
chmod +x "$staging/init"
(cd "$staging" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -9 > "$initramfs.tmp")
mv "$initramfs.tmp" "$initramfs"
echo "$image"
echo "$initramfs"
