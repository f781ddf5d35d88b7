#!/usr/bin/env bash
# Writes scripts/link/startup-order.txt, the list scripts/lib/release-build.sh hands lld as
# --symbol-ordering-file: every function of the release binary that runs from exec until its
# ready line, in the order each first runs, so that the linker puts them side by side (the
# kernel maps the binary's code 64 KiB at a time around each first touch: scattered, those
# functions kept ~85 windows resident; see issue 9).
#
#   scripts/startup-order.sh [BINARY]    default: the release build (.build-release), built first
#
# How: scripts/startup-order/steptrace.c runs the binary under ptrace with an int3 at every
# function's first byte (from its symbol table); each fires once, is recorded and removed, and
# the threads run on at full speed (valgrind, which would count this directly, crashes in
# libdispatch here). mapsyms.py turns the offsets into symbol names. Run it again after changes
# to start-up code or to the toolchain: a stale list only costs memory, never correctness (lld
# skips names it no longer finds). Bounded: the traced server (127.0.0.1, port 0) is killed at
# its ready line or after 60 s. Needs gcc and a kernel that allows ptrace of a child.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d -t dataarts-startup-order.XXXXXX)
trap 'rm -rf "$work"' EXIT
binary=${1:-}
if [[ -z $binary ]]; then
    # shellcheck source=scripts/lib/release-build.sh
    source scripts/lib/release-build.sh
    echo "== building the release binary (scripts/lib/release-build.sh)"
    release_build .build-release >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }
    binary=.build-release/release/dataarts-mock
fi
command -v gcc >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc >/dev/null; }
gcc -O2 -o "$work/steptrace" scripts/startup-order/steptrace.c
cp "$binary" "$work/target"
python3 scripts/startup-order/mapsyms.py funcs "$work/target" "$work/breakpoints.txt"
mkdir "$work/trace"
if ! timeout 120 "$work/steptrace" -m bp -b "$work/breakpoints.txt" -o "$work/trace" -t 60 \
    -- "$work/target" --host 127.0.0.1 --port 0 2>"$work/trace/tracer.log" \
    || ! grep -q '^stop_reason ready' "$work/trace/trace_stats.txt"; then
    echo "startup-order.sh: the traced binary did not reach its ready line" >&2
    cat "$work/trace/tracer.log" "$work/trace/child.stderr" >&2 || true
    exit 1
fi
python3 scripts/startup-order/mapsyms.py map "$work/target" "$work/trace/offsets.txt" "$work/trace" "$work/trace/trace_stats.txt"
cp "$work/trace/order.txt" scripts/link/startup-order.txt
cat "$work/trace/summary.txt"
echo "wrote scripts/link/startup-order.txt ($(wc -l <scripts/link/startup-order.txt) functions)"
