"""A small in-memory :class:`~ftpub.sandbox.entity.Graph` for unit tests of the query language.

References resolve through the attribute's foreign key (``Attribute.key``), collections and
mapped attributes through the item type's key pointing back. Nothing is indexed: it is meant
to be obviously correct, not fast.
"""

from __future__ import annotations

import uuid
from typing import Any

from ftpub.sandbox.entity import Entity
from ftpub.sandbox.schema import Schema


class FakeGraph:
    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.entities: list[Entity] = []

    def add(self, type_id: str, **data: Any) -> Entity:
        """Store a new entity of ``type_id``; an ``id`` primary key is generated if not given."""
        if self.schema.get(type_id).primary_key == ("id",):
            data.setdefault("id", str(uuid.uuid4()))
        entity = Entity(type_id, data)
        self.entities.append(entity)
        return entity

    def scan(self, type_id: str) -> list[Entity]:
        types = set(self.schema.concrete_types(type_id))
        return [entity for entity in self.entities if entity.type in types]

    def get(self, type_id: str, entity_id: Any) -> Entity | None:
        family = type_id
        while (parent := self.schema.get(family).supertype) is not None:
            family = parent
        matches = [e for e in self.scan(family) if e.id == entity_id]
        return matches[0] if matches else None

    def resolve(self, entity: Entity, name: str) -> Any:
        attribute = self.schema.attribute(entity.type, name)
        if attribute.kind == "scalar":
            return entity.data.get(name)
        if attribute.kind == "reference":
            target_id = entity.data.get(attribute.key or "")
            matches = [e for e in self.scan(attribute.target or "") if e.id == target_id]
            return matches[0] if target_id is not None and matches else None
        return [
            item
            for item in self.scan(attribute.target or "")
            if item.data.get(attribute.key or "") == entity.id
        ]
