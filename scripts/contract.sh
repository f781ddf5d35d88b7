#!/usr/bin/env bash
# Contract test: fixtures/openapi.json is a valid OpenAPI 3.0 document, and the real server
# answers as it says.
#
#   1. creates (or reuses) the virtualenv .venv-contract with pinned openapi-spec-validator and
#      schemathesis (PyPI);
#   2. validates fixtures/openapi.json with openapi-spec-validator;
#   3. starts the already-built mock ($MOCK_BIN, default .build/debug/dataarts-mock) on a free
#      port of 127.0.0.1, checks that GET /__mock/openapi.json is the fixture byte for byte (but
#      for servers[0].url, which names the address served), and
#      runs schemathesis against it, first on the six API operations (tag data-connections),
#      then on the seed's prerequisites (tags iam, workspaces, cdm: SPEC §8), then on the
#      /__mock/ controls (tag mock-controls): no 5xx, and status codes, content types,
#      response headers (X-Request-Id, X-Subject-Token) and response bodies as documented.
#
# Only 127.0.0.1 is contacted (besides PyPI for the first install). Bounded: at most
# CONTRACT_MAX_EXAMPLES generated cases per operation and phase (30), and CONTRACT_TIMEOUT
# seconds (150) for both schemathesis runs together. Exits non-zero on any failure.
#
# Environment: MOCK_BIN, CONTRACT_MAX_EXAMPLES, CONTRACT_TIMEOUT, CONTRACT_SEED (fixed by default
# so that runs repeat; set another to explore), CONTRACT_VENV (default .venv-contract, which
# belongs in .gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

OPENAPI_SPEC_VALIDATOR_VERSION=0.9.0
SCHEMATHESIS_VERSION=4.32.5

venv=${CONTRACT_VENV:-$root/.venv-contract}
mock_bin=${MOCK_BIN:-$root/.build/debug/dataarts-mock}
max_examples=${CONTRACT_MAX_EXAMPLES:-30}
run_timeout=${CONTRACT_TIMEOUT:-150}
seed=${CONTRACT_SEED:-20250101}
document=$root/fixtures/openapi.json

started=$(date +%s)
log() { printf 'contract: %s\n' "$*"; }

# --- 1. tools -------------------------------------------------------------------------------
installed_version() { "$venv/bin/python" -c "import importlib.metadata as m; print(m.version('$1'))" 2>/dev/null || true; }
if [[ ! -x $venv/bin/python ]]; then
    log "creating $venv"
    python3 -m venv "$venv"
fi
if [[ $(installed_version openapi-spec-validator) != "$OPENAPI_SPEC_VALIDATOR_VERSION" \
    || $(installed_version schemathesis) != "$SCHEMATHESIS_VERSION" ]]; then
    log "installing openapi-spec-validator==$OPENAPI_SPEC_VALIDATOR_VERSION schemathesis==$SCHEMATHESIS_VERSION"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "openapi-spec-validator==$OPENAPI_SPEC_VALIDATOR_VERSION" "schemathesis==$SCHEMATHESIS_VERSION"
fi

# --- 2. the document ------------------------------------------------------------------------
log "validating ${document#"$root"/}"
"$venv/bin/openapi-spec-validator" "$document"
# The binary embeds this file at build time (Plugins/EmbedFilesPlugin), so it cannot drift.

# --- 3. the server --------------------------------------------------------------------------
# From here on only the mock is contacted: never through a proxy.
export NO_PROXY="127.0.0.1${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1${no_proxy:+,$no_proxy}"
if [[ ! -x $mock_bin ]]; then
    echo "contract: $mock_bin not found or not executable; build it first (swift build) or set MOCK_BIN" >&2
    exit 1
