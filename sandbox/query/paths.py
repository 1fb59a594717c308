"""Attribute paths checked against the schema, and followed through the graph."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..entity import Entity, Graph
from ..schema import Attribute, Schema, UnknownAttributeError
from .nodes import Path, Segment


@dataclass(frozen=True)
class Step:
    """One attribute to follow; ``cast`` keeps only related entities of that type."""

    attribute: Attribute
    cast: str | None = None


@dataclass(frozen=True)
class Route:
    """A path resolved against an entity type.

    ``end_type`` is the type the last step reaches (``None`` when it is a scalar).
    """

    steps: tuple[Step, ...]
    end_type: str | None

    @property
    def last(self) -> Attribute:
        return self.steps[-1].attribute

    @property
    def is_single_value(self) -> bool:
        """Whether the path reads one value of the entity itself (no relation to cross)."""
        return len(self.steps) == 1 and self.last.kind in ("scalar", "reference")


def route(schema: Schema, type_id: str, path: Path) -> Route:
    """``path`` resolved from ``type_id``; raises ``UnknownAttributeError``/``UnknownTypeError``."""
    steps: list[Step] = []
    owner: str | None = type_id
    previous_owner = type_id
    for index, segment in enumerate(path.segments):
        if owner is None:
            rest = Path(path.segments[index - 1 :])
            raise UnknownAttributeError(previous_owner, str(rest))
        attribute = schema.attribute(owner, segment.name)
        if segment.cast is not None:
            schema.get(segment.cast)
            if attribute.kind == "scalar":
                raise UnknownAttributeError(owner, str(Path((segment,))))
        steps.append(Step(attribute, segment.cast))
        previous_owner = owner
        owner = None if attribute.kind == "scalar" else segment.cast or attribute.target
    return Route(tuple(steps), owner)


def path_of(text: str) -> Path:
    """A plain dotted path, as written in a schema's ``default_projections``."""
    return Path(tuple(Segment(name) for name in text.split(".")))


def related(graph: Graph, entity: Entity, step: Step) -> list[Entity]:
    """The entities ``step`` leads to from ``entity`` (none, one, or a collection)."""
    value = graph.resolve(entity, step.attribute.name)
    if step.attribute.kind == "reference":
        items = [] if value is None else [value]
    else:
        items = list(value or ())
    if step.cast is not None:
        items = [item for item in items if graph.schema.is_a(item.type, step.cast)]
    return items


def reach(graph: Graph, entity: Entity, steps: tuple[Step, ...]) -> list[Entity]:
    """Every entity at the end of ``steps`` from ``entity``."""
    current = [entity]
    for step in steps:
        current = [item for source in current for item in related(graph, source, step)]
    return current


def values(graph: Graph, entity: Entity, path: Route) -> list[Any]:
    """The values at the end of ``path``: scalars, or the ids of the entities reached.

    A null reference at the end gives ``[None]``; a collection gives one id per item.
    """
    last = path.steps[-1]
    found: list[Any] = []
    for source in reach(graph, entity, path.steps[:-1]):
        if last.attribute.kind == "scalar":
            found.append(graph.resolve(source, last.attribute.name))
            continue
        items = related(graph, source, last)
        if last.attribute.kind == "reference" and not items:
            found.append(None)
        found.extend(identity(graph.schema, item) for item in items)
    return found


def identity(schema: Schema, entity: Entity) -> Any:
    """The primary key value of ``entity`` (a tuple for a composite key)."""
    key = schema.get(entity.type).primary_key
    if len(key) == 1:
        return entity.data.get(key[0])
    return tuple(entity.data.get(name) for name in key)
