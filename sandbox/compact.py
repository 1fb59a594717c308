"""Stored entities made small: rows sharing their names, short strings and the ids they name.

Most of a large sandbox is ids: a version's ``asset_id`` is the asset's id again. A stored
foreign key is the very string object of the entity it names, so each id is held once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from .image import ImageRow
from .schema import Schema
from .stored import Layout, StoredEntity, layout_of

_item = tuple.__getitem__
_new = tuple.__new__

#: How to load rows of one type and names: their layout, (position, the rows it names an
#: entity of) for each foreign key, where a one-value primary key is (-1: elsewhere).
_Plan = tuple[Layout, list[tuple[int, Any]], int]

Key = tuple[str, ...]

#: How a family's rows are keyed: a one-value primary key by its value (no tuple per row).
RowKey = Hashable

RowsOf = Callable[[str], Mapping[RowKey, StoredEntity]]


def row_key(key: Key) -> RowKey:
    return key[0] if len(key) == 1 else key


def key_of(row_key: RowKey) -> Key:
    return row_key if isinstance(row_key, tuple) else (row_key,)


def shared_strings(values: Iterable[Any]) -> list[Any]:
    """``values`` with each short string (names, types, flags) one copy for all."""
    return [
        sys.intern(value) if isinstance(value, str) and len(value) <= 16 else value
        for value in values
    ]


class Compactor:
    """Makes the stored form of entities, looking up the entities their foreign keys name
    through ``rows_of`` (a family's stored rows)."""

    def __init__(self, schema: Schema, rows_of: RowsOf) -> None:
        self.schema = schema
        self._rows_of = rows_of
        self._foreign: dict[Layout, list[tuple[int, str]]] = {}

    def stored(self, type_id: str, data: Mapping[str, Any], seq: int) -> StoredEntity:
        """A new or changed entity as stored."""
        layout = layout_of(type_id, tuple(data))
        shared = shared_strings(data.values())
        for position, family in self._foreign_keys(layout):
            shared[position] = self._named_id(self._rows_of(family), shared[position])
        return StoredEntity(layout, seq, shared)

    def load(
        self, family: str, rows: dict[RowKey, StoredEntity], stored: Iterable[ImageRow]
    ) -> None:
        """Fill ``rows`` with ``family``'s stored entities (in ``seq`` order, their short
        strings shared already)."""
        plans: dict[tuple[str, tuple[str, ...]], _Plan] = {}
        last: tuple[str, tuple[str, ...]] | None = None
        plan: _Plan | None = None
        for seq, type_id, names, values in stored:
            if last is None or names is not last[1] or type_id is not last[0]:
                last = (type_id, names)  # a chunk's rows share their names: mostly the same
                plan = plans.get(last) or plans.setdefault(
                    last, self._plan(family, rows, type_id, names)
                )
            assert plan is not None
            layout, foreign, key_position = plan
            if foreign:
                values = list(values)
                for position, named_rows in foreign:
                    named = named_rows.get(values[position])
                    if named is not None:  # its id, read the quick way
                        values[position] = _item(named, _item(named, 0).positions["id"])
            entity = _new(StoredEntity, (layout, seq, *values))
            key = values[key_position] if key_position >= 0 else None
            if type(key) is str:
                rows[key] = entity
            else:
                rows[row_key(entity.key(self.schema))] = entity

    def _plan(
        self, family: str, rows: dict[RowKey, StoredEntity], type_id: str, names: tuple[str, ...]
    ) -> _Plan:
        """How to load rows of this type and these names: their layout, the rows each
        foreign key names an entity of, and where a one-value primary key is (-1: elsewhere)."""
        layout = layout_of(type_id, names)
        foreign = [
            (position, rows if named == family else self._rows_of(named))
            for position, named in self._foreign_keys(layout)
        ]
        primary_key = self.schema.get(type_id).primary_key
        single = len(primary_key) == 1 and primary_key[0] in names
        return layout, foreign, names.index(primary_key[0]) if single else -1

    @staticmethod
    def _named_id(rows: Mapping[RowKey, StoredEntity], value: Any) -> Any:
        named = rows.get(value) if isinstance(value, str) else None
        return value if named is None else named.id

    def _foreign_keys(self, layout: Layout) -> list[tuple[int, str]]:
        """(position in the values, family named) of each foreign key in this layout."""
        found = self._foreign.get(layout)
        if found is None:
            families = {
                name: self.schema.family(target)
                for name, target in self.schema.foreign_keys(layout.type).items()
            }
            found = [
                (position, families[name])
                for position, name in enumerate(layout.names)
                if name in families
            ]
            self._foreign[layout] = found
        return found
