"""The pytest plugin, as a user's test run sees it: inner pytest runs in subprocesses."""

import pytest

SHARED = '''
import json, os, urllib.request
from pathlib import Path

def api(url, token):
    request = urllib.request.Request(url + "/v1/0123456789abcdef0123456789abcdef/data-connections",
                                     headers={"X-Auth-Token": token, "workspace": "ws1"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
'''


@pytest.fixture
def real_home(tmp_path, monkeypatch):
    """The HOME the inner run starts with: nothing may be written there."""
    home = tmp_path / "real-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


def test_one_server_serves_the_session_and_is_reset_before_each_test(pytester, real_home):
    pytester.makepyfile(test_inner=SHARED + '''
ports = []

def test_first_creates(dataarts_mock):
    ports.append(dataarts_mock.port)
    dataarts_mock.control.put_state({"connections": [{"project_id": "p", "workspace": "w",
        "dw_name": "left_over", "dw_type": "DWS", "dw_config": {}}]})
    assert len(dataarts_mock.control.state()["connections"]) == 1

def test_second_sees_nothing(dataarts_mock):
    ports.append(dataarts_mock.port)
    assert dataarts_mock.control.state()["connections"] == []
    assert ports[0] == ports[1]
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_ini_flags_then_option_flags_reach_the_server(pytester, real_home):
    pytester.makeini("[pytest]\ndataarts_mock_flags = --auth strict --token FROM-INI\n")
    pytester.makepyfile(test_inner=SHARED + '''
def test_tokens(dataarts_mock):
    assert api(dataarts_mock.url, "FROM-INI") == 200
    assert api(dataarts_mock.url, "FROM-OPTION") == 200
    assert api(dataarts_mock.url, "ANY-OTHER") == 401
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--dataarts-mock-flag=--token FROM-OPTION")
    result.assert_outcomes(passed=1)


def test_a_server_that_cannot_start_fails_the_tests_with_its_message(pytester, real_home):
    pytester.makepyfile(test_inner='''
def test_needs_it(dataarts_mock):
    pass
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--dataarts-mock-flag=--max-clients 0")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*exited with 64 before it was ready*", "*limits must be positive*"])


def test_the_sdk_imported_at_collection_writes_into_the_isolated_home_only(pytester, real_home):
    pytester.makepyfile(test_inner='''
import os
from pathlib import Path
from huaweicloudsdkdataartsstudio.v1 import ListDataconnectionsRequest   # at import time, as usual

def test_home(dataarts_sdk_home, dataarts_client):
    assert Path(os.environ["HOME"]) == dataarts_sdk_home
    assert (dataarts_sdk_home / ".huaweicloud" / "application_id").is_file()
    answer = dataarts_client.list_dataconnections(ListDataconnectionsRequest(workspace="ws1"))
    assert answer.total_size == 0
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    assert not (real_home / ".huaweicloud").exists()


def test_keep_home_leaves_home_alone_and_the_fixture_refuses_a_too_late_isolation(pytester, real_home, monkeypatch):
    pytester.makepyfile(test_inner='''
import os
import huaweicloudsdkcore.http.user_agent   # writes into the real HOME: isolation is off

def test_home_untouched():
    assert os.environ["HOME"] == os.environ["EXPECTED_HOME"]

def test_fixture_refuses(dataarts_sdk_home):
    pass
''')
    monkeypatch.setenv("EXPECTED_HOME", str(real_home))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--dataarts-mock-keep-home")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*the vendor SDK was imported before HOME pointed at*"])
    assert (real_home / ".huaweicloud" / "application_id").is_file()


def test_the_ini_setting_turns_home_isolation_off(pytester, real_home, monkeypatch):
    pytester.makeini("[pytest]\ndataarts_mock_isolate_home = false\n")
    pytester.makepyfile(test_inner='''
import os

def test_home():
    assert os.environ["HOME"] == os.environ["EXPECTED_HOME"]
''')
    monkeypatch.setenv("EXPECTED_HOME", str(real_home))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["dataarts-mock *; HOME left alone"])


def test_the_client_fixture_skips_saying_why_without_the_sdk(pytester, real_home):
    # A package of the same name that refuses to import stands in for an uninstalled SDK.
    pytester.mkpydir("huaweicloudsdkdataartsstudio").joinpath("__init__.py").write_text(
        "raise ImportError('hidden by the test')\n")
    pytester.makepyfile(test_inner='''
def test_client(dataarts_client):
    pass
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*pip install huaweicloudsdkdataartsstudio*hidden by the test*"])


def test_the_report_header_names_the_version(pytester, real_home):
    import dataarts_mock
    pytester.makepyfile(test_inner="def test_nothing():\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.stdout.fnmatch_lines([f"dataarts-mock {dataarts_mock.__version__}; HOME=*dataarts-sdk-home-*"])
