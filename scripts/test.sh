#!/usr/bin/env bash
# Runs every test: the Swift suite, then the same suite under ThreadSanitizer.
# Installs what is missing first, so that it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
pkg-config --exists libcurl 2>/dev/null || need_apt+=(libcurl4-openssl-dev)
if ((${#need_apt[@]})); then
    echo "test.sh: installing ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Zero warnings in our own code (dependencies' warnings are not ours to fix).
build_log=$(mktemp)
swift build --build-tests 2>&1 | tee "$build_log" | grep -E "error|warning: .*(Sources|Tests)/" || true
if grep -E "^/.*/(Sources|Tests)/.*(warning|error):" "$build_log" | grep -v "/.build/" >/dev/null; then
    echo "test.sh: the build has warnings or errors in our code" >&2
    exit 1
fi
rm -f "$build_log"

echo "== swift test"
swift test --disable-xctest

echo "== swift test under ThreadSanitizer"
swift test --disable-xctest --sanitize=thread --scratch-path .build-tsan
