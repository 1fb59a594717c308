"""The sandbox's HTTP server: ``/api``, component files, uploads and the test hooks."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .app import Sandbox
from .entity import Entity
from .errors import (
    ApiError,
    InvalidCredentialsError,
    ParseError,
    PermissionDeniedError,
    ValidationError,
)
from .event_hub import EventServer, HubClient
from .files import ComponentIdError, UploadError
from .monitor import FaultRule
from .thumbnails import ThumbnailError, fitted, widget_page
from .web import handles as web_handles
from .web import serve as web_serve
from .websocket import HandshakeError, WebSocket, accept_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """What one client may take of the server."""

    max_api_bytes: int = (
        int(  # 64 MB unless FTPUB_SANDBOX_MAX_API_MB says otherwise
            os.environ.get("FTPUB_SANDBOX_MAX_API_MB", "64")
        )
        * 1024
        * 1024
    )
    socket_timeout: float = 60.0
    """Seconds a connection may stay silent (event hub sockets answer heartbeats sooner)."""
    workers: int = 32
    """Requests served at once; more wait to be accepted. Event hub sockets do not count."""


class SandboxServer(ThreadingHTTPServer):
    """Serves one :class:`Sandbox` on a loopback address."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        sandbox: Sandbox,
        host: str = "127.0.0.1",
        port: int = 0,
        test_hooks: bool = False,
        events: EventServer | None = None,
        limits: Limits | None = None,
    ) -> None:
        super().__init__((host, port), _Handler)
        self.sandbox = sandbox
        self.test_hooks = test_hooks
        self.events = events or EventServer()
        self.limits = limits or Limits()
        self._workers = threading.BoundedSemaphore(self.limits.workers)
        self._released = threading.local()
        bound_host, bound_port = self.server_address[:2]
        sandbox.serving_at(f"http://{bound_host}:{bound_port}")

    def process_request(self, request: Any, client_address: Any) -> None:
        """Wait for a free worker, then serve the request on its own thread."""
        self._workers.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._workers.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        self._released.done = False
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.release_worker()

    def release_worker(self) -> None:
        """Give this thread's worker back (a long-lived event hub socket does it early)."""
        if not getattr(self._released, "done", True):
            self._released.done = True
            self._workers.release()

    @property
    def url(self) -> str:
        return self.sandbox.server_url

    def server_close(self) -> None:
        self.events.stop()
        super().server_close()


