#!/usr/bin/env bash
# The top-level VERSION file is the one version of the project: scripts/release.sh names the
# tarball after it, the wheel's pyproject.toml reads it (python/VERSION is a link to it), and the
# CLI's `--version` prints ReleaseVersion.string, which cannot read a file at build time and so is
# checked here instead. Fails when they differ, when VERSION is not MAJOR.MINOR.PATCH, or when
# the sample project's pin or README.md's install example name another version.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(tr -d '[:space:]' < VERSION)
if [[ ! $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "check-version.sh: VERSION holds '$version', not MAJOR.MINOR.PATCH" >&2
    exit 1
fi
swift_file=Sources/dataarts-mock/ReleaseVersion.swift
swift_version=$(sed -n 's/^ *static let string = "\(.*\)"$/\1/p' "$swift_file")
if [[ $swift_version != "$version" ]]; then
    echo "check-version.sh: $swift_file says '$swift_version', VERSION says '$version'; make them equal" >&2
    exit 1
fi
if [[ $(readlink python/VERSION) != ../VERSION ]]; then
    echo "check-version.sh: python/VERSION must be a link to ../VERSION" >&2
    exit 1
fi
# Where the version is written out for people to copy: the sample project's pin and README.md.
if ! grep -qx "dataarts-mock==$version" examples/ci/requirements.txt; then
    echo "check-version.sh: examples/ci/requirements.txt must pin dataarts-mock==$version" >&2
    exit 1
fi
if ! grep -q "dataarts-mock-$version-linux-" README.md; then
    echo "check-version.sh: README.md's install example must name dataarts-mock-$version-linux-…" >&2
    exit 1
fi
echo "$version"
