"""The ftrack components of a published representation: files, sequences, reviewables."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ftpub.core.publish_data import REVIEW_TAG, THUMBNAIL_TAG, Representation

from .operations import CreateOperation, create, create_metadata, new_id

THUMBNAIL_COMPONENT = "thumbnail"
REVIEW_IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png"}


@dataclass
class ComponentBatch:
    """Operations creating components, and the (type, id) of everything they create."""

    operations: list[CreateOperation] = field(default_factory=list)
    created: list[tuple[str, str]] = field(default_factory=list)

    def add(self, operation: CreateOperation) -> None:
        """A create operation; the entity is remembered for the journal."""
        self.operations.append(operation)
        self.created.append((operation["entity_type"], operation["entity_key"][0]))

    def add_metadata(self, parent_type: str, parent_id: str, key: str, value: str) -> None:
        """A metadata entry; it goes with its component, so the journal needs no entry."""
        self.operations.append(create_metadata(parent_type, parent_id, key, value))


@dataclass(frozen=True)
class StoredFile:
    """A published file: where it is under the storage root, and what it holds."""

    relative_path: str
    size: int
    checksum: str = ""


def is_server_bound(representation: Representation) -> bool:
    """Thumbnails and reviewables go to ftrack's own storage, not the studio's."""
    return bool({THUMBNAIL_TAG, REVIEW_TAG} & representation.tags)


def review_component_name(representation: Representation) -> str:
    suffix = representation.path.suffix.lower()
    return "ftrackreview-image" if suffix in REVIEW_IMAGE_EXTENSIONS else "ftrackreview-mp4"


def add_file_component(
    batch: ComponentBatch,
    version_id: str,
    name: str,
    file_type: str,
    stored: StoredFile,
    location_id: str,
    metadata: Mapping[str, object],
) -> str:
    component_id = new_id()
    batch.add(
        create(
            "FileComponent",
            component_id,
            name=name,
            file_type=file_type,
            size=stored.size,
            version_id=version_id,
        )
    )
    _add_location(batch, component_id, location_id, stored.relative_path)
    _add_metadata(batch, "FileComponent", component_id, metadata, stored.checksum)
    return component_id


def add_sequence_component(
    batch: ComponentBatch,
    version_id: str,
    name: str,
    file_type: str,
    pattern: str,
    padding: int,
    members: Mapping[int, StoredFile],
    location_id: str,
    metadata: Mapping[str, object],
) -> str:
    """A SequenceComponent and one FileComponent per frame, all in the storage location."""
    container_id = new_id()
    batch.add(
        create(
            "SequenceComponent",
            container_id,
            name=name,
            file_type=file_type,
            padding=padding,
            size=sum(m.size for m in members.values()),
            version_id=version_id,
        )
    )
    _add_location(batch, container_id, location_id, pattern)
    _add_metadata(batch, "SequenceComponent", container_id, metadata, "")
    for frame, stored in sorted(members.items()):
        member_id = new_id()
        batch.add(
            create(
                "FileComponent",
                member_id,
                name=f"{frame:0{padding}d}",
                file_type=file_type,
                size=stored.size,
                container_id=container_id,
            )
        )
        _add_location(batch, member_id, location_id, stored.relative_path)
    return container_id


def add_server_component(
    batch: ComponentBatch,
    component_id: str,
    name: str,
    file_type: str,
    size: int,
    server_location_id: str,
    version_id: str | None,
    ftr_meta: Mapping[str, object] | None,
) -> None:
    """A component whose file was uploaded to ``ftrack.server`` under its own id."""
    data: dict[str, object] = {"name": name, "file_type": file_type, "size": size}
    if version_id is not None:
        data["version_id"] = version_id
    batch.add(create("FileComponent", component_id, **data))
    _add_location(batch, component_id, server_location_id, component_id)
    if ftr_meta:
        batch.add_metadata("FileComponent", component_id, "ftr_meta", json.dumps(ftr_meta))


def _add_location(
    batch: ComponentBatch, component_id: str, location_id: str, resource_identifier: str
) -> None:
    batch.add(
        create(
            "ComponentLocation",
            new_id(),
            component_id=component_id,
            location_id=location_id,
            resource_identifier=resource_identifier,
        )
    )


def _add_metadata(
    batch: ComponentBatch,
    parent_type: str,
    parent_id: str,
    metadata: Mapping[str, object],
    checksum: str,
) -> None:
    values = {key: str(value) for key, value in metadata.items()}
    if checksum:
        values["ftpub_checksum"] = checksum
    for key, value in sorted(values.items()):
        batch.add_metadata(parent_type, parent_id, key, value)


def relative(path: Path, root: Path) -> str:
    """A published path as stored in ftrack: relative to the storage root, with ``/``."""
    return path.relative_to(root).as_posix()
