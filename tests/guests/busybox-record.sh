#!/usr/bin/env bash
# Records (or checks) the expected stdout and exit status of every case in busybox-cases.txt into
# tests/guests/expected/busybox/<name>.out and <name>.exit, running busybox under qemu-aarch64.
#   usage: tests/guests/busybox-record.sh [--check] [--no-shims] [name...]
#     --check      compare with the recorded files instead of writing them (exit 1 on a difference)
#     --no-shims   PATH=/nonexistent, no $BB shim: shows which cases work without any exec
# Environment: RUNNER (default "qemu-aarch64"; e.g. "dotnet run --project src/Cli -- run --"),
#              BUSYBOX (default: the path printed by busybox.sh).
#
# How one case runs (a translator's harness must do the same):
#   a shim directory holds, for "busybox" and every applet name, an executable host script
#       #!/bin/sh
#       exec <RUNNER words> <busybox> <applet> "$@"        (the "busybox" shim omits <applet>)
#   so that when busybox sh has to exec an applet (or the command runs "$BB ..."), the exec goes
#   through the host shell back into the runner: this stands in for a binfmt_misc handler.
#   cwd: a fresh empty temp directory; stdin: /dev/null; stderr: ignored;
#   environment: exactly LC_ALL=C HOME=/nonexistent TMPDIR=/tmp PATH=<shims> BB=<shims>/busybox;
#   command line: <RUNNER words> <busybox> sh -c '<command>'.
# Each case must give identical stdout and exit status in 3 runs before it is recorded.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
check=0 shims=1
names=()
for a in "$@"; do
    case "$a" in
    --check) check=1 ;;
    --no-shims) shims=0 ;;
    *) names+=("$a") ;;
    esac
done
runner="${RUNNER:-qemu-aarch64}"
read -r -a runner_words <<<"$runner"
# absolute paths: inside a case PATH is the shim directory, which shadows host tools
runner_words[0]="$(command -v "${runner_words[0]}")" || { echo "busybox-record.sh: runner '$runner' not found" >&2; exit 2; }
timeout_bin="$(command -v timeout)"
bb="${BUSYBOX:-$("$here/busybox.sh")}"
expected="$here/expected/busybox"
mkdir -p "$expected"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
shimdir="$tmp/shims"
mkdir -p "$shimdir"
runner_q="$(printf '%q ' "${runner_words[@]}")"
printf '#!/bin/sh\nexec %s%q "$@"\n' "$runner_q" "$bb" >"$shimdir/busybox"
while read -r applet; do
    [[ -n "$applet" && "$applet" != busybox ]] || continue
    printf '#!/bin/sh\nexec %s%q %q "$@"\n' "$runner_q" "$bb" "$applet" >"$shimdir/$applet"
done < <("${runner_words[@]}" "$bb" --list)
chmod +x "$shimdir"/*
if [[ $shims -eq 1 ]]; then path="$shimdir" bbvar="$shimdir/busybox"; else path=/nonexistent bbvar=/nonexistent/busybox; fi

run_case() { # command -> $tmp/run.out, $tmp/run.exit
    local work status=0
    work="$(mktemp -d)"
    (cd "$work" && env -i LC_ALL=C HOME=/nonexistent TMPDIR=/tmp PATH="$path" BB="$bbvar" \
        "$timeout_bin" 60 "${runner_words[@]}" "$bb" sh -c "$1" </dev/null >"$tmp/run.out" 2>"$tmp/run.err") || status=$?
    rm -rf "$work"
    echo "$status" >"$tmp/run.exit"
}

bad=0
while IFS=$'\t' read -r name cmd; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    if [[ ${#names[@]} -gt 0 ]] && [[ ! " ${names[*]} " == *" $name "* ]]; then continue; fi
    if [[ $check -eq 1 ]]; then
        run_case "$cmd"
        if cmp -s "$tmp/run.out" "$expected/$name.out" && cmp -s "$tmp/run.exit" "$expected/$name.exit"; then
            echo "ok   $name"
        else
            echo "FAIL $name (exit $(cat "$tmp/run.exit"), want $(cat "$expected/$name.exit" 2>/dev/null))"
            diff "$expected/$name.out" "$tmp/run.out" | head -10 || true
            head -3 "$tmp/run.err"
            bad=1
        fi
        continue
    fi
    stable=1
    for i in 1 2 3; do
        run_case "$cmd"
        cat "$tmp/run.out" "$tmp/run.exit" >"$tmp/run$i"
        if [[ $i -gt 1 ]] && ! cmp -s "$tmp/run1" "$tmp/run$i"; then stable=0; fi
    done
    if [[ $stable -eq 0 ]]; then
        echo "busybox-record.sh: $name is NOT deterministic; not recorded" >&2
        bad=1
        continue
    fi
    cp "$tmp/run.out" "$expected/$name.out"
    cp "$tmp/run.exit" "$expected/$name.exit"
    echo "recorded $name: exit $(cat "$tmp/run.exit"), $(wc -l <"$tmp/run.out") lines"
    if [[ -s "$tmp/run.err" ]]; then sed 's/^/  stderr: /' "$tmp/run.err" | head -3; fi
done <"$here/busybox-cases.txt"
exit $bad
