"""Files held by the ``ftrack.server`` location: uploads, downloads, removals."""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import shutil
import threading
import uuid
from pathlib import Path
from typing import IO, Any

from .errors import ValidationError


class UploadError(Exception):
    """An upload that does not match what ``get_upload_metadata`` announced."""


class ComponentIdError(ValidationError):
    """A component id that is not a UUID: it never becomes a file name."""


def file_name(component_id: str) -> str:
    """The canonical form of ``component_id``, the only name a component's file has."""
    try:
        return str(uuid.UUID(component_id))
    except ValueError:
        raise ComponentIdError(f"{component_id!r} is not a component id (a UUID).") from None


class ServerFiles:
    """One file per component id under ``folder``; uploads need a token issued beforehand.

    Every method takes component ids as clients send them and raises :class:`ComponentIdError`
    for one that is not a UUID, before any file is touched. The folder and its files are
    private to the user running the sandbox; each upload records who made it, and only that
    user may upload over it.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        self._expected: dict[str, tuple[str, Any, Any, str]] = {}
        self._lock = threading.Lock()

    def path(self, component_id: str) -> Path:
        return self.folder / file_name(component_id)

    def expect(self, component_id: str, size: Any, checksum: Any, username: str) -> str:
        """Announce an upload by ``username``; returns the token its ``PUT`` must carry.

        Raises ``PermissionError`` when the component has a file someone else stored.
        """
        name = file_name(component_id)
        if self.path(name).exists() and self._owner(name) != username:
            raise PermissionError(f"Component {name} already has a file another user stored.")
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._expected[name] = (token, size, checksum, username)
        return token

    def _owner(self, name: str) -> str | None:
        try:
            return self.path(name).with_suffix(".owner").read_text()
        except FileNotFoundError:
            return None

    def receive(self, component_id: str, token: str, body: IO[bytes], length: int) -> None:
        """Store an upload, checking its token, size and MD5 before it replaces anything."""
        name = file_name(component_id)
        with self._lock:
            expected = self._expected.get(name)
        if expected is None or not secrets.compare_digest(expected[0], token):
            raise PermissionError("This upload was not announced or its token is wrong.")
        _, size, checksum, username = expected
        if isinstance(size, int) and size != length:
            raise UploadError(f"Expected {size} bytes, received {length}.")
        digest = hashlib.md5()
        partial = self.path(name).with_suffix(".part")
        with _private(partial) as handle:
            remaining = length
            while remaining > 0:
                chunk = body.read(min(remaining, 1 << 20))
                if not chunk:
                    break
                digest.update(chunk)
                handle.write(chunk)
                remaining -= len(chunk)
        if remaining:
            partial.unlink()
            raise UploadError(f"The upload ended {remaining} bytes early.")
        if checksum and base64.b64encode(digest.digest()).decode() != checksum:
            partial.unlink()
            raise UploadError("The upload's MD5 checksum does not match.")
        with _private(self.path(name).with_suffix(".owner")) as owner:
            owner.write(username.encode())
        os.replace(partial, self.path(name))
        with self._lock:
            self._expected.pop(name, None)

    def copy(self, source_id: str, target_id: str) -> None:
        with self.path(source_id).open("rb") as source, _private(self.path(target_id)) as target:
            shutil.copyfileobj(source, target)

    def remove(self, component_id: str) -> bool:
        self.path(component_id).with_suffix(".owner").unlink(missing_ok=True)
        try:
            self.path(component_id).unlink()
        except FileNotFoundError:
            return False
        return True


def _private(path: Path) -> IO[bytes]:
    """``path`` opened for writing, readable by its owner only."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")
