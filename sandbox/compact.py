"""Stored entities made small: rows sharing their names, short strings and the ids they name.

Most of a large sandbox is ids: a version's ``asset_id`` is the asset's id again. A stored
foreign key is the very string object of the entity it names, so each id is held once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from .entity import Entity
from .image import ImageRow
from .row import Layout, Row, layout_of
from .schema import Schema

_item = tuple.__getitem__

Key = tuple[str, ...]

#: How a family's rows are keyed: a one-value primary key by its value (no tuple per row).
RowKey = Hashable

RowsOf = Callable[[str], Mapping[RowKey, Entity]]


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
        self._foreign: dict[tuple[str, Layout], list[tuple[int, str]]] = {}

    def row(self, type_id: str, names: tuple[str, ...], values: Iterable[Any]) -> Row:
        """A new or changed entity's values as stored."""
        layout = layout_of(names)
        shared = shared_strings(values)
        for position, family in self._foreign_keys(type_id, layout):
            shared[position] = self._named_id(self._rows_of(family), shared[position])
        return Row(layout, shared)

    def load(self, family: str, rows: dict[RowKey, Entity], stored: Iterable[ImageRow]) -> None:
        """Fill ``rows`` with ``family``'s stored entities (in ``seq`` order, their short
        strings shared already)."""
        plans: dict[tuple[str, tuple[str, ...]], tuple[Layout, list[tuple[int, Any]], int]] = {}
        for seq, type_id, names, values in stored:
            plan = plans.get((type_id, names))
            if plan is None:
                plan = plans[(type_id, names)] = self._plan(family, rows, type_id, names)
            layout, foreign, key_position = plan
            if foreign:
                values = list(values)
                for position, named_rows in foreign:
                    named = named_rows.get(values[position])
                    if named is not None:  # its id, read the quick way
                        row = named.data
                        values[position] = _item(row, _item(row, 0).positions["id"])
            entity = Entity(type_id, Row(layout, values), seq)
            if key_position >= 0 and isinstance(values[key_position], str):
                rows[values[key_position]] = entity
            else:
                rows[row_key(entity.key(self.schema))] = entity

    def _plan(
        self, family: str, rows: dict[RowKey, Entity], type_id: str, names: tuple[str, ...]
    ) -> tuple[Layout, list[tuple[int, Any]], int]:
        """How to load rows of this type and these names: their layout, the rows each
        foreign key names an entity of, and where a one-value primary key is (-1: elsewhere)."""
        layout = layout_of(names)
        foreign = [
            (position, rows if named == family else self._rows_of(named))
            for position, named in self._foreign_keys(type_id, layout)
        ]
        primary_key = self.schema.get(type_id).primary_key
        single = len(primary_key) == 1 and primary_key[0] in names
        return layout, foreign, names.index(primary_key[0]) if single else -1

    @staticmethod
    def _named_id(rows: Mapping[RowKey, Entity], value: Any) -> Any:
        named = rows.get(value) if isinstance(value, str) else None
        return value if named is None else named.id

    def _foreign_keys(self, type_id: str, layout: Layout) -> list[tuple[int, str]]:
        """(position in the values, family named) of each foreign key in this layout."""
        found = self._foreign.get((type_id, layout))
        if found is None:
            families = {
                name: self.schema.family(target)
                for name, target in self.schema.foreign_keys(type_id).items()
            }
            found = [
                (position, families[name])
                for position, name in enumerate(layout.names)
                if name in families
            ]
            self._foreign[(type_id, layout)] = found
        return found
