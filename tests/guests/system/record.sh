#!/usr/bin/env bash
# Rebuilds the bare-metal programs and records what each prints under QEMU's virt board with EL2 and a
# GICv3 (the machine `a64jit boot --el2` models) into expected/<name>.out.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
bash "$here/build.sh" "$out"
for elf in "$out"/*.elf; do
    name="$(basename "$elf" .elf)"
    timeout 60 qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 -cpu max -m 512M -nographic \
        -monitor none -serial stdio -kernel "$elf" < /dev/null > "$here/expected/$name.out"
done
