"""Where the last pages of queries stopped, so that the next page resumes there.

A client reads a long result page by page (``offset 0 limit 500``, ``offset 500 limit 500``…).
Skipping ``offset`` rows again for every page makes reading everything quadratic; a cursor
keeps the rows still to come of a page just served, and the request for the page that starts
where it stopped takes them up instead. A cursor is only valid in the state of the entities it
was read in: the caller names that state, and must name a new one whenever any entity changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterator

from ..entity import Entity
from .nodes import Query

#: (type, criteria, offset where the next page starts, state of the entities)
_Key = tuple[str, Hashable, int, Hashable]


class Cursors:
    """The rows left after the pages served last, of a few queries without ``order by``."""

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._open: OrderedDict[_Key, Iterator[Entity]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, query: Query, state: Hashable) -> Iterator[Entity] | None:
        """The rows of ``query`` from its offset on, if a page of it stopped there in
        ``state``; taken, so that no other request reads them too."""
        with self._lock:
            return self._open.pop(_key(query, query.offset or 0, state), None)

    def keep(self, query: Query, offset: int, state: Hashable, rows: Iterator[Entity]) -> None:
        """Keep ``rows``, those of ``query`` from ``offset`` on in ``state``."""
        with self._lock:
            self._open[_key(query, offset, state)] = rows
            while len(self._open) > self._size:
                self._open.popitem(last=False)


def _key(query: Query, offset: int, state: Hashable) -> _Key:
    return (query.type, query.criteria, offset, state)
