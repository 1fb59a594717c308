"""What the studio config decides about where and how an integration publishes files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ftpub.core.files.checksum import DEFAULT_ALGORITHM

from .calls import DEFAULT_POLICY, RetryPolicy


@dataclass(frozen=True)
class IntegrationSettings:
    """What the studio config decides about where and how files are published."""

    publish_root: Path
    path_template: str
    transfer_mode: str = "copy"
    checksum: str = DEFAULT_ALGORITHM
    review_mode: str = "upload"
    storage_location: str = "ftpub.storage"
    version_status: str = ""
    retry: RetryPolicy = DEFAULT_POLICY
