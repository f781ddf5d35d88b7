#!/usr/bin/env bash
# Benchmarks dataarts-mock against nginx, on 127.0.0.1 only, with wrk:
#   keep-alive and connection-churn GET /__mock/health on both servers (64 connections, 2 threads),
#   the API itself on the mock (show; list with limit=50 in a workspace of 100 and one of 10,000;
#   show with Connection: close), the mock's RSS idle, with 10k and after load, its startup time
#   (median of 5), and a create workload (POST /v1/{project_id}/data-connections, unique names,
#   scripts/bench-create.lua), in memory and with --state-file.
# The mock runs as users run it: access log on (info), to a file. BENCH_LOG_LEVEL=warning turns
# the per-request lines off, to see what they cost.
#
#   scripts/bench.sh            this script's own table
#   scripts/bench.sh --peers    then ../shared/bench/compare.sh with the same binary beside its peers
#                               (Hummingbird 2, FlyingFox, Python, nginx; builds them first)
# Every run is bounded (BENCH_SECONDS per wrk run, default 10, killed 30 s late); every process it starts is stopped
# on exit, Ctrl-C included. Installs wrk and nginx-light when missing (Debian; needs root).
set -euo pipefail
cd "$(dirname "$0")/.."

peers=false
case "${1:-}" in
    "") ;;
    --peers) peers=true ;;
    *) echo "usage: scripts/bench.sh [--peers]" >&2; exit 64 ;;
