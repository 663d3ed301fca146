#!/usr/bin/env bash
# Builds every tests/guests/*.c into a static AArch64 executable named after the source.
#   usage: tests/guests/build.sh [outdir]        (default: tests/guests/out, gitignored)
# Per-program flags come from a "// cflags: ..." line in the source (e.g. -march=armv8.1-a
# -pthread); every program is compiled with -O2 -static (or the -static-pie its cflags ask for) and linked with -lm. A program is rebuilt
# only when its source, any header in this directory, or this script is newer than the binary.
# Set CC to use another cross compiler (default aarch64-linux-gnu-gcc).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/out}"
cc="${CC:-aarch64-linux-gnu-gcc}"

if ! command -v "$cc" >/dev/null 2>&1; then
    echo "build.sh: cross compiler '$cc' not found; install gcc-aarch64-linux-gnu (Debian/Ubuntu)" >&2
    echo "          or set CC to an AArch64 Linux gcc" >&2
    exit 2
fi
mkdir -p "$out"

# the newest of the shared inputs: headers and this script
shared_newest="$here/build.sh"
for h in "$here"/*.h; do
    [[ -e "$h" && "$h" -nt "$shared_newest" ]] && shared_newest="$h"
done

built=0 skipped=0 failed=0
for src in "$here"/*.c; do
    name="$(basename "$src" .c)"
    bin="$out/$name"
    if [[ -e "$bin" && "$bin" -nt "$src" && "$bin" -nt "$shared_newest" ]]; then
        skipped=$((skipped + 1))
        continue
    fi
    cflags="$(sed -n 's|^// cflags:[[:space:]]*||p' "$src" | head -n1)"
    # shellcheck disable=SC2086  # cflags is a list of words by design
    # -static and -static-pie do not combine: a program asking for -static-pie gets only that.
    link=-static
    [[ " $cflags " == *" -static-pie "* ]] && link=
    if "$cc" -O2 $link -o "$bin.tmp" "$src" $cflags -lm; then
        mv -f "$bin.tmp" "$bin"
        echo "built $name${cflags:+ ($cflags)}"
        built=$((built + 1))
    else
        rm -f "$bin.tmp"
        echo "build.sh: FAILED to build $name" >&2
        failed=$((failed + 1))
    fi
done
echo "build.sh: $built built, $skipped up to date, $failed failed -> $out"
[[ $failed -eq 0 ]]
