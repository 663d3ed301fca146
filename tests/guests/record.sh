#!/usr/bin/env bash
# (Re)records tests/guests/expected/<name>.out and <name>.exit by running each guest program under
# qemu-aarch64, after checking that 3 runs give identical stdout and exit status.
#   usage: tests/guests/record.sh [--check] [name...]     (default: every program)
#     --check   compare with the recorded files instead of writing them (exit 1 on a difference)
# Environment: OUT (build dir, default tests/guests/out), RUNNER (default "qemu-aarch64"; e.g.
# "path/to/a64jit run --" to check a translator against the recorded expectations).
#
# How a program is run (a translator's test harness must do the same):
#   cd to a fresh empty temp directory; stdin from /dev/null; stderr ignored;
#   environment: exactly LC_ALL=C PATH=/usr/bin:/bin plus the "// env:" assignments;
#   argv: the binary path, then the words of the "// args:" line (POSIX shell words: spaces
#   separate, "double quotes" group and may be empty; no escapes, $ or backquotes).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${OUT:-$here/out}"
read -r -a runner <<<"${RUNNER:-qemu-aarch64}"
expected="$here/expected"
command -v "${runner[0]}" >/dev/null || { echo "record.sh: ${runner[0]} not found" >&2; exit 2; }
check=0
names=()
for a in "$@"; do
    if [[ "$a" == --check ]]; then check=1; else names+=("$a"); fi
done
"$here/build.sh" "$out" >/dev/null
mkdir -p "$expected"

if [[ ${#names[@]} -eq 0 ]]; then
    for src in "$here"/*.c; do names+=("$(basename "$src" .c)"); done
fi

# run_one name -> writes stdout to $tmp/run.out and the exit status to $tmp/run.exit
run_one() {
    local name="$1" src="$here/$1.c" args envs
    args="$(sed -n 's|^// args:[[:space:]]*||p' "$src" | head -n1)"
    mapfile -t envs < <(sed -n 's|^// env:[[:space:]]*||p' "$src")
    local -a argv=()
    eval "argv=($args)"
    local work status=0
    work="$(mktemp -d)"
    (cd "$work" && env -i LC_ALL=C PATH=/usr/bin:/bin ${envs[@]+"${envs[@]}"} \
        timeout 60 "${runner[@]}" "$out/$name" ${argv[@]+"${argv[@]}"} </dev/null >"$tmp/run.out" 2>/dev/null) || status=$?
    rm -rf "$work"
    echo "$status" >"$tmp/run.exit"
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
bad=0
for name in "${names[@]}"; do
    [[ -e "$here/$name.c" ]] || { echo "record.sh: no such program $name" >&2; bad=1; continue; }
    if [[ $check -eq 1 ]]; then
        run_one "$name"
        if cmp -s "$tmp/run.out" "$expected/$name.out" && cmp -s "$tmp/run.exit" "$expected/$name.exit"; then
            echo "ok   $name"
        else
            echo "FAIL $name (exit $(cat "$tmp/run.exit"), want $(cat "$expected/$name.exit" 2>/dev/null))"
            diff "$expected/$name.out" "$tmp/run.out" | head -10 || true
            bad=1
        fi
        continue
    fi
    stable=1
    for i in 1 2 3; do
        run_one "$name"
        cat "$tmp/run.out" "$tmp/run.exit" >"$tmp/run$i"
        if [[ $i -gt 1 ]] && ! cmp -s "$tmp/run1" "$tmp/run$i"; then stable=0; fi
    done
    if [[ $stable -eq 0 ]]; then
        echo "record.sh: $name is NOT deterministic across 3 runs; not recorded" >&2
        diff "$tmp/run1" "$tmp/run2" | head -20 >&2 || true
        bad=1
        continue
    fi
    cp "$tmp/run.out" "$expected/$name.out"
    cp "$tmp/run.exit" "$expected/$name.exit"
    echo "recorded $name: exit $(cat "$tmp/run.exit"), $(wc -l <"$tmp/run.out") lines"
done
exit $bad
