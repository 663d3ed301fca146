#!/usr/bin/env bash
# Installs what the tests need on a Debian machine with the .NET SDK: the AArch64 cross toolchain
# (guest programs are built at test time), qemu-aarch64 (the reference), llvm-mc (decoder oracle),
# libunicorn2 (differential fuzzing), cpio and dtc, Debian's arm64 busybox-static and kernel (downloaded,
# not installed; the kernel boots with a busybox initramfs in the full-system tests).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

packages=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu qemu-user llvm libunicorn2 cpio device-tree-compiler)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -x tests/guests/busybox.sh ] || [ -f tests/guests/busybox.sh ]; then
  bash tests/guests/busybox.sh >/dev/null
fi
# Debian's arm64 kernel and a busybox initramfs for the full-system boot test.
bash tests/guests/system/linux.sh >/dev/null
echo "setup: done"
