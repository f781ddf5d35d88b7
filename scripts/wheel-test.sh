#!/usr/bin/env bash
# The release as its users get it, without Swift:
#
#   1. dist/ matches its SHA256SUMS (scripts/release.sh makes or reuses it first);
#   2. the tarball's binary, run with an empty environment (env -i): --version, then a server on
#      a free port driven with curl (health, create, show, journal), stopped by SIGTERM (exit 0);
#   3. README.md's shell block for CI, run as it stands in a shell started with env -i and the
#      tarball's folder on PATH: it must reach the server; and with a dataarts-mock that exits at
#      once it must fail fast instead of waiting forever;
#   4. actionlint (with shellcheck) on the workflow in examples/ci/;
#   5. a fresh virtualenv (.venv-wheel-test, deleted first): the workflow's own `run:` steps on a
#      copy of examples/ci with the wheel in wheels/ (pip install, then the sample project's
#      pytest), timed from pip install to the first passing test; then the package's own tests
#      (python/tests) in the same virtualenv.
#
# Everything listens on 127.0.0.1 and every wait is bounded. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
log() { printf 'wheel-test: %s\n' "$*"; }
fail() { printf 'wheel-test: FAILED: %s\n' "$*" >&2; exit 1; }

scripts/release.sh
version=$(scripts/check-version.sh)
name=dataarts-mock-$version-linux-$(uname -m)
tarball=$root/dist/$name.tar.gz
wheel=$(ls "$root"/dist/dataarts_mock-"$version"-py3-none-*.whl)
tools=$root/.venv-release   # made by release.sh from python/requirements-release.txt

