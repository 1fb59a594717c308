"""Which versions a farm manifest already published (farms retry tasks; publish once)."""

from __future__ import annotations

import ftrack_api

from ftpub.core.ftrack.calls import send
from ftpub.core.ftrack.operations import query, quoted

#: Metadata key on a published version: the manifest the version came from.
MANIFEST_ID_KEY = "ftpub_manifest_id"


def published_from(session: ftrack_api.Session, manifest_id: str) -> list[str]:
    """The published versions that came from ``manifest_id``, as ``hero v003``, in one call."""
    expression = (
        "select version, asset.name from AssetVersion where is_published is true and "
        f"metadata any (key is {quoted([MANIFEST_ID_KEY])} and value is {quoted([manifest_id])})"
    )
    result = send(session, [query(expression)], f"look up the versions of manifest {manifest_id}")
    with session.auto_populating(False):
        versions = sorted((v["asset"]["name"], v["version"]) for v in result[0]["data"])
    return [f"{asset} v{number:03d}" for asset, number in versions]