class _BodyError(ApiError):
    """A request body the server will not read."""

    exception = "ValidationError"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate small writes
    server: SandboxServer

    def setup(self) -> None:
        self.timeout = self.server.limits.socket_timeout
        super().setup()

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
                "/component/thumbnail": self._thumbnail,
                "/widget/*": self._widget,
                "/component/remove": self._remove,
                "/socket.io/1/": self._socket_io_handshake,
                "/socket.io/1/websocket/*": self._socket_io_websocket,
            }
        )

    def do_PUT(self) -> None:
        self._route({"/upload/*": self._upload})

    def do_DELETE(self) -> None:
        self._route({"/sandbox/faults": self._clear_faults})

    def _route(self, routes: dict[str, Any]) -> None:
        """Call the handler of the request's path: an exact route, or a ``/prefix/*`` one.

        Handlers read a body only once the request is authenticated; a body left unread
        closes the connection after the reply.
        """
        self._keep_alive = not self.close_connection
        path = urlsplit(self.path).path
        handler = routes.get(path)
        if handler is None:
            handler = next((h for route, h in routes.items() if _matches_prefix(route, path)), None)
        if handler is None and web_handles(path):
            handler = lambda: web_serve(self)  # noqa: E731
        if self.headers.get("Content-Length", "0") != "0":
            self.close_connection = True  # until a handler reads the body
        try:
            if handler is None:
                self._not_found()
            else:
                handler()
        except _BodyError as error:
            self._send_error(error, strict=True)

    # -- /api ----------------------------------------------------------------------------

    def _api(self) -> None:
        """Credentials first, then the body (capped), then the operations."""
        strict = self.headers.get("ftrack-strict-api", "false").lower() == "true"
        try:
            user = self._user(self.headers.get("ftrack-user"), self.headers.get("ftrack-api-key"))
            operations = _operations(self._read_body(self.server.limits.max_api_bytes))
        except ApiError as error:
            if not isinstance(error, ValidationError | ParseError):
                self.close_connection = True  # its body stays unread
            refused = isinstance(error, InvalidCredentialsError | _BodyError)
            self._send_error(error, strict=strict or refused)
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
        if self._authenticated():
            self._read_body()
            self.server.sandbox.monitor.reset()
            self._send_json(200, self.server.sandbox.monitor.stats())

    def _stats(self) -> None:
        if self._authenticated():
            self._send_json(200, self.server.sandbox.monitor.stats())

    def _faults(self) -> None:
        if self._hooks_allowed():
            self._send_json(200, {"rules": self.server.sandbox.monitor.rules()})

    def _clear_faults(self) -> None:
        if self._hooks_allowed():
            self._read_body()
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
        if not self._hooks_allowed():
            return
        body = self._read_body()
        try:
            raw = json.loads(body or b"{}")
            rules = [FaultRule.parse(rule) for rule in raw.get("rules", [])]
        except (ValueError, AttributeError) as error:
            self._send_error(ValidationError(f"Bad fault rules: {error}"), strict=True)
            return
        self.server.sandbox.monitor.set_rules(rules)
        self._send_json(200, {"rules": self.server.sandbox.monitor.rules()})

    # -- event hub -----------------------------------------------------------------------

    def _socket_io_handshake(self) -> None:
        """socket.io's handshake, authenticated like ``/api``."""
        try:
            user = self._user(self.headers.get("ftrack-user"), self.headers.get("ftrack-api-key"))
        except ApiError as error:
            self._send_error(error, strict=True)
            return
        self._send_text(200, self.server.events.handshake(str(user.data["username"])))

    def _socket_io_websocket(self) -> None:
        """The websocket of a session id a handshake issued; serves it until it closes."""
        events = self.server.events
        sid = urlsplit(self.path).path.rsplit("/", 1)[-1]
        try:
            accept = accept_key(self.headers)
        except HandshakeError as error:
            self._send_text(400, str(error))
            return
        username = events.admit(sid)
        if username is None:
            self._send_error(InvalidCredentialsError("Unknown or expired event hub session."), True)
            return
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept)
        self.end_headers()
        self.close_connection = True
        self.server.release_worker()
        socket_ = WebSocket(self.connection, self.rfile, self.wfile)
        client = HubClient(sid, username, socket_.send_text, socket_.close)
        events.join(client)
        try:
            for message in socket_.messages():
                events.receive(client, message)
        finally:
            events.leave(client)

    # -- component files -----------------------------------------------------------------

    def _download(self) -> None:
        path = self._stored_file()
        if path is not None:
            self._send_file(path, "application/octet-stream")

    def _thumbnail(self) -> None:
        path = self._stored_file()
        if path is None:
            return
        size = _first(parse_qs(urlsplit(self.path).query), "size")
        if size is not None:
            if not size.isdigit() or int(size) < 1:
                self._send_error(ValidationError("size must be a positive whole number."), True)
                return
            try:
                path = fitted(path, int(size), self.server.sandbox.data_dir / "thumbnails")
            except ThumbnailError as error:
                self._send_error(ValidationError(str(error)), True)
                return
        self._send_file(path, "image/jpeg" if path.suffix == ".jpg" else "application/octet-stream")

    def _widget(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        name = unquote(urlsplit(self.path).path.removeprefix("/widget/"))
        page = widget_page(name, _first(query, "entityType"), _first(query, "entityId"))
        self._send(200, page.encode(), "text/html; charset=utf-8")

    def _stored_file(self) -> Path | None:
        """The file of the component the query names, or ``None`` once the error is sent."""
        if not self._authenticated():
            return None
        component_id = _first(parse_qs(urlsplit(self.path).query), "id") or ""
        try:
            path = self.server.sandbox.files.path(component_id)
        except ComponentIdError as error:
            self._send_json(404, error.reply())
            return None
        if not path.is_file():
            self._not_found()
            return None
        return path

    def _send_file(self, path: Path, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
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
        try:
            length = self._content_length()
        except _BodyError as error:
            self.close_connection = True
            self._send_text(error.status, error.content)
            return
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
        self.close_connection = not self._keep_alive
        self._send_text(200, "")

    # -- replies -------------------------------------------------------------------------

    def _content_length(self) -> int:
        text = self.headers.get("Content-Length") or "0"
        if not text.isdigit():
            raise _BodyError(f"Content-Length must be a whole number of bytes, not {text!r}.")
        return int(text)

    def _read_body(self, limit: int = 1024 * 1024) -> bytes:
        """The request body, refused unread when malformed or over ``limit`` bytes."""
        length = self._content_length()
        if length > limit:
            error = _BodyError(f"The request body is over the limit of {limit} bytes.")
            error.status = 413
            raise error
        body = self.rfile.read(length) if length else b""
        self.close_connection = not self._keep_alive or len(body) != length
        return body

    def _send_error(self, error: ApiError, strict: bool) -> None:
        self._send_json(error.status if strict else 200, error.reply())

    def _send_json(self, status: int, content: Any) -> None:
        self._send(status, json.dumps(content).encode(), "application/json")

    def _send_text(self, status: int, text: str) -> None:
        self._send(status, text.encode(), "text/plain; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        if self.close_connection:
            self.send_header("Connection", "close")
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


def _matches_prefix(route: str, path: str) -> bool:
    return route.endswith("/*") and path.startswith(route[:-1])


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None
