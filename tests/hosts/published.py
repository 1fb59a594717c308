"""What a host test reads back from ftrack after a publish."""

from __future__ import annotations

from typing import Any

from ftpub.core.result import PublishResult


def published_components(ftrack: Any, result: PublishResult) -> dict[tuple[str, str], set[str]]:
    """``{(asset name, asset type short): component names}`` of the published versions."""
    found = {}
    for version in result.versions:
        entity = ftrack.query(
            "select asset.name, asset.type.short, components.name from AssetVersion "
            f'where id is "{version.asset_version_id}"'
        ).one()
        key = (entity["asset"]["name"], entity["asset"]["type"]["short"])
        found[key] = {component["name"] for component in entity["components"]}
    return found
