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
from functools import lru_cache
from typing import Any

from .entity import Entity
from .graph import COMPUTED_ATTRIBUTES, StoreGraph
from .schema import Attribute, Schema
from .store import Batch
from .wire import encode_scalar, reference

#: The items of a collection to put in a reply, or ``None`` to leave it out.
ItemsOf = Callable[[Attribute, str], "list[Entity] | None"]

_Rows = tuple[Attribute, str]


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

    def encode(self, graph: StoreGraph, batch: Batch, written: frozenset[str]) -> dict[str, Any]:
        """The reply; ``written`` holds the families of the rows the batch wrote."""
        if self.action == "create":

            def items(attribute: Attribute, family: str) -> list[Entity] | None:
                if family not in written:
                    return []
                return _written_items(graph, self.entity, attribute, batch, family)

        else:

            def items(attribute: Attribute, family: str) -> list[Entity] | None:
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
    scalars, collections = _plan(graph.schema, entity.type)
    encoded = reference(graph.schema, entity)
    data = entity.data
    for name, value in data.items():
        attribute = scalars.get(name)
        if attribute is not None:
            encoded[name] = encode_scalar(attribute, value)
    if items is not None:
        for attribute, family in collections:
            found = items(attribute, family)
            if found is not None:
                encoded[attribute.name] = [_item(graph, item, attribute) for item in found]
    return encoded


def written_families(graph: StoreGraph, batch: Batch) -> frozenset[str]:
    """The families of the entities ``batch`` added or changed: a created entity's collections
    of any other family are empty."""
    types = {entity.type for entity in batch.entities()}
    return frozenset(graph.schema.family(type_id) for type_id in types)


@lru_cache(maxsize=1024)
def _plan(schema: Schema, type_id: str) -> tuple[dict[str, Attribute], tuple[_Rows, ...]]:
    """A type's scalar attributes, and its collections kept in the store (not computed) with
    the family of the rows each reads (its items', or its link type's)."""
    attributes = schema.get(type_id).attributes.values()
    scalars = {a.name: a for a in attributes if a.kind == "scalar"}
    collections = tuple(
        (a, schema.family(a.through[0] if a.through else a.target or ""))
        for a in attributes
        if a.kind in ("collection", "mapped")
        and a.name not in COMPUTED_ATTRIBUTES
        and (a.through is not None or (a.key is not None and a.target is not None))
    )
    return scalars, collections


def _written_items(
    graph: StoreGraph, owner: Entity, attribute: Attribute, batch: Batch, family: str
) -> list[Entity]:
    """The items of ``owner``'s collection among the rows of ``family`` the batch wrote (its
    links, for a many-to-many collection)."""
    schema = graph.schema
    if attribute.through is not None:
        _, own_key, item_key = attribute.through
        links = batch.written(family, own_key, owner.id)
        found = (graph.get(attribute.target or "", link.data.get(item_key)) for link in links)
        return [item for item in found if item is not None]
    target = attribute.target or ""
    return [
        item
        for item in batch.written(family, attribute.key or "", owner.id)
        if schema.is_a(item.type, target)
    ]


def _item(graph: StoreGraph, item: Entity, attribute: Attribute) -> dict[str, Any]:
    encoded = reference(graph.schema, item)
    if attribute.kind == "mapped":
        for name in ("key", "value"):
            if name in item.data:
                encoded[name] = item.data[name]
    return encoded
