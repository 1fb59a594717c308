"""The entities of one family by the value of one attribute, updated as batches apply."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from .entity import Entity
from .query.values import fold

Key = tuple[str, ...]

_UNHASHABLE = object()


def slot(value: Any) -> Hashable:
    """Where ``value`` is filed: strings without case (as queries compare them)."""
    return fold(value) if isinstance(value, Hashable) else _UNHASHABLE


class Index:
    """Entities by ``slot(entity.data[attribute])``, each slot in the store's scan order."""

    def __init__(self, attribute: str, rows: Mapping[Key, Entity]) -> None:
        self.attribute = attribute
        self._slots: dict[Hashable, dict[Key, Entity]] = {}
        self._unordered: set[Hashable] = set()
        for key, entity in rows.items():
            self._slots.setdefault(self._slot_of(entity), {})[key] = entity

    def find(self, value: Any, seq: Mapping[Key, int]) -> list[Entity]:
        """The entities whose value files under the same slot as ``value``, oldest first."""
        where = slot(value)
        entities = self._slots.get(where)
        if not entities:
            return []
        if where in self._unordered:
            entities = dict(sorted(entities.items(), key=lambda row: seq[row[0]]))
            self._slots[where] = entities
            self._unordered.discard(where)
        return list(entities.values())

    def replace(
        self, key: Key, old: Entity | None, new: Entity | None, seq: Mapping[Key, int]
    ) -> None:
        """File ``new`` in place of ``old`` (either may be ``None``: added or removed)."""
        old_slot = None if old is None else self._slot_of(old)
        new_slot = None if new is None else self._slot_of(new)
        if old is not None and new is not None and old_slot == new_slot:
            self._slots[new_slot][key] = new
            return
        if old is not None:
            entities = self._slots[old_slot]
            del entities[key]
            if not entities:
                del self._slots[old_slot]
        if new is not None:
            entities = self._slots.setdefault(new_slot, {})
            if entities and seq[next(reversed(entities))] > seq[key]:
                self._unordered.add(new_slot)
            entities[key] = new

    def _slot_of(self, entity: Entity) -> Hashable:
        return slot(entity.data.get(self.attribute))