esac
bench_seconds=${BENCH_SECONDS:-10}
log_level=${BENCH_LOG_LEVEL:-info}
[[ $bench_seconds =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: BENCH_SECONDS must be a positive integer" >&2; exit 64; }
readonly connections=64 threads=2 host=127.0.0.1
readonly project=0123456789abcdef0123456789abcdef  # scripts/preload.py's

# --- tools -----------------------------------------------------------------------------------------
need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || need_apt+=(nginx-light)
command -v python3 >/dev/null || need_apt+=(python3)
if ((${#need_apt[@]})); then
    echo "bench.sh: installing ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

# --- cleanup: every process this script starts is in started_pids --------------------------------
tmp=$(mktemp -d -t dataarts-bench.XXXXXX)
started_pids=()
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    local pid alive
    for pid in "${started_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 100); do # up to 10 s for all of them together
        alive=0
        for pid in "${started_pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        ((alive)) || break
        sleep 0.1
    done
    for pid in "${started_pids[@]}"; do
        kill -0 "$pid" 2>/dev/null && echo "bench.sh: pid $pid ignored SIGTERM for 10 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# forget_pid PID: once a child is reaped its number may be reused, so cleanup must not signal it.
forget_pid() {
    local pid kept=()
    for pid in "${started_pids[@]}"; do [[ $pid == "$1" ]] || kept+=("$pid"); done
    started_pids=("${kept[@]}")
}

# --- helpers ---------------------------------------------------------------------------------------
# probe.py PORT PATH [BODY_FILE] [WAIT_SECONDS]: one GET over a fresh connection; prints
# "STATUS HEADER_BYTES BODY_BYTES" and saves the body. Retries connecting for WAIT_SECONDS.
cat >"$tmp/probe.py" <<'PY'
import socket, sys, time
port, path = int(sys.argv[1]), sys.argv[2]
body_file = sys.argv[3] if len(sys.argv) > 3 else ""
deadline = time.monotonic() + (float(sys.argv[4]) if len(sys.argv) > 4 else 0)
while True:
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        break
    except OSError:
        if time.monotonic() > deadline: raise
        time.sleep(0.05)
s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
data = b""
while chunk := s.recv(65536): data += chunk
head, _, body = data.partition(b"\r\n\r\n")
if body_file: open(body_file, "wb").write(body)
print(head.split(b" ")[1].decode(), len(head) + 4, len(body))
PY
probe() { python3 "$tmp/probe.py" "$@"; }

# statuses.lua: counts statuses and keeps one body per status, for diagnosing non-2xx answers.
cat >"$tmp/statuses.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
counts, samples = {}, {}
function response(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
    if samples[status] == nil then samples[status] = string.sub(body or "", 1, 160) end
end
function done()
    local total, sample = {}, {}
    for _, thread in ipairs(threads) do
        for status, n in pairs(thread:get("counts")) do total[status] = (total[status] or 0) + n end
        for status, body in pairs(thread:get("samples")) do sample[status] = sample[status] or body end
    end
    for status, n in pairs(total) do io.write(string.format("lua: %d x%d  %s\n", status, n, sample[status])) end
end
LUA

rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# start_mock NAME [FLAGS…]: starts the release mock on a free port; sets mock_pid and mock_port.
start_mock() {
    local name=$1; shift
    local ready="$tmp/$name.ready.json"
    "$bin" --host "$host" --port 0 --ready-file "$ready" --log-level "$log_level" "$@" \
        >"$tmp/$name.stdout" 2>"$tmp/$name.stderr" &
    mock_pid=$!
    started_pids+=("$mock_pid")
    for _ in $(seq 300); do
        [[ -s $ready ]] && break
        kill -0 "$mock_pid" 2>/dev/null || { echo "bench.sh: $name exited at start:" >&2; cat "$tmp/$name.stderr" >&2; exit 1; }
        sleep 0.05
    done
    [[ -s $ready ]] || { echo "bench.sh: $name wrote no ready file within 15 s" >&2; exit 1; }
    read -r mock_port ready_pid < <(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["port"], d["pid"])' "$ready")
    [[ $ready_pid == "$mock_pid" ]] || { echo "bench.sh: ready file pid $ready_pid, started $mock_pid" >&2; exit 1; }
}

# check_alive NAME PID: a crash under load is a result, not a detail.
check_alive() {
    if ! kill -0 "$2" 2>/dev/null; then
        local code=0
        wait "$2" 2>/dev/null || code=$?
        echo "!! $1 (pid $2) is no longer running (exit status $code$( ((code > 128)) && echo ", signal $((code - 128))")); its stderr:"
        head -40 "$tmp/$1.stderr" | sed 's/^/   /'
        forget_pid "$2"
        exit 1
    fi
}

# stop_mock NAME PID: SIGTERM, which should stop it gracefully (exit 0, at most 5 s for open
# connections); after 8 s it is killed, and that is reported.
stop_reports=()
stop_mock() {
    local started code=0
    started=$(date +%s%N)
    kill -TERM "$2" 2>/dev/null || true
    for _ in $(seq 80); do kill -0 "$2" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$2" 2>/dev/null; then
        kill -KILL "$2" 2>/dev/null || true
        wait "$2" 2>/dev/null || true
        stop_reports+=("!! $1 (pid $2) was still running 8 s after SIGTERM; killed with SIGKILL")
        forget_pid "$2"
    else
        wait "$2" 2>/dev/null || code=$?
        stop_reports+=("   $1 (pid $2) stopped on SIGTERM in $((($(date +%s%N) - started) / 1000000)) ms, exit status $code")
        forget_pid "$2"
    fi
}

# run_wrk OUT_FILE SECONDS WRK_ARGS…: a bounded wrk run; its whole output stays in OUT_FILE.
# In the background plus `wait`, so that Ctrl-C runs the trap at once: wrk handles SIGINT and
# exits 0, and a shell waiting on a foreground child that does so carries on.
run_wrk() {
    local out=$1 seconds=$2 pid code=0
    shift 2
    timeout -k 5 $((seconds + 30)) wrk -t "$threads" -c "$connections" -d "${seconds}s" --latency "$@" >"$out" 2>&1 &
    pid=$!
    started_pids+=("$pid")
    wait "$pid" || code=$?
    forget_pid "$pid"
    return "$code"
}

# bench_wrk OUT_FILE WRK_ARGS…: a run for the table, BENCH_SECONDS long; a failed run ends the script.
bench_wrk() {
    run_wrk "$1" "$bench_seconds" "${@:2}" || {
        echo "!! wrk failed (${*:2}); its output:"
        cat "$1"
        exit 1
    }
}

# parse_wrk FILE → "REQ/S 2XX_REQ/S P50_MS P99_MS REQUESTS SOCKET_ERRORS NON_2XX"
parse_wrk() {
    awk '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
            if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
            return v
        }
        /^ +50% / { p50 = ms($2) }
        /^ +99% / { p99 = ms($2) }
        / requests in / { requests = $1 }
        /^Requests\/sec:/ { rps = $2 }
        /Socket errors:/ { gsub(",", ""); socket = "c" $4 "/r" $6 "/w" $8 "/t" $10 }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        END {
            ok_rps = requests > 0 ? rps * (requests - non2xx) / requests : 0
            printf "%s %.2f %.2f %.2f %s %s %s\n", rps, ok_rps, p50, p99, requests, (socket == "" ? "none" : socket), non2xx + 0
        }
    ' "$1"
}

rows=()
notes=()
# add_row SERVER WORKLOAD WRK_FILE [EXTRA_ERRORS]: parses a run into the table and remembers req/s.
add_row() {
    local rps ok_rps p50 p99 requests socket non2xx
    read -r rps ok_rps p50 p99 requests socket non2xx < <(parse_wrk "$3")
    rows+=("$1|$2|$rps|$ok_rps|$p50|$p99|$requests|$socket|$non2xx${4:+|$4}")
    last_rps=$rps
    last_ok_rps=$ok_rps
    last_non2xx=$non2xx
}

percent() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "n/a" }'; }

# --- 1. build ----------------------------------------------------------------------------------------
# The binary users without Swift get (the tarball's and the wheel's), built as scripts/release.sh
# builds it, so the two share one build folder.
echo "== building the release binary (scripts/lib/release-build.sh: swift build -c release --static-swift-stdlib --scratch-path .build-release)"
build_started=$(date +%s)
# shellcheck source=scripts/lib/release-build.sh
source scripts/lib/release-build.sh
if ! release_build .build-release >"$tmp/build.log" 2>&1; then
    tail -40 "$tmp/build.log"
    exit 1
fi
built=$(swift build -c release --static-swift-stdlib --scratch-path .build-release --show-bin-path)/dataarts-mock
# A private copy: a rebuild in .build-release during the run must not change what is measured.
bin="$tmp/dataarts-mock"
cp "$built" "$bin"
source_state=""
if git rev-parse --git-dir >/dev/null 2>&1; then
    changed=$(git status --porcelain -- Sources Package.swift | wc -l)
    source_state=" from $(git rev-parse --short HEAD)"
    # An if, not `((changed)) && …`: with set -e, a clean tree (0) must not end the script.
    if ((changed)); then source_state+=" + uncommitted changes in $changed files under Sources/"; fi
fi
echo "   built in $(($(date +%s) - build_started)) s$source_state; measuring a copy of $built"
help_text=$("$bin" --help 2>&1 || true)

# --- 2. servers --------------------------------------------------------------------------------------
echo "== machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(uname -sr)"
echo "   wrk, nginx and the mock share these cores; all traffic is loopback to $host."
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews every figure)"
echo "   $(wrk --version 2>&1 | head -1 | awk '{ print $1, $2 }'), $("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //')"

start_mock mock --max-connections-per-workspace 100000  # room for the 10,000-connection list workspace
main_pid=$mock_pid
health_status=$(probe "$mock_port" /__mock/health "$tmp/health.json")
idle_rss=$(rss_mib "$main_pid")
echo "== dataarts-mock: pid $mock_pid, port $mock_port, --log-level $log_level (stderr to a file)"
echo "   GET /__mock/health → $health_status (status, header bytes, body bytes): $(cat "$tmp/health.json")"

body=$(cat "$tmp/health.json")
[[ $body != *[\'\\\$]* && $body != *$'\n'* ]] || { echo "bench.sh: health body unfit for an nginx string" >&2; exit 1; }
nginx_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$tmp/nginx"
temp_paths=""
for kind in client_body proxy fastcgi uwsgi scgi; do
    "$nginx_bin" -V 2>&1 | grep -q -- "--without-http_${kind}_module" || temp_paths+="    ${kind}_temp_path $tmp/nginx/$kind;"$'\n'
done
cat >"$tmp/nginx/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes auto;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
$temp_paths    server {
        listen $host:$nginx_port;
        location = /__mock/health {
            default_type application/json;
            return 200 '$body';
        }
    }
}
EOF
"$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" >"$tmp/nginx.stderr" 2>&1 &
nginx_pid=$!
started_pids+=("$nginx_pid")
nginx_health=$(probe "$nginx_port" /__mock/health "" 10) || { cat "$tmp/nginx.stderr" "$tmp/nginx/error.log" >&2; exit 1; }
# The master's children, from /proc (no procps needed); wait until `auto`'s nproc have started.
children_of() {
    awk -v parent="$1" '{ pid = FILENAME; gsub(/[^0-9]/, "", pid); sub(/^.*\) /, ""); if ($2 == parent) print pid }' \
        /proc/[0-9]*/stat 2>/dev/null || true
}
nginx_workers=()
for _ in $(seq 40); do
    mapfile -t nginx_workers < <(children_of "$nginx_pid")
    ((${#nginx_workers[@]} >= $(nproc))) && break
    sleep 0.05
done
started_pids+=("${nginx_workers[@]}") # stopped by the master; listed in case it dies first
echo "== nginx: master pid $nginx_pid, port $nginx_port, master_process on, worker_processes auto" \
    "→ ${#nginx_workers[@]} workers, access_log off, keepalive_requests 1000000, keepalive_timeout 60s"
echo "   GET /__mock/health → $nginx_health (status, header bytes, body bytes): the mock's body as captured above"
echo "   (the mock's body grows by a byte whenever uptime_ms gains a digit; its headers include X-Request-Id)"

# --- 3. GET /__mock/health, keep-alive and churn -------------------------------------------------------
echo "== wrk: GET /__mock/health, $connections connections, $threads threads, ${bench_seconds} s each, --latency"
for workload in keep-alive close; do
    for server in nginx dataarts-mock; do
        port=$nginx_port; [[ $server == dataarts-mock ]] && port=$mock_port
        extra=(); [[ $workload == close ]] && extra=(-H "Connection: close")
        echo "   $server, $workload…"
        bench_wrk "$tmp/wrk-$server-$workload.txt" "${extra[@]}" "http://$host:$port/__mock/health"
        label=$workload; [[ $workload == close ]] && label="Connection: close"
        add_row "$server" "$label" "$tmp/wrk-$server-$workload.txt"
        declare "rps_${server//-/_}_${workload//-/_}=$last_rps" "ok_${server//-/_}_${workload//-/_}=$last_ok_rps"
        if [[ $server == dataarts-mock ]]; then
            check_alive mock "$main_pid"
            if ((last_non2xx > 0)); then
                # Which statuses? wrk only counts them; 2 s more of the same load with a Lua counter tells.
                # (After the run the mock may already answer 200 again, so a single probe would mislead.)
                sleep 3
                run_wrk "$tmp/diagnostic.txt" 2 -s "$tmp/statuses.lua" "${extra[@]}" "http://$host:$port/__mock/health" || true
                total=$(awk '/ requests in / { print $1 }' "$tmp/wrk-$server-$workload.txt")
                notes+=("!! dataarts-mock, $label: $last_non2xx of $total responses were not 2xx.")
                notes+=("   Diagnostic: 2 s more of the same load, after a 3 s pause, with a Lua status counter:")
                while IFS= read -r line; do notes+=("     $line"); done < <(grep '^lua:' "$tmp/diagnostic.txt")
                check_alive mock "$main_pid"
            fi
        fi
    done
done

# --- 4. the API: show, list at 100 and 10,000 stored, show with Connection: close -----------------------
echo "== preloading 100 and 10,000 connections (scripts/preload.py, one keep-alive connection)"
python3 scripts/preload.py "$mock_port" bench-list-100 100 >/dev/null
python3 scripts/preload.py "$mock_port" bench-list-10000 10000 >/dev/null
show_id=$(python3 scripts/preload.py "$mock_port" bench-show 1)
rss_10k=$(rss_mib "$main_pid")
cat >"$tmp/api.lua" <<'LUA'
wrk.headers["X-Auth-Token"] = "bench"
wrk.headers["workspace"] = os.getenv("BENCH_WORKSPACE")
LUA
api=http://$host:$mock_port/v1/$project/data-connections
echo "== wrk: the API on the mock, $connections connections, $threads threads, ${bench_seconds} s each"
for workload in show list-100 list-10000 show-close; do
    extra=()
    case $workload in
        show) url=$api/$show_id workspace=bench-show label="show GET" ;;
        list-100) url="$api?limit=50&offset=0" workspace=bench-list-100 label="list GET (100 stored)" ;;
        list-10000) url="$api?limit=50&offset=0" workspace=bench-list-10000 label="list GET (10,000 stored)" ;;
        show-close) url=$api/$show_id workspace=bench-show label="show GET, Connection: close" extra=(-H "Connection: close") ;;
    esac
    echo "   $label…"
    BENCH_WORKSPACE=$workspace bench_wrk "$tmp/wrk-$workload.txt" -s "$tmp/api.lua" "${extra[@]}" "$url"
    add_row dataarts-mock "$label" "$tmp/wrk-$workload.txt"
    ((last_non2xx == 0)) || notes+=("!! dataarts-mock, $label: $last_non2xx responses were not 2xx")
    check_alive mock "$main_pid"
done
loaded_rss=$(rss_mib "$main_pid")

# --- 6. create workload (before the table, so that one table holds every run) --------------------------
# run_create VARIANT [MOCK_FLAGS…]: a fresh mock, wrk with scripts/bench-create.lua, then a count check.
run_create() {
    local variant=$1; shift
    local name="create-$variant"
    start_mock "$name" --max-connections-per-workspace 100000000 "$@"
    local create_pid=$mock_pid create_port=$mock_port
    local before
    before=$(rss_mib "$create_pid")
    echo "   $variant: mock pid $create_pid, flags: --max-connections-per-workspace 100000000 $*"
    bench_wrk "$tmp/wrk-$name.txt" -s scripts/bench-create.lua "http://$host:$create_port/v1/$project/data-connections"
    check_alive "$name" "$create_pid"
    local responses non200
    read -r responses non200 < <(awk '/^lua: responses/ { print $3, $5 }' "$tmp/wrk-$name.txt")
    [[ -n ${responses:-} ]] || { echo "!! no lua summary in wrk's output:"; cat "$tmp/wrk-$name.txt"; exit 1; }
    grep '^lua: thread' "$tmp/wrk-$name.txt" | sed 's/^/   /' || true
    add_row dataarts-mock "create POST ($variant)" "$tmp/wrk-$name.txt" "$non200"
    local stored
    stored=$(probe "$create_port" /__mock/health "$tmp/$name.health.json" >/dev/null &&
        python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["connections"])' "$tmp/$name.health.json")
    local in_flight=$((stored - (responses - non200)))
    echo "     lua counted $responses responses, $non200 not 200; the store holds $stored connections:" \
        "$in_flight more than the 200s wrk read (requests in flight when wrk stopped; at most $connections expected)"
    ((in_flight >= 0 && in_flight <= connections)) ||
        notes+=("!! create ($variant): the store holds $stored connections for $((responses - non200)) 200s read by wrk")
    echo "     RSS $before MiB at start → $(rss_mib "$create_pid") MiB after (the store keeps every connection)"
    if (($#)) && [[ -f ${state_file:-} ]]; then
        echo "     state file after the run: $(du -h "$state_file" | cut -f1) on $(df -T "$tmp" | awk 'NR == 2 { print $2 }')"
    fi
    stop_mock "$name" "$create_pid"
}

echo "== wrk: create workload, POST /v1/$project/data-connections, unique dw_name per request," \
    "$connections connections, $threads threads, ${bench_seconds} s each, keep-alive"
run_create in-memory
# ---- HOOK: durable create variant -------------------------------------------------------------------
# Same workload against a mock that writes every acknowledged change to --state-file before answering.
# Detected from --help so that this script also runs against builds from before the flag.
if grep -q -- --state-file <<<"$help_text"; then
    state_file="$tmp/state.log"
    run_create state-file --state-file "$state_file"
else
    echo "   skipped: --state-file not supported by this build"
fi
# ---- end of HOOK ------------------------------------------------------------------------------------

# --- results -----------------------------------------------------------------------------------------
echo
echo "== results (${bench_seconds} s per run; req/s is wrk's, every response counted; 2xx/s leaves out non-2xx;"
echo "   latency in ms over every response; socket errors connect/read/write/timeout; creates also count non-200 in Lua)"
{
    echo "server|workload|req/s|2xx/s|p50 ms|p99 ms|requests|socket errors|non-2xx|non-200"
    for row in "${rows[@]}"; do echo "$row"; done
} | awk -F'|' '
    { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > width[i]) width[i] = length($i) } n = NR }
    END {
        for (r = 1; r <= n; r++) {
            line = ""
            for (i = 1; i <= 10; i++) {
                v = ((r, i) in cell) ? cell[r, i] : "-"
                line = line sprintf(i <= 2 ? "%-*s  " : "%*s  ", width[i] > 1 ? width[i] : 1, v)
            }
            print "   " line
            if (r == 1) { gsub(/./, "-", line); print "   " line }
        }
    }'
echo
echo "   mock as % of nginx, keep-alive:        req/s $(percent "$rps_dataarts_mock_keep_alive" "$rps_nginx_keep_alive")," \
    "2xx/s $(percent "$ok_dataarts_mock_keep_alive" "$ok_nginx_keep_alive")"
echo "   mock as % of nginx, Connection: close: req/s $(percent "$rps_dataarts_mock_close" "$rps_nginx_close")," \
    "2xx/s $(percent "$ok_dataarts_mock_close" "$ok_nginx_close")"
echo "   mock RSS (VmRSS): idle after start + 1 request $idle_rss MiB; with 10,101 stored $rss_10k MiB;" \
    "after every GET run $loaded_rss MiB"
echo "   load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
for note in "${notes[@]}"; do echo "$note"; done

# --- 5. startup ----------------------------------------------------------------------------------------
echo
echo "== startup: exec → ready line on stdout, 5 runs (python3: time from Popen to the line read)"
python3 - "$bin" <<'PY'
import select, statistics, subprocess, sys, time
runs = []
for _ in range(5):
    started = time.perf_counter_ns()
    child = subprocess.Popen([sys.argv[1], "--host", "127.0.0.1", "--port", "0", "--log-level", "warning"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        ready, _, _ = select.select([child.stdout], [], [], 15)
        line = child.stdout.readline().decode() if ready else ""
        elapsed = (time.perf_counter_ns() - started) / 1e6
        if not line.startswith("listening on http://"):
            sys.exit(f"!! no ready line within 15 s (got {line!r})")
        runs.append(elapsed)
    finally:
        child.kill()  # graceful stopping is checked below, on the mocks that served load
        child.wait()
print("   runs: " + ", ".join(f"{r:.1f}" for r in runs) + " ms")
print(f"   median: {statistics.median(runs):.1f} ms")
PY

check_alive mock "$main_pid"
stop_mock mock "$main_pid"
echo "== shutdown (SIGTERM)"
for report in "${stop_reports[@]}"; do echo "$report"; done
# --- the mock's own complaints -------------------------------------------------------------------------
for log in "$tmp"/*.stderr; do
    name=$(basename "$log" .stderr)
    [[ $name == nginx ]] && continue
    # The access log is on (info): only lines at warning or above are complaints. Text lines
    # read `TIME LEVEL LABEL: …`.
    complaints=$(grep -Ev '^[^ ]+ (trace|debug|info|notice) ' "$log" || true)
    if [[ -n $complaints ]]; then
        echo "!! $name logged $(wc -l <<<"$complaints") lines at warning or above; the first 10:"
        head -10 <<<"$complaints" | sed 's/^/   /'
    fi
done
if [[ -s $tmp/nginx/error.log ]]; then
    echo "!! nginx error.log: $(wc -l <"$tmp/nginx/error.log") lines; the first 5:"
    head -5 "$tmp/nginx/error.log" | sed 's/^/   /'
fi
if $peers; then
    echo
    echo "== the shared harness: the same binary beside its peers (../shared/bench/compare.sh --peers)"
    harness=../shared/bench
    [[ -x $harness/compare.sh ]] || { echo "bench.sh: $harness/compare.sh not found (it sits beside this checkout)" >&2; exit 1; }
    "$harness/build-peers.sh"
    "$harness/compare.sh" --json "$tmp/compare.json" \
        project="$bin --max-connections-per-workspace 1000000" --peers
    python3 "$harness/goal-check.py" "$tmp/compare.json" || true
fi
echo "== done"
