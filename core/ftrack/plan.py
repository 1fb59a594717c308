"""Phase 1 of an integration: look up the ftrack context and plan one version per instance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import ftrack_api

from ftpub.core.publish_data import REVIEW_TAG, THUMBNAIL_TAG, InstanceData, Representation

from . import components as comp
from .lookup import Lookup, NotInFtrackError, fetch
from .operations import new_id
from .settings import IntegrationSettings
from .storage import configure_location


@dataclass(frozen=True)
class InstanceToPublish:
    """One instance, its task and the names ftrack will know it by."""

    instance: InstanceData
    task_id: str
    asset_name: str
    component_names: dict[str, str] = field(default_factory=dict)
    """Representation name -> component name, where a hook renamed it."""
    ftr_meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Representation name -> the web player's metadata of a reviewable."""
    path_templates: dict[str, str] = field(default_factory=dict)
    """Representation name -> path template, where a hook chose one."""
    version_metadata: dict[str, str] = field(default_factory=dict)
    """Metadata of the version (key -> value), written with it: where it came from."""


@dataclass
class PlannedVersion:
    """The plan for one AssetVersion, filled in as the publish goes."""

    item: InstanceToPublish
    asset_id: str
    asset_type_id: str
    asset_is_new: bool
    version_id: str = field(default_factory=new_id)
    number: int = 0
    uploads: dict[str, str] = field(default_factory=dict)
    """Representation name -> id of its component in ``ftrack.server``."""
    component_ids: list[str] = field(default_factory=list)
    encode_sources: list[str] = field(default_factory=list)
    thumbnail_id: str | None = None

    def component_name(self, representation: Representation) -> str:
        """The name of ``representation``'s component: fixed for thumbnails and reviewables."""
        if THUMBNAIL_TAG in representation.tags:
            return comp.THUMBNAIL_COMPONENT
        if REVIEW_TAG in representation.tags:
            return comp.review_component_name(representation)
        return self.item.component_names.get(representation.name, representation.name)


def plan(
    session: ftrack_api.Session, items: Sequence[InstanceToPublish], settings: IntegrationSettings
) -> tuple[Lookup, list[PlannedVersion]]:
    """Look up what ``items`` refer to in one call; plan a version of each into its asset.

    The first publish of a site creates the storage location: this session's instance of it
    gets ftpub's accessor and structure.
    """
    lookup = fetch(
        session,
        [i.task_id for i in items],
        [i.asset_name for i in items],
        settings.storage_location,
        settings.retry,
    )
    if lookup.storage_location_created:
        location = session.get("Location", lookup.storage_location_id)
        configure_location(location, settings.publish_root, settings.path_template)
    return lookup, _versions(items, lookup)


def _versions(items: Sequence[InstanceToPublish], lookup: Lookup) -> list[PlannedVersion]:
    """One version per item, into its existing asset or one new asset per (parent, name, type)."""
    versions = []
    new_assets: dict[tuple[str, str, str], str] = {}
    for item in items:
        task = lookup.tasks[item.task_id]
        type_id = lookup.asset_types.get(item.instance.asset_type.lower())
        if type_id is None:
            raise NotInFtrackError(
                f"ftrack has no asset type '{item.instance.asset_type}' "
                f"(instance {item.instance.name})"
            )
        key = (task.parent_id, item.asset_name.lower(), type_id)
        existing = lookup.assets.get(key)
        if existing is not None:
            versions.append(PlannedVersion(item, existing, type_id, asset_is_new=False))
        else:
            asset_id = new_assets.setdefault(key, new_id())
            versions.append(PlannedVersion(item, asset_id, type_id, asset_is_new=True))
    return versions
