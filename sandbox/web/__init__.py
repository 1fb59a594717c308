"""The sandbox's read-only web page at ``/``: projects → hierarchy → tasks → versions.

The HTTP server mounts it: :func:`handles` says which paths are the page's and :func:`serve`
answers them. People log in with their API user and key (a form) or with a one-time link
(:mod:`.links`); a login is a cookie whose session lives in the server's memory (a restart
logs everyone out). The page only ever runs queries, as the logged-in user, and never shows
or logs an API key.
"""

from __future__ import annotations

import mimetypes
import re
import secrets
import threading
import weakref
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..files import ComponentIdError
from . import pages
from .catalog import Catalog
from .links import redeem

PATHS = frozenset({"/", "/web/login", "/web/logout", "/web/file"})
COOKIE = "ftpub_web"
SESSION_SECONDS = 12 * 3600
ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")
CHUNK = 1 << 20
MAX_FORM_BYTES = 1 << 16

_sessions: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def handles(path: str) -> bool:
    return path in PATHS


def serve(handler: BaseHTTPRequestHandler) -> None:
    """Answer one request for the page (``handler`` is the server's request handler)."""
    _Request(handler).answer()


def _local(where: str) -> str:
    """``where`` if it is a path on this server, else ``/`` (no open redirects)."""
    return where if where.startswith("/") and not where.startswith(("//", "/\\")) else "/"


