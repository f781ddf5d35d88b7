"""The pytest plugin (entry point pytest11, so installing the wheel enables it).

Fixtures:
    dataarts_mock_server  (session) one MockServer for the whole run, started on first use
    dataarts_mock         (function) that server, reset (POST /__mock/reset) before the test
    dataarts_sdk_home     (session) the temporary HOME the vendor SDK writes into
    dataarts_credentials  (session) the AK, SK and project id dataarts_client signs with;
                          override it in your conftest.py for --auth strict
    dataarts_client       (function) a DataArtsStudioClient pointed at dataarts_mock (skipped,
                          saying why, when huaweicloudsdkdataartsstudio is not installed)

Extra server flags: the ini setting `dataarts_mock_flags = --seed 7 --auth strict ...` and the
option `--dataarts-mock-flag=FLAGS` (repeatable; each value is split like a shell command line,
so `--dataarts-mock-flag="--rate-limit 5"` is two words), in that order.

HOME: the vendor SDK writes ~/.huaweicloud/application_id the moment it is imported (module
huaweicloudsdkcore.http.user_agent), which is usually while pytest collects test modules, before
any fixture runs. So the plugin points HOME at a temporary folder as soon as it is loaded, before
conftest.py files and test modules are imported, and puts it back at the end of the run. Turn
that off with the ini setting `dataarts_mock_isolate_home = false` or `--dataarts-mock-keep-home`;
the dataarts_sdk_home fixture then isolates HOME itself when first used, and fails if the SDK
was imported before, since it would then already have written into the real HOME.
"""

import os
import shlex
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List

import pytest

from . import __version__
from .errors import MockServerError
from .server import MockServer

_SDK_USER_AGENT_MODULE = "huaweicloudsdkcore.http.user_agent"
_home_key = pytest.StashKey[dict]()


@dataclass(frozen=True)
class Credentials:
    ak: str
    sk: str
    project_id: str


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("dataarts-mock")
    group.addoption("--dataarts-mock-flag", action="append", default=[], dest="dataarts_mock_flags",
                    metavar="FLAGS",
                    help="extra flags for the dataarts-mock server, e.g. --dataarts-mock-flag='--seed 7' "
                         "(repeatable, shell-split, after the ini setting dataarts_mock_flags)")
    group.addoption("--dataarts-mock-keep-home", action="store_true", default=False,
                    help="leave HOME alone (see the ini setting dataarts_mock_isolate_home)")
    parser.addini("dataarts_mock_flags", type="args", default=[],
                  help="extra flags for the dataarts-mock server (shell-split)")
    parser.addini("dataarts_mock_isolate_home", type="bool", default=True,
                  help="point HOME at a temporary folder for the whole run, before test modules "
                       "import the vendor SDK (default: true)")


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser: pytest.Parser, args: List[str]) -> None:
    if early_config.known_args_namespace.dataarts_mock_keep_home:
        return
    if not early_config.getini("dataarts_mock_isolate_home"):
        return
    early_config.stash[_home_key] = _isolate_home()


def pytest_unconfigure(config: pytest.Config) -> None:
    state = config.stash.get(_home_key, None)
    if state is not None:
        _restore_home(state)
        del config.stash[_home_key]


def pytest_report_header(config: pytest.Config) -> str:
    state = config.stash.get(_home_key, None)
    home = f"HOME={state['home']}" if state else "HOME left alone"
    return f"dataarts-mock {__version__}; {home}"


def _isolate_home() -> dict:
    folder = Path(tempfile.mkdtemp(prefix="dataarts-sdk-home-"))
    state = {"home": folder, "previous": os.environ.get("HOME"),
             "sdk_imported_before": _SDK_USER_AGENT_MODULE in sys.modules}
    os.environ["HOME"] = str(folder)
    return state


def _restore_home(state: dict) -> None:
    if state["previous"] is None:
        os.environ.pop("HOME", None)
    else:
        os.environ["HOME"] = state["previous"]
    shutil.rmtree(state["home"], ignore_errors=True)


@pytest.fixture(scope="session")
def dataarts_sdk_home(pytestconfig: pytest.Config) -> Iterator[Path]:
    """The temporary HOME of this test process (where the SDK puts .huaweicloud/)."""
    state = pytestconfig.stash.get(_home_key, None)
    own = state is None
    if own:
        state = _isolate_home()
    try:
        if state["sdk_imported_before"]:
            pytest.fail(f"the vendor SDK was imported before HOME pointed at {state['home']}, so it already "
                        f"wrote .huaweicloud/application_id into the real HOME; leave dataarts_mock_isolate_home "
                        f"on, or import the SDK only inside tests", pytrace=False)
        yield state["home"]
    finally:
        if own:
            _restore_home(state)


def _server_flags(config: pytest.Config) -> List[str]:
    flags = list(config.getini("dataarts_mock_flags"))
    for value in config.getoption("dataarts_mock_flags"):
        flags.extend(shlex.split(value))
    return flags


@pytest.fixture(scope="session")
def dataarts_mock_server(pytestconfig: pytest.Config) -> Iterator[MockServer]:
    """One server for the session, with the configured extra flags. Its state is shared: use
    dataarts_mock, which resets it before each test, unless sharing is what you want."""
    server = MockServer(*_server_flags(pytestconfig))
    try:
        server.start()
    except MockServerError as error:
        pytest.fail(f"dataarts-mock did not start: {error}", pytrace=False)
    # The SDK (requests) honours HTTP_PROXY; the mock is on loopback and must be reached directly.
    patch = pytest.MonkeyPatch()
    for name in ("NO_PROXY", "no_proxy"):
        current = os.environ.get(name)
        patch.setenv(name, "127.0.0.1" + (f",{current}" if current else ""))
    try:
        yield server
    finally:
        patch.undo()
        server.stop()


@pytest.fixture
def dataarts_mock(dataarts_mock_server: MockServer) -> MockServer:
    """The session's server, emptied first (connections, journal, faults, clock)."""
    if not dataarts_mock_server.running:
        pytest.fail("dataarts-mock is no longer running:\n" + dataarts_mock_server.log_text(), pytrace=False)
    dataarts_mock_server.control.reset()
    return dataarts_mock_server


@pytest.fixture(scope="session")
def dataarts_credentials() -> Credentials:
    """Any AK/SK works in the default (permissive) mode; override for --auth strict."""
    return Credentials(ak="DATAARTSMOCKAK000000", sk="dataarts-mock-secret",
                       project_id="0123456789abcdef0123456789abcdef")


@pytest.fixture
def dataarts_client(dataarts_sdk_home: Path, dataarts_mock: MockServer, dataarts_credentials: Credentials):
    """A DataArtsStudioClient signing with dataarts_credentials, against the reset server."""
    try:
        from huaweicloudsdkcore.auth.credentials import BasicCredentials
        from huaweicloudsdkdataartsstudio.v1 import DataArtsStudioClient
    except ImportError as error:
        pytest.skip(f"dataarts_client needs the vendor SDK (pip install huaweicloudsdkdataartsstudio): {error}")
    return (DataArtsStudioClient.new_builder()
            .with_credentials(BasicCredentials(dataarts_credentials.ak, dataarts_credentials.sk,
                                               dataarts_credentials.project_id))
            .with_endpoint(dataarts_mock.url)
            .build())
