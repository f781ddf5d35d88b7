# shellcheck shell=bash
# Sourced by the scripts that drive one server on 127.0.0.1 (profile.sh, rss.sh).
#
#   start_mock DIR COMMAND [ARGS...]
#
# Runs COMMAND ARGS --port 0 with its stdout and stderr in DIR, stops it on exit (then runs
# $on_exit, when the caller set it), and waits up to 10 s for its ready line. Sets mock_pid and
# mock_port; a server that exits first has its log printed and fails the script.
start_mock() {
    local dir=$1
    shift
    "$@" --port 0 >"$dir/stdout" 2>"$dir/server.log" &
    mock_pid=$!
    # shellcheck disable=SC2154  # on_exit is the caller's, and optional
    trap 'kill -TERM $mock_pid 2>/dev/null || true; wait $mock_pid 2>/dev/null || true; eval "${on_exit:-}"' EXIT
    for _ in $(seq 200); do
        grep -q "listening on" "$dir/stdout" 2>/dev/null && break
        kill -0 "$mock_pid" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
        sleep 0.05
    done
    mock_port=$(sed -n 's/.*127.0.0.1:\([0-9]*\).*/\1/p' "$dir/stdout")
    [[ -n $mock_port ]] || { echo "$(basename "$0"): no ready line from $1" >&2; exit 1; }
}
