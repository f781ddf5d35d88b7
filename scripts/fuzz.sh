#!/usr/bin/env bash
# Fuzzes one of the pure modules with libFuzzer for a bounded time, then keeps what it found;
# or, with `live`, the running server over sockets (scripts/fuzz/live.py).
#
#   scripts/fuzz.sh <http1|json|live> [seconds, default 60]
#
# live: builds the server, starts it on 127.0.0.1 port 0 and sends it mutated requests,
# pipelined bursts, resets, half-closes, slow drips and unread replies from 8 threads for the
# given time (at most FUZZ_LIVE_CASES cases, default 1,000,000), checking /__mock/health as it
# goes. It fails if the server dies, stops answering or does not stop cleanly on SIGTERM.
# FUZZ_LIVE_SEED replays a run's mix of cases (the seed is printed).
#
# Builds scripts/fuzz/<name>.swift with Sources/<Module>/*.swift into .build-fuzz/<name> (this works
# only because those modules import nothing), fuzzes a working copy of fixtures/fuzz/<name>/, then
# merges the inputs that reach new code back into fixtures/fuzz/<name>/ (libFuzzer's `-merge=1`,
# files named by the SHA-1 of their bytes), keeping that corpus under about $max_corpus files.
# A crash stops the merge; its input is left in .build-fuzz/artifacts-<name>/ and the script fails.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    echo "usage: scripts/fuzz.sh <http1|json|live> [seconds, default 60]" >&2
    exit 2
}

name=${1:-}
seconds=${2:-60}
if [[ "$name" == live ]]; then
    [[ "$seconds" =~ ^[0-9]+$ ]] && ((seconds > 0)) || usage
    binary=${MOCK_BIN:-}
    if [[ -z "$binary" ]]; then
        echo "== building dataarts-mock"
        swift build --product dataarts-mock >/dev/null
        binary=$(swift build --show-bin-path)/dataarts-mock
    fi
    seed_flags=()
    [[ -n "${FUZZ_LIVE_SEED:-}" ]] && seed_flags=(--seed "$FUZZ_LIVE_SEED")
    echo "== fuzzing the live server for ${seconds}s"
    exec python3 scripts/fuzz/live.py --binary "$binary" --seconds "$seconds" \
        --cases "${FUZZ_LIVE_CASES:-1000000}" "${seed_flags[@]}"
fi
case "$name" in
    http1) module=DataArtsHTTP1 ;;
    json) module=DataArtsJSON ;;
    *) usage ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] && ((seconds > 0)) || usage

max_len=8192
max_corpus=${FUZZ_MAX_CORPUS:-300}
out=.build-fuzz
binary=$out/$name
seeds=fixtures/fuzz/$name
corpus=$out/corpus-$name
artifacts=$out/artifacts-$name
log=$out/$name.log

[[ -f scripts/fuzz/$name.swift ]] || { echo "fuzz.sh: scripts/fuzz/$name.swift does not exist" >&2; exit 1; }
mkdir -p "$out" "$seeds" "$artifacts"

echo "== building $binary"
# lld rather than the default gold, which warns about every ASan helper symbol.
swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -use-ld=lld \
    "scripts/fuzz/$name.swift" "Sources/$module"/*.swift -o "$binary"

# A fresh working corpus each run: the committed one stays as it is until the merge.
rm -rf "$corpus"
mkdir -p "$corpus"
find "$seeds" -maxdepth 1 -type f -exec cp {} "$corpus/" \;
crashes_before=$(find "$artifacts" -type f | wc -l)

fuzz_flags=(-max_len="$max_len" -timeout=10 -rss_limit_mb=2048)
[[ -f scripts/fuzz/$name.dict ]] && fuzz_flags+=(-dict="scripts/fuzz/$name.dict")

echo "== fuzzing $name for ${seconds}s from $(find "$corpus" -type f | wc -l) seeds (log: $log)"
status=0
"$binary" "${fuzz_flags[@]}" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1 || status=$?

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
crashes=$(($(find "$artifacts" -type f | wc -l) - crashes_before))
echo "executions: ${runs:-?}  seconds: ${took:-?}  exec/s: ${rate:-?}  working corpus: $(find "$corpus" -type f | wc -l)"

if ((status != 0 || crashes > 0)); then
    grep -E "^(==[0-9]+==ERROR|.*Fatal error|.*Precondition failed|SUMMARY:)" "$log" | head -n 5 >&2 || true
    echo "crashes: $crashes (libFuzzer exit $status); inputs in $artifacts/" >&2
    exit 1
fi
echo "crashes: 0"

echo "== merging new coverage into $seeds"
# Merged by edge coverage alone (no hit counts), which keeps the committed corpus small.
merge_flags=("${fuzz_flags[@]}" -use_counters=0)
hashed() { find "$1" -maxdepth 1 -type f -regextype posix-extended -regex '.*/[0-9a-f]{40}' "${@:2}"; }
before=$(find "$seeds" -maxdepth 1 -type f | wc -l)
"$binary" "${merge_flags[@]}" -merge=1 "$seeds" "$corpus" >"$out/$name-merge.log" 2>&1

# Over the cap, re-minimise: keep the hand-written seeds (any name that is not a 40-hex SHA-1),
# then only the hashed inputs that add coverage to them, as libFuzzer picks them.
if (($(find "$seeds" -maxdepth 1 -type f | wc -l) > max_corpus)); then
    minimal=$out/minimal-$name
    rm -rf "$minimal"
    mkdir -p "$minimal"
    find "$seeds" -maxdepth 1 -type f -regextype posix-extended ! -regex '.*/[0-9a-f]{40}' -exec cp {} "$minimal/" \;
    "$binary" "${merge_flags[@]}" -merge=1 "$minimal" "$seeds" >>"$out/$name-merge.log" 2>&1
    hashed "$seeds" -delete
    hashed "$minimal" -exec cp {} "$seeds/" \;
    # Still over: drop the largest hashed inputs.
    excess=$(($(find "$seeds" -maxdepth 1 -type f | wc -l) - max_corpus))
    if ((excess > 0)); then
        hashed "$seeds" -printf '%s %p\n' | sort -rn | head -n "$excess" | cut -d' ' -f2- | xargs -r rm -f
    fi
fi
after=$(find "$seeds" -maxdepth 1 -type f | wc -l)
echo "corpus: $before -> $after files in $seeds"
