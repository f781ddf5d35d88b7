#!/usr/bin/env bash
# Counts the instructions the mock spends per API operation, with valgrind's callgrind: a count
# that does not depend on the machine's noise, so a change can be judged before and after.
#
#   scripts/profile.sh [BINARY]        default: .build/release/dataarts-mock (built when missing)
#
# Starts the binary under callgrind on 127.0.0.1 (port 0), preloads PRELOAD connections (default
# 10000) into one workspace, then for each phase (create, show, list, health) zeroes the counters,
# sends COUNT requests (default 2000) over one keep-alive connection and dumps the counters. Prints
# instructions per request for each phase; the dumps stay in $PROFILE_DIR (default a temp folder)
# for callgrind_annotate. Bounded: every phase is a fixed number of requests, the server is
# stopped on exit. Installs valgrind when missing (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${1:-.build/release/dataarts-mock}
preload=${PRELOAD:-10000}
count=${COUNT:-2000}
if [[ ! -x $binary ]]; then
    swift build -c release --product dataarts-mock
fi
command -v valgrind >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }

dir=${PROFILE_DIR:-$(mktemp -d -t dataarts-profile.XXXXXX)}
mkdir -p "$dir"
log=$dir/server.log
# valgrind 3.19 cannot read the Swift toolchain's DWARF ("possibly corrupted debuginfo"): profile
# a copy without debug sections; the symbol table stays, so functions keep their names.
strip --strip-debug -o "$dir/dataarts-mock" "$binary"
valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.%p" \
    "$dir/dataarts-mock" --port 0 --max-connections-per-workspace 1000000 >"$dir/stdout" 2>"$log" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do
    grep -q "listening on" "$dir/stdout" 2>/dev/null && break
    kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
port=$(sed -n 's/.*127.0.0.1:\([0-9]*\).*/\1/p' "$dir/stdout")
[[ -n $port ]] || { echo "profile.sh: no ready line after 60 s" >&2; exit 1; }

python3 scripts/profile-client.py "$port" preload "$preload"
printf '%-8s %10s %16s\n' phase requests instructions/req
for phase in create show list health; do
    callgrind_control --zero $pid >/dev/null
    python3 scripts/profile-client.py "$port" "$phase" "$count"
    callgrind_control --dump="$phase" $pid >/dev/null
    file=$(ls -t "$dir"/callgrind.$pid.* | head -n 1)
    total=$(sed -n 's/^summary: //p;s/^totals: //p' "$file" | head -n 1 | awk '{print $1}')
    printf '%-8s %10d %16d\n' "$phase" "$count" $((total / count))
    mv "$file" "$dir/$phase.callgrind"
done
echo "dumps: $dir/{create,show,list,health}.callgrind (callgrind_annotate FILE | head -40)"