class _Request:
    def __init__(self, handler: BaseHTTPRequestHandler) -> None:
        self.handler = handler
        self.server: Any = handler.server
        self.sandbox = self.server.sandbox
        split = urlsplit(handler.path)
        self.path = split.path
        self.query = {key: values[0] for key, values in parse_qs(split.query).items()}

    def answer(self) -> None:
        body = self._read_body()
        if self.path == "/web/login":
            self._login(body)
        elif self.path == "/web/logout":
            self._forget()
            self._redirect("/", clear_cookie=True)
        elif self.handler.command != "GET":
            self._html(405, pages.document("Not allowed", "<p>This page is read-only.</p>"))
        elif self.path == "/web/file":
            self._file()
        else:
            self._page()

    # -- logging in ------------------------------------------------------------------------

    def _login(self, body: bytes) -> None:
        if self.handler.command == "POST":
            form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
            username, key = form.get("username", ""), form.get("api_key", "")
            valid = bool(username and key) and self.sandbox.credentials.check(username, key)
            if not valid:
                self._html(401, pages.login("That API user and key do not match."))
                return
        else:
            username = redeem(self.sandbox.data_dir, self.query.get("token", "")) or ""
            if not username:
                self._html(401, pages.login("That link was used already or has expired."))
                return
        token = secrets.token_urlsafe(32)
        with _lock:
            _sessions.setdefault(self.server, {})[token] = username
        self._redirect(_local(self.query.get("next", "/")), cookie=token)

    def _cookie(self) -> str | None:
        for part in (self.handler.headers.get("Cookie") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE:
                return value
        return None

    def _user(self) -> Any | None:
        token = self._cookie()
        with _lock:
            username = _sessions.get(self.server, {}).get(token or "")
        user = self.sandbox.user(username) if username else None
        return user if user is not None and user.data.get("is_active", True) else None

    def _forget(self) -> None:
        with _lock:
            _sessions.get(self.server, {}).pop(self._cookie() or "", None)

    # -- pages -----------------------------------------------------------------------------

    def _catalog(self, user: Any) -> Catalog:
        from ftpub.core.config import load_config

        return Catalog(self.sandbox, user, load_config(None).publish_root.absolute())

    def _page(self) -> None:
        user = self._user()
        if user is None:
            self._html(200, pages.login())
            return
        name = str(user.data.get("username"))
        catalog = self._catalog(user)
        project, task = self.query.get("project"), self.query.get("task")
        if any(value is not None and not ID.match(value) for value in (project, task)):
            self._html(404, pages.document("Not found", "<p>No such page.</p>", name))
        elif task:
            link, versions = catalog.task(task)
            self._html(200, pages.task(link, versions, name))
        elif project:
            title, roots = catalog.hierarchy(project)
            self._html(200, pages.hierarchy(title, roots, name))
        else:
            self._html(200, pages.projects(catalog.projects(), name))

    def _file(self) -> None:
        user = self._user()
        component_id = self.query.get("id", "")
        if user is None:
            self._html(401, pages.login())
            return
        path: Path | None = None
        if ID.match(component_id) and self._catalog(user).is_file_component(component_id):
            try:
                path = self.sandbox.files.path(component_id)
            except ComponentIdError:
                path = None
        if path is None or not path.is_file():
            self._html(404, pages.document("Not found", "<p>No such file.</p>"))
            return
        self._send_file(path, self._content_type(user, component_id))

    def _content_type(self, user: Any, component_id: str) -> str:
        operation = {
            "action": "query",
            "expression": f'select file_type from Component where id is "{component_id}"',
        }
        found = self.sandbox.api.call([operation], user)[0]["data"]
        file_type = str(found[0]["file_type"] or "") if found else ""
        return mimetypes.guess_type(f"file{file_type}")[0] or "application/octet-stream"

    # -- replies ---------------------------------------------------------------------------

    def _read_body(self) -> bytes:
        """The form's body; the connection stays open only when all of it was read."""
        length = int(self.handler.headers.get("Content-Length") or 0)
        body = self.handler.rfile.read(min(length, MAX_FORM_BYTES)) if length else b""
        client_closes = self.handler.headers.get("Connection", "").lower() == "close"
        self.handler.close_connection = len(body) != length or client_closes
        return body

    def _start(self, status: int) -> None:
        """The status line, and ``Connection: close`` when the server will close it, so a
        client never sends its next request on a closed connection."""
        self.handler.send_response(status)
        if self.handler.close_connection:
            self.handler.send_header("Connection", "close")

    def _html(self, status: int, text: str) -> None:
        body = text.encode()
        handler = self.handler
        self._start(status)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Cache-Control", "no-store")
        handler.send_header("Content-Security-Policy", "default-src 'self' 'unsafe-inline'")
        handler.end_headers()
        handler.wfile.write(body)

    def _redirect(self, where: str, cookie: str = "", clear_cookie: bool = False) -> None:
        handler = self.handler
        self._start(303)
        handler.send_header("Location", where)
        handler.send_header("Content-Length", "0")
        if cookie or clear_cookie:
            age = SESSION_SECONDS if cookie else 0
            handler.send_header(
                "Set-Cookie",
                f"{COOKIE}={cookie}; HttpOnly; SameSite=Strict; Path=/; Max-Age={age}",
            )
        handler.end_headers()

    def _send_file(self, path: Path, content_type: str) -> None:
        size = path.stat().st_size
        start, end = 0, size - 1
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", self.handler.headers.get("Range") or "")
        partial = match is not None and size > 0 and (match.group(1) or match.group(2))
        if partial and match is not None:
            if match.group(1):
                start = int(match.group(1))
                end = min(int(match.group(2) or end), end)
            else:
                start = max(size - int(match.group(2)), 0)
            if start > end:
                self._start(416)
                self.handler.send_header("Content-Range", f"bytes */{size}")
                self.handler.send_header("Content-Length", "0")
                self.handler.end_headers()
                return
        handler = self.handler
        self._start(206 if partial else 200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Accept-Ranges", "bytes")
        handler.send_header("Content-Length", str(end - start + 1 if size else 0))
        if partial:
            handler.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        handler.end_headers()
        with path.open("rb") as source:
            source.seek(start)
            left = end - start + 1 if size else 0
            while left > 0 and (chunk := source.read(min(CHUNK, left))):
                handler.wfile.write(chunk)
                left -= len(chunk)
