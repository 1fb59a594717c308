"""Entities in memory, written through to SQLite, changed only in all-or-nothing batches.

The sandbox process owns its data folder (a lock file keeps a second sandbox out), so the
in-memory copy is the truth and SQLite is its durable image: a batch is written in one SQLite
transaction before its changes are applied in memory.

Batches run one at a time, each in a private view (:class:`~ftpub.sandbox.batch.Batch`), so
readers never wait for one to finish: they wait only while a finished batch is applied (work
in proportion to the batch), and see the state before it or after it, never part of it.

Stored entities are compact read-only tuples (:mod:`~ftpub.sandbox.stored`), sharing what
they repeat (:mod:`~ftpub.sandbox.compact`). A store opens without reading them: each family
is read from the images (:mod:`~ftpub.sandbox.image`) the first time it is used.
"""

from __future__ import annotations

import gc
import sqlite3
import sys
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from . import entity_table, image
from .batch import Batch, DuplicateKeyError
from .compact import Compactor, RowKey, key_of, row_key, shared_strings
from .entity import Entity
from .index import Index
from .rwlock import ReadWriteLock
from .schema import Schema
from .stored import StoredEntity, layout_of

Key = tuple[str, ...]

_SCHEMA_SQL = """
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
        entity_table.create(self._db)
        self._db.executescript(_SCHEMA_SQL + image.SCHEMA_SQL)
        self._batch_db = _connect(path)
        self._rows: dict[str, dict[RowKey, StoredEntity]] = {}
        self._loading = threading.RLock()
        #: families being read (by the thread holding ``_loading``), their rows so far
        self._reading: dict[str, dict[RowKey, StoredEntity]] = {}
        self._next_seq = 0
        self._indexes: dict[str, dict[str, Index]] = defaultdict(dict)
        self._compactor = Compactor(schema, self._family_rows)
        self._open()
        self._closing = threading.Event()
        self._warming = threading.Thread(target=self._warm_up, name="store warm-up", daemon=True)
        self._warming.start()

    def close(self) -> None:
        """Stop reading and close the database; what loading froze is the collector's again
        (a sandbox embedded in a process that goes on, as the demo's, must not pin it)."""
        self._closing.set()
        self._warming.join()
        self._batch_db.close()
        self._db.close()
        gc.unfreeze()

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

    def get(self, type_id: str, key: Key) -> Entity | StoredEntity | None:
        """The entity of ``type_id`` (or a subtype) with this primary key."""
        family = self.schema.family(type_id)
        batch = self._batch()
        entity = self.stored(family, key) if batch is None else batch.get(family, key)
        if entity is None or not self.schema.is_a(entity.type, type_id):
            return None
        return entity

    def scan(self, type_id: str) -> Iterator[Entity | StoredEntity]:
        """Entities of ``type_id`` and its subtypes, oldest first."""
        family = self.schema.family(type_id)
        types = set(self.schema.concrete_types(type_id))
        batch = self._batch()
        rows: Iterable[Entity | StoredEntity] = (
            self._family_rows(family).values() if batch is None else batch.scan(family)
        )
        if types.issuperset(self.schema.concrete_types(family)):
            return iter(rows)
        return (entity for entity in rows if entity.type in types)

    def referencing(self, type_id: str, attribute: str, value: Any) -> list[Entity | StoredEntity]:
        """Entities of ``type_id`` (or a subtype) whose ``attribute`` equals ``value``."""
        family = self.schema.family(type_id)
        batch = self._batch()
        if batch is None:
            found = [e for _, e in self.stored_referencing(family, attribute, value)]
        else:
            found = batch.referencing(family, attribute, value)
        return [e for e in found if self.schema.is_a(e.type, type_id)]

    def matching(
        self, type_id: str, attribute: str, values: Sequence[Any]
    ) -> list[Entity | StoredEntity]:
        """Entities whose ``attribute`` may equal one of ``values`` as queries compare (strings
        without case), oldest first, found through an index."""
        family = self.schema.family(type_id)
        batch = self._batch()
        found: list[Entity | StoredEntity]
        if batch is not None:
            found = list(batch.matching(family, attribute, values))
        else:
            index = self._index(family, attribute)
            found = [e for value in dict.fromkeys(values) for e in index.find(value)]
            if len(values) > 1:
                found = list({id(e): e for e in found}.values())
                found.sort(key=lambda entity: entity.seq)
        return [e for e in found if self.schema.is_a(e.type, type_id)]

    # -- what is stored, for batches --------------------------------------------------------

    def stored(self, family: str, key: Key) -> StoredEntity | None:
        return self._family_rows(family).get(row_key(key))

    def stored_keys(self, family: str) -> Iterable[Key]:
        return (key_of(stored) for stored in self._family_rows(family))

    def stored_seq(self, family: str, key: Key) -> int:
        return self._family_rows(family)[row_key(key)].seq

    def stored_referencing(
        self, family: str, attribute: str, value: Any
    ) -> list[tuple[Key, StoredEntity]]:
        return [
            (k, e)
            for k, e in self.stored_alike(family, attribute, value)
            if e.data.get(attribute) == value
        ]

    def stored_alike(
        self, family: str, attribute: str, value: Any
    ) -> list[tuple[Key, StoredEntity]]:
        """The stored entities whose ``attribute`` equals ``value`` as queries compare."""
        schema = self.schema
        return [(e.key(schema), e) for e in self._index(family, attribute).find(value)]

    def next_seq(self) -> int:
        seq = self._next_seq
        self._next_seq += 1
        return seq

    @property
    def free_seq(self) -> int:
        """The ``seq`` :meth:`next_seq` gives next."""
        return self._next_seq

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
        """Store the batch's changes: work in proportion to the batch, not to the store.

        Additions go in the order of their ``seq``, so that every family's rows stay in scan
        order."""
        changes = sorted(batch.changes(), key=lambda c: batch.added_seq.get(c[:2], -1))
        for family, key, entity in changes:
            rows = self._family_rows(family)
            indexes = self._indexes[family].values()
            stored_key = row_key(key)
            old = rows.get(stored_key)
            added_seq = batch.added_seq.get((family, key))
            if old is not None and (entity is None or added_seq is not None):
                del rows[stored_key]
                for index in indexes:
                    index.replace(stored_key, old, None)
                old = None
            if entity is None:
                continue
            seq = added_seq if old is None else old.seq
            assert seq is not None, "a change to an entity neither stored nor added"
            stored = self._compactor.stored(entity.type, entity.data, seq)
            for index in indexes:
                index.replace(stored_key, old, stored)
            rows[stored_key] = stored

    def _index(self, family: str, attribute: str) -> Index:
        index = self._indexes[family].get(attribute)
        if index is None:
            with self._index_lock:
                index = self._indexes[family].get(attribute)
                if index is None:
                    index = Index(attribute, self._family_rows(family))
                    self._indexes[family][attribute] = index
        return index

    def _family_rows(self, family: str) -> dict[RowKey, StoredEntity]:
        """The rows of ``family``, read from the images on first use.

        A family no batch has touched since the start is the same on disk as in memory: a
        batch reads every family it changes first (through :meth:`stored`). Families that
        name each other (a version its thumbnail's component, a component its version) are
        read one inside the other: the inner one sees the rows of the outer read so far."""
        rows = self._rows.get(family)
        if rows is None:
            with self._loading:
                rows = self._rows.get(family)
                if rows is None:
                    rows = self._reading.get(family)
                if rows is None:
                    with self.lock:
                        chunks = image.chunks(self._db, family)
                    rows = self._reading[family] = {}
                    try:
                        with _collector_off():
                            self._compactor.load(family, rows, image.decode(chunks))
                    finally:
                        del self._reading[family]
                    self._rows[family] = rows
        return rows

    def _warm_up(self) -> None:
        """Read every family, smallest first, while requests are answered: the first ones
        after a start then seldom wait for a family to be read."""
        with self.lock:
            families = image.families(self._db)
        for family in families:
            if self._closing.is_set():
                return
            self._family_rows(family)

    def _open(self) -> None:
        """Start from the images; if rows changed without them, write them anew first."""
        if image.current_next_seq(self._db) is None:
            image.rebuild(self._db, self._json_rows(), entity_table.next_seq(self._db))
        self._next_seq = image.current_next_seq(self._db) or 0

    def _json_rows(self) -> Iterator[tuple[str, image.ImageRow]]:
        for seq, family, type_id, values in entity_table.read(self._db):
            names = layout_of(type_id, tuple(values)).names
            yield family, (seq, sys.intern(type_id), names, tuple(shared_strings(values.values())))


@contextmanager
def _collector_off() -> Iterator[None]:
    """Keep the garbage collector off while loading (it would walk the growing heap again and
    again), then move what was loaded out of its sight (``gc.freeze``): stored entities live
    as long as the store, and walking them in every full collection would pause every
    thread for longer the larger the sandbox."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


__all__ = ["Batch", "DuplicateKeyError", "Store"]
