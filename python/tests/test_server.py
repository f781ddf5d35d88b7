"""dataarts_mock.MockServer and the `dataarts-mock` command the wheel installs."""

import os
import re
import time
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import dataarts_mock
from dataarts_mock import ControlNotFound, ControlUnreachable, MockExited, MockServer, MockStartTimeout

from conftest import create_connection


def test_the_command_on_path_is_the_bundled_binary_and_prints_the_release_version():
    command = Path(sys.executable).parent / "dataarts-mock"
    printed = subprocess.run([str(command), "--version"], capture_output=True, text=True, timeout=30, check=True)
    assert printed.stdout.strip() == dataarts_mock.__version__
    expected = os.environ.get("DATAARTS_MOCK_EXPECTED_VERSION")
    if expected is None:
        pytest.skip("DATAARTS_MOCK_EXPECTED_VERSION unset (scripts/wheel-test.sh sets it from VERSION)")
    assert dataarts_mock.__version__ == expected


def test_the_bundled_binary_is_inside_the_installed_package():
    assert dataarts_mock.find_binary() == str(dataarts_mock.BUNDLED_BINARY)
    assert os.access(dataarts_mock.BUNDLED_BINARY, os.X_OK)


def test_a_server_starts_on_a_free_port_and_answers():
    with MockServer() as mock:
        assert mock.port > 0
        assert mock.url == f"http://127.0.0.1:{mock.port}"
        assert mock.running
        assert mock.control.health()["status"] == "ok"
        assert create_connection(mock.url, "first")[0] == 200


def test_two_servers_run_side_by_side_with_their_own_state():
    with MockServer() as one, MockServer() as two:
        assert one.port != two.port
        create_connection(one.url, "only_in_one")
        assert len(one.control.state()["connections"]) == 1
        assert two.control.state()["connections"] == []


def test_flags_reach_the_binary():
    with MockServer("--no-admin") as mock:
        with pytest.raises(ControlNotFound) as raised:
            mock.control.health()
        assert raised.value.status == 404
        assert raised.value.error_code == "APIGW.0101"


def test_a_port_flag_replaces_port_zero():
    with MockServer() as first:
        taken = first.port
        with pytest.raises(MockExited) as raised:
            MockServer("--port", str(taken)).start()
        assert raised.value.returncode == 1


def test_bad_flags_raise_mock_exited_with_64_and_the_servers_message():
    with pytest.raises(MockExited) as raised:
        MockServer("--max-clients", "0").start()
    assert raised.value.returncode == 64
    assert "limits must be positive" in raised.value.log


def test_the_ready_file_flag_is_refused_because_mock_server_owns_it():
    with pytest.raises(ValueError):
        MockServer("--ready-file=/tmp/x")


def test_a_binary_that_never_gets_ready_is_killed_at_the_timeout(tmp_path):
    pid_file = tmp_path / "pid"
    never_ready = tmp_path / "never-ready"
    never_ready.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 60\n")
    never_ready.chmod(0o755)
    with pytest.raises(MockStartTimeout):
        MockServer(binary=str(never_ready), start_timeout=0.5).start()
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def test_stop_is_graceful_and_a_second_stop_does_nothing():
    mock = MockServer().start()
    pid, url = mock.pid, mock.url
    mock.stop()
    assert not mock.running and mock.url is None and mock.control is None
    mock.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with pytest.raises(ControlUnreachable):
        dataarts_mock.ControlClient(url, timeout=2).health()


def test_a_server_killed_from_outside_makes_stop_raise_with_its_status():
    mock = MockServer().start()
    os.kill(mock.pid, signal.SIGKILL)
    with pytest.raises(MockExited) as raised:
        mock.stop()
    assert raised.value.returncode == -signal.SIGKILL


def test_the_context_manager_stops_the_server_when_the_body_raises():
    with pytest.raises(RuntimeError, match="the test failed"):
        with MockServer() as mock:
            pid = mock.pid
            raise RuntimeError("the test failed")
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_the_log_has_one_access_line_per_request():
    with MockServer() as mock:
        create_connection(mock.url, "logged_one")
        # The server writes its log in batches, a few milliseconds after the requests.
        deadline = time.monotonic() + 5
        while not re.search(r"POST /v1/\w+/data-connections.* 200", mock.log_text()):
            assert time.monotonic() < deadline, f"no access-log line in: {mock.log_text()!r}"
            time.sleep(0.02)


def test_dataarts_mock_bin_chooses_another_binary(tmp_path, monkeypatch):
    monkeypatch.setenv("DATAARTS_MOCK_BIN", str(tmp_path / "missing"))
    with pytest.raises(dataarts_mock.BinaryNotFound):
        MockServer()
