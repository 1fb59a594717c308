"""Routes for component files: downloads, thumbnails, removals, uploads, and widget pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .errors import ValidationError
from .files import ComponentIdError, UploadError
from .http_base import BodyError, RequestBase, first_value
from .thumbnails import ThumbnailError, fitted, widget_page


class FileRoutes(RequestBase):
    """The ``ftrack.server`` location's endpoints [VERIFIED-src ftrack_api/accessor/server.py]."""

    def _download(self) -> None:
        path = self._stored_file()
        if path is not None:
            self._send_file(path, "application/octet-stream")

    def _thumbnail(self) -> None:
        path = self._stored_file()
        if path is None:
            return
        size = first_value(parse_qs(urlsplit(self.path).query), "size")
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
        page = widget_page(name, first_value(query, "entityType"), first_value(query, "entityId"))
        self._send(200, page.encode(), "text/html; charset=utf-8")

    def _stored_file(self) -> Path | None:
        """The file of the component the query names, or ``None`` once the error is sent."""
        if not self._authenticated():
            return None
        component_id = first_value(parse_qs(urlsplit(self.path).query), "id") or ""
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
        component_id = first_value(parse_qs(urlsplit(self.path).query), "id") or ""
        try:
            removed = self.server.sandbox.files.remove(component_id)
        except ComponentIdError as error:
            self._send_json(404, {"removed": False, **error.reply()})
            return
        self._send_json(200 if removed else 404, {"removed": removed})

    def _upload(self) -> None:
        component_id = urlsplit(self.path).path.removeprefix("/upload/")
        token = first_value(parse_qs(urlsplit(self.path).query), "token") or ""
        try:
            length = self._content_length()
        except BodyError as error:
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
