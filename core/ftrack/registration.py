"""Phase 3b of an integration: the components of the placed files, in one call.

Files in the studio's storage become file or sequence components in the storage location;
uploaded ones become components in ``ftrack.server`` (a thumbnail, a reviewable, or a source
the server encodes into reviewables afterwards).
"""

from __future__ import annotations

import ftrack_api

from ftpub.core.journal import Journal
from ftpub.core.publish_data import THUMBNAIL_TAG, Representation

from . import components as comp
from .calls import send
from .encode import encode_reviews
from .lookup import SERVER_LOCATION_ID, Lookup
from .placement import SINGLE_FILE, Placed
from .plan import PlannedVersion
from .settings import IntegrationSettings


def register_components(
    session: ftrack_api.Session,
    versions: list[PlannedVersion],
    lookup: Lookup,
    placed: dict[tuple[str, str], Placed],
    settings: IntegrationSettings,
    journal: Journal,
) -> None:
    """Create every representation's component, its locations and metadata."""
    batch = comp.ComponentBatch()
    root = settings.publish_root
    for version in versions:
        for representation in version.item.instance.representations:
            component_id = version.uploads.get(representation.name)
            if component_id is not None:
                _add_server_component(batch, version, representation, component_id, settings)
                continue
            name = version.component_name(representation)
            file_type = representation.path.suffix
            stored = placed[(version.version_id, representation.name)]
            if representation.is_sequence:
                component_id = comp.add_sequence_component(
                    batch,
                    version.version_id,
                    name,
                    file_type,
                    comp.relative(stored.destination, root),
                    representation.collection().padding,
                    {
                        frame: comp.StoredFile(comp.relative(f.destination, root), f.size)
                        for frame, f in stored.files.items()
                    },
                    lookup.storage_location_id,
                    representation.metadata,
                )
            else:
                result = stored.files[SINGLE_FILE]
                component_id = comp.add_file_component(
                    batch,
                    version.version_id,
                    name,
                    file_type,
                    comp.StoredFile(
                        comp.relative(result.destination, root),
                        result.size,
                        f"{result.algorithm}:{result.checksum}" if result.checksum else "",
                    ),
                    lookup.storage_location_id,
                    representation.metadata,
                )
            version.component_ids.append(component_id)
    if not batch.operations:
        return
    journal.ftrack(batch.created)
    send(
        session, batch.operations, "register the components", settings.retry, created=batch.created
    )


def _add_server_component(
    batch: comp.ComponentBatch,
    version: PlannedVersion,
    representation: Representation,
    component_id: str,
    settings: IntegrationSettings,
) -> None:
    """A thumbnail (no version), a reviewable, or a source the server will encode."""
    is_thumbnail = THUMBNAIL_TAG in representation.tags
    to_encode = not is_thumbnail and settings.review_mode == "encode_media"
    attached = not (is_thumbnail or to_encode)
    comp.add_server_component(
        batch,
        component_id,
        representation.name if to_encode else version.component_name(representation),
        representation.path.suffix,
        representation.path.stat().st_size,
        SERVER_LOCATION_ID,
        version.version_id if attached else None,
        version.item.ftr_meta.get(representation.name) if attached else None,
    )
    if is_thumbnail:
        version.thumbnail_id = component_id
    elif to_encode:
        version.encode_sources.append(component_id)
    else:
        version.component_ids.append(component_id)


def encode(
    session: ftrack_api.Session, versions: list[PlannedVersion], settings: IntegrationSettings
) -> None:
    """Have the server encode the sources uploaded for it; their outputs join the versions."""
    sources = [(c, v.version_id) for v in versions for c in v.encode_sources]
    encoded = encode_reviews(session, sources, settings.retry)
    for version in versions:
        version.component_ids += encoded.get(version.version_id, [])
