"""The operations of an ``/api`` call, built as plain data (one call can hold many)."""

from __future__ import annotations

import uuid
from typing import Any

Operation = dict[str, Any]


def new_id() -> str:
    return str(uuid.uuid4())


def ref(entity_type: str, entity_id: str) -> dict[str, str]:
    """A reference to an entity, as an attribute value."""
    return {"__entity_type__": entity_type, "id": entity_id}


def create(entity_type: str, entity_id: str, **data: Any) -> Operation:
    return {
        "action": "create",
        "entity_type": entity_type,
        "entity_key": [entity_id],
        "entity_data": {"__entity_type__": entity_type, "id": entity_id, **data},
    }


def create_metadata(parent_type: str, parent_id: str, key: str, value: str) -> Operation:
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


def update(entity_type: str, entity_id: str, **data: Any) -> Operation:
    return {
        "action": "update",
        "entity_type": entity_type,
        "entity_key": [entity_id],
        "entity_data": {"__entity_type__": entity_type, **data},
    }


def delete(entity_type: str, entity_id: str) -> Operation:
    return {"action": "delete", "entity_type": entity_type, "entity_key": [entity_id]}


def query(expression: str) -> Operation:
    return {"action": "query", "expression": expression}


def quoted(values: Any) -> str:
    """``"a", "b"`` for an ``in (…)`` list; refuses quotes inside values."""
    items = [str(value) for value in values]
    for item in items:
        if '"' in item or "\\" in item:
            raise ValueError(f"cannot use {item!r} in a query")
    return ", ".join(f'"{item}"' for item in items)
