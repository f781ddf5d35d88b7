"""The vendor's Python SDK (huaweicloudsdkdataartsstudio) against dataarts-mock.

Run:  pip install -r requirements.txt && MOCK_BIN=/path/to/dataarts-mock pytest -q
(MOCK_BIN defaults to ../../.build/debug/dataarts-mock, relative to this file;
scripts/python-sdk.sh does all of it.)

In your own tests, install the dataarts-mock wheel (scripts/release.sh makes it)
and use its pytest plugin instead of a fixture of your own: `dataarts_client` is
a ready DataArtsStudioClient against a session server that `dataarts_mock`
resets before each test, and the plugin points HOME at a temporary folder before
your test modules import the SDK (python/README.md; examples/ci/ is a sample
project). This module starts its own mocks because it also tests the debug build.

In the default (permissive) mode any AK/SK is accepted; `--auth strict
--credential AK:SK@PROJECT:USER` accepts only that one. POST /__mock/reset between
tests if they share a mock and must not see each other's connections (or, as
here, give every test a workspace of its own).

Note: the SDK writes ~/.huaweicloud/application_id when it is imported, so this
module points HOME at a temporary folder before importing it.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

_SDK_HOME = tempfile.mkdtemp(prefix="dataarts-sdk-home-")
os.environ["HOME"] = _SDK_HOME  # must precede the SDK's import (see the docstring)

from huaweicloudsdkcore.auth.credentials import BasicCredentials  # noqa: E402
from huaweicloudsdkcore.exceptions.exceptions import (  # noqa: E402
    ClientRequestException,
    ServerResponseException,
)
from huaweicloudsdkdataartsstudio.v1 import (  # noqa: E402
    ApigDataSourcesVo,
    ApigDataSourceVo,
    CreateConnectionsRequest,
    DebugDataconnectionRequest,
    DeleteDataconnectionRequest,
    ListDataconnectionsRequest,
    ShowDataconnectionRequest,
    UpdateDataconnectionRequest,
)
from huaweicloudsdkdataartsstudio.v1.dataartsstudio_client import DataArtsStudioClient  # noqa: E402

HERE = Path(__file__).resolve().parent
MOCK_BIN = os.environ.get("MOCK_BIN") or str(HERE / "../../.build/debug/dataarts-mock")

PROJECT = "0123456789abcdef0123456789abcdef"
STRICT_AK = "STRICTAK0123456789AB"
STRICT_SK = "strict-secret-0123456789"
STRICT_USER = "alice"
REQUEST_ID = re.compile(r"^[0-9a-f]{32}$")
SIGNED_HEADERS = "content-type;host;user-agent;workspace;x-project-id;x-sdk-date"
IAM_PREFIX = "Incorrect IAM authentication information: "
SHOW_KEYS = ["dw_name", "dw_type", "dw_config", "agent_id", "agent_name", "env_type",
             "qualified_name", "dw_id", "create_user", "create_time", "dw_catagory",
             "description", "update_type"]
LIST_ITEM_KEYS = ["dw_name", "dw_type", "create_user", "create_time", "agent_id",
                  "agent_name", "dw_id", "qualified_name", "description"]


def teardown_module():
    shutil.rmtree(_SDK_HOME, ignore_errors=True)


# --- the mock process ---------------------------------------------------------------

class Mock:
    """A running dataarts-mock: its URL plus a tiny client for the /__mock/ control API."""

    def __init__(self, url, log):
        self.url = url
        self.log = log

    def admin(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            raw = resp.read()
            return resp.status, (json.loads(raw) if raw else None)


def _start_mock(tmp, *extra_args):
    ready = tmp / "ready.json"
    log_path = tmp / "mock.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen(
        [MOCK_BIN, "--port", "0", "--ready-file", str(ready), *extra_args],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 30
    while not ready.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            log.close()
            pytest.fail(f"{MOCK_BIN} did not start:\n{log_path.read_text()}")
        time.sleep(0.05)
    info = json.loads(ready.read_text())
    assert info["pid"] == proc.pid and info["url"] == f"http://127.0.0.1:{info['port']}"
    return proc, log, Mock(info["url"], log_path)


def _stop_mock(proc, log):
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        code = "killed after 15 s"
    log.close()
    assert code == 0, f"the mock exited with {code}"


@pytest.fixture(scope="session")
def mock(tmp_path_factory):
    """The mock in its default, permissive mode."""
    if not os.access(MOCK_BIN, os.X_OK):
        pytest.fail(f"no mock binary at {MOCK_BIN}: build it or set MOCK_BIN")
    proc, log, m = _start_mock(tmp_path_factory.mktemp("permissive"))
    yield m
    _stop_mock(proc, log)


@pytest.fixture(scope="session")
def strict_mock(tmp_path_factory):
    """The mock in strict mode, knowing one credential bound to PROJECT and STRICT_USER."""
    proc, log, m = _start_mock(
        tmp_path_factory.mktemp("strict"), "--auth", "strict",
        "--credential", f"{STRICT_AK}:{STRICT_SK}@{PROJECT}:{STRICT_USER}")
    yield m
    _stop_mock(proc, log)


@pytest.fixture
def workspace():
    """A workspace of the test's own, so tests sharing a mock never see each other's data."""
    return uuid.uuid4().hex


def sdk_client(url, ak="ANYAK000000000000000", sk="any-secret-key", project=PROJECT):
    return (DataArtsStudioClient.new_builder()
            .with_credentials(BasicCredentials(ak, sk, project))
            .with_endpoint(url)
            .build())


def vo(name, dw_type="DWS", **extra):
    fields = dict(dw_config={"host": "dws.example.internal", "port": "8000",
                             "password": "s3cret"},
                  agent_id="cdm-agent-id", agent_name="cdm-agent", env_type=0,
                  description=f"{name} made by test_sdk.py")
    fields.update(extra)
    return ApigDataSourceVo(dw_name=name, dw_type=dw_type, **fields)


def create(client, ws, *vos):
    resp = client.create_connections(CreateConnectionsRequest(
        workspace=ws, body=ApigDataSourcesVo(data_source_vos=list(vos))))
    assert resp.status_code == 200
    body = resp.to_json_object()
    assert list(body) == ["data_connection_id"]
    assert REQUEST_ID.match(body["data_connection_id"])
    return body["data_connection_id"]


def is_success(resp):
    assert resp.status_code == 200
    return resp.to_json_object() == {"is_success": True, "message": None}


# --- (a), (b) the round trip ---------------------------------------------------------

def round_trip(client, ws, expected_user):
    started_ms = time.time() * 1000

    # create: three connections, two DWS and one DLI
    dws_a = create(client, ws, vo("sdk_dws_a", dw_category="warehouse"))
    dws_b = create(client, ws, vo("sdk_dws_b"))
    dli_c = create(client, ws, vo("sdk_dli_c", dw_type="DLI",
                                  dw_config={"cdm_property_enable": "false"}))
    assert len({dws_a, dws_b, dli_c}) == 3

    # list: everything, then filtered by type, by name, and paged
    everything = client.list_dataconnections(ListDataconnectionsRequest(workspace=ws))
    assert (everything.count, everything.total_size, everything.max_records) == (3, 3, 200)
    assert [c.dw_name for c in everything.data_connection_lists] == \
        ["sdk_dws_a", "sdk_dws_b", "sdk_dli_c"]  # creation order, oldest first
    raw = everything.to_json_object()
    assert list(raw) == ["count", "max_records", "total_size", "data_connection_lists"]
    first = raw["data_connection_lists"][0]
    assert list(first) == LIST_ITEM_KEYS
    assert first == {"dw_name": "sdk_dws_a", "dw_type": "DWS", "create_user": expected_user,
                     "create_time": first["create_time"], "agent_id": "cdm-agent-id",
                     "agent_name": "cdm-agent", "dw_id": dws_a,
                     "qualified_name": "DWS.sdk_dws_a",
                     "description": "sdk_dws_a made by test_sdk.py"}

    by_type = client.list_dataconnections(ListDataconnectionsRequest(workspace=ws, type="DLI"))
    assert [c.dw_id for c in by_type.data_connection_lists] == [dli_c]

    page = client.list_dataconnections(ListDataconnectionsRequest(
        workspace=ws, name="DWS", type="dws", limit="1", offset="1"))
    assert (page.count, page.total_size) == (1, 2)
    assert [c.dw_id for c in page.data_connection_lists] == [dws_b]

    # show
    shown = client.show_dataconnection(
        ShowDataconnectionRequest(workspace=ws, data_connection_id=dws_a))
    body = shown.to_json_object()
    assert list(body) == SHOW_KEYS
    assert (shown.dw_name, shown.dw_type, shown.dw_id) == ("sdk_dws_a", "DWS", dws_a)
    assert shown.create_user == expected_user
    assert shown.qualified_name == "DWS.sdk_dws_a"
    assert (shown.env_type, shown.update_type) == (0, 0)
    assert shown.dw_catagory == "warehouse"  # sic: the response's spelling
    assert (shown.agent_id, shown.agent_name) == ("cdm-agent-id", "cdm-agent")
    assert started_ms - 5000 <= shown.create_time <= time.time() * 1000 + 5000
    config = shown.dw_config
    assert list(config) == ["host", "port", "password", "update_time"]
    assert config["password"] == "******"  # secrets never come back
    assert (config["host"], config["port"]) == ("dws.example.internal", "8000")
    assert isinstance(config["update_time"], int)

    # update: the whole record is replaced; the type stays
    updated = client.update_dataconnection(UpdateDataconnectionRequest(
        workspace=ws, data_connection_id=dws_a, body=ApigDataSourcesVo(data_source_vos=[
            vo("sdk_dws_a_renamed", dw_config={"host": "dws2.example.internal",
                                               "port": 8001},
               description="updated")])))
    assert is_success(updated)
    after = client.show_dataconnection(
        ShowDataconnectionRequest(workspace=ws, data_connection_id=dws_a))
    assert (after.dw_name, after.description, after.update_type) == \
        ("sdk_dws_a_renamed", "updated", 1)
    assert after.dw_catagory is None  # omitted in the update, so gone
    assert after.create_time == shown.create_time
    assert list(after.dw_config) == ["host", "port", "update_time"]
    assert after.dw_config["port"] == 8001
    assert after.dw_config["update_time"] >= config["update_time"]

    # validate: checks a body, stores nothing
    validated = client.debug_dataconnection(DebugDataconnectionRequest(
        workspace=ws, body=vo("sdk_probe")))
    assert is_success(validated)
    assert client.list_dataconnections(
        ListDataconnectionsRequest(workspace=ws)).total_size == 3

    # delete
    for conn_id in (dws_a, dws_b, dli_c):
        assert is_success(client.delete_dataconnection(
            DeleteDataconnectionRequest(workspace=ws, data_connection_id=conn_id)))
    gone = client.list_dataconnections(ListDataconnectionsRequest(workspace=ws))
    assert (gone.count, gone.total_size, gone.data_connection_lists) == (0, 0, [])
    with pytest.raises(ClientRequestException) as e:
        client.show_dataconnection(
            ShowDataconnectionRequest(workspace=ws, data_connection_id=dws_a))
    assert (e.value.status_code, e.value.error_code) == (400, "DAYU.1005")


def test_round_trip_permissive(mock, workspace):
    round_trip(sdk_client(mock.url), workspace, expected_user="dataarts-mock")


def test_round_trip_strict(strict_mock, workspace):
    client = sdk_client(strict_mock.url, STRICT_AK, STRICT_SK)
    round_trip(client, workspace, expected_user=STRICT_USER)


def test_roundtrip_script(mock, workspace):
    """The example script, run as a user would, succeeds against the mock."""
    out = subprocess.run(
        [sys.executable, str(HERE / "roundtrip.py"), "--endpoint", mock.url,
         "--workspace", workspace],
        capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.rstrip().endswith("round trip OK")


# --- (c), (d) authentication failures in strict mode ---------------------------------

def test_wrong_secret_key_is_401(strict_mock, workspace):
    client = sdk_client(strict_mock.url, STRICT_AK, "not-the-secret")
    with pytest.raises(ClientRequestException) as e:
        client.list_dataconnections(ListDataconnectionsRequest(workspace=workspace, limit="5"))
    err = e.value
    assert (err.status_code, err.error_code) == (401, "APIGW.0301")
    prefix = IAM_PREFIX + "verify aksk signature fail,canonicalRequest:"
    assert err.error_msg.startswith(prefix)
    assert REQUEST_ID.match(err.request_id)  # from the X-Request-Id header
    # The canonical request the mock rebuilt is the SDK's, newlines shown as |.
    host = strict_mock.url.removeprefix("http://")
    canonical = err.error_msg[len(prefix):]
    assert re.fullmatch(
        rf"GET\|/v1/{PROJECT}/data-connections/\|limit=5\|"
        rf"content-type:application/json\|host:{re.escape(host)}\|"
        r"user-agent:huaweicloud-usdk-python/3\.0;[^|]*\|"
        rf"workspace:{workspace}\|x-project-id:{PROJECT}\|x-sdk-date:\d{{8}}T\d{{6}}Z\|\|"
        rf"{SIGNED_HEADERS}\|"
        r"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        canonical), canonical
    journal = strict_mock.admin("GET", f"/__mock/requests?workspace={workspace}")[1]
    [entry] = journal["requests"]
    assert (entry["status"], entry["error_code"], entry["request_id"]) == \
        (401, "APIGW.0301", err.request_id)


def test_strict_signatures_with_awkward_paths_and_queries(strict_mock, workspace):
    """The SDK percent-encodes ids and sorts/encodes queries; the mock must verify those."""
    client = sdk_client(strict_mock.url, STRICT_AK, STRICT_SK)
    listed = client.list_dataconnections(ListDataconnectionsRequest(
        workspace=workspace, name="a b/c*~'\u00e9+%", type="DWS", limit="5", offset="0",
        ip="10.0.0.1"))
    assert (listed.count, listed.total_size) == (0, 0)
    for odd_id in ("a/b c", "%2F", "\u00e9t\u00e9", "x+y?z#w"):
        with pytest.raises(ClientRequestException) as e:  # signature fine, id unknown
            client.show_dataconnection(
                ShowDataconnectionRequest(workspace=workspace, data_connection_id=odd_id))
        assert (e.value.status_code, e.value.error_code) == (400, "DAYU.1005"), odd_id


def test_unknown_access_key_is_401(strict_mock, workspace):
    client = sdk_client(strict_mock.url, "UNKNOWNAK00000000000", STRICT_SK)
    with pytest.raises(ClientRequestException) as e:
        client.show_dataconnection(ShowDataconnectionRequest(
            workspace=workspace, data_connection_id=uuid.uuid4().hex))
    err = e.value
    assert (err.status_code, err.error_code) == (401, "APIGW.0301")
    assert err.error_msg == \
        IAM_PREFIX + "Get secretKey failed,ak:UNKNOWNAK00000000000,err:ak not exist"
    assert REQUEST_ID.match(err.request_id)


# --- (e), (f) service errors ---------------------------------------------------------

def test_bad_bodies_are_dayu_4402(mock, workspace):
    client = sdk_client(mock.url)
    with pytest.raises(ClientRequestException) as e:
        create(client, workspace, vo("has a space"))
    assert (e.value.status_code, e.value.error_code) == (400, "DAYU.4402")
    assert e.value.error_msg.startswith("The operation failed, detail msg ")
    assert "data_source_vos[0].dw_name" in e.value.error_msg
    assert REQUEST_ID.match(e.value.request_id)

    with pytest.raises(ClientRequestException) as e:
        create(client, workspace, vo("fine_name"), vo("no_config", dw_config=None))
    assert (e.value.status_code, e.value.error_code) == (400, "DAYU.4402")
    assert "data_source_vos[1].dw_config is required" in e.value.error_msg

    with pytest.raises(ClientRequestException) as e:  # validation takes one bare item
        client.debug_dataconnection(DebugDataconnectionRequest(
            workspace=workspace, body=vo("no_config", dw_config=None)))
    assert (e.value.status_code, e.value.error_code) == (400, "DAYU.4402")
    assert "dw_config is required" in e.value.error_msg

    # nothing was created, not even the valid first item
    listed = client.list_dataconnections(ListDataconnectionsRequest(workspace=workspace))
    assert listed.total_size == 0


def test_show_unknown_id_is_dayu_1005(mock, workspace):
    client = sdk_client(mock.url)
    with pytest.raises(ClientRequestException) as e:
        client.show_dataconnection(ShowDataconnectionRequest(
            workspace=workspace, data_connection_id="0" * 32))
    err = e.value
    assert (err.status_code, err.error_code) == (400, "DAYU.1005")
    assert err.error_msg == "The data connection does not exist."
    assert REQUEST_ID.match(err.request_id)


# --- (g) injected faults ---------------------------------------------------------------

def test_injected_fault_is_server_response_exception(mock, workspace):
    client = sdk_client(mock.url)
    status, rule = mock.admin("POST", "/__mock/faults", {"status": 500})
    assert status == 201 and rule["status"] == 500
    with pytest.raises(ServerResponseException) as e:
        client.list_dataconnections(ListDataconnectionsRequest(workspace=workspace))
    err = e.value
    assert (err.status_code, err.error_code) == (500, "DAYU.3531")
    assert err.error_msg == "Internal server error: injected fault"
    assert REQUEST_ID.match(err.request_id)
    # the rule was for one request only: the next one goes through
    assert mock.admin("GET", "/__mock/faults")[1] == {"faults": []}
    assert client.list_dataconnections(
        ListDataconnectionsRequest(workspace=workspace)).status_code == 200


# --- (h) the journal -----------------------------------------------------------------

def test_journal_shows_sdk_requests_redacted(mock, workspace):
    ak = "JOURNALAK00000000000"
    client = sdk_client(mock.url, ak=ak)
    conn_id = create(client, workspace, vo("journaled"))
    client.list_dataconnections(ListDataconnectionsRequest(
        workspace=workspace, name="jour nal", limit="10", offset="0"))
    client.delete_dataconnection(
        DeleteDataconnectionRequest(workspace=workspace, data_connection_id=conn_id))

    status, journal = mock.admin("GET", f"/__mock/requests?workspace={workspace}")
    assert status == 200 and journal["dropped"] == 0
    entries = journal["requests"]
    base = f"/v1/{PROJECT}/data-connections"
    assert [(e["method"], e["path"], e["query"], e["status"]) for e in entries] == [
        ("POST", base, "", 200),
        ("GET", base, "limit=10&name=jour%20nal&offset=0", 200),  # sorted by the SDK
        ("DELETE", f"{base}/{conn_id}", "", 200),
    ]
    for e in entries:
        assert (e["project_id"], e["workspace"], e["error_code"]) == (PROJECT, workspace, None)
        headers = {k.lower(): v for k, v in e["headers"].items()}
        assert headers["authorization"] == (
            f"SDK-HMAC-SHA256 Access={ak}, SignedHeaders={SIGNED_HEADERS}, Signature=******")
        assert headers["user-agent"].startswith("huaweicloud-usdk-python/3.0")
        assert headers["x-project-id"] == PROJECT
        assert re.fullmatch(r"\d{8}T\d{6}Z", headers["x-sdk-date"])
        assert REQUEST_ID.match(e["request_id"])
    created = entries[0]["body"]["data_source_vos"][0]
    assert created["dw_name"] == "journaled"
    assert created["dw_config"]["password"] == "******"  # secrets redacted here too
    assert entries[1]["body"] is None and entries[2]["body"] is None
