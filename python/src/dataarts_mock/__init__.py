"""dataarts-mock for Python: the mock server binary, a client of its control API, a pytest plugin.

    from dataarts_mock import MockServer

    with MockServer() as mock:              # port 0, waits until ready, stops with SIGTERM
        client = (DataArtsStudioClient.new_builder()
                  .with_credentials(BasicCredentials("AK", "SK", PROJECT_ID))
                  .with_endpoint(mock.url).build())
        mock.control.add_fault(method="POST", status=500)

The pytest plugin (loaded automatically) gives the fixtures dataarts_mock, dataarts_mock_server,
dataarts_sdk_home, dataarts_credentials and dataarts_client; see dataarts_mock.pytest_plugin."""

from importlib.metadata import PackageNotFoundError, version as _version

from ._binary import BUNDLED as BUNDLED_BINARY, find_binary
from .control import ControlClient
from .errors import (
    BinaryNotFound,
    ControlBadRequest,
    ControlError,
    ControlNotFound,
    ControlUnreachable,
    DataArtsMockError,
    MockExited,
    MockServerError,
    MockStartTimeout,
)
from .server import MockServer

try:
    __version__ = _version("dataarts-mock")
except PackageNotFoundError:  # imported from a source tree, not installed
    __version__ = "0+unknown"

__all__ = [
    "BUNDLED_BINARY", "BinaryNotFound", "ControlBadRequest", "ControlClient", "ControlError", "ControlNotFound",
    "ControlUnreachable", "DataArtsMockError", "MockExited", "MockServer", "MockServerError", "MockStartTimeout",
    "find_binary", "__version__",
]
