"""Entities in memory, written through to SQLite, changed only in all-or-nothing batches.

The sandbox process owns its data folder (a lock file keeps a second sandbox out), so the
in-memory copy is the truth and SQLite is its durable image: a batch is written in one SQLite
transaction before its changes are applied in memory.

Batches run one at a time, each in a private view (:class:`~ftpub.sandbox.batch.Batch`), so
readers never wait for one to finish: they wait only while a finished batch is applied, and
see the state before it or after it, never part of it.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import sys
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from .batch import Batch, DuplicateKeyError
from .entity import Entity
from .index import Index
from .rwlock import ReadWriteLock
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

    A read that must see one consistent state runs inside :meth:`reading`; the thread running
    a batch reads through the batch instead. :attr:`lock` serialises use of the SQLite
    connection :attr:`db`; batches write through a connection of their own, so that a
    request's credential check never waits for a batch being written.
    """

    def __init__(self, path: Path, schema: Schema) -> None:
        self.schema = schema
        self.lock = threading.RLock()
        self._batches = threading.Lock()
        self._access = ReadWriteLock()
        self._current = threading.local()
        self._index_lock = threading.Lock()
        self._db = _connect(path)
        self._db.executescript(_SCHEMA_SQL)
        self._batch_db = _connect(path)
        self._rows: dict[str, dict[Key, Entity]] = defaultdict(dict)
        self._seq: dict[str, dict[Key, int]] = defaultdict(dict)
        self._next_seq = 0
        self._indexes: dict[str, dict[str, Index]] = defaultdict(dict)
        self._load()

    def close(self) -> None:
        self._batch_db.close()
        self._db.close()

    @property
    def db(self) -> sqlite3.Connection:
        """The SQLite connection, for the sandbox's own tables (credentials)."""
        return self._db

    def reading(self) -> AbstractContextManager[None]:
        """Hold off batches being applied, for reads that must see one state."""
        if self._batch() is not None:
            return nullcontext()
        return self._access.reading()

    # -- reading (through the current thread's batch, if it runs one) ------------------------

    def get(self, type_id: str, key: Key) -> Entity | None:
        """The entity of ``type_id`` (or a subtype) with this primary key."""
        family = self.schema.family(type_id)
        batch = self._batch()
        entity = self._rows[family].get(key) if batch is None else batch.get(family, key)
        if entity is None or not self.schema.is_a(entity.type, type_id):
            return None
        return entity

    def scan(self, type_id: str) -> Iterator[Entity]:
        """Entities of ``type_id`` and its subtypes, oldest first."""
        family = self.schema.family(type_id)
        types = set(self.schema.concrete_types(type_id))
        batch = self._batch()
        rows: Iterable[Entity] = (
            self._rows[family].values() if batch is None else batch.scan(family)
        )
        if types.issuperset(self.schema.concrete_types(family)):
            return iter(rows)
        return (entity for entity in rows if entity.type in types)

    def referencing(self, type_id: str, attribute: str, value: Any) -> list[Entity]:
        """Entities of ``type_id`` (or a subtype) whose ``attribute`` equals ``value``."""
        family = self.schema.family(type_id)
        batch = self._batch()
        if batch is None:
            found = [e for _, e in self.stored_referencing(family, attribute, value)]
        else:
            found = batch.referencing(family, attribute, value)
        return [e for e in found if self.schema.is_a(e.type, type_id)]

    def matching(self, type_id: str, attribute: str, values: Sequence[Any]) -> list[Entity] | None:
        """Entities whose ``attribute`` may equal one of ``values`` as queries compare (strings
        without case), oldest first, found through an index; ``None`` inside a batch."""
        if self._batch() is not None:
            return None
        family = self.schema.family(type_id)
        index = self._index(family, attribute)
        seqs = self._seq[family]
        found = [e for value in dict.fromkeys(values) for e in index.find(value, seqs)]
        if len(values) > 1:
            found = list({id(e): e for e in found}.values())
            found.sort(key=lambda entity: seqs[entity.key(self.schema)])
        return [e for e in found if self.schema.is_a(e.type, type_id)]

    # -- what is stored, for batches --------------------------------------------------------

    def stored(self, family: str, key: Key) -> Entity | None:
        return self._rows[family].get(key)

    def stored_keys(self, family: str) -> Iterable[Key]:
        return self._rows[family].keys()

    def stored_seq(self, family: str, key: Key) -> int:
        return self._seq[family][key]

    def stored_referencing(
        self, family: str, attribute: str, value: Any
    ) -> list[tuple[Key, Entity]]:
        found = self._index(family, attribute).find(value, self._seq[family])
        schema = self.schema
        return [(e.key(schema), e) for e in found if e.data.get(attribute) == value]

    def next_seq(self) -> int:
        seq = self._next_seq
        self._next_seq += 1
        return seq

    # -- changing ---------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        """Apply changes all-or-nothing: on an exception nothing of the batch remains."""
        if self._batch() is not None:
            raise RuntimeError("A batch is already running in this thread.")
        with self._batches:
            batch = Batch(self)
            self._current.batch = batch
            try:
                yield batch
                batch.write(self._batch_db)
            finally:
                self._current.batch = None
            with self._access.writing():
                self._apply(batch)

    def _batch(self) -> Batch | None:
        return getattr(self._current, "batch", None)

    def _apply(self, batch: Batch) -> None:
        for family, key, entity in batch.changes():
            rows = self._rows[family]
            seqs = self._seq[family]
            old = rows.get(key)
            added_seq = batch.added_seq.get((family, key))
            if old is not None and (entity is None or added_seq is not None):
                del rows[key]
                for index in self._indexes[family].values():
                    index.replace(key, old, None, seqs)
                del seqs[key]
                old = None
            if entity is None:
                continue
            if added_seq is not None:
                seqs[key] = added_seq
            entity.data = _compact(entity.data)
            rows[key] = entity
            for index in self._indexes[family].values():
                index.replace(key, old, entity, seqs)

    def _index(self, family: str, attribute: str) -> Index:
        index = self._indexes[family].get(attribute)
        if index is None:
            with self._index_lock:
                index = self._indexes[family].get(attribute)
                if index is None:
                    index = Index(attribute, self._rows[family])
                    self._indexes[family][attribute] = index
        return index

    def _load(self) -> None:
        """Read every entity with the ``seq`` it was stored with: new ones come after them.

        The garbage collector is kept off meanwhile: it would otherwise walk the growing heap
        again and again.
        """
        cursor = self._db.execute("SELECT family, key, type, data, seq FROM entity ORDER BY seq")
        collecting = gc.isenabled()
        gc.disable()
        try:
            for family, key, type_id, data, seq in cursor:
                key_tuple = tuple(json.loads(key))
                self._rows[family][key_tuple] = Entity(type_id, _compact(json.loads(data)))
                self._seq[family][key_tuple] = seq
                self._next_seq = max(self._next_seq, seq + 1)
        finally:
            if collecting:
                gc.enable()


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` sharing one copy of its names and of values many entities repeat (foreign
    keys, short strings): most of a large sandbox's memory otherwise."""
    return {
        sys.intern(name): sys.intern(value)
        if isinstance(value, str) and (len(value) <= 16 or name.endswith("_id"))
        else value
        for name, value in data.items()
    }


__all__ = ["Batch", "DuplicateKeyError", "Store"]
