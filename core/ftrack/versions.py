"""Phase 2 of an integration: the missing assets and every version, created unpublished.

The same call writes each version's metadata and asks ftrack where to upload the thumbnails
and reviewables.
"""

from __future__ import annotations

import ftrack_api

from ftpub.core.journal import Journal

from . import components as comp
from .calls import Result, send
from .lookup import Lookup
from .operations import (
    CreateOperation,
    UploadMetadataOperation,
    create,
    create_metadata,
    new_id,
    query,
    quoted,
    ref,
)
from .plan import PlannedVersion
from .settings import IntegrationSettings
from .uploads import UploadTarget, upload_request


def create_versions(
    session: ftrack_api.Session,
    versions: list[PlannedVersion],
    lookup: Lookup,
    comment: str,
    settings: IntegrationSettings,
    journal: Journal,
) -> dict[str, UploadTarget]:
    """Create missing assets and the unpublished versions; returns upload targets by id."""
    operations: list[CreateOperation] = []
    metadata: list[CreateOperation] = []
    created: list[tuple[str, str]] = []
    uploads: list[UploadMetadataOperation] = []
    for version in versions:
        task = lookup.tasks[version.item.task_id]
        if version.asset_is_new and ("Asset", version.asset_id) not in created:
            operations.append(
                create(
                    "Asset",
                    version.asset_id,
                    name=version.item.asset_name,
                    type=ref("AssetType", version.asset_type_id),
                    parent=ref(task.parent_type, task.parent_id),
                )
            )
            created.append(("Asset", version.asset_id))
        operations.append(
            create(
                "AssetVersion",
                version.version_id,
                asset=ref("Asset", version.asset_id),
                task=ref("Task", task.id),
                comment=comment,
                is_published=False,
            )
        )
        created.append(("AssetVersion", version.version_id))
        metadata += [
            create_metadata("AssetVersion", version.version_id, key, value)
            for key, value in sorted(version.item.version_metadata.items())
        ]
        for representation in version.item.instance.representations:
            if comp.is_server_bound(representation):
                component_id = new_id()
                version.uploads[representation.name] = component_id
                uploads.append(
                    upload_request(
                        component_id, representation.path, version.component_name(representation)
                    )
                )
    # Metadata goes with its version (deleting the version deletes it): the journal needs no
    # entry for it, nor the lost-reply check (Metadata has no id to look up).
    journal.ftrack(created)
    reply = send(
        session,
        [*operations, *metadata, *uploads],
        "create the versions",
        settings.retry,
        created=created,
    )
    if reply.lost:
        # The batch applied but its reply was lost: ask again for what the reply held.
        entities: list[Result] = []
        targets: list[Result] = []
        if uploads:
            targets = list(send(session, uploads, "ask where to upload", settings.retry))
    else:
        entities = list(reply.results[: len(operations)])
        targets = list(reply.results[len(operations) + len(metadata) :])
    with session.auto_populating(False):
        numbers = {
            result["data"]["id"]: result["data"]["version"]
            for result in entities
            if result["data"].entity_type == "AssetVersion"
            and isinstance(result["data"]["version"], int)
        }
    if len(numbers) < len(versions):
        numbers = _version_numbers(session, versions, settings)
    for version in versions:
        version.number = numbers[version.version_id]
    return {
        target["component_id"]: UploadTarget(url=target["url"], headers=target["headers"])
        for target in targets
    }


def _version_numbers(
    session: ftrack_api.Session, versions: list[PlannedVersion], settings: IntegrationSettings
) -> dict[str, int]:
    ids = quoted(v.version_id for v in versions)
    result = send(
        session,
        [query(f"select version from AssetVersion where id in ({ids})")],
        "read the new version numbers",
        settings.retry,
    )
    with session.auto_populating(False):
        return {item["id"]: item["version"] for item in result[0]["data"]}
