"""The farm host: publishing without a DCC, from a manifest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ftpub.core.publish_data import InstanceData
from ftpub.hosts.farm.manifest import Manifest

TARGETS = ("default", "farm")


@dataclass(frozen=True)
class FarmHost:
    """Host adapter whose scene is a manifest; its publishables are the manifest's instances."""

    manifest: Manifest
    name: str = "farm"

    def current_file(self) -> Path | None:
        return self.manifest.path

    def publishables(self) -> list[InstanceData]:
        return list(self.manifest.instances)
