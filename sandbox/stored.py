"""A stored entity, compactly: one tuple of its layout, its ``seq`` and its values.

Per entity, an object with a dict of its values was most of a large sandbox's memory: each
dict carries its own table of attribute names. A :class:`StoredEntity` is a single tuple; its
:class:`Layout` (type and attribute names, shared by every entity with the same ones) says
which value is which. It is read-only and serves as its own ``data`` mapping: a batch changes
a copy (an :class:`~ftpub.sandbox.entity.Entity`) and the store swaps in a new one.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .schema import Schema

_item = tuple.__getitem__
_SEQ = 1
_VALUES = slice(2, None)


class Layout:
    """A type and its attribute names in order, and where each name's value sits."""

    __slots__ = ("names", "positions", "type")

    def __init__(self, type_id: str, names: tuple[str, ...]) -> None:
        self.type = sys.intern(type_id)
        self.names = tuple(sys.intern(name) for name in names)
        self.positions = {name: position for position, name in enumerate(self.names, start=2)}


_LAYOUTS: dict[tuple[str, tuple[str, ...]], Layout] = {}


def layout_of(type_id: str, names: tuple[str, ...]) -> Layout:
    """The one layout of this type and these names (created on first use)."""
    layout = _LAYOUTS.get((type_id, names))
    if layout is None:
        layout = _LAYOUTS.setdefault((type_id, names), Layout(type_id, names))
    return layout


class StoredEntity(tuple):  # type: ignore[type-arg]
    """An entity as the store holds it: ``type``, ``seq`` and ``data`` read like an
    :class:`~ftpub.sandbox.entity.Entity`'s, and ``data`` (itself) reads like a dict (``get``,
    ``[]``, ``in``, ``items``). Entities compare by identity, as entities do."""

    __slots__ = ()

    def __new__(cls, layout: Layout, seq: int, values: Iterable[Any]) -> StoredEntity:
        return tuple.__new__(cls, (layout, seq, *values))

    @property
    def type(self) -> str:
        return _item(self, 0).type  # type: ignore[no-any-return]

    @property
    def seq(self) -> int:
        """Its place in the store's scan order."""
        return _item(self, _SEQ)  # type: ignore[no-any-return]

    @property
    def data(self) -> StoredEntity:
        return self

    @property
    def id(self) -> Any:
        return self.get("id")

    def key(self, schema: Schema) -> tuple[str, ...]:
        """The primary key values, as strings (the way the client sends them)."""
        return tuple(str(self.get(name)) for name in schema.get(self.type).primary_key)

    # -- as its own data: a read-only mapping ----------------------------------------------

    def get(self, name: str, default: Any = None) -> Any:
        position = _item(self, 0).positions.get(name)
        return default if position is None else _item(self, position)

    def __getitem__(self, name: str) -> Any:  # type: ignore[override]
        position = _item(self, 0).positions.get(name)
        if position is None:
            raise KeyError(name)
        return _item(self, position)

    def __contains__(self, name: object) -> bool:
        return name in _item(self, 0).positions

    def __iter__(self) -> Iterator[str]:
        return iter(_item(self, 0).names)

    def __len__(self) -> int:
        return tuple.__len__(self) - 2

    def __bool__(self) -> bool:
        return True

    def keys(self) -> tuple[str, ...]:
        return _item(self, 0).names  # type: ignore[no-any-return]

    def values(self) -> tuple[Any, ...]:
        return _item(self, _VALUES)  # type: ignore[no-any-return]

    def items(self) -> Iterator[tuple[str, Any]]:
        return zip(_item(self, 0).names, _item(self, _VALUES), strict=True)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other

    def __hash__(self) -> int:
        return id(self) >> 4

    def __repr__(self) -> str:
        return f"StoredEntity(type={self.type!r}, data={dict(self.items())!r})"


Mapping.register(StoredEntity)
