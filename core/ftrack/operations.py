"""The operations of an ``/api`` call, as typed data (one call can hold many)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Literal, TypeAlias, TypedDict


class EntityRef(TypedDict):
    """A reference to an entity, as an attribute value."""

    __entity_type__: str
    id: str


class CreateOperation(TypedDict):
    action: Literal["create"]
    entity_type: str
    entity_key: list[str]
    entity_data: dict[str, object]


class UpdateOperation(TypedDict):
    action: Literal["update"]
    entity_type: str
    entity_key: list[str]
    entity_data: dict[str, object]


class DeleteOperation(TypedDict):
    action: Literal["delete"]
    entity_type: str
    entity_key: list[str]


class QueryOperation(TypedDict):
    action: Literal["query"]
    expression: str


class UploadMetadataOperation(TypedDict):
    """Asks where to upload a file for a component of ``ftrack.server``."""

    action: Literal["get_upload_metadata"]
    component_id: str
    file_name: str
    file_size: int
    checksum: str
    """The file's MD5, base64-encoded."""


class EncodeMediaOperation(TypedDict):
    """Has the server encode an uploaded component into reviewables of a version."""

    action: Literal["encode_media"]
    component_id: str
    version_id: str
    keep_original: bool


Operation: TypeAlias = (
    CreateOperation
    | UpdateOperation
    | DeleteOperation
    | QueryOperation
    | UploadMetadataOperation
    | EncodeMediaOperation
)


def new_id() -> str:
    return str(uuid.uuid4())


def ref(entity_type: str, entity_id: str) -> EntityRef:
    return {"__entity_type__": entity_type, "id": entity_id}


def create(entity_type: str, entity_id: str, **data: object) -> CreateOperation:
    return {
        "action": "create",
        "entity_type": entity_type,
        "entity_key": [entity_id],
        "entity_data": {"__entity_type__": entity_type, "id": entity_id, **data},
    }


def create_metadata(parent_type: str, parent_id: str, key: str, value: str) -> CreateOperation:
    return {
        "action": "create",
        "entity_type": "Metadata",
        "entity_key": [parent_id, key],
        "entity_data": {
            "__entity_type__": "Metadata",
            "parent_id": parent_id,
            "key": key,
            "value": value,
            "parent_type": parent_type,
        },
    }


def update(entity_type: str, entity_id: str, **data: object) -> UpdateOperation:
    return {
        "action": "update",
        "entity_type": entity_type,
        "entity_key": [entity_id],
        "entity_data": {"__entity_type__": entity_type, **data},
    }


def delete(entity_type: str, entity_id: str) -> DeleteOperation:
    return {"action": "delete", "entity_type": entity_type, "entity_key": [entity_id]}


def query(expression: str) -> QueryOperation:
    return {"action": "query", "expression": expression}


def encode_media(component_id: str, version_id: str) -> EncodeMediaOperation:
    """Encode ``component_id`` into reviewables of ``version_id``, replacing the source."""
    return {
        "action": "encode_media",
        "component_id": component_id,
        "version_id": version_id,
        "keep_original": False,
    }


def quoted(values: Iterable[object]) -> str:
    """``"a", "b"`` for an ``in (…)`` list; refuses quotes inside values."""
    items = [str(value) for value in values]
    for item in items:
        if '"' in item or "\\" in item:
            raise ValueError(f"cannot use {item!r} in a query")
    return ", ".join(f'"{item}"' for item in items)
