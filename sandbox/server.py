"""The sandbox's HTTP server: ``/api``, component files, uploads and the test hooks."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .app import Sandbox
from .entity import Entity
from .errors import ApiError, InvalidCredentialsError, PermissionDeniedError, ValidationError
from .files import ComponentIdError, UploadError
from .monitor import FaultRule
from .web import handles as web_handles
from .web import serve as web_serve

log = logging.getLogger(__name__)


class SandboxServer(ThreadingHTTPServer):
    """Serves one :class:`Sandbox` on a loopback address."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, sandbox: Sandbox, host: str = "127.0.0.1", port: int = 0, test_hooks: bool = False
    ) -> None:
        super().__init__((host, port), _Handler)
        self.sandbox = sandbox
        self.test_hooks = test_hooks
        bound_host, bound_port = self.server_address[:2]
        sandbox.serving_at(f"http://{bound_host}:{bound_port}")

    @property
    def url(self) -> str:
        return self.sandbox.server_url


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate small writes
    server: SandboxServer

    def log_message(self, format: str, *args: Any) -> None:
        """Log the path only: download URLs carry the API key in their query."""
        log.info("%s %s", self.command, urlsplit(self.path).path)

    # -- routing -------------------------------------------------------------------------

    def do_POST(self) -> None:
        self._route(
            {
                "/api": self._api,
                "/sandbox/stats/reset": self._reset_stats,
                "/sandbox/faults": self._set_faults,
            }
        )

    def do_GET(self) -> None:
        self._route(
            {
                "/sandbox/stats": self._stats,
                "/sandbox/faults": self._faults,
                "/component/get": self._download,
                "/component/thumbnail": self._download,
                "/component/remove": self._remove,
            }
        )

    def do_PUT(self) -> None:
        self._route({"/upload/": self._upload})

    def do_DELETE(self) -> None:
        self._route({"/sandbox/faults": self._clear_faults})

    def _route(self, routes: dict[str, Any]) -> None:
        path = urlsplit(self.path).path
        handler = routes.get(path)
        if handler is None and path.startswith("/upload/"):
            handler = routes.get("/upload/")
        if handler is None and web_handles(path):
            handler = lambda: web_serve(self)  # noqa: E731
        if handler is None:
            self._read_body()
            self._not_found()
        else:
            handler()

    # -- /api ----------------------------------------------------------------------------

    def _api(self) -> None:
        body = self._read_body()
        strict = self.headers.get("ftrack-strict-api", "false").lower() == "true"
        try:
            user = self._user(self.headers.get("ftrack-user"), self.headers.get("ftrack-api-key"))
            operations = _operations(body)
        except ApiError as error:
            self._send_error(error, strict=strict or isinstance(error, InvalidCredentialsError))
            return
        sandbox = self.server.sandbox
        fault = sandbox.monitor.record(operations)
        if fault is not None and fault.delay_seconds:
            time.sleep(fault.delay_seconds)
        elif fault is not None and fault.effect == "error":
            self._send_json(
                500,
                {
                    "exception": "ServerError",
                    "error_code": None,
                    "content": "The server failed to process the request "
                    "(fault injected by the sandbox).",
                },
            )
            return
        elif fault is not None and fault.effect == "http_503":
            self._send_text(503, "503 Service Unavailable")
            return
        try:
            results = sandbox.api.call(operations, user)
        except ApiError as error:
            self._send_error(error, strict=strict)
            return
        except Exception:
            log.exception("Unexpected error in /api")
            self._send_error(ApiError("The sandbox failed unexpectedly; see its log."), strict=True)
            return
        if fault is not None and fault.effect == "drop":
            self._drop_connection()
            return
        self._send_json(200, results)

    def _user(self, username: str | None, api_key: str | None) -> Entity:
        if not username or not api_key:
            raise InvalidCredentialsError("The request carries no API user and key.")
        sandbox = self.server.sandbox
        if not sandbox.credentials.check(username, api_key):
            raise InvalidCredentialsError(
                f'The supplied API key is not valid for the user "{username}".'
            )
        user = sandbox.user(username)
        if user is None or not user.data.get("is_active", True):
            raise PermissionDeniedError(f'The user "{username}" is not active.')
        return user

    def _authenticated(self) -> bool:
        query = parse_qs(urlsplit(self.path).query)
        username = self.headers.get("ftrack-user") or _first(query, "username")
        api_key = self.headers.get("ftrack-api-key") or _first(query, "apiKey")
        try:
            self._user(username, api_key)
        except ApiError as error:
            self._send_error(error, strict=True)
            return False
        return True

    def _reset_stats(self) -> None:
        self._read_body()
        if self._authenticated():
            self.server.sandbox.monitor.reset()
            self._send_json(200, self.server.sandbox.monitor.stats())

    def _stats(self) -> None:
        if self._authenticated():
            self._send_json(200, self.server.sandbox.monitor.stats())

    def _faults(self) -> None:
        if self._hooks_allowed():
            self._send_json(200, {"rules": self.server.sandbox.monitor.rules()})

    def _clear_faults(self) -> None:
        self._read_body()
        if self._hooks_allowed():
            self.server.sandbox.monitor.set_rules([])
            self._send_json(200, {"rules": []})

    def _hooks_allowed(self) -> bool:
        if not self.server.test_hooks:
            self._send_json(
                404,
                {
                    "exception": "NotFound",
                    "error_code": None,
                    "content": "Fault injection needs 'serve --test-hooks'.",
                },
            )
            return False
        return self._authenticated()

    def _set_faults(self) -> None:
        body = self._read_body()
        if not self._hooks_allowed():
            return
        try:
            raw = json.loads(body or b"{}")
            rules = [FaultRule.parse(rule) for rule in raw.get("rules", [])]
        except (ValueError, AttributeError) as error:
            self._send_error(ValidationError(f"Bad fault rules: {error}"), strict=True)
            return
        self.server.sandbox.monitor.set_rules(rules)
        self._send_json(200, {"rules": self.server.sandbox.monitor.rules()})

    # -- component files -----------------------------------------------------------------

    def _download(self) -> None:
        if not self._authenticated():
            return
        component_id = _first(parse_qs(urlsplit(self.path).query), "id") or ""
        try:
            path = self.server.sandbox.files.path(component_id)
        except ComponentIdError as error:
            self._send_json(404, error.reply())
            return
        if not path.is_file():
            self._not_found()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(path.stat().st_size))
        self.end_headers()
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                self.wfile.write(chunk)

    def _remove(self) -> None:
        if not self._authenticated():
            return
        component_id = _first(parse_qs(urlsplit(self.path).query), "id") or ""
        try:
            removed = self.server.sandbox.files.remove(component_id)
        except ComponentIdError as error:
            self._send_json(404, {"removed": False, **error.reply()})
            return
        self._send_json(200 if removed else 404, {"removed": removed})

    def _upload(self) -> None:
        component_id = urlsplit(self.path).path.removeprefix("/upload/")
        token = _first(parse_qs(urlsplit(self.path).query), "token") or ""
        length = int(self.headers.get("Content-Length") or 0)
        try:
            self.server.sandbox.files.receive(component_id, token, self.rfile, length)
        except PermissionError as error:
            self.close_connection = True
            self._send_text(403, str(error))
            return
        except (ComponentIdError, UploadError) as error:
            self.close_connection = True
            self._send_text(400, str(error))
            return
        self._send_text(200, "")

    # -- replies -------------------------------------------------------------------------

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send_error(self, error: ApiError, strict: bool) -> None:
        self._send_json(error.status if strict else 200, error.reply())

    def _send_json(self, status: int, content: Any) -> None:
        self._send(status, json.dumps(content).encode(), "application/json")

    def _send_text(self, status: int, text: str) -> None:
        self._send(status, text.encode(), "text/plain; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _not_found(self) -> None:
        self._send_json(
            404,
            {
                "exception": "NotFound",
                "error_code": None,
                "content": f"No such endpoint: {urlsplit(self.path).path}",
            },
        )

    def _drop_connection(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def _operations(body: bytes) -> list[Any]:
    try:
        operations = json.loads(body or b"[]")
    except ValueError:
        raise ValidationError("The request body is not valid JSON.") from None
    if not isinstance(operations, list):
        raise ValidationError("The request body must be a JSON list of operations.")
    return operations


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None
