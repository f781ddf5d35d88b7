#!/usr/bin/env bash
# The mock's memory with connections stored: VmRSS idle, with 10,000 and with 100,000 stored
# (issue 9's "RSS with 100,000 stored connections"), the journal full by then.
#
#   scripts/rss.sh [BINARY]        default: .build/release/dataarts-mock (built when missing)
#
# Starts the binary on 127.0.0.1 (port 0), then creates through the API with
# scripts/preload.py: 10,000 in one workspace, then 90,000 more in nine others, three
# clients at a time. Bounded: each preload client times out after 60 s without an answer,
# and the server is stopped on exit (Ctrl-C included). Prints the three figures in MiB.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${1:-.build/release/dataarts-mock}
[[ -x $binary ]] || swift build -c release --product dataarts-mock
dir=$(mktemp -d -t dataarts-rss.XXXXXX)
# shellcheck disable=SC2034,SC2089  # run through eval by start_mock's exit trap
on_exit="rm -rf '$dir'"
# shellcheck source=scripts/lib/start-mock.sh
source scripts/lib/start-mock.sh
start_mock "$dir" "$binary" --max-connections-per-workspace 1000000 --log-level warning
pid=$mock_pid port=$mock_port
rss() { awk '/^VmRSS:/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$pid/status"; }

printf "%-16s %s\n" "idle:" "$(rss)"
python3 scripts/preload.py "$port" rss-0 10000 >/dev/null
printf "%-16s %s\n" "10000 stored:" "$(rss)"
for batch in "1 2 3" "4 5 6" "7 8 9"; do
    pids=()
    for n in $batch; do
        python3 scripts/preload.py "$port" "rss-$n" 10000 >/dev/null &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done
done
stored=$(python3 -c "import json,sys,urllib.request; print(json.load(urllib.request.urlopen('http://127.0.0.1:$port/__mock/health'))['connections'])")
printf "%-16s %s\n" "$stored stored:" "$(rss)"
