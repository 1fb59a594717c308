"""How the sandbox encodes a created or updated entity in its reply.

A real server's create reply carries the entity's collections (a recorded FileComponent
create lists its ``component_locations``) [FROM DOCS (fixture)
ftrack-javascript:test/fixtures/create_filecomponent.json]. After a commit the client drops
its local values and keeps what the reply said [VERIFIED-src session.py:1301-1330], so a
collection missing from the reply keeps the value read before the commit: stale.
Custom attributes are left out, as on a real server ("after the commit the remote value is
not automatically populated") [FROM DOCS
https://developer.ftrack.com/api-clients/examples/custom-attribute].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .entity import Entity
from .graph import COMPUTED_ATTRIBUTES, StoreGraph
from .schema import Attribute
from .wire import encode_scalar, reference


@dataclass(frozen=True)
class EntityReply:
    """The result of a create or update, encoded once the whole batch is applied.

    Encoding at the end shows each entity as the batch left it (a collection filled by later
    operations of the same commit included) and reads each relation's index once per batch.
    """

    action: str
    entity: Entity

    def encode(self, graph: StoreGraph) -> dict[str, Any]:
        return {"action": self.action, "data": encode_entity(graph, self.entity)}


def encode_entity(graph: StoreGraph, entity: Entity) -> dict[str, Any]:
    """The entity with its primary key, every stored scalar and its stored collections.

    Returning every scalar (server-assigned ones such as ``AssetVersion.version`` included)
    spares the client a query per attribute it reads after the commit. Collection items are
    references (mapped ones with their key and value).
    """
    schema = graph.schema
    encoded = reference(schema, entity)
    for name, attribute in schema.get(entity.type).attributes.items():
        if attribute.kind == "scalar":
            if name in entity.data:
                encoded[name] = encode_scalar(attribute, entity.data[name])
        elif attribute.kind != "reference" and _stored(attribute):
            items = graph.items(entity, attribute)
            encoded[name] = [_item(graph, item, attribute) for item in items]
    return encoded


def _stored(attribute: Attribute) -> bool:
    """Whether a collection is kept in the store (not computed when read)."""
    if attribute.name in COMPUTED_ATTRIBUTES:
        return False
    return attribute.through is not None or (
        attribute.key is not None and attribute.target is not None
    )


def _item(graph: StoreGraph, item: Entity, attribute: Attribute) -> dict[str, Any]:
    encoded = reference(graph.schema, item)
    if attribute.kind == "mapped":
        for name in ("key", "value"):
            if name in item.data:
                encoded[name] = item.data[name]
    return encoded