need_apt=()
command -v curl >/dev/null || need_apt+=(curl)
command -v shellcheck >/dev/null || need_apt+=(shellcheck)
if ((${#need_apt[@]})); then
    log "installing ${need_apt[*]}"
    timeout 300 apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

tmp=$(mktemp -d)
mock_pid=""
cleanup() {
    if [[ -n $mock_pid ]] && kill -0 "$mock_pid" 2>/dev/null; then
        kill -KILL "$mock_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
export NO_PROXY="127.0.0.1${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1${no_proxy:+,$no_proxy}"

# --- 1. checksums ---------------------------------------------------------------------------
(cd dist && sha256sum --quiet --strict -c SHA256SUMS) || fail "dist/SHA256SUMS does not match"
log "dist/SHA256SUMS verified"
grep -qF "pip install ${wheel##*/}" README.md || fail "README.md's install example must name the wheel as built: ${wheel##*/}"

# --- 2. the tarball's binary with an empty environment -----------------------------------------
tar xzf "$tarball" -C "$tmp"
bin_dir=$tmp/$name
for file in dataarts-mock README.md LICENSE; do
    [[ -f $bin_dir/$file ]] || fail "the tarball has no $name/$file"
done
printed=$(env -i "$bin_dir/dataarts-mock" --version)
[[ $printed == "$version" ]] || fail "env -i dataarts-mock --version printed '$printed', not $version"

env -i "$bin_dir/dataarts-mock" --port 0 --ready-file "$tmp/ready.json" >/dev/null 2>"$tmp/mock.log" &
mock_pid=$!
for _ in $(seq 300); do
    [[ -s $tmp/ready.json ]] && break
    kill -0 "$mock_pid" 2>/dev/null || { cat "$tmp/mock.log" >&2; fail "env -i dataarts-mock exited before it was ready"; }
    sleep 0.1
done
[[ -s $tmp/ready.json ]] || fail "env -i dataarts-mock was not ready within 30 s"
url=$(sed 's/.*"url":"\([^"]*\)".*/\1/' "$tmp/ready.json")
project=0123456789abcdef0123456789abcdef
headers=(-H 'X-Auth-Token: any-token' -H 'workspace: ws1' -H 'Content-Type: application/json')
curl() { command curl --silent --show-error --fail --max-time 10 "$@"; }
curl "$url/__mock/health" | grep -q '"status":"ok"' || fail "health"
created=$(curl -X POST "${headers[@]}" "$url/v1/$project/data-connections" \
    -d '{"data_source_vos":[{"dw_name":"env_i_dws","dw_type":"DWS","dw_config":{"host":"h"},"env_type":0}]}')
id=$(echo "$created" | sed -n 's/^{"data_connection_id":"\([0-9a-f]\{32\}\)"}$/\1/p')
[[ -n $id ]] || fail "create answered $created"
curl "${headers[@]}" "$url/v1/$project/data-connections/$id" | grep -q '"dw_name":"env_i_dws"' || fail "show"
[[ $(curl "$url/__mock/requests" | grep -o '"seq":' | wc -l) == 2 ]] || fail "the journal does not hold the 2 requests"
kill -TERM "$mock_pid"
status=0
wait "$mock_pid" || status=$?
mock_pid=""
[[ $status == 0 ]] || { cat "$tmp/mock.log" >&2; fail "env -i dataarts-mock exited $status after SIGTERM"; }
log "the tarball's binary under env -i: --version, health, create, show, journal, SIGTERM exit 0"

# --- 3. README.md's shell block -----------------------------------------------------------------
placeholder='# … run your tests against $DATAARTS_ENDPOINT …'
snippet=$(awk '/^## Using it in a test suite/ { section = 1 } section && /^```sh$/ { inside = 1; next }
               inside && /^```$/ { exit } inside { print }' README.md)
grep -qF "$placeholder" <<<"$snippet" || fail "README.md's block under 'Using it in a test suite' lost its placeholder line"
probe='curl -sf --max-time 10 "$DATAARTS_ENDPOINT/__mock/health" > "$PROBE_OUT"'
runnable=${snippet/"$placeholder"/"$probe"}
(cd "$tmp" && env -i PATH="$bin_dir:/usr/bin:/bin" PROBE_OUT="$tmp/probe.json" timeout 60 bash -c "$runnable") \
    || fail "README.md's shell block failed"
grep -q '"status":"ok"' "$tmp/probe.json" || fail "README.md's shell block did not reach the server"

mkdir "$tmp/broken"
printf '#!/bin/sh\necho "bad flag" >&2\nexit 64\n' >"$tmp/broken/dataarts-mock"
chmod +x "$tmp/broken/dataarts-mock"
status=0
(cd "$tmp" && env -i PATH="$tmp/broken:/usr/bin:/bin" PROBE_OUT=/dev/null timeout 20 bash -c "$runnable") \
    >/dev/null 2>"$tmp/broken.log" || status=$?
[[ $status == 1 ]] || fail "README.md's shell block exited $status (want 1) for a dataarts-mock that exits at once"
grep -q "bad flag" "$tmp/broken.log" || fail "README.md's shell block did not show the exited server's stderr"
log "README.md's shell block: works from env -i, fails fast and shows the log when the server exits"

# --- 4. actionlint ------------------------------------------------------------------------------
"$tools/bin/actionlint" -shellcheck "$(command -v shellcheck)" examples/ci/.github/workflows/*.yml \
    || fail "actionlint"
log "actionlint (with shellcheck): examples/ci/.github/workflows clean"

# --- 5. a fresh virtualenv: the workflow's steps, then the package's own tests --------------------
venv=$root/.venv-wheel-test
rm -rf "$venv"
python3 -m venv "$venv"
project_dir=$tmp/sample-project
cp -R examples/ci "$project_dir"
mkdir -p "$project_dir/wheels"
cp "$wheel" "$root/dist/SHA256SUMS" "$project_dir/wheels/"

# The workflow's `run:` steps, in order, each as GitHub runs it (bash -e), with the fresh
# virtualenv's python first on PATH as actions/setup-python would put its own.
"$tools/bin/python" - examples/ci/.github/workflows/tests.yml "$tmp/steps" <<'EOF'
import os, sys, yaml
workflow = yaml.safe_load(open(sys.argv[1]))
steps = [s["run"] for job in workflow["jobs"].values() for s in job["steps"] if "run" in s]
os.makedirs(sys.argv[2])
for number, script in enumerate(steps):
    open(os.path.join(sys.argv[2], f"{number}.sh"), "w").write(script)
EOF
steps=("$tmp"/steps/*.sh)
((${#steps[@]} == 2)) || fail "expected the workflow's 2 run: steps (install, pytest), found ${#steps[@]}"
started=$(date +%s.%N)
(cd "$project_dir" && PATH="$venv/bin:$PATH" timeout 600 bash -e "${steps[0]}" >"$tmp/install.log" 2>&1) \
    || { cat "$tmp/install.log" >&2; fail "the workflow's install step"; }
installed=$(date +%s.%N)
first_pass=""
last=""
while IFS= read -r line; do
    printf '%s\n' "$line"
    last=$line
    if [[ -z $first_pass && $line == *" PASSED"* ]]; then
        first_pass=$(date +%s.%N)
    fi
done < <(cd "$project_dir" && PATH="$venv/bin:$PATH" timeout 300 bash -e "${steps[1]}" 2>&1; echo "exit status $?")
[[ $last == "exit status 0" ]] || fail "the sample project's tests (the workflow's pytest step): $last"
[[ -n $first_pass ]] || fail "the sample project's tests passed nothing"
log "$(awk -v s="$started" -v i="$installed" -v p="$first_pass" \
    'BEGIN { printf "fresh venv: pip install %.1f s; first passing test %.1f s after pip install began", i - s, p - s }')"

DATAARTS_MOCK_EXPECTED_VERSION=$version timeout 300 "$venv/bin/python" -m pytest -q -p no:cacheprovider python/tests \
    || fail "python/tests"
log "OK"
