"""The ``entity`` table: one JSON row per stored entity, the truth the images are built from.

Rows are keyed by the entity's ``seq`` (its place in the scan order, which a change keeps), so
a batch's new rows are appended at the end of the table: a batch writes pages in proportion to
its own size, however large the sandbox. The primary key within a family is checked in memory
(:class:`~ftpub.sandbox.batch.Batch`), not by an SQLite index: an index over random ids would
dirty a page anywhere in it for every new row.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS entity (
    seq INTEGER PRIMARY KEY,
    family TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL
);
"""

#: The layout of sandboxes written before rows were keyed by ``seq``; moved over on open.
_KEYED_BY_ID = "PRIMARY KEY (family, key)"

#: One row as :func:`write` stores it: ``(seq, family, type, data)``.
Row = tuple[int, str, str, dict[str, Any]]


def create(db: sqlite3.Connection) -> None:
    """Create the table, or move a sandbox's rows from the older layout keyed by id."""
    found = db.execute("SELECT sql FROM sqlite_master WHERE name = 'entity'").fetchone()
    if found is None or _KEYED_BY_ID not in found[0]:
        db.executescript(SCHEMA_SQL)
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("ALTER TABLE entity RENAME TO entity_keyed_by_id")
        db.execute(SCHEMA_SQL)
        db.execute(
            "INSERT INTO entity (seq, family, type, data) "
            "SELECT seq, family, type, data FROM entity_keyed_by_id ORDER BY seq"
        )
        db.execute("DROP TABLE entity_keyed_by_id")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def write(db: sqlite3.Connection, removed: Iterable[int], stored: Iterable[Row]) -> None:
    """Inside the caller's transaction: delete the rows at ``removed`` seqs, then store
    ``stored`` (a row at a seq already held replaces it)."""
    db.executemany("DELETE FROM entity WHERE seq = ?", ((seq,) for seq in removed))
    db.executemany(
        "INSERT OR REPLACE INTO entity (seq, family, type, data) VALUES (?, ?, ?, ?)",
        ((seq, family, type_id, json.dumps(data)) for seq, family, type_id, data in stored),
    )


def read(db: sqlite3.Connection) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    """Every row, in ``seq`` order, its data decoded."""
    cursor = db.execute("SELECT seq, family, type, data FROM entity ORDER BY seq")
    for seq, family, type_id, data in cursor:
        yield seq, family, type_id, json.loads(data)


def next_seq(db: sqlite3.Connection) -> int:
    """The ``seq`` after the last row's."""
    (last,) = db.execute("SELECT max(seq) FROM entity").fetchone()
    return 0 if last is None else last + 1
