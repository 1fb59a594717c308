"""Uploading thumbnails and reviewables to ftrack's own storage (``ftrack.server``)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

import requests

from .calls import RetryPolicy, retried
from .operations import UploadMetadataOperation

CHUNK = 1 << 20


@dataclass(frozen=True)
class UploadTarget:
    """Where ``get_upload_metadata`` said to put a file, and the headers to send with it."""

    url: str
    headers: dict[str, str]


def upload_request(component_id: str, path: Path, component_name: str) -> UploadMetadataOperation:
    """The ``get_upload_metadata`` operation for a file (MD5 read in chunks, not at once)."""
    digest = hashlib.md5()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {
        "action": "get_upload_metadata",
        "component_id": component_id,
        "file_name": f"{component_name}{path.suffix}",
        "file_size": size,
        "checksum": base64.b64encode(digest.digest()).decode(),
    }


def put(target: UploadTarget, path: Path, policy: RetryPolicy) -> None:
    """Send ``path`` where ``get_upload_metadata`` said, retrying connection failures and 5xx."""

    def attempt() -> None:
        with path.open("rb") as data:
            response = requests.put(target.url, data=data, headers=target.headers, timeout=600)
        response.raise_for_status()

    try:
        retried(attempt, policy)
    except requests.RequestException as error:
        raise RuntimeError(f"the upload of {path.name} failed: {error}") from error
