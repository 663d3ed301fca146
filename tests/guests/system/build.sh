#!/usr/bin/env bash
# Assembles and links every bare-metal test program into <outdir> (default /tmp/a64jit-system-guests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-/tmp/a64jit-system-guests}"
mkdir -p "$out"
for src in "$here"/*.S; do
    name="$(basename "$src" .S)"
    aarch64-linux-gnu-gcc -c -nostdlib -march=armv8.5-a -I "$here" -o "$out/$name.o" "$src"
    aarch64-linux-gnu-ld -N --no-warn-rwx-segments -T "$here/link.ld" -o "$out/$name.elf" "$out/$name.o"
done
