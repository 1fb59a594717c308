"""One all-or-nothing batch: its changes kept private until the whole batch is stored.

The thread running a batch reads the store through it: every entity it is handed is the
batch's own copy, so changing one never shows to other threads. The store applies the changes
only once the batch has written them to SQLite; a failed batch is simply dropped.
"""

from __future__ import annotations

import sqlite3
import sys
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from . import entity_table, image
from .compact import shared_strings
from .entity import Entity
from .index import slot
from .stored import layout_of

if TYPE_CHECKING:
    from .store import Store

Key = tuple[str, ...]


class Batch:
    """The changes of one batch, and the batch's view of the store."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._schema = store.schema
        #: the batch's copies of the entities it read or wrote (None: removed), by family
        self._view: dict[str, dict[Key, Entity | None]] = defaultdict(dict)
        #: what the batch added, changed or removed, in order, by family
        self._touched: dict[str, dict[Key, Entity | None]] = defaultdict(dict)
        #: the place in the scan order of each entity the batch added
        self.added_seq: dict[tuple[str, Key], int] = {}
        self._written: dict[tuple[str, str], _Filing] = {}

    # -- reading ---------------------------------------------------------------------------

    def get(self, family: str, key: Key) -> Entity | None:
        view = self._view[family]
        if key in view:
            return view[key]
        stored = self._store.stored(family, key)
        copy = None if stored is None else Entity(stored.type, dict(stored.data.items()))
        view[key] = copy
        return copy

    def scan(self, family: str) -> list[Entity]:
        keys = list(self._store.stored_keys(family))
        keys += [key for key in self._touched[family] if (family, key) in self.added_seq]
        found = (self.get(family, key) for key in dict.fromkeys(keys))
        return [entity for entity in found if entity is not None]

    def referencing(self, family: str, attribute: str, value: Any) -> list[Entity]:
        """Entities of ``family`` whose ``attribute`` is ``value``, oldest first."""
        return self._finding(family, attribute, [value], lambda found: found == value)

    def matching(self, family: str, attribute: str, values: Sequence[Any]) -> list[Entity]:
        """Entities of ``family`` whose ``attribute`` equals one of ``values`` as queries
        compare (strings without case), oldest first."""
        slots = {slot(value) for value in values}
        return self._finding(family, attribute, values, lambda found: slot(found) in slots)

    def _finding(
        self, family: str, attribute: str, values: Sequence[Any], same: Callable[[Any], bool]
    ) -> list[Entity]:
        """The batch's entities whose ``attribute`` is ``same`` as one of ``values``, found
        through the store's index and what the batch wrote, oldest first."""
        stored = [
            key for value in values for key, _ in self._store.stored_alike(family, attribute, value)
        ]
        filed = self._filing(family, attribute)
        keys = dict.fromkeys(
            stored + [e.key(self._schema) for value in values for e in filed.find(value)]
        )
        found = (self.get(family, key) for key in keys)
        matching = [e for e in found if e is not None and same(e.data.get(attribute))]
        if len(values) > 1 or len(keys) > len(stored):
            matching.sort(key=lambda entity: self._seq(family, entity))
        return matching

    def written(self, family: str, attribute: str, value: Any) -> list[Entity]:
        """Entities of ``family`` the batch added or changed whose ``attribute`` is ``value``."""
        filed = self._filing(family, attribute)
        return [e for e in filed.find(value) if e.data.get(attribute) == value]

    def _filing(self, family: str, attribute: str) -> _Filing:
        filed = self._written.get((family, attribute))
        if filed is None:
            filed = _Filing(attribute)
            for key, entity in self._touched[family].items():
                filed.file(key, entity)
            self._written[(family, attribute)] = filed
        return filed

    def entities(self) -> list[Entity]:
        """The entities this batch added or changed (and that it has not removed)."""
        return [
            entity
            for touched in self._touched.values()
            for entity in touched.values()
            if entity is not None
        ]

    def changes(self) -> Iterator[tuple[str, Key, Entity | None]]:
        """(family, key, entity or None if removed) of each change, in order."""
        for family, touched in self._touched.items():
            for key, entity in touched.items():
                yield family, key, entity

    # -- changing --------------------------------------------------------------------------

    def add(self, entity: Entity) -> None:
        """Insert a new entity; its key must be free."""
        family = self._schema.family(entity.type)
        key = entity.key(self._schema)
        if self.get(family, key) is not None:
            raise DuplicateKeyError(entity.type, key)
        self._view[family][key] = entity
        self._touch(family, key, entity)
        self.added_seq[(family, key)] = self._store.next_seq()

    def changed(self, entity: Entity, values: dict[str, Any]) -> None:
        """Update stored values of an existing entity (the key stays the same)."""
        family = self._schema.family(entity.type)
        key = entity.key(self._schema)
        own = self.get(family, key)
        if own is None:
            raise KeyError(f"{entity.type} {key} is not stored.")
        before = dict(own.data)
        own.data.update(values)
        if own.key(self._schema) != key:
            own.data.clear()
            own.data.update(before)
            raise ValueError("primary key attributes cannot be changed")
        self._touch(family, key, own)

    def remove(self, entity: Entity) -> None:
        family = self._schema.family(entity.type)
        key = entity.key(self._schema)
        self._view[family][key] = None
        self._touch(family, key, None)

    def _touch(self, family: str, key: Key, entity: Entity | None) -> None:
        self._touched[family][key] = entity
        for (filed_family, _), filed in self._written.items():
            if filed_family == family:
                filed.file(key, entity)

    def _seq(self, family: str, entity: Entity) -> int:
        key = entity.key(self._schema)
        seq = self.added_seq.get((family, key))
        return self._store.stored_seq(family, key) if seq is None else seq

    # -- storing ---------------------------------------------------------------------------

    def write(self, db: sqlite3.Connection) -> None:
        """Write every change in one SQLite transaction: its rows and the images' chunks."""
        if not self._touched:
            return
        removed: list[int] = []
        rows: list[entity_table.Row] = []
        imaged: list[image.Change] = []
        for family, key, entity in self.changes():
            held = self._store.stored(family, key)
            old_seq = None if held is None else held.seq
            row = None
            if entity is not None:
                seq = self.added_seq.get((family, key), old_seq)
                assert seq is not None, "a change to an entity neither stored nor added"
                rows.append((seq, family, entity.type, entity.data))
                names = layout_of(entity.type, tuple(entity.data)).names
                values = tuple(shared_strings(entity.data.values()))
                row = (seq, sys.intern(entity.type), names, values)
            if old_seq is not None and (row is None or row[0] != old_seq):
                removed.append(old_seq)
            imaged.append(image.Change(family, old_seq, row))
        db.execute("BEGIN IMMEDIATE")
        try:
            entity_table.write(db, removed, rows)
            image.update(db, imaged, self._store.free_seq)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


class _Filing:
    """The batch's own entities of one family by the value of one attribute."""

    def __init__(self, attribute: str) -> None:
        self._attribute = attribute
        self._slots: dict[Hashable, dict[Key, Entity]] = defaultdict(dict)
        self._slot_of: dict[Key, Hashable] = {}

    def file(self, key: Key, entity: Entity | None) -> None:
        """File ``entity`` (``None``: removed) again, where its value now says."""
        if key in self._slot_of:
            self._slots[self._slot_of.pop(key)].pop(key, None)
        if entity is not None:
            where = slot(entity.data.get(self._attribute))
            self._slots[where][key] = entity
            self._slot_of[key] = where

    def find(self, value: Any) -> list[Entity]:
        return list(self._slots.get(slot(value), {}).values())


class DuplicateKeyError(ValueError):
    """An entity with the same primary key exists."""

    def __init__(self, type_id: str, key: Key) -> None:
        super().__init__(f"{type_id} with key ({', '.join(key)}) already exists.")
