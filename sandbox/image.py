"""Compact images of the stored entities, so that a restart reads blobs, not every row's JSON.

The ``entity`` table stays the truth: one JSON row per entity. Beside it, ``image`` holds the
same entities in chunks: those of one family whose ``seq`` falls in the same run of
:data:`CHUNK` numbers, as one ``marshal`` blob of ``(seq, type, names, values)`` tuples. Every
batch rewrites the chunks it changed in its own transaction (new entities go to the newest
chunk), so images and rows never disagree. A trigger forgets that the images are current
whenever rows change without them (a sandbox written by an older ftpub, or by hand); the next
start then reads the rows and writes the images again.
"""

from __future__ import annotations

import marshal
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

#: ``seq`` numbers per chunk: the newest chunk of a family is rewritten by every batch that
#: adds to it, so it stays small.
CHUNK = 512

#: The blobs' encoding; images written by another Python are rebuilt from the rows.
FORMAT = f"marshal {marshal.version}, Python {sys.version_info.major}.{sys.version_info.minor}"

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS image (
    family TEXT NOT NULL,
    chunk INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (family, chunk)
);
CREATE TABLE IF NOT EXISTS image_state (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    format TEXT NOT NULL,
    next_seq INTEGER NOT NULL
);
CREATE TRIGGER IF NOT EXISTS image_stale_on_insert AFTER INSERT ON entity
BEGIN DELETE FROM image_state; END;
CREATE TRIGGER IF NOT EXISTS image_stale_on_update AFTER UPDATE ON entity
BEGIN DELETE FROM image_state; END;
CREATE TRIGGER IF NOT EXISTS image_stale_on_delete AFTER DELETE ON entity
BEGIN DELETE FROM image_state; END;
"""

#: One stored entity as an image holds it.
ImageRow = tuple[int, str, tuple[str, ...], tuple[Any, ...]]


@dataclass(frozen=True)
class Change:
    """An entity of ``family`` leaving ``old_seq`` (``None``: it is new) and/or stored as
    ``row`` (``None``: removed)."""

    family: str
    old_seq: int | None
    row: ImageRow | None


def current_next_seq(db: sqlite3.Connection) -> int | None:
    """The ``seq`` the next entity gets, if the images hold every row; else ``None``."""
    found = db.execute("SELECT format, next_seq FROM image_state").fetchone()
    return found[1] if found is not None and found[0] == FORMAT else None


def chunks(db: sqlite3.Connection, family: str) -> list[bytes]:
    """The images of ``family``, in ``seq`` order."""
    query = "SELECT data FROM image WHERE family = ? ORDER BY chunk"
    return [data for (data,) in db.execute(query, (family,))]


def decode(chunks: Iterable[bytes]) -> Iterator[ImageRow]:
    """The entities the ``chunks`` hold, in order."""
    for data in chunks:
        yield from marshal.loads(data)


def families(db: sqlite3.Connection) -> list[str]:
    """The families that have images, those with fewer chunks first."""
    query = "SELECT family FROM image GROUP BY family ORDER BY count(*), family"
    return [family for (family,) in db.execute(query)]


def rebuild(db: sqlite3.Connection, rows: Iterable[tuple[str, ImageRow]], next_seq: int) -> None:
    """Write every image anew from ``(family, row)`` pairs in ``seq`` order, in one
    transaction."""
    chunks: dict[tuple[str, int], list[ImageRow]] = defaultdict(list)
    for family, row in rows:
        chunks[(family, row[0] // CHUNK)].append(row)
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("DELETE FROM image")
        db.executemany(
            "INSERT INTO image (family, chunk, data) VALUES (?, ?, ?)",
            (
                (family, chunk, marshal.dumps(tuple(held)))
                for (family, chunk), held in chunks.items()
            ),
        )
        _mark_current(db, next_seq)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def update(db: sqlite3.Connection, changes: Iterable[Change], next_seq: int) -> None:
    """Rewrite the chunks ``changes`` touch, inside the caller's transaction (after its rows:
    their triggers forgot that the images are current)."""
    removed: dict[tuple[str, int], set[int]] = defaultdict(set)
    stored: dict[tuple[str, int], list[ImageRow]] = defaultdict(list)
    for change in changes:
        if change.old_seq is not None:
            removed[(change.family, change.old_seq // CHUNK)].add(change.old_seq)
        if change.row is not None:
            stored[(change.family, change.row[0] // CHUNK)].append(change.row)
    for family, chunk in removed.keys() | stored.keys():
        found = db.execute(
            "SELECT data FROM image WHERE family = ? AND chunk = ?", (family, chunk)
        ).fetchone()
        gone = removed.get((family, chunk), set())
        held = marshal.loads(found[0]) if found else ()
        by_seq = {row[0]: row for row in held if row[0] not in gone}
        by_seq.update((row[0], row) for row in stored.get((family, chunk), ()))
        if by_seq:
            data = marshal.dumps(tuple(by_seq[seq] for seq in sorted(by_seq)))
            db.execute(
                "INSERT OR REPLACE INTO image (family, chunk, data) VALUES (?, ?, ?)",
                (family, chunk, data),
            )
        else:
            db.execute("DELETE FROM image WHERE family = ? AND chunk = ?", (family, chunk))
    _mark_current(db, next_seq)


def _mark_current(db: sqlite3.Connection, next_seq: int) -> None:
    db.execute(
        "INSERT OR REPLACE INTO image_state (one, format, next_seq) VALUES (1, ?, ?)",
        (FORMAT, next_seq),
    )
