#!/usr/bin/env bash
# Rebuilds the bare-metal programs and records what each prints under QEMU's virt board with EL2 and
# a GICv3 into expected/<name>.out, after checking that two runs print the same.
#   usage: tests/guests/system/record.sh [--check] [name...]     (default: every program)
#     --check   compare with the recorded files instead of writing them (exit 1 on a difference)
# The command (every program ends with PSCI SYSTEM_OFF, which makes QEMU exit):
#   qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 -cpu max -m 512M -nographic \
#     -monitor none -serial stdio -kernel <name>.elf
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
expected="$here/expected"
check=0
names=()
for a in "$@"; do
    if [[ "$a" == --check ]]; then check=1; else names+=("$a"); fi
done
command -v qemu-system-aarch64 >/dev/null || { echo "record.sh: qemu-system-aarch64 not found" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/build.sh" "$out"
mkdir -p "$expected"
if [[ ${#names[@]} -eq 0 ]]; then
    for src in "$here"/*.S; do
        name="$(basename "$src" .S)"
        [[ "$name" == lib ]] || names+=("$name")
    done
fi

# run_one name file: the program's serial output into file; fails on a timeout (no SYSTEM_OFF)
run_one() {
    timeout 60 qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 -cpu max -m 512M \
        -nographic -monitor none -serial stdio -kernel "$out/$1.elf" </dev/null >"$2" 2>/dev/null
}

bad=0
for name in "${names[@]}"; do
    [[ -e "$out/$name.elf" ]] || { echo "record.sh: no such program $name" >&2; bad=1; continue; }
    if ! run_one "$name" "$out/$name.1" || ! run_one "$name" "$out/$name.2"; then
        echo "record.sh: $name did not power off (timeout or QEMU error)" >&2
        bad=1
        continue
    fi
    if ! cmp -s "$out/$name.1" "$out/$name.2"; then
        echo "record.sh: $name is NOT deterministic across 2 runs; not recorded" >&2
        diff "$out/$name.1" "$out/$name.2" | head -20 >&2 || true
        bad=1
        continue
    fi
    if [[ $check -eq 1 ]]; then
        if cmp -s "$out/$name.1" "$expected/$name.out"; then
            echo "ok   $name"
        else
            echo "FAIL $name"
            diff "$expected/$name.out" "$out/$name.1" | head -10 || true
            bad=1
        fi
    else
        cp "$out/$name.1" "$expected/$name.out"
    fi
done
exit $bad
