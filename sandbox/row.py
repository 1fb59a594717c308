"""A stored entity's values, compactly: a read-only mapping that shares its names.

A dict per stored entity was most of a large sandbox's memory: every one carries its own
table of attribute names. A :class:`Row` is a tuple whose first item is its
:class:`Layout` (the names, shared by every row holding the same names in the same order)
and whose other items are the values, in that order.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

_item = tuple.__getitem__
_VALUES = slice(1, None)


class Layout:
    """Attribute names in order, and where each one's value sits in a :class:`Row`."""

    __slots__ = ("names", "positions")

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names
        self.positions = {name: position for position, name in enumerate(names, start=1)}


_LAYOUTS: dict[tuple[str, ...], Layout] = {}


def layout_of(names: tuple[str, ...]) -> Layout:
    """The one layout of these names (created on first use)."""
    layout = _LAYOUTS.get(names)
    if layout is None:
        layout = _LAYOUTS.setdefault(names, Layout(tuple(sys.intern(name) for name in names)))
    return layout


class Row(tuple):  # type: ignore[type-arg]
    """Read-only values by attribute name, as a dict reads them (``get``, ``[]``, ``in``)."""

    __slots__ = ()

    def __new__(cls, layout: Layout, values: Iterable[Any]) -> Row:
        return tuple.__new__(cls, (layout, *values))

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
        return tuple.__len__(self) - 1

    def keys(self) -> tuple[str, ...]:
        return _item(self, 0).names  # type: ignore[no-any-return]

    def values(self) -> tuple[Any, ...]:
        return _item(self, _VALUES)  # type: ignore[no-any-return]

    def items(self) -> Iterator[tuple[str, Any]]:
        return zip(_item(self, 0).names, _item(self, _VALUES), strict=True)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Row({dict(self.items())!r})"


Mapping.register(Row)
