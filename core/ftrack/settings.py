"""What the studio config decides about where and how an integration publishes files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ftpub.core.config import Config
from ftpub.core.files import Mode
from ftpub.core.publish_data import ReviewMode

from .calls import DEFAULT_POLICY, RetryPolicy


@dataclass(frozen=True)
class IntegrationSettings:
    """What the studio config decides about where and how files are published."""

    publish_root: Path
    path_template: str
    transfer_mode: Mode
    checksum: str
    review_mode: ReviewMode
    storage_location: str
    version_status: str
    """A status name for the published versions; empty keeps ftrack's default."""
    retry: RetryPolicy = DEFAULT_POLICY

    @classmethod
    def from_config(cls, config: Config) -> IntegrationSettings:
        """The settings of a publish under ``config``."""
        return cls(
            publish_root=config.publish_root,
            path_template=config.path_template,
            transfer_mode=config.transfer_mode,
            checksum=config.checksum,
            review_mode=config.review_mode,
            storage_location=config.storage_location,
            version_status=config.version_status,
        )