fi
work=$(mktemp -d)
mock_pid=
cleanup() {
    if [[ -n $mock_pid ]] && kill -0 "$mock_pid" 2>/dev/null; then
        kill -TERM "$mock_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$mock_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$mock_pid" 2>/dev/null || true
        wait "$mock_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$mock_bin" --host 127.0.0.1 --port 0 --ready-file "$work/ready.json" --seed "$seed" \
    >"$work/mock.stdout" 2>"$work/mock.stderr" &
mock_pid=$!
for _ in $(seq 100); do
    [[ -s $work/ready.json ]] && break
    if ! kill -0 "$mock_pid" 2>/dev/null; then
        echo "contract: the mock exited before it was ready:" >&2
        cat "$work/mock.stderr" >&2
        exit 1
    fi
    sleep 0.1
done
[[ -s $work/ready.json ]] || { echo "contract: the mock was not ready after 10 s" >&2; exit 1; }
port=$("$venv/bin/python" -c 'import json,sys; print(int(json.load(open(sys.argv[1]))["port"]))' "$work/ready.json")
base=http://127.0.0.1:$port
log "mock pid $mock_pid listening on $base"

# The served document must be the fixture, byte for byte, but for servers[0].url: the address
# this request reached the mock at.
"$venv/bin/python" - "$base/__mock/openapi.json" "$document" "$base" <<'PY'
import sys, urllib.request
served = urllib.request.urlopen(sys.argv[1], timeout=10).read()
fixture = open(sys.argv[2], "rb").read()
expected = fixture.replace(b'"url": "http://127.0.0.1:8080",', ('"url": "%s",' % sys.argv[3]).encode(), 1)
if served != expected:
    sys.exit("contract: GET /__mock/openapi.json differs from fixtures/openapi.json (servers[0].url aside)")
PY

# --- 4. schemathesis ------------------------------------------------------------------------
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
deadline=$(($(date +%s) + run_timeout))
# X-Project-Id is sent with one project id, and most cases use that id in the path too, so
# that they get past the gateway's project check (403) to the service's own validation; the
# other path ids stay random (and answer 403).
project=0123456789abcdef0123456789abcdef
# The project's DataArts instance and default workspace have ids derived from the project id
# (SPEC §8.1, §8.3): most workspace cases use them, so that they reach the operation.
derive() { "$venv/bin/python" -c 'import hashlib,sys; print(hashlib.sha256(("dataarts-mock/"+sys.argv[1]+"/"+sys.argv[2]).encode()).hexdigest()[:32])' "$1" "$2"; }
instance=$(derive instance "$project")
default_workspace=$(derive workspace "$instance")
cat >"$work/schemathesis.toml" <<TOML
[dictionaries.project]
values = ["$project"]

[dictionaries.instance]
values = ["$instance"]

[dictionaries.workspace]
values = ["$default_workspace"]

[parameters]
"path.project_id" = { dictionary = "project", probability = 0.85 }
"path.instance_id" = { dictionary = "instance", probability = 0.85 }
"path.workspace_id" = { dictionary = "workspace", probability = 0.5 }
TOML

# One schemathesis run over the operations with any of the tags given; exit status as
# schemathesis', 124 when the time ran out.
run_schemathesis() {
    local left=$((deadline - $(date +%s))) tag_args=() tag
    for tag in "$@"; do tag_args+=(--include-tag "$tag"); done
    if ((left < 5)); then return 124; fi
    log "schemathesis $SCHEMATHESIS_VERSION on tags $*: at most $max_examples examples per operation, seed $seed, ${left}s left"
    (
        cd "$work"  # keeps schemathesis' and hypothesis' scratch files out of the repository
        timeout --kill-after=10 "$left" "$venv/bin/schemathesis" --config-file "$work/schemathesis.toml" \
            run "$document" \
            --url "$base" \
            "${tag_args[@]}" \
            --header "X-Auth-Token: contract-test-token" \
            --header "workspace: contract-ws" \
            --header "X-Project-Id: $project" \
            --checks "$checks" \
            --max-examples "$max_examples" \
            --seed "$seed" \
            --generation-database none \
            --workers 1 \
            --request-timeout 10 \
            --no-color
    )
}

# Pass 1: the six API operations. Pass 2, afterwards: the control endpoints, whose generated
# fault rules, frozen clocks, resets and state imports would otherwise change what the API
# answers in the middle of pass 1. (One worker: Python 3.11.7's ast module is not thread-safe,
# and Hypothesis calls it while generating, so two workers fail at random.)
status=0
run_schemathesis data-connections || status=$?

# What the API answered, from the mock's own journal: shows how much got past the gateway.
"$venv/bin/python" - "$base/__mock/requests" <<'PY' || true
import collections, json, re, sys, urllib.request
journal = json.load(urllib.request.urlopen(sys.argv[1], timeout=10))
OPERATIONS = {
    ("POST", "/v1/{project_id}/data-connections"), ("GET", "/v1/{project_id}/data-connections"),
    ("POST", "/v1/{project_id}/data-connections/validation"),
    ("GET", "/v1/{project_id}/data-connections/{data_connection_id}"),
    ("PUT", "/v1/{project_id}/data-connections/{data_connection_id}"),
    ("DELETE", "/v1/{project_id}/data-connections/{data_connection_id}"),
}
def operation(entry):
    path = re.sub(r"^/v1/[^/]+/data-connections", "/v1/{project_id}/data-connections", entry["path"])
    if path != "/v1/{project_id}/data-connections/validation":
        path = re.sub(r"data-connections/[^/]+$", "data-connections/{data_connection_id}", path)
    key = (entry["method"], path)
    return " ".join(key) if key in OPERATIONS else "other methods and paths"
counts = collections.defaultdict(collections.Counter)
for entry in journal["requests"]:
    counts[operation(entry)][f'{entry["status"]} {entry["error_code"] or ""}'.strip()] += 1
print(f'contract: the mock journaled {len(journal["requests"])} API requests (dropped {journal["dropped"]}):')
for op in sorted(counts, key=lambda op: (op.startswith("other"), -sum(counts[op].values()))):
    answers = ", ".join(f"{k} x{v}" for k, v in sorted(counts[op].items()))
    print(f"  {op}: {answers}")
PY

if ((status == 0)); then
    run_schemathesis iam workspaces cdm || status=$?
fi
if ((status == 0)); then
    run_schemathesis mock-controls || status=$?
fi

elapsed=$(($(date +%s) - started))
if ((status == 124 || status == 137)); then
    echo "contract: schemathesis did not finish within ${run_timeout}s" >&2
elif ((status != 0)); then
    echo "contract: schemathesis found failures (exit $status); the end of the mock's log:" >&2
    tail -n 20 "$work/mock.stderr" >&2
fi
if ((status == 0)); then
    log "passed in ${elapsed}s"
else
    log "FAILED in ${elapsed}s"
fi
exit "$status"
