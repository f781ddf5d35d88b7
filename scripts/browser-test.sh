#!/usr/bin/env bash
# The dashboard in a real browser (issue 13): headless Chromium and chromedriver from Debian,
# driven by selenium (PyPI) from Tests/Browser/dashboard_test.py. Nothing downloads a browser.
#
#   scripts/browser-test.sh                          run the checks
#   scripts/browser-test.sh --screenshots DIR        also keep a screenshot of each page in DIR
#                                                    (docs/screenshots is what the README shows)
#
# Installs what is missing (apt-get: chromium chromium-driver; the virtualenv .venv-browser
# with a pinned selenium), starts the already-built mock ($MOCK_BIN, default
# .build/debug/dataarts-mock) on a free port of 127.0.0.1, and stops it on exit. Bounded:
# every wait in the checks is at most 15 s, and the whole run at most BROWSER_TIMEOUT seconds
# (240). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

SELENIUM_VERSION=4.50.0
venv=${BROWSER_VENV:-$root/.venv-browser}
mock_bin=${MOCK_BIN:-$root/.build/debug/dataarts-mock}
run_timeout=${BROWSER_TIMEOUT:-240}
shots=
case "${1:-}" in
    "") ;;
    --screenshots) shots=${2:?--screenshots needs a directory}; mkdir -p "$shots"; shots=$(cd "$shots" && pwd) ;;
    *) echo "usage: $0 [--screenshots DIR]" >&2; exit 64 ;;
esac
log() { printf 'browser-test: %s\n' "$*"; }
started=$(date +%s)

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing chromium chromium-driver (Debian)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if [[ ! -x $venv/bin/python ]]; then
    python3 -m venv "$venv"
fi
if [[ $("$venv/bin/python" -c "import importlib.metadata as m; print(m.version('selenium'))" 2>/dev/null) != "$SELENIUM_VERSION" ]]; then
    log "installing selenium==$SELENIUM_VERSION"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "selenium==$SELENIUM_VERSION"
fi
log "$(chromium --version 2>/dev/null | head -1), $(chromedriver --version | cut -d' ' -f1-2), selenium $SELENIUM_VERSION"

[[ -x $mock_bin ]] || { echo "browser-test: $mock_bin not found; build it first (swift build) or set MOCK_BIN" >&2; exit 1; }
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"
# selenium must use the chromedriver given, never look for (or download) another.
export SE_OFFLINE=true
work=$(mktemp -d)
mock_pid=
cleanup() {
    if [[ -n $mock_pid ]] && kill -0 "$mock_pid" 2>/dev/null; then
        kill -TERM "$mock_pid" 2>/dev/null || true
        wait "$mock_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$mock_bin" --host 127.0.0.1 --port 0 --ready-file "$work/ready.json" >"$work/mock.stdout" 2>"$work/mock.stderr" &
mock_pid=$!
for _ in $(seq 100); do
    [[ -s $work/ready.json ]] && break
    kill -0 "$mock_pid" 2>/dev/null || { cat "$work/mock.stderr" >&2; exit 1; }
    sleep 0.1
done
[[ -s $work/ready.json ]] || { echo "browser-test: the mock was not ready after 10 s" >&2; exit 1; }
url=$("$venv/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$work/ready.json")
log "mock pid $mock_pid at $url"

status=0
HOME=$work timeout --kill-after=10 "$run_timeout" \
    "$venv/bin/python" "$root/Tests/Browser/dashboard_test.py" "$url" "$work/mock.stderr" ${shots:+"$shots"} || status=$?
if ((status == 124)); then echo "browser-test: did not finish within ${run_timeout}s" >&2; fi
if ((status != 0)); then
    echo "browser-test: FAILED (exit $status); the end of the mock's log:" >&2
    tail -n 20 "$work/mock.stderr" >&2
fi
log "$( ((status == 0)) && echo passed || echo FAILED) in $(($(date +%s) - started))s"
exit "$status"
