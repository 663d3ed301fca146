#!/usr/bin/env bash
# Assembles lib.S and every other tests/guests/system/*.S, and links each program with lib.o
# (link.ld: code at 0x4000_0000) into <outdir>/<name>.elf. Prints nothing on success.
#   usage: tests/guests/system/extended/build.sh [outdir]     (default /tmp/a64jit-system-guests/extended)
# Set CROSS to another prefix (default aarch64-linux-gnu-).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-/tmp/a64jit-system-guests/extended}"
cross="${CROSS:-aarch64-linux-gnu-}"
command -v "${cross}gcc" >/dev/null || { echo "build.sh: ${cross}gcc not found (gcc-aarch64-linux-gnu)" >&2; exit 2; }
mkdir -p "$out"
# -march only widens what the assembler accepts (PAN, VHE registers, AT S1E1RP...); each program
# executes just what it tests.
asflags=(-c -nostdlib -march=armv8.5-a -I "$here")
"${cross}gcc" "${asflags[@]}" -o "$out/lib.o" "$here/lib.S"
for src in "$here"/*.S; do
    name="$(basename "$src" .S)"
    [[ "$name" == lib ]] && continue
    "${cross}gcc" "${asflags[@]}" -o "$out/$name.o" "$src"
    "${cross}ld" -N -T "$here/link.ld" --no-warn-rwx-segments -o "$out/$name.elf" "$out/$name.o" "$out/lib.o"
done
