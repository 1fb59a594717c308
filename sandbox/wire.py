"""How values travel between the sandbox and the client (JSON, ftrack's conventions)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from .entity import Entity
from .schema import Attribute, Schema

DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S"


def encode_scalar(attribute: Attribute, value: Any) -> Any:
    """A stored scalar as the client expects it (date-times wrapped in ``__type__``)."""
    if value is None or not attribute.is_datetime:
        return value
    return {"__type__": "datetime", "value": value}


def reference(schema: Schema, entity: Entity) -> dict[str, Any]:
    """The smallest encoding of an entity: its concrete type and primary key."""
    encoded: dict[str, Any] = {"__entity_type__": entity.type}
    for name in schema.get(entity.type).primary_key:
        encoded[name] = entity.data.get(name)
    return encoded


def decode_datetime(value: Any) -> str:
    """A date-time from the client (``{"__type__": "datetime", …}`` or a string) as stored."""
    if isinstance(value, dict):
        value = value.get("value")
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO-8601 date-time, got {value!r}")
    return normalise_datetime(value)


def normalise_datetime(text: str) -> str:
    """An ISO-8601 date or date-time, with or without offset, as naive UTC to the second."""
    text = text.strip().replace("Z", "+00:00")
    if len(text) == 10:
        parsed = datetime.combine(date.fromisoformat(text), datetime.min.time())
    else:
        parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed.isoformat()


def now() -> str:
    """The current time, as stored."""
    return datetime.now(timezone.utc).replace(tzinfo=None).strftime(DATETIME_FORMAT)
