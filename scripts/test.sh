#!/usr/bin/env bash
# Runs every test: the Swift suite, the contract check (OpenAPI + schemathesis), the vendor's
# Python SDK against the mock, a short fuzz of the live server over sockets, the release
# (static binary, tarball, wheel) as users without Swift get it, the dashboard in headless
# Chromium (selenium), then the Swift suite again under ThreadSanitizer.
# Installs what is missing first (Debian packages, a Python virtualenv), so that it works on a
# fresh machine. Every server it starts listens on 127.0.0.1 only and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
pkg-config --exists libcurl 2>/dev/null || need_apt+=(libcurl4-openssl-dev)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
if ((${#need_apt[@]})); then
    echo "test.sh: installing ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "== VERSION and the CLI's --version agree"
scripts/check-version.sh >/dev/null

echo "== swift build (warnings in our code fail the run)"
build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
if ! swift build --build-tests >"$build_log" 2>&1; then
    cat "$build_log" >&2
    exit 1
fi
if grep -E "^/.*/(Sources|Tests)/.*warning:" "$build_log" | grep -v "/\.build"; then
    echo "test.sh: the build has warnings in our code" >&2
    exit 1
fi

echo "== swift test"
swift test --disable-xctest --skip-build

echo "== contract: fixtures/openapi.json against the running server"
MOCK_BIN=.build/debug/dataarts-mock scripts/contract.sh

echo "== the vendor's Python SDK against the mock"
MOCK_BIN=.build/debug/dataarts-mock scripts/python-sdk.sh

echo "== the live server under 20 s of socket fuzzing (scripts/fuzz.sh live)"
MOCK_BIN=.build/debug/dataarts-mock scripts/fuzz.sh live 20

echo "== the release without Swift: tarball under env -i, README's CI block, actionlint, the wheel in a fresh venv"
scripts/wheel-test.sh

echo "== the dashboard in a real browser (headless Chromium, selenium)"
MOCK_BIN=.build/debug/dataarts-mock scripts/browser-test.sh

echo "== swift test under ThreadSanitizer"
swift test --disable-xctest --sanitize=thread --scratch-path .build-tsan
