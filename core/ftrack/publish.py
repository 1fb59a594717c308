"""Phase 4 of an integration: every version published at once, with its status and thumbnail."""

from __future__ import annotations

import ftrack_api

from ftpub.core.journal import Journal

from .calls import send
from .lookup import Lookup, NotInFtrackError
from .operations import ref, update
from .plan import PlannedVersion
from .settings import IntegrationSettings


def publish_versions(
    session: ftrack_api.Session,
    versions: list[PlannedVersion],
    lookup: Lookup,
    settings: IntegrationSettings,
    journal: Journal,
) -> None:
    """Set ``is_published``, the configured status and the thumbnail of every version.

    The journal notes the versions first: a publish killed during this call is kept by the
    next run if the versions turn out published (see :mod:`.recovery`).
    """
    journal.publishing([("AssetVersion", v.version_id) for v in versions])
    status_id = None
    if settings.version_status:
        status_id = lookup.statuses.get(settings.version_status.lower())
        if status_id is None:
            raise NotInFtrackError(
                f"ftrack has no status '{settings.version_status}' "
                "(version_status in the studio config)"
            )
    operations = []
    for version in versions:
        data: dict[str, object] = {"is_published": True}
        if status_id is not None:
            data["status"] = ref("Status", status_id)
        if version.thumbnail_id is not None:
            data["thumbnail"] = ref("FileComponent", version.thumbnail_id)
        operations.append(update("AssetVersion", version.version_id, **data))
    send(session, operations, "publish the versions", settings.retry)
