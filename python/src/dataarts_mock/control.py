"""A client of the mock's control API under /__mock/ (README "The control API")."""

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, List, Optional

from .errors import ControlBadRequest, ControlError, ControlNotFound, ControlUnreachable

# The mock is on loopback: a proxy from the environment (HTTP_PROXY…) must never be asked.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ControlClient:
    """Steers one running mock: reset, faults, the request journal, the clock, the state.

    Every method raises ControlBadRequest (400), ControlNotFound (404), ControlError (any other
    failure status) or ControlUnreachable (no answer)."""

    def __init__(self, url: str, timeout: float = 10.0):
        self.url = url.rstrip("/")
        self.timeout = timeout

    # --- health and reset -----------------------------------------------------------------

    def health(self) -> Dict[str, Any]:
        """{"status": "ok", "uptime_ms": N, "connections": N}"""
        return self._call("GET", "/__mock/health")

    def reset(self, project: Optional[str] = None, workspace: Optional[str] = None) -> None:
        """Everything (connections, journal, faults, clock), or only that scope's connections and journal."""
        self._call("POST", "/__mock/reset", query={"project": project, "workspace": workspace})

    # --- faults ---------------------------------------------------------------------------

    def add_fault(self, method: Optional[str] = None, path: Optional[str] = None, *,
                  project: Optional[str] = None, workspace: Optional[str] = None,
                  times: Optional[int] = None, status: Optional[int] = None,
                  error_code: Optional[str] = None, error_msg: Optional[str] = None,
                  latency_ms: Optional[int] = None, close: Optional[bool] = None) -> Dict[str, Any]:
        """Adds a fault rule; returns it with defaults filled in and its "id". Absent matchers
        match anything; `times` defaults to 1 (0: until removed)."""
        rule = {"method": method, "path": path, "project": project, "workspace": workspace, "times": times,
                "status": status, "error_code": error_code, "error_msg": error_msg,
                "latency_ms": latency_ms, "close": close}
        return self._call("POST", "/__mock/faults", body={k: v for k, v in rule.items() if v is not None})

    def faults(self) -> List[Dict[str, Any]]:
        """The rules, each with its `remaining` count."""
        return self._call("GET", "/__mock/faults")["faults"]

    def remove_fault(self, fault_id: str) -> None:
        """Removes one rule; an unknown id raises ControlNotFound."""
        self._call("DELETE", "/__mock/faults/" + urllib.parse.quote(fault_id, safe=""))

    def clear_faults(self) -> None:
        self._call("DELETE", "/__mock/faults")

    # --- the request journal ----------------------------------------------------------------

    def requests(self, method: Optional[str] = None, path: Optional[str] = None,
                 status: Optional[int] = None, project: Optional[str] = None,
                 workspace: Optional[str] = None, limit: Optional[int] = None) -> List[Dict[str, Any]]:
        """The journaled API requests, oldest first; `path` is a prefix, `limit` the newest N.
        Raises ControlError if the journal dropped entries (a verification must never pass on a
        silently truncated journal); journal() gives the raw answer with `dropped`."""
        answer = self.journal(method=method, path=path, status=status, project=project,
                              workspace=workspace, limit=limit)
        if answer["dropped"]:
            raise ControlError("GET", "/__mock/requests", 200,
                               {"error_code": "journal-truncated",
                                "error_msg": f"{answer['dropped']} requests were dropped (capacity "
                                             f"{answer['capacity']}); clear_requests() or --journal-capacity"})
        return answer["requests"]

    def journal(self, method: Optional[str] = None, path: Optional[str] = None,
                status: Optional[int] = None, project: Optional[str] = None,
                workspace: Optional[str] = None, limit: Optional[int] = None) -> Dict[str, Any]:
        """{"requests": [...], "dropped": N, "capacity": N}"""
        query = {"method": method, "path": path, "status": status, "project": project,
                 "workspace": workspace, "limit": limit}
        return self._call("GET", "/__mock/requests", query=query)

    def clear_requests(self) -> None:
        """Empties the journal and resets `dropped`."""
        self._call("DELETE", "/__mock/requests")

    # --- the clock --------------------------------------------------------------------------

    def clock(self) -> Dict[str, Any]:
        """{"now_ms": N, "frozen": bool}"""
        return self._call("GET", "/__mock/clock")

    def freeze_clock(self, now_ms: int) -> Dict[str, Any]:
        """Stops the mock's clock at `now_ms` (epoch milliseconds): create times and the
        signature window read it."""
        return self._call("PUT", "/__mock/clock", body={"now_ms": now_ms})

    def release_clock(self) -> None:
        """Real time again."""
        self._call("DELETE", "/__mock/clock")

    # --- state ------------------------------------------------------------------------------

    def state(self) -> Dict[str, Any]:
        """{"connections": [...]}, secrets unmasked (the --fixtures / --state-file format)."""
        return self._call("GET", "/__mock/state")

    def put_state(self, state: Dict[str, Any]) -> None:
        """Replaces every connection; an invalid state raises ControlBadRequest and changes nothing."""
        self._call("PUT", "/__mock/state", body=state)

    def openapi(self) -> Dict[str, Any]:
        """The OpenAPI 3 description of the API and these controls."""
        return self._call("GET", "/__mock/openapi.json")

    # --- the wire ---------------------------------------------------------------------------

    def _call(self, method: str, path: str, query: Optional[Dict[str, Any]] = None, body: Any = None) -> Any:
        pairs = {k: str(v) for k, v in (query or {}).items() if v is not None}
        target = path + ("?" + urllib.parse.urlencode(pairs) if pairs else "")
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + target, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                decoded = json.loads(raw)
            except ValueError:
                decoded = raw.decode("utf-8", "replace")
            kind = {400: ControlBadRequest, 404: ControlNotFound}.get(error.code, ControlError)
            raise kind(method, path, error.code, decoded) from None
        except (urllib.error.URLError, socket.timeout, ConnectionError) as error:
            raise ControlUnreachable(f"{method} {self.url}{path}: {getattr(error, 'reason', error)}") from None
        return json.loads(raw) if raw else None
