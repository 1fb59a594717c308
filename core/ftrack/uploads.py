"""Uploading thumbnails and reviewables to ftrack's own storage (``ftrack.server``)."""

from __future__ import annotations

import base64
import hashlib
import time
from pathlib import Path
from typing import Any

import requests

from .calls import RetryPolicy
from .operations import Operation

CHUNK = 1 << 20


def upload_request(component_id: str, path: Path, component_name: str) -> Operation:
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


def put(target: dict[str, Any], path: Path, policy: RetryPolicy) -> None:
    """Send ``path`` where ``get_upload_metadata`` said, retrying connection failures and 5xx."""
    delays = policy.delays()
    for attempt in range(policy.attempts):
        try:
            with path.open("rb") as data:
                response = requests.put(
                    target["url"], data=data, headers=target["headers"], timeout=600
                )
            if response.status_code < 500:
                response.raise_for_status()
                return
            error: Exception = requests.HTTPError(f"{response.status_code} from the upload")
        except (requests.ConnectionError, requests.Timeout) as failure:
            error = failure
        if attempt == policy.attempts - 1:
            raise RuntimeError(f"the upload of {path.name} failed: {error}") from error
        time.sleep(delays[attempt])
