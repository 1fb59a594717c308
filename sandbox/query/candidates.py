"""The entities a query has to look at: those its criteria pin through an index, else all.

A criteria pins entities when it requires ``id`` or a stored attribute to equal one of some
literals (``is``, ``in (…)``), directly or through references (``asset.name is "hero"``,
``parent.id is X``), alone or as one operand of an ``and``. The criteria are still applied to
the candidates, so an index only has to find every entity that may match.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

from ..entity import Entity, Graph
from .nodes import And, Comparison, Criteria, Membership, Path, Query, Segment
from .values import read_literal


@runtime_checkable
class IndexedGraph(Graph, Protocol):
    """A graph that finds entities by the value of a stored attribute."""

    def matching(self, type_id: str, attribute: str, values: Sequence[Any]) -> list[Entity] | None:
        """Entities of ``type_id`` whose ``attribute`` may equal one of ``values`` (strings
        compared without case), oldest first; ``None`` when no index serves the attribute."""


def candidates(graph: Graph, query: Query) -> Iterable[Entity]:
    """Entities of ``query.type`` that may match its criteria, oldest first."""
    ids = _pinned_ids(query.criteria)
    if ids is not None:
        found = (graph.get(query.type, entity_id) for entity_id in dict.fromkeys(ids))
        return [e for e in found if e is not None and graph.schema.is_a(e.type, query.type)]
    if isinstance(graph, IndexedGraph) and query.criteria is not None:
        pinned = _pinned(graph, query.type, query.criteria)
        if pinned is not None:
            return pinned
    return graph.scan(query.type)


def _pinned(graph: IndexedGraph, type_id: str, criteria: Criteria) -> list[Entity] | None:
    if isinstance(criteria, And):
        found = [_pinned(graph, type_id, operand) for operand in criteria.operands]
        narrowest = [entities for entities in found if entities is not None]
        return min(narrowest, key=len, default=None)
    equal = _equal_to(criteria)
    if equal is None:
        return None
    path, literals = equal
    if any(literal is None for literal in literals):
        return None
    return _reached(graph, type_id, type_id, path.segments, literals)


def _reached(
    graph: IndexedGraph,
    type_id: str,
    route_type: str,
    segments: tuple[Segment, ...],
    literals: tuple[Any, ...],
) -> list[Entity] | None:
    """Entities of ``type_id`` from which ``segments`` (read on ``route_type``) may reach one
    of ``literals``."""
    segment = segments[0]
    if segment.cast is not None:
        return None
    attribute = graph.schema.attribute(route_type, segment.name)
    if len(segments) == 1:
        if attribute.kind != "scalar" or attribute.scalar_type == "variable":
            return None
        values = [read_literal(attribute, literal) for literal in literals]
        return graph.matching(type_id, segment.name, values)
    if attribute.kind != "reference" or attribute.key is None or attribute.target is None:
        return None
    family = graph.schema.family(attribute.target)
    targets = _reached(graph, family, attribute.target, segments[1:], literals)
    if targets is None:
        return None
    return graph.matching(type_id, attribute.key, [target.id for target in targets])


def _equal_to(criteria: Criteria | None) -> tuple[Path, tuple[Any, ...]] | None:
    """The path and the literals an ``is`` or ``in (…)`` criteria requires it to equal."""
    if isinstance(criteria, Comparison) and criteria.operator == "is":
        return criteria.path, (criteria.value,)
    if (
        isinstance(criteria, Membership)
        and not criteria.negated
        and isinstance(criteria.values, tuple)
    ):
        return criteria.path, criteria.values
    return None


def _pinned_ids(criteria: Criteria | None) -> tuple[str, ...] | None:
    """The ids a criteria requires (``id is X``, ``id in (…)``, or either inside an ``and``)."""
    if isinstance(criteria, And):
        for operand in criteria.operands:
            ids = _pinned_ids(operand)
            if ids is not None:
                return ids
        return None
    equal = _equal_to(criteria)
    if equal is None:
        return None
    path, values = equal
    if len(path.segments) != 1 or path.segments[0] != Segment("id"):
        return None
    if any(not isinstance(value, str) for value in values):
        return None
    return tuple(variant for value in values for variant in {value, value.lower()})
