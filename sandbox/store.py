"""Entities in memory, written through to SQLite, changed only in all-or-nothing batches.

The sandbox process owns its data folder (a lock file keeps a second sandbox out), so the
in-memory copy is the truth and SQLite is its durable image: every batch is written in one
SQLite transaction before the batch counts as applied.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .entity import Entity
from .schema import Schema

Key = tuple[str, ...]

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS entity (
    family TEXT NOT NULL,
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (family, key)
);
CREATE TABLE IF NOT EXISTS credential (
    username TEXT PRIMARY KEY,
    salt TEXT NOT NULL,
    key_hash TEXT NOT NULL
);
"""


class Store:
    """All entities of one sandbox.

    Reads (:meth:`get`, :meth:`scan`, :meth:`referencing`) and batches (:meth:`batch`) are
    serialised by :attr:`lock`; hold it around a read that must see one consistent state.
    """

    def __init__(self, path: Path, schema: Schema) -> None:
        self.schema = schema
        self.lock = threading.RLock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA_SQL)
        self._rows: dict[str, dict[Key, Entity]] = defaultdict(dict)
        self._seq: dict[tuple[str, Key], int] = {}
        self._next_seq = 0
        self._indexes: dict[tuple[str, str], dict[Any, list[Entity]]] = {}
        self._load()

    def close(self) -> None:
        self._db.close()

    @property
    def db(self) -> sqlite3.Connection:
        """The SQLite connection, for the sandbox's own tables (credentials)."""
        return self._db

    def get(self, type_id: str, key: Key) -> Entity | None:
        """The entity of ``type_id`` (or a subtype) with this primary key."""
        entity = self._rows[self.schema.family(type_id)].get(key)
        if entity is None or not self.schema.is_a(entity.type, type_id):
            return None
        return entity

    def scan(self, type_id: str) -> Iterator[Entity]:
        """Entities of ``type_id`` and its subtypes, oldest first."""
        types = set(self.schema.concrete_types(type_id))
        rows = self._rows[self.schema.family(type_id)].values()
        return iter([entity for entity in rows if entity.type in types])

    def referencing(self, type_id: str, attribute: str, value: Any) -> list[Entity]:
        """Entities of ``type_id`` (or a subtype) whose ``attribute`` equals ``value``."""
        family = self.schema.family(type_id)
        index = self._indexes.get((family, attribute))
        if index is None:
            index = defaultdict(list)
            for entity in self._rows[family].values():
                index[entity.data.get(attribute)].append(entity)
            self._indexes[(family, attribute)] = index
        return [e for e in index.get(value, ()) if self.schema.is_a(e.type, type_id)]

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        """Apply changes all-or-nothing: on an exception nothing of the batch remains."""
        with self.lock:
            batch = Batch(self)
            try:
                yield batch
                batch.write()
            except BaseException:
                batch.undo()
                raise

    def _load(self) -> None:
        """Read every entity with the ``seq`` it was stored with: new ones come after them."""
        cursor = self._db.execute("SELECT family, key, type, data, seq FROM entity ORDER BY seq")
        for family, key, type_id, data, seq in cursor:
            entity = Entity(type_id, json.loads(data))
            self._place(family, tuple(json.loads(key)), entity, seq)

    def _place(self, family: str, key: Key, entity: Entity, seq: int | None = None) -> None:
        """Store ``entity`` last in the scan order, with a new ``seq`` or the one given."""
        if seq is None:
            seq = self._next_seq
        self._rows[family][key] = entity
        self._seq[(family, key)] = seq
        self._next_seq = max(self._next_seq, seq + 1)
        self._forget_indexes(family)

    def _reorder(self, family: str) -> None:
        """Put ``family``'s entities back in ``seq`` order (after some were restored)."""
        rows = self._rows[family]
        self._rows[family] = dict(sorted(rows.items(), key=lambda row: self._seq[(family, row[0])]))

    def _remove(self, family: str, key: Key) -> None:
        del self._rows[family][key]
        self._seq.pop((family, key), None)
        self._forget_indexes(family)

    def _forget_indexes(self, family: str) -> None:
        for index_key in [k for k in self._indexes if k[0] == family]:
            del self._indexes[index_key]


class Batch:
    """The changes of one batch, kept to be written to SQLite or undone."""

    def __init__(self, store: Store) -> None:
        self._store = store
        #: (family, key, entity before the change or None if added, seq if removed)
        self._undo: list[tuple[str, Key, Entity | None, int | None]] = []
        self._touched: dict[tuple[str, Key], Entity | None] = {}

    def add(self, entity: Entity) -> None:
        """Insert a new entity; its key must be free."""
        store = self._store
        family = store.schema.family(entity.type)
        key = entity.key(store.schema)
        if key in store._rows[family]:
            raise DuplicateKeyError(entity.type, key)
        self._undo.append((family, key, None, None))
        store._place(family, key, entity)
        self._touched[(family, key)] = entity

    def changed(self, entity: Entity, values: dict[str, Any]) -> None:
        """Update stored values of an existing entity (the key stays the same)."""
        store = self._store
        family = store.schema.family(entity.type)
        key = entity.key(store.schema)
        before = Entity(entity.type, dict(entity.data))
        self._undo.append((family, key, before, None))
        entity.data.update(values)
        if entity.key(store.schema) != key:
            entity.data.clear()
            entity.data.update(before.data)
            raise ValueError("primary key attributes cannot be changed")
        store._forget_indexes(family)
        self._touched[(family, key)] = entity

    def remove(self, entity: Entity) -> None:
        store = self._store
        family = store.schema.family(entity.type)
        key = entity.key(store.schema)
        self._undo.append((family, key, entity, store._seq[(family, key)]))
        store._remove(family, key)
        self._touched[(family, key)] = None

    def entities(self) -> list[Entity]:
        """The entities this batch added or changed (and that it has not removed)."""
        return [entity for entity in self._touched.values() if entity is not None]

    def undo(self) -> None:
        """Restore every change, removed entities in their original place in the scan order."""
        store = self._store
        restored: set[str] = set()
        for family, key, before, seq in reversed(self._undo):
            current = store._rows[family].get(key)
            if before is None:
                store._remove(family, key)
            elif current is None:
                store._place(family, key, before, seq)
                restored.add(family)
            else:
                current.type = before.type
                current.data.clear()
                current.data.update(before.data)
                store._forget_indexes(family)
        for family in restored:
            store._reorder(family)
        self._undo.clear()

    def write(self) -> None:
        store = self._store
        if not self._touched:
            return
        db = store.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for (family, key), entity in self._touched.items():
                key_text = json.dumps(list(key))
                if entity is None:
                    db.execute(
                        "DELETE FROM entity WHERE family = ? AND key = ?", (family, key_text)
                    )
                    continue
                db.execute(
                    "INSERT INTO entity (family, key, type, data, seq) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (family, key) DO UPDATE SET type = excluded.type, "
                    "data = excluded.data, seq = excluded.seq",
                    (
                        family,
                        key_text,
                        entity.type,
                        json.dumps(entity.data),
                        store._seq[(family, key)],
                    ),
                )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


class DuplicateKeyError(ValueError):
    """An entity with the same primary key exists."""

    def __init__(self, type_id: str, key: Key) -> None:
        super().__init__(f"{type_id} with key ({', '.join(key)}) already exists.")
