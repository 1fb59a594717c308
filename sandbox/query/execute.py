"""Running a query against a graph: filter, order, page, project."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from ..entity import Entity, Graph
from .candidates import candidates
from .criteria import CriteriaCompiler
from .cursors import Cursors
from .nodes import Ordering, Path, Query
from .parser import QuerySyntaxError, parse
from .paths import path_of, route, values
from .projection import encode, plan_projection
from .values import sort_key


@dataclass(frozen=True)
class QueryPage:
    """One page of results, as the ``query`` action returns it.

    ``next_offset`` is where the next page starts while more rows match beyond a non-empty
    page, else ``None`` (so a client paging on it always ends).
    """

    data: list[dict[str, Any]]
    next_offset: int | None


def run_query(
    graph: Graph, expression: str, cursors: Cursors | None = None, state: Hashable = None
) -> QueryPage:
    """The page of results ``expression`` asks for.

    Raises ``QuerySyntaxError``, ``UnknownTypeError`` or ``UnknownAttributeError`` (whose
    messages are ftrack's) before reading any entity. Given ``cursors`` and the ``state`` the
    graph is in (``None``: unknown), a page resumes where the one before it stopped.
    """
    return execute(graph, parse(expression), cursors, state)


def execute(
    graph: Graph, query: Query, cursors: Cursors | None = None, state: Hashable = None
) -> QueryPage:
    """The page of results of a parsed query."""
    graph.schema.get(query.type)
    fields = plan_projection(graph.schema, query.type, _projections(graph, query))
    if cursors is not None and state is not None and not query.order_by:
        rows, more = _resumed_page(graph, query, cursors, state)
    else:
        rows, more = page_rows(graph, query)
    offset = query.offset or 0
    return QueryPage(
        data=[encode(graph, entity, fields) for entity in rows],
        next_offset=offset + len(rows) if more and rows else None,
    )


def page_rows(graph: Graph, query: Query) -> tuple[list[Entity], bool]:
    """The entities on the page ``query`` asks for, and whether more match beyond it.

    Rows before the page are skipped, not encoded; an ordered page with a limit keeps only the
    rows up to its end while it reads the candidates, instead of sorting them all.
    """
    offset = query.offset or 0
    end = None if query.limit is None else offset + query.limit + 1
    matching = _matching(graph, query)
    if query.order_by:
        matching = _ordered(graph, query, matching, end)
    return _split(list(islice(matching, offset, end)), query.limit)


def _resumed_page(
    graph: Graph, query: Query, cursors: Cursors, state: Hashable
) -> tuple[list[Entity], bool]:
    """The page of an unordered query, read on from where its previous page stopped when a
    cursor kept that place; the rows after it are kept for the next page."""
    offset = query.offset or 0
    rows = cursors.take(query, state)
    skip = 0 if rows is not None else offset
    if rows is None:
        rows = iter(_matching(graph, query))
    end = None if query.limit is None else skip + query.limit + 1
    read = list(islice(rows, skip, end))
    page, more = _split(read, query.limit)
    if more:
        cursors.keep(query, offset + len(page), state, chain(read[-1:], rows))
    return page, more


def _matching(graph: Graph, query: Query) -> Iterable[Entity]:
    """The candidates that meet the query's criteria, in scan order."""
    compiler = CriteriaCompiler(graph, lambda subquery: subquery_values(graph, subquery))
    predicate = None if query.criteria is None else compiler.compile(query.type, query.criteria)
    found = candidates(graph, query)
    if predicate is None:
        return found
    return (entity for entity in found if predicate(entity) is True)


def _split(rows: list[Entity], limit: int | None) -> tuple[list[Entity], bool]:
    """The page in ``rows`` read up to one past its ``limit``, and whether that one was there."""
    if limit is None:
        return rows, False
    return rows[:limit], len(rows) > limit


def _ordered(graph: Graph, query: Query, rows: Iterable[Entity], count: int | None) -> list[Entity]:
    """``rows`` in the query's order (stable: ties keep the candidates' order), only the first
    ``count`` of them when it is given."""
    keys = [_sort_key(graph, query.type, ordering) for ordering in query.order_by]
    descending = {ordering.descending for ordering in query.order_by}
    if len(descending) > 1:  # mixed directions: one stable sort per ordering, last first
        ordered = list(rows)
        for key, ordering in reversed(list(zip(keys, query.order_by, strict=True))):
            ordered.sort(key=key, reverse=ordering.descending)
        return ordered if count is None else ordered[:count]
    key = keys[0] if len(keys) == 1 else lambda entity: tuple(k(entity) for k in keys)
    reverse = descending.pop()
    if count is None:
        return sorted(rows, key=key, reverse=reverse)
    return (heapq.nlargest if reverse else heapq.nsmallest)(count, rows, key=key)


def subquery_values(graph: Graph, query: Query) -> list[Any]:
    """The values of the one attribute a subquery selects, over all its rows."""
    if query.projections is None or len(query.projections) != 1:
        raise QuerySyntaxError(
            f'A subquery selects exactly one attribute, as in "select id from {query.type}".'
        )
    graph.schema.get(query.type)
    path = route(graph.schema, query.type, query.projections[0])
    rows, _ = page_rows(graph, query)
    return [value for entity in rows for value in values(graph, entity, path)]


def _projections(graph: Graph, query: Query) -> tuple[Path, ...]:
    if query.projections is not None:
        return query.projections
    return tuple(path_of(name) for name in graph.schema.get(query.type).default_projections)


def _sort_key(graph: Graph, type_id: str, order: Ordering) -> Callable[[Entity], tuple]:
    """Orders by the first value the path reaches (nulls first)."""
    path = route(graph.schema, type_id, order.path)
    if len(path.steps) == 1 and path.last.kind == "scalar":
        name = path.last.name
        return lambda entity: sort_key(graph.resolve(entity, name))

    def key(entity: Entity) -> tuple:
        found = values(graph, entity, path)
        return sort_key(found[0] if found else None)

    return key
