#!/usr/bin/env bash
# The release: what people without a Swift toolchain install.
#
#   dist/dataarts-mock-VERSION-linux-ARCH.tar.gz          the stripped binary, README.md, LICENSE
#   dist/dataarts_mock-VERSION-py3-none-PLATFORM.whl      the Python distribution python/ with
#                                                         that same binary inside
#   dist/SHA256SUMS, dist/*.sha256                        `sha256sum -c` checks them
#
# The binary is `swift build -c release --static-swift-stdlib` (scratch path .build-release, so
# it never fights the debug build), linked as scripts/lib/release-build.sh says: the Swift
# runtime, Foundation and libstdc++ are linked in, leaving only libc, libm and libgcc_s, which
# every Linux has. This script fails if it needs any
# other library. The oldest glibc it runs on is read from its symbol versions (the highest
# GLIBC_x.y it references) and must be the one README.md states. The wheel's platform tag is
# auditwheel's verdict on the binary, never assumed.
#
# Inputs are hashed (Sources/, Plugins/, fixtures/ which the build embeds, Package.*, VERSION,
# README.md, LICENSE, python/, this script, the Swift version); when dist/ was made from the same
# hash it is reused as it is, and otherwise SwiftPM rebuilds what changed. RELEASE_FORCE=1
# rebuilds dist/ anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

version=$(scripts/check-version.sh)
arch=$(uname -m)
scratch=$root/.build-release
dist=$root/dist
name=dataarts-mock-$version-linux-$arch
log() { printf 'release: %s\n' "$*"; }

# --- the inputs ------------------------------------------------------------------------------
inputs_hash() {
    {
        swift --version 2>/dev/null
        find Sources Plugins fixtures python Package.swift Package.resolved VERSION README.md LICENSE scripts/release.sh \
            scripts/lib/release-build.sh scripts/link \
            -type f -not -path '*/__pycache__/*' -not -path '*/.pytest_cache/*' 2>/dev/null \
            | LC_ALL=C sort | xargs sha256sum
    } | sha256sum | cut -d' ' -f1
}
hash=$(inputs_hash)
if [[ ${RELEASE_FORCE:-0} != 1 && -f $dist/.inputs && $(cat "$dist/.inputs") == "$hash" ]] \
    && (cd "$dist" && sha256sum --quiet -c SHA256SUMS); then
    log "dist/ was made from these very inputs ($hash); reusing it"
    exit 0
fi

# --- tools (the same pattern as scripts/python-sdk.sh) -----------------------------------------
if ! command -v objdump >/dev/null || ! command -v readelf >/dev/null || ! command -v strip >/dev/null; then
    log "installing binutils"
    timeout 300 apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq binutils >/dev/null
fi
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    log "installing python3-venv"
    timeout 300 apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq python3-venv >/dev/null
fi
venv=$root/.venv-release
if [[ ! -x $venv/bin/python ]]; then
    python3 -m venv "$venv"
fi
py=$venv/bin/python
timeout 600 "$py" -m pip install -q --disable-pip-version-check -r python/requirements-release.txt

# --- 1. the binary ---------------------------------------------------------------------------
log "swift build -c release --static-swift-stdlib, linked by scripts/lib/release-build.sh (scratch path .build-release)"
started=$(date +%s)
build_log=$(mktemp)
stage=$(mktemp -d)
trap 'rm -rf "$stage" "$build_log"' EXIT
# nice runs commands, not functions: the sourced function runs in a niced shell.
# shellcheck disable=SC2016  # $1 is that shell's
if ! nice bash -c 'source scripts/lib/release-build.sh && release_build "$1"' release-build "$scratch" >"$build_log" 2>&1; then
    cat "$build_log" >&2
    exit 1
fi
log "built in $(($(date +%s) - started)) s"

mkdir "$stage/$name"
bin=$stage/$name/dataarts-mock
cp "$scratch/release/dataarts-mock" "$bin"
strip "$bin"
cp README.md LICENSE "$stage/$name/"

printed=$(env -i "$bin" --version)
if [[ $printed != "$version" ]]; then
    echo "release.sh: the binary's --version says '$printed', VERSION says '$version'" >&2
    exit 1
