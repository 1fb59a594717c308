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
    for one that is not a UUID, before any file is touched.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._expected: dict[str, tuple[str, Any, Any]] = {}
        self._lock = threading.Lock()

    def path(self, component_id: str) -> Path:
        return self.folder / file_name(component_id)

    def expect(self, component_id: str, size: Any, checksum: Any) -> str:
        """Announce an upload; returns the token its ``PUT`` must carry."""
        name = file_name(component_id)
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._expected[name] = (token, size, checksum)
        return token

    def receive(self, component_id: str, token: str, body: IO[bytes], length: int) -> None:
        """Store an upload, checking its token, size and MD5 before it replaces anything."""
        name = file_name(component_id)
        with self._lock:
            expected = self._expected.get(name)
        if expected is None or not secrets.compare_digest(expected[0], token):
            raise PermissionError("This upload was not announced or its token is wrong.")
        _, size, checksum = expected
        if isinstance(size, int) and size != length:
            raise UploadError(f"Expected {size} bytes, received {length}.")
        digest = hashlib.md5()
        partial = self.path(name).with_suffix(".part")
        with partial.open("wb") as handle:
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
        os.replace(partial, self.path(name))
        with self._lock:
            self._expected.pop(name, None)

    def copy(self, source_id: str, target_id: str) -> None:
        shutil.copyfile(self.path(source_id), self.path(target_id))

    def remove(self, component_id: str) -> bool:
        try:
            self.path(component_id).unlink()
        except FileNotFoundError:
            return False
        return True
