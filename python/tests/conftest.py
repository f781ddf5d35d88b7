"""Tests of the dataarts-mock wheel, run by scripts/wheel-test.sh in a fresh virtualenv with the
wheel, pytest and the vendor SDK installed (python/tests/requirements.txt). They drive the
bundled binary, so they fail when the wheel does not carry a working one.

`pytester` runs inner pytest sessions in subprocesses: the plugin changes HOME for its process,
which must not be this one."""

import json
import urllib.error
import urllib.request

import pytest

pytest_plugins = ["pytester"]

PROJECT = "0123456789abcdef0123456789abcdef"
WORKSPACE = "a1b2c3d4e5f60718293a4b5c6d7e8f90"


def api(url, method, path, body=None, token="any-token", workspace=WORKSPACE):
    """One request to the emulated API (not the controls): (status, decoded body)."""
    request = urllib.request.Request(
        url + path, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"X-Auth-Token": token, "workspace": workspace, "Content-Type": "application/json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def create_connection(url, name, **kwargs):
    return api(url, "POST", f"/v1/{PROJECT}/data-connections", {"data_source_vos": [{
        "dw_name": name, "dw_type": "DWS", "dw_config": {"host": "dws.internal", "password": "s3cret"},
        "env_type": 0, "agent_name": "cdm-1"}]}, **kwargs)


@pytest.fixture
def sdk_free_api():
    return api
