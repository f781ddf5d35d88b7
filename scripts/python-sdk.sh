#!/usr/bin/env bash
# The vendor's Python SDKs against the mock: pytest examples/python, then the
# example scripts examples/python/roundtrip.py (permissive mock) and
# examples/python/seed_workflow.py (the seed's whole workflow with huaweicloudsdkiam,
# -cdm and -dataartsstudio, strict mock) once each against a mock started here.
#
#   scripts/python-sdk.sh            # MOCK_BIN defaults to .build/debug/dataarts-mock
#   MOCK_BIN=path/to/dataarts-mock scripts/python-sdk.sh
#
# Creates (or reuses) the virtualenv .venv in the repo root and installs
# examples/python/requirements.txt there. Everything listens on 127.0.0.1 only,
# and every step is time-bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

export MOCK_BIN="${MOCK_BIN:-.build/debug/dataarts-mock}"
case "$MOCK_BIN" in /*) ;; *) MOCK_BIN="$root/$MOCK_BIN" ;; esac
if [[ ! -x "$MOCK_BIN" ]]; then
    echo "python-sdk.sh: no mock binary at $MOCK_BIN (swift build, or set MOCK_BIN)" >&2
    exit 1
fi

# --- virtualenv ---------------------------------------------------------------
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    echo "python-sdk.sh: installing python3-venv"
    timeout 300 apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq python3-venv >/dev/null
fi
if [[ ! -x .venv/bin/python ]]; then
    python3 -m venv .venv
fi
py="$root/.venv/bin/python"
timeout 600 "$py" -m pip install -q --disable-pip-version-check \
    -r examples/python/requirements.txt

# Scratch space: the SDK writes $HOME/.huaweicloud/application_id; the mock its
# ready file. Removed on exit, with the mock stopped if it still runs.
tmp=$(mktemp -d)
mock_pid=""
cleanup() {
    if [[ -n "$mock_pid" ]] && kill -0 "$mock_pid" 2>/dev/null; then
        kill -TERM "$mock_pid" 2>/dev/null || true
        wait "$mock_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
export HOME="$tmp/home"
mkdir -p "$HOME"

# --- pytest -------------------------------------------------------------------
echo "== pytest examples/python"
timeout 600 "$py" -m pytest -q -p no:cacheprovider examples/python

# --- the example scripts, each against a mock of its own --------------------------
# start_mock NAME ARGS...: starts the mock, waits for its ready file, sets $url.
start_mock() {
    local name=$1
    shift
    "$MOCK_BIN" --host 127.0.0.1 --port 0 --ready-file "$tmp/$name.json" "$@" \
        >/dev/null 2>"$tmp/$name.log" &
    mock_pid=$!
    for _ in $(seq 300); do  # up to 30 s
        [[ -s "$tmp/$name.json" ]] && break
        if ! kill -0 "$mock_pid" 2>/dev/null; then
            echo "python-sdk.sh: the mock exited before it was ready:" >&2
            cat "$tmp/$name.log" >&2
            exit 1
        fi
        sleep 0.1
    done
    if [[ ! -s "$tmp/$name.json" ]]; then
        echo "python-sdk.sh: the mock was not ready within 30 s" >&2
        exit 1
    fi
    url=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$tmp/$name.json")
}

stop_mock() {
    kill -TERM "$mock_pid"
    local status=0
    wait "$mock_pid" || status=$?
    mock_pid=""
    if [[ $status -ne 0 ]]; then
        echo "python-sdk.sh: the mock exited with $status after SIGTERM" >&2
        exit 1
    fi
}

echo "== examples/python/roundtrip.py"
start_mock roundtrip
timeout 120 "$py" examples/python/roundtrip.py --endpoint "$url"
stop_mock

echo "== examples/python/seed_workflow.py (strict mode)"
start_mock seed --auth strict --user 'alice:S3cret!' \
    --credential SEEDAK0123456789ABCD:seed-secret@0123456789abcdef0123456789abcdef:alice \
    --project cn-north-4=0123456789abcdef0123456789abcdef --cdm-cluster cdm-seed
timeout 120 "$py" examples/python/seed_workflow.py --endpoint "$url"
stop_mock
echo "python-sdk.sh: OK"
