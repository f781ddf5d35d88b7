"""Every error this package raises is a DataArtsMockError, so a test can catch them as one."""

from typing import Any, Optional


class DataArtsMockError(Exception):
    """Base of every error raised by dataarts_mock."""


class BinaryNotFound(DataArtsMockError):
    """No dataarts-mock executable: neither the wheel's own nor $DATAARTS_MOCK_BIN."""


class MockServerError(DataArtsMockError):
    """The server process did not start, or did not stop, as it should; `log` is its stderr."""

    def __init__(self, message: str, log: str = ""):
        self.log = log
        super().__init__(message + (f"\n--- dataarts-mock stderr ---\n{log}" if log else ""))


class MockStartTimeout(MockServerError):
    """Still running but not ready (no ready file) within the start timeout; it was killed."""


class MockExited(MockServerError):
    """The process ended: before it was ready (e.g. bad flags, exit 64; port in use, exit 1), or
    with a non-zero status when stopped."""

    def __init__(self, message: str, returncode: int, log: str = ""):
        self.returncode = returncode
        super().__init__(message, log)


class ControlError(DataArtsMockError):
    """An answer of the control API (/__mock/) that is not a success.

    `status` is the HTTP status, `error_code` and `error_msg` the vendor-shaped body's fields
    (e.g. DAYU.4402 and the list of violations), `body` the decoded body (or raw text)."""

    def __init__(self, method: str, path: str, status: int, body: Any):
        self.method = method
        self.path = path
        self.status = status
        self.body = body
        fields = body if isinstance(body, dict) else {}
        self.error_code: Optional[str] = fields.get("error_code")
        self.error_msg: Optional[str] = fields.get("error_msg")
        detail = f"{self.error_code}: {self.error_msg}" if self.error_code else repr(body)
        super().__init__(f"{method} {path} answered {status} ({detail})")


class ControlBadRequest(ControlError):
    """400: the request was refused (a bad fault rule, an invalid state, a bad filter); nothing changed."""


class ControlNotFound(ControlError):
    """404: no such thing (an unknown fault id), or no control API at all (--no-admin)."""


class ControlUnreachable(DataArtsMockError):
    """The server did not answer at all (not running, connection refused or timed out)."""
