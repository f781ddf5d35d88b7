#!/usr/bin/env bash
# Where the mock's CPU goes on each API operation: perf's sampling profile (cpu-clock, which
# works where hardware counters are 'not supported') while wrk drives one operation at a time.
#
#   scripts/profile.sh [BINARY]        default: .build/release/dataarts-mock (built when missing)
#
# Starts the binary on 127.0.0.1 (port 0), preloads PRELOAD connections (default 10000) into one
# workspace, then for each phase (show, list, create, health) runs wrk -t2 -c64 for SECONDS
# (default 4) while perf samples the server, and prints the phase's req/s and its hottest
# functions (self time, top TOP, default 15). The perf data stays in $PROFILE_DIR (default a temp
# folder) for `perf report -i FILE`. valgrind's callgrind would give machine-independent counts,
# but valgrind 3.19 crashes in libdispatch here. Bounded: each phase is SECONDS long; the server
# is stopped on exit. Installs wrk and linux-perf when missing (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${1:-.build/release/dataarts-mock}
preload=${PRELOAD:-10000}
seconds=${SECONDS_PER_PHASE:-4}
top=${TOP:-15}
project=0123456789abcdef0123456789abcdef  # preload.py's
[[ -x $binary ]] || swift build -c release --product dataarts-mock
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v perf >/dev/null || need+=(linux-perf)
if ((${#need[@]})); then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi

dir=${PROFILE_DIR:-$(mktemp -d -t dataarts-profile.XXXXXX)}
mkdir -p "$dir"
# shellcheck source=scripts/lib/start-mock.sh
source scripts/lib/start-mock.sh
start_mock "$dir" "$binary" --max-connections-per-workspace 1000000
pid=$mock_pid port=$mock_port
base=http://127.0.0.1:$port/v1/$project/data-connections

python3 scripts/preload.py "$port" bench-list "$preload" >/dev/null
id=$(python3 scripts/preload.py "$port" bench-show 1)
cat >"$dir/headers.lua" <<'LUA'
wrk.headers["X-Auth-Token"] = "profile"
wrk.headers["workspace"] = os.getenv("WORKSPACE")
LUA
for phase in show list create health; do
    case $phase in
        show) url=$base/$id workspace=bench-show script=$dir/headers.lua ;;
        list) url="$base?limit=50&offset=0" workspace=bench-list script=$dir/headers.lua ;;
        create) url=$base workspace=bench-create script=scripts/bench-create.lua ;;
        health) url=http://127.0.0.1:$port/__mock/health workspace=- script=$dir/headers.lua ;;
    esac
    WORKSPACE=$workspace timeout $((seconds + 30)) wrk -t2 -c64 -d"${seconds}s" -s "$script" "$url" >"$dir/$phase.wrk" &
    wrk_pid=$!
    sleep 0.5
    perf record -q -e cpu-clock -F 999 -g -p $pid -o "$dir/$phase.perf" -- sleep $((seconds - 1)) >/dev/null 2>&1
    wait $wrk_pid
    echo "== $phase: $(sed -n 's/^Requests\/sec: *//p' "$dir/$phase.wrk") req/s (wrk -t2 -c64, ${seconds}s)"
    perf report -i "$dir/$phase.perf" --no-children --sort symbol -g none 2>/dev/null |
        grep -E '^ +[0-9.]+%' | head -n "$top" | cut -c1-150 || true  # head closes the pipe early
done
echo "perf data: $dir/{show,list,create,health}.perf"
