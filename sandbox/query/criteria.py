"""``where`` criteria compiled into predicates over entities.

Compiling checks every path against the schema and reads every literal once, so a
predicate only follows the graph and compares. A predicate answers with SQL's three-valued
logic: ``True``, ``False`` or ``None`` (unknown, e.g. a comparison with a null value); a row
matches only on ``True``. Conditions through relations (``parent.name``, ``children any``) ask
whether a related entity exists for which the condition is ``True``, as SQL's ``EXISTS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..entity import Entity, Graph
from .nodes import And, Comparison, Criteria, Membership, Not, Or, Query, Relation
from .parser import QuerySyntaxError
from .paths import Route, reach, route, values
from .values import (
    Test,
    Truth,
    comparison_test,
    membership_test,
    read_literal,
    variable_readings,
    variable_test,
)

Predicate = Callable[[Entity], Truth]

#: Runs a subquery and gives the values of its one selected attribute.
SubqueryValues = Callable[[Query], list[Any]]


class CriteriaCompiler:
    """Compiles criteria for one graph; subqueries run once, at compile time."""

    def __init__(self, graph: Graph, subquery_values: SubqueryValues) -> None:
        self.graph = graph
        self.subquery_values = subquery_values

    def compile(self, type_id: str, criteria: Criteria) -> Predicate:
        """The predicate of ``criteria`` on entities of ``type_id``."""
        if isinstance(criteria, And):
            parts = [self.compile(type_id, operand) for operand in criteria.operands]
            return lambda entity: _all(part(entity) for part in parts)
        if isinstance(criteria, Or):
            parts = [self.compile(type_id, operand) for operand in criteria.operands]
            return lambda entity: _any(part(entity) for part in parts)
        if isinstance(criteria, Not):
            return _negated(self.compile(type_id, criteria.operand))
        if isinstance(criteria, Relation):
            return self._relation(type_id, criteria)
        path = route(self.graph.schema, type_id, criteria.path)
        return self._on_values(path, self._test(path, criteria))

    def _test(self, path: Route, criteria: Comparison | Membership) -> Test:
        if path.last.scalar_type == "variable":
            return self._variable_test(criteria)
        literal_type = path.last if path.last.kind == "scalar" else None
        if isinstance(criteria, Comparison):
            expected = read_literal(literal_type, criteria.value)
            return comparison_test(criteria.operator, expected)
        if isinstance(criteria.values, Query):
            found: Iterable[Any] = self.subquery_values(criteria.values)
        else:
            found = [read_literal(literal_type, value) for value in criteria.values]
        return membership_test(found, criteria.negated)

    def _variable_test(self, criteria: Comparison | Membership) -> Test:
        if isinstance(criteria, Comparison):
            readings = variable_readings(criteria.value).items()
            return variable_test(
                {kind: comparison_test(criteria.operator, value) for kind, value in readings}
            )
        if isinstance(criteria.values, Query):
            literals: list[Any] = self.subquery_values(criteria.values)
        else:
            literals = list(criteria.values)
        all_readings = [variable_readings(literal) for literal in literals]
        kinds = {kind for readings in all_readings for kind in readings}
        return variable_test(
            {
                kind: membership_test(
                    [readings[kind] for readings in all_readings if kind in readings],
                    criteria.negated,
                )
                for kind in kinds
            }
        )

    def _on_values(self, path: Route, test: Test) -> Predicate:
        graph = self.graph
        if path.is_single_value:
            name = path.last.name
            if path.last.kind == "scalar":
                return lambda entity: test(graph.resolve(entity, name))
            return lambda entity: test(values(graph, entity, path)[0])
        return lambda entity: any(test(value) is True for value in values(graph, entity, path))

    def _relation(self, type_id: str, relation: Relation) -> Predicate:
        path = route(self.graph.schema, type_id, relation.path)
        if path.end_type is None:
            raise QuerySyntaxError(
                f'"{relation.path}" of entity type "{type_id}" is not a relation, so it '
                f"cannot be used with {relation.quantifier}."
            )
        graph = self.graph
        if relation.criteria is None:
            return lambda entity: bool(reach(graph, entity, path.steps))
        inner = self.compile(path.end_type, relation.criteria)
        return lambda entity: any(inner(item) is True for item in reach(graph, entity, path.steps))


def _all(results: Iterable[Truth]) -> Truth:
    unknown = False
    for result in results:
        if result is False:
            return False
        unknown = unknown or result is None
    return None if unknown else True


def _any(results: Iterable[Truth]) -> Truth:
    unknown = False
    for result in results:
        if result is True:
            return True
        unknown = unknown or result is None
    return None if unknown else False


def _negated(predicate: Predicate) -> Predicate:
    def negated(entity: Entity) -> Truth:
        result = predicate(entity)
        return None if result is None else not result

    return negated
