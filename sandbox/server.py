"""The sandbox's HTTP server: routing, ``/api``, the event hub and the test hooks."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from .app import Sandbox
from .errors import ApiError, InvalidCredentialsError, ParseError, ValidationError
from .event_hub import EventServer, HubClient
from .file_routes import FileRoutes
from .http_base import BodyError
from .monitor import FaultRule
from .web import handles as web_handles
from .web import serve as web_serve
from .websocket import HandshakeError, WebSocket, accept_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """What one client may take of the server."""

    max_api_bytes: int = int(os.environ.get("FTPUB_SANDBOX_MAX_API_MB", "64")) * 1024 * 1024
    """The largest ``/api`` body read: 64 MB unless ``FTPUB_SANDBOX_MAX_API_MB`` says."""
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


class _Handler(FileRoutes):
    server: SandboxServer

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
        except BodyError as error:
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
            refused = isinstance(error, InvalidCredentialsError | BodyError)
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
        started = time.perf_counter()
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
        self._send_json(200, results, started)

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
