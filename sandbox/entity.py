"""A stored entity, and the graph through which queries and replies read entities."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from .schema import Schema


@dataclass(eq=False, slots=True)
class Entity:
    """One row: its concrete type and its stored values.

    ``data`` holds scalar attributes and foreign keys (``asset_id``), never nested entities.
    Date-times are naive UTC ISO-8601 strings (``2024-01-02T03:04:05``), so they sort and
    compare as strings. The store holds entities as read-only
    :class:`~ftpub.sandbox.stored.StoredEntity` tuples that read the same way.
    """

    type: str
    data: dict[str, Any]

    @property
    def id(self) -> Any:
        return self.data.get("id")

    def key(self, schema: Schema) -> tuple[str, ...]:
        """The primary key values, as strings (the way the client sends them)."""
        return tuple(str(self.data.get(name)) for name in schema.get(self.type).primary_key)


class Graph(Protocol):
    """Read access to entities, as queries and replies need it."""

    schema: Schema

    def scan(self, type_id: str) -> Iterable[Entity]:
        """Every entity of ``type_id`` or one of its subtypes."""

    def get(self, type_id: str, entity_id: Any) -> Entity | None:
        """The entity of ``type_id``'s family with this id (of whatever concrete type)."""

    def resolve(self, entity: Entity, name: str) -> Any:
        """The value of attribute ``name`` of ``entity``.

        A scalar (``None`` when unset), an :class:`Entity` or ``None`` for a reference, and a
        list of entities for a collection or a mapped collection (metadata, custom attributes).
        Raises :class:`~ftpub.sandbox.schema.UnknownAttributeError` for a name the type lacks.
        """