fi

# Only the libraries every glibc system has; anything else would make the tarball a lie.
needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort)
for library in $needed; do
    case $library in
        libc.so.6 | libm.so.6 | libstdc++.so.6 | libgcc_s.so.1 | ld-linux-*.so.* | libdl.so.2 | libpthread.so.0 | librt.so.1) ;;
        *) echo "release.sh: the binary needs $library, which a machine without Swift may lack" >&2; exit 1 ;;
    esac
done

glibc_floor=$(objdump -T "$bin" | grep -oE 'GLIBC_[0-9]+\.[0-9]+(\.[0-9]+)?' | sed 's/^GLIBC_//' | sort -uV | tail -1)
if ! grep -q "glibc $glibc_floor or newer" README.md; then
    echo "release.sh: the binary needs glibc $glibc_floor; README.md must say \"glibc $glibc_floor or newer\"" >&2
    exit 1
fi
log "needs $(echo $needed | tr ' ' ','); glibc $glibc_floor or newer (its highest GLIBC_ symbol version)"

# --- 2. the tarball --------------------------------------------------------------------------
# Reproducible: fixed order, owner and time (the last commit's), gzip without a name or stamp.
rm -rf "$dist"
mkdir -p "$dist"
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage" -cf - "$name" \
    | gzip -n -9 >"$dist/$name.tar.gz"

# --- 3. the wheel ----------------------------------------------------------------------------
# Built from a copy of python/ with links resolved (VERSION, LICENSE) and the binary added, so
# the work tree is never written to. setup.py refuses to build without the binary.
cp -RL python "$stage/python"
rm -rf "$stage/python/tests" "$stage/python/build"
mkdir -p "$stage/python/src/dataarts_mock/bin"
cp "$bin" "$stage/python/src/dataarts_mock/bin/dataarts-mock"
(cd "$stage/python" && "$py" -m build --wheel --no-isolation --outdir "$stage/wheel" . >"$build_log" 2>&1) \
    || { cat "$build_log" >&2; exit 1; }
raw_wheel=$(ls "$stage"/wheel/*.whl)

# auditwheel reads every ELF file in the wheel (here the one binary) and names the most widely
# compatible manylinux policy it satisfies: its glibc, libstdc++ and libgcc_s symbol versions and
# its libraries. No such policy: the wheel is not portable and the release fails.
"$venv/bin/auditwheel" show "$raw_wheel" >"$build_log" 2>&1 || { cat "$build_log" >&2; exit 1; }
platform=$(tr '\n' ' ' <"$build_log" | grep -oE '"manylinux_[0-9]+_[0-9]+_[a-z0-9_]+"' | head -1 | tr -d '"')
if [[ -z $platform ]]; then
    cat "$build_log" >&2
    echo "release.sh: auditwheel found no manylinux policy the binary satisfies" >&2
    exit 1
fi
# The policy's glibc can be newer than the floor (libstdc++'s symbol versions count too), never older.
policy_glibc=$(echo "$platform" | sed -E 's/^manylinux_([0-9]+)_([0-9]+)_.*/\1.\2/')
if [[ $(printf '%s\n%s\n' "$glibc_floor" "$policy_glibc" | sort -V | tail -1) != "$policy_glibc" ]]; then
    echo "release.sh: auditwheel says $platform, older than the binary's glibc $glibc_floor" >&2
    exit 1
fi
"$py" -m wheel tags --remove --platform-tag "$platform" "$raw_wheel" >/dev/null
cp "$stage"/wheel/*.whl "$dist/"
wheel=$(cd "$dist" && ls ./*.whl)
wheel=${wheel#./}

(cd "$dist" && sha256sum "$name.tar.gz" "$wheel" >SHA256SUMS \
    && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256" && sha256sum "$wheel" >"$wheel.sha256")
echo "$glibc_floor" >"$dist/GLIBC_FLOOR"
echo "$hash" >"$dist/.inputs"
log "dist/$name.tar.gz $(du -h "$dist/$name.tar.gz" | cut -f1)"
log "dist/$wheel $(du -h "$dist/$wheel" | cut -f1) (auditwheel: $platform)"
log "dist/SHA256SUMS"
