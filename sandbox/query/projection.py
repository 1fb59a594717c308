"""``select`` projections: which attributes a result entity carries, and its wire encoding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..entity import Entity, Graph
from ..schema import Attribute, Schema
from ..wire import encode_scalar, reference
from .nodes import Path
from .paths import route


@dataclass(frozen=True)
class Field:
    """A projected attribute; ``fields`` are projected on the entities it leads to."""

    attribute: Attribute
    fields: tuple[Field, ...] = ()


def plan_projection(schema: Schema, type_id: str, paths: tuple[Path, ...]) -> tuple[Field, ...]:
    """``paths`` checked against ``type_id`` and merged into a tree (``a.b, a.c`` share ``a``)."""
    tree: dict[str, tuple[Attribute, dict]] = {}
    for path in paths:
        node = tree
        for step in route(schema, type_id, path).steps:
            _, node = node.setdefault(step.attribute.name, (step.attribute, {}))
    return _frozen(tree)


def encode(graph: Graph, entity: Entity, fields: tuple[Field, ...]) -> dict[str, Any]:
    """``entity`` on the wire: concrete type, primary key, and each projected attribute.

    A reference becomes a nested entity (``None`` when unset), a collection or mapped
    attribute a list of them (mapped items with their key and value); a field the entity's
    type lacks (past a cast) is left out.
    """
    encoded = reference(graph.schema, entity)
    attributes = graph.schema.get(entity.type).attributes
    for field in fields:
        name = field.attribute.name
        if name not in attributes:
            continue
        value = graph.resolve(entity, name)
        if field.attribute.kind == "scalar":
            encoded[name] = encode_scalar(field.attribute, value)
        elif field.attribute.kind == "reference":
            encoded[name] = None if value is None else encode(graph, value, field.fields)
        elif field.attribute.kind == "mapped":
            encoded[name] = [
                encode(graph, item, field.fields + _key_and_value(graph.schema, item.type))
                for item in value or ()
            ]
        else:
            encoded[name] = [encode(graph, item, field.fields) for item in value or ()]
    return encoded


def _key_and_value(schema: Schema, type_id: str) -> tuple[Field, ...]:
    """A mapped item's key and value: the client reads both from every item of the mapping."""
    attributes = schema.get(type_id).attributes
    return tuple(Field(attributes[name]) for name in ("key", "value") if name in attributes)


def _frozen(tree: dict[str, tuple[Attribute, dict]]) -> tuple[Field, ...]:
    return tuple(Field(attribute, _frozen(children)) for attribute, children in tree.values())
