"""The entities of one family by the value of one attribute, updated as batches apply."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from .compact import RowKey
from .query.values import fold
from .stored import StoredEntity

#: One key when a single entity files under a slot, else a list of keys in scan order.
_Filed = RowKey | list[RowKey]

_UNHASHABLE = object()


def slot(value: Any) -> Hashable:
    """Where ``value`` is filed: strings without case (as queries compare them). A value
    already without case is its own slot, so the index keeps no copy of it."""
    if not isinstance(value, Hashable):
        return _UNHASHABLE
    folded = fold(value)
    return value if folded == value else folded


class Index:
    """The keys of a family's rows by ``slot(entity.data[attribute])``, each slot in scan
    order (the rows' ``seq``). Keys, not entities, are filed: an update that keeps the value
    leaves the index alone, and a slot of one costs no container."""

    def __init__(self, attribute: str, rows: Mapping[RowKey, StoredEntity]) -> None:
        self.attribute = attribute
        self._rows = rows
        self._slots: dict[Hashable, _Filed] = {}
        self._unordered: set[Hashable] = set()
        for key, entity in rows.items():
            self._add(self._slot_of(entity), key)
        self._unordered.clear()  # rows are in scan order already

    def find(self, value: Any) -> list[StoredEntity]:
        """The entities whose value files under the same slot as ``value``, oldest first."""
        where = slot(value)
        filed = self._slots.get(where)
        if filed is None:
            return []
        rows = self._rows
        if not isinstance(filed, list):
            return [rows[filed]]
        if where in self._unordered:  # sorted aside: other readers may be reading it
            filed = self._slots[where] = sorted(filed, key=lambda key: rows[key].seq)
            self._unordered.discard(where)
        return [rows[key] for key in filed]

    def replace(self, key: RowKey, old: StoredEntity | None, new: StoredEntity | None) -> None:
        """File ``new`` in place of ``old`` (either may be ``None``: added or removed).

        Called before ``new`` is stored under ``key`` and after ``old`` is no longer."""
        old_slot = None if old is None else self._slot_of(old)
        new_slot = None if new is None else self._slot_of(new)
        if old is not None and new is not None and old_slot == new_slot:
            return
        if old is not None:
            self._remove(old_slot, key)
        if new is not None:
            self._add(new_slot, key, new.seq)

    def _add(self, where: Hashable, key: RowKey, seq: int | None = None) -> None:
        filed = self._slots.get(where)
        if filed is None:
            self._slots[where] = key
            return
        if not isinstance(filed, list):
            filed = self._slots[where] = [filed]
        if seq is not None and self._rows[filed[-1]].seq > seq:
            self._unordered.add(where)
        filed.append(key)

    def _remove(self, where: Hashable, key: RowKey) -> None:
        filed = self._slots[where]
        if not isinstance(filed, list):
            del self._slots[where]
            return
        filed.remove(key)
        if len(filed) == 1:
            self._slots[where] = filed[0]
            self._unordered.discard(where)

    def _slot_of(self, entity: StoredEntity) -> Hashable:
        return slot(entity.data.get(self.attribute))
