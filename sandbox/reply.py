"""How the sandbox encodes a created or updated entity in its reply.

A real server's create reply carries the entity's collections (a recorded FileComponent
create lists its ``component_locations``) [FROM DOCS (fixture)
ftrack-javascript:test/fixtures/create_filecomponent.json]. After a commit the client drops
its local values and keeps what the reply said [VERIFIED-src session.py:1301-1330], so a
collection the commit changed but the reply left out keeps the value read before: stale.
Custom attributes are left out, as on a real server ("after the commit the remote value is
not automatically populated") [FROM DOCS
https://developer.ftrack.com/api-clients/examples/custom-attribute].
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .entity import Entity
from .graph import COMPUTED_ATTRIBUTES, StoreGraph
from .schema import Attribute
from .store import Batch
from .wire import encode_scalar, reference

#: The items of a collection to put in a reply, or ``None`` to leave it out.
ItemsOf = Callable[[Attribute], "list[Entity] | None"]


@dataclass(frozen=True)
class EntityReply:
    """The result of a create or update, encoded once the whole batch is applied.

    Encoding at the end shows the entity as the batch left it, collections filled by later
    operations of the same commit included. A created entity lists every collection, read from
    what the batch wrote (nothing older can point at it); an updated one lists the collections
    the update set, the ones the client changed.
    """

    action: str
    entity: Entity
    collections: frozenset[str] = frozenset()

    def encode(self, graph: StoreGraph, batch: Batch) -> dict[str, Any]:
        if self.action == "create":

            def items(attribute: Attribute) -> list[Entity] | None:
                return _written_items(graph, self.entity, attribute, batch)

        else:

            def items(attribute: Attribute) -> list[Entity] | None:
                if attribute.name not in self.collections:
                    return None
                return graph.items(self.entity, attribute)

        return {"action": self.action, "data": encode_entity(graph, self.entity, items)}


def encode_entity(
    graph: StoreGraph, entity: Entity, items: ItemsOf | None = None
) -> dict[str, Any]:
    """The entity with its primary key, every stored scalar and the collections ``items`` gives.

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
        elif attribute.kind != "reference" and items is not None and _stored(attribute):
            found = items(attribute)
            if found is not None:
                encoded[name] = [_item(graph, item, attribute) for item in found]
    return encoded


def _stored(attribute: Attribute) -> bool:
    """Whether a collection is kept in the store (not computed when read)."""
    if attribute.name in COMPUTED_ATTRIBUTES:
        return False
    return attribute.through is not None or (
        attribute.key is not None and attribute.target is not None
    )


def _written_items(
    graph: StoreGraph, owner: Entity, attribute: Attribute, batch: Batch
) -> list[Entity]:
    schema = graph.schema
    if attribute.through is not None:
        link_type, own_key, item_key = attribute.through
        links = batch.written(schema.family(link_type), own_key, owner.id)
        found = (graph.get(attribute.target or "", link.data.get(item_key)) for link in links)
        return [item for item in found if item is not None]
    target = attribute.target or ""
    return [
        item
        for item in batch.written(schema.family(target), attribute.key or "", owner.id)
        if schema.is_a(item.type, target)
    ]


def _item(graph: StoreGraph, item: Entity, attribute: Attribute) -> dict[str, Any]:
    encoded = reference(graph.schema, item)
    if attribute.kind == "mapped":
        for name in ("key", "value"):
            if name in item.data:
                encoded[name] = item.data[name]
    return encoded
