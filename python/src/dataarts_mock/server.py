"""One dataarts-mock process: started on a free port, ready when it says so, stopped cleanly."""

import json
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import IO, List, Optional

from ._binary import find_binary
from .control import ControlClient
from .errors import MockExited, MockServerError, MockStartTimeout

# Flags MockServer sets itself: the ready file is how it knows the server listens.
_OWN_FLAGS = ("--ready-file",)


class MockServer:
    """A dataarts-mock process on 127.0.0.1 and a free port.

        with MockServer("--auth", "strict", "--credential", "AK:SK@PROJECT") as mock:
            mock.url                     # e.g. http://127.0.0.1:41234
            mock.control.add_fault(method="POST", status=500)

    `flags` are any of the binary's flags (`dataarts-mock --help`); `--port` and `--host`
    given there replace the defaults (port 0, 127.0.0.1). start() returns once the server has
    written its ready file, which it does only when it accepts connections; it raises
    MockExited if the process ends first (bad flags: 64, port in use: 1) and MockStartTimeout
    (after killing it) if neither happens within `start_timeout` seconds. stop() sends SIGTERM,
    waits `stop_timeout` seconds for the graceful exit, and raises MockExited on any status but 0
    (SIGKILL first if it had to). The server's stderr (its access log) is kept in a file, `log_path`."""

    def __init__(self, *flags: str, binary: Optional[str] = None, start_timeout: float = 30.0,
                 stop_timeout: float = 15.0, env: Optional[dict] = None):
        for flag in flags:
            if flag.split("=", 1)[0] in _OWN_FLAGS:
                raise ValueError(f"MockServer sets {flag.split('=', 1)[0]} itself")
        self.flags: List[str] = list(flags)
        self.binary = binary or find_binary()
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.env = env
        self._process: Optional[subprocess.Popen] = None
        self._log: Optional[IO[bytes]] = None
        self._dir: Optional[Path] = None
        self.url: Optional[str] = None
        self.port: Optional[int] = None
        self.pid: Optional[int] = None
        self.control: Optional[ControlClient] = None

    # --- life ---------------------------------------------------------------------------------

    def start(self) -> "MockServer":
        if self._process is not None:
            raise MockServerError("already started")
        self._dir = Path(tempfile.mkdtemp(prefix="dataarts-mock-"))
        ready = self._dir / "ready.json"
        self._log = open(self._dir / "stderr.log", "wb")
        # Ours first, so that a --port or --host among the flags wins (the last one counts).
        argv = [self.binary, "--host", "127.0.0.1", "--port", "0", *self.flags, "--ready-file", str(ready)]
        try:
            self._process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                             stderr=self._log, env=self.env, cwd=self._dir)
        except OSError as error:
            self._cleanup()
            raise MockServerError(f"cannot run {self.binary}: {error}") from None

        deadline = time.monotonic() + self.start_timeout
        while True:
            # The file appears atomically (renamed into place), so existing means complete.
            if ready.exists():
                break
            returncode = self._process.poll()
            if returncode is not None:
                log = self.log_text()
                self._process = None
                self._cleanup()
                raise MockExited(f"dataarts-mock exited with {returncode} before it was ready "
                                 f"({' '.join(argv[1:])})", returncode, log)
            if time.monotonic() > deadline:
                self._process.kill()
                self._process.wait()
                log = self.log_text()
                self._process = None
                self._cleanup()
                raise MockStartTimeout(f"dataarts-mock was not ready within {self.start_timeout} s", log)
            time.sleep(0.02)

        facts = json.loads(ready.read_text())
        self.url, self.port, self.pid = facts["url"], facts["port"], facts["pid"]
        self.control = ControlClient(self.url)
        return self

    def stop(self) -> None:
        """Stops it gracefully (SIGTERM); no-op when not running. Raises MockExited unless it exited 0."""
        process = self._process
        if process is None:
            return
        self._process = None
        try:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=self.stop_timeout)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                    raise MockExited(f"dataarts-mock did not stop within {self.stop_timeout} s of SIGTERM; killed",
                                     process.returncode, self.log_text()) from None
            if process.returncode != 0:
                raise MockExited(f"dataarts-mock exited with {process.returncode}", process.returncode,
                                 self.log_text())
        finally:
            self._cleanup()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> "MockServer":
        return self.start()

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.stop()
            return
        # An error is already on its way: stop anyway, without hiding it behind a second one.
        try:
            self.stop()
        except MockServerError:
            pass

    # --- the log --------------------------------------------------------------------------------

    @property
    def log_path(self) -> Optional[Path]:
        return None if self._dir is None else self._dir / "stderr.log"

    def log_text(self) -> str:
        """What the server wrote to stderr so far: one access-log line per request.

        The server writes its log in batches, so a request's line arrives a few milliseconds
        after its answer; every line is written before the server exits.
        """
        path = self.log_path
        if path is None or not path.exists():
            return ""
        if self._log is not None:
            self._log.flush()
        return path.read_text(errors="replace")

    def _cleanup(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None
        self.url = self.port = self.pid = None
        self.control = None

    def __repr__(self) -> str:
        return f"MockServer(url={self.url!r}, flags={self.flags!r})"
