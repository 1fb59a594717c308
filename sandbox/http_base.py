"""What every sandbox route uses: credentials, request bodies within limits, and replies."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import time
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .entity import Entity
from .errors import ApiError, InvalidCredentialsError, PermissionDeniedError

log = logging.getLogger(__name__)


class BodyError(ApiError):
    """A request body the server will not read."""

    exception = "ValidationError"


class RequestBase(BaseHTTPRequestHandler):
    """A request to the sandbox; ``server`` is the :class:`~ftpub.sandbox.server.SandboxServer`."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate small writes
    server: Any
    _keep_alive = True

    def setup(self) -> None:
        self.timeout = self.server.limits.socket_timeout
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        """Log the path only: download URLs carry the API key in their query."""
        log.info("%s %s", self.command, urlsplit(self.path).path)

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
        username = self.headers.get("ftrack-user") or first_value(query, "username")
        api_key = self.headers.get("ftrack-api-key") or first_value(query, "apiKey")
        try:
            self._user(username, api_key)
        except ApiError as error:
            self._send_error(error, strict=True)
            return False
        return True

    # -- replies -------------------------------------------------------------------------

    def _content_length(self) -> int:
        text = self.headers.get("Content-Length") or "0"
        if not text.isdigit():
            raise BodyError(f"Content-Length must be a whole number of bytes, not {text!r}.")
        return int(text)

    def _read_body(self, limit: int = 1024 * 1024) -> bytes:
        """The request body, refused unread when malformed or over ``limit`` bytes."""
        length = self._content_length()
        if length > limit:
            error = BodyError(f"The request body is over the limit of {limit} bytes.")
            error.status = 413
            raise error
        body = self.rfile.read(length) if length else b""
        self.close_connection = not self._keep_alive or len(body) != length
        return body

    def _send_error(self, error: ApiError, strict: bool) -> None:
        self._send_json(error.status if strict else 200, error.reply())

    def _send_json(self, status: int, content: Any, started: float | None = None) -> None:
        """Reply with ``content`` as compact JSON. Given ``started`` (a ``perf_counter``
        reading), a ``Server-Timing`` header says how long the server took from then until
        the reply was encoded."""
        body = json.dumps(content, separators=(",", ":")).encode()
        headers: dict[str, str] = {}
        if started is not None:
            headers["Server-Timing"] = f"api;dur={(time.perf_counter() - started) * 1000:.3f}"
        self._send(status, body, "application/json", headers)

    def _send_text(self, status: int, text: str) -> None:
        self._send(status, text.encode(), "text/plain; charset=utf-8")

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
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


def first_value(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None
