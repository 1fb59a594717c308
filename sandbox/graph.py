"""Reading attributes of stored entities: foreign keys, collections and computed values."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from . import custom_attributes
from .entity import Entity
from .schema import Attribute, Schema
from .store import Store


class StoreGraph:
    """The :class:`~ftpub.sandbox.entity.Graph` of a :class:`Store`."""

    def __init__(self, store: Store, server_url: str = "") -> None:
        self.store = store
        self.schema: Schema = store.schema
        self.server_url = server_url

    def scan(self, type_id: str) -> Iterator[Entity]:
        return self.store.scan(type_id)

    def get(self, type_id: str, entity_id: Any) -> Entity | None:
        """The entity of ``type_id``'s family with this id, whatever its concrete type."""
        if entity_id is None:
            return None
        return self.store.get(self.schema.family(type_id), (str(entity_id),))

    def matching(self, type_id: str, name: str, values: Sequence[Any]) -> list[Entity] | None:
        """Entities of ``type_id`` whose stored ``name`` may equal one of ``values``, through an
        index (``None`` for a computed attribute)."""
        if name in _COMPUTED:
            return None
        return self.store.matching(type_id, name, values)

    def resolve(self, entity: Entity, name: str) -> Any:
        attribute = self.schema.attribute(entity.type, name)
        computed = _COMPUTED.get(name)
        if computed is not None and any(self.schema.is_a(entity.type, t) for t in computed[0]):
            return computed[1](self, entity)
        if attribute.kind == "scalar":
            return entity.data.get(name)
        if attribute.kind == "reference":
            return self.get(attribute.target or "", entity.data.get(attribute.key or ""))
        return self.items(entity, attribute)

    def items(self, entity: Entity, attribute: Attribute) -> list[Entity]:
        """The entities of a collection or mapped attribute."""
        if attribute.through is not None:
            link_type, own_key, item_key = attribute.through
            links = self.store.referencing(link_type, own_key, entity.id)
            found = (self.get(attribute.target or "", link.data.get(item_key)) for link in links)
            return [item for item in found if item is not None]
        if attribute.key is None or attribute.target is None:
            return []
        return self.store.referencing(attribute.target, attribute.key, entity.id)

    def parent_chain(self, context: Entity) -> list[Entity]:
        """The contexts from the project down to ``context`` itself."""
        chain = [context]
        seen = {context.id}
        while (parent := self.get("Context", chain[0].data.get("parent_id"))) is not None:
            if parent.id in seen:
                break
            seen.add(parent.id)
            chain.insert(0, parent)
        return chain

    def link(self, entity: Entity) -> list[dict[str, Any]]:
        """ftrack's ``link``: the path from the project down to ``entity``."""
        if self.schema.is_a(entity.type, "AssetVersion"):
            asset = self.get("Asset", entity.data.get("asset_id"))
            context = self.get("Context", asset.data.get("context_id")) if asset else None
            chain = self.parent_chain(context) if context else []
            asset_name = asset.data.get("name") if asset else ""
            name = f"{asset_name} v{entity.data.get('version')}"
            return [_link_item(item) for item in chain] + [
                {"id": entity.id, "name": name, "type": "AssetVersion"}
            ]
        if self.schema.is_a(entity.type, "Asset"):
            context = self.get("Context", entity.data.get("context_id"))
            chain = self.parent_chain(context) if context else []
            return [_link_item(item) for item in chain] + [
                {"id": entity.id, "name": entity.data.get("name"), "type": "Asset"}
            ]
        return [_link_item(item) for item in self.parent_chain(entity)]

    def latest_version(self, asset: Entity) -> Entity | None:
        versions = self.store.referencing("AssetVersion", "asset_id", asset.id)
        return max(versions, key=lambda v: v.data.get("version") or 0, default=None)

    def descendants(self, context: Entity) -> list[Entity]:
        result: list[Entity] = []
        pending = [context]
        while pending:
            children = self.store.referencing("TypedContext", "parent_id", pending.pop().id)
            result.extend(children)
            pending.extend(children)
        return result


def _link_item(context: Entity) -> dict[str, Any]:
    link_type = "Project" if context.type == "Project" else "TypedContext"
    return {"id": context.id, "name": context.data.get("name"), "type": link_type}


def _is_latest_version(graph: StoreGraph, version: Entity) -> bool:
    asset = graph.get("Asset", version.data.get("asset_id"))
    return asset is not None and graph.latest_version(asset) is version


def _thumbnail_url(graph: StoreGraph, entity: Entity) -> dict[str, Any] | None:
    thumbnail_id = entity.data.get("thumbnail_id")
    if not thumbnail_id:
        return None
    return {"url": f"{graph.server_url}/component/thumbnail?id={thumbnail_id}"}


def _component_url(graph: StoreGraph, component_location: Entity) -> dict[str, Any] | None:
    if component_location.data.get("location_id") != SERVER_LOCATION_ID:
        return None
    component_id = component_location.data.get("component_id")
    return {"value": f"{graph.server_url}/component/get?id={component_id}"}


SERVER_LOCATION_ID = "3a372bde-05bc-11e4-8908-20c9d081909b"

#: attribute name -> (types it is computed on, function of the graph and the entity)
_COMPUTED: dict[str, tuple[tuple[str, ...], Any]] = {
    "link": (("Context", "Asset", "AssetVersion"), StoreGraph.link),
    "_link": (("Context", "Asset", "AssetVersion"), StoreGraph.link),
    "latest_version": (("Asset",), StoreGraph.latest_version),
    "is_latest_version": (("AssetVersion",), _is_latest_version),
    "thumbnail_url": (("Context", "AssetVersion", "User"), _thumbnail_url),
    "url": (("ComponentLocation",), _component_url),
    "ancestors": (("TypedContext",), lambda graph, e: graph.parent_chain(e)[1:-1]),
    "descendants": (("Context",), StoreGraph.descendants),
    "custom_attributes": (
        tuple(custom_attributes.ENTITY_KINDS),
        custom_attributes.values_of,
    ),
    "key": ((custom_attributes.VALUE_FAMILY,), custom_attributes.key_of),
}

#: The names of attributes computed when read, on some types.
COMPUTED_ATTRIBUTES = frozenset(_COMPUTED)
