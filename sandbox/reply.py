"""How the sandbox encodes a created or updated entity in its reply."""

from __future__ import annotations

from typing import Any

from .entity import Entity
from .graph import StoreGraph
from .wire import encode_scalar, reference


def encode_entity(graph: StoreGraph, entity: Entity) -> dict[str, Any]:
    """The entity with its primary key and every stored scalar attribute.

    Returning every scalar (server-assigned ones such as ``AssetVersion.version`` included)
    spares the client a query per attribute it reads after the commit.
    """
    encoded = reference(graph.schema, entity)
    for name, attribute in graph.schema.get(entity.type).attributes.items():
        if attribute.kind == "scalar" and name in entity.data:
            encoded[name] = encode_scalar(attribute, entity.data[name])
    return encoded
