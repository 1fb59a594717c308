"""Running a query against a graph: filter, order, page, project."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from ..entity import Entity, Graph
from .candidates import candidates
from .criteria import CriteriaCompiler
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


def run_query(graph: Graph, expression: str) -> QueryPage:
    """The page of results ``expression`` asks for.

    Raises ``QuerySyntaxError``, ``UnknownTypeError`` or ``UnknownAttributeError`` (whose
    messages are ftrack's) before reading any entity.
    """
    return execute(graph, parse(expression))


def execute(graph: Graph, query: Query) -> QueryPage:
    """The page of results of a parsed query."""
    graph.schema.get(query.type)
    fields = plan_projection(graph.schema, query.type, _projections(graph, query))
    rows, more = page_rows(graph, query)
    offset = query.offset or 0
    return QueryPage(
        data=[encode(graph, entity, fields) for entity in rows],
        next_offset=offset + len(rows) if more and rows else None,
    )


def page_rows(graph: Graph, query: Query) -> tuple[list[Entity], bool]:
    """The entities on the page ``query`` asks for, and whether more match beyond it."""
    compiler = CriteriaCompiler(graph, lambda subquery: subquery_values(graph, subquery))
    predicate = None if query.criteria is None else compiler.compile(query.type, query.criteria)
    sort_keys = [(_sort_key(graph, query.type, o), o.descending) for o in query.order_by]
    matching: Iterator[Entity] = iter(candidates(graph, query))
    if predicate is not None:
        matching = (entity for entity in matching if predicate(entity) is True)
    if sort_keys:
        ordered = list(matching)
        for key, descending in reversed(sort_keys):
            ordered.sort(key=key, reverse=descending)
        matching = iter(ordered)
    offset = query.offset or 0
    if query.limit is None:
        return list(islice(matching, offset, None)), False
    page = list(islice(matching, offset, offset + query.limit + 1))
    return page[: query.limit], len(page) > query.limit


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

    def key(entity: Entity) -> tuple:
        found = values(graph, entity, path)
        return sort_key(found[0] if found else None)

    return key
