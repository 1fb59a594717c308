"""Custom attributes: their types, configurations, and the values entities carry.

Facts this module relies on (see /work/shared/reference/ftrack/PROTOCOL.md for the labels):

* The schemas map ``custom_attributes`` of each type to ``<Kind>CustomAttributeValue`` items
  keyed by ``(configuration_id, entity_id)`` with a ``key`` and a ``value``; the client reads
  them as a key/value mapping [VERIFIED-src ftrack_api/entity/factory.py:370-430].
* The client picks the configurations of an entity by ``entity_type`` ("task" for a
  TypedContext with its ``object_type_id``, "show", "assetversion", "asset", "user", "list"),
  ``project_id`` (the project's or none) and ``is_hierarchical`` (any context, asset or
  version) [VERIFIED-src ftrack_api/entity/factory.py:242-291].
* Values are dense: an entity lists one value per applicable configuration, the configuration's
  default when none was set, and setting one on a stored entity is an ``update`` of a value the
  client never created [VERIFIED-src ftrack_api/collection.py KeyValueMappedCollectionProxy;
  FROM DOCS https://developer.ftrack.com/api-clients/examples/custom-attribute].
* A hierarchical value is the entity's own: ftrack's own recipe for inheritance walks the
  ancestors itself [FROM DOCS ftrack snippet "get_hierarchical_attribute"], so none is inherited.
* The type names of a fresh site and the ``config`` keys (``isdecimal``, ``multiSelect``,
  ``data``) follow ftrack's web UI and studio scripts [GUESS, high confidence].
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .entity import Entity
from .errors import DuplicateEntryError, NotFoundError, ValidationError
from .wire import decode_datetime

if TYPE_CHECKING:
    from .graph import StoreGraph

#: The custom attribute types of a fresh ftrack site.
STANDARD_TYPES = (
    "text",
    "number",
    "boolean",
    "date",
    "enumerator",
    "dynamic enumerator",
    "expression",
    "url",
    "notificationtype",
)

#: The ``entity_type`` of a configuration, for each family of entity that carries values.
ENTITY_KINDS = {
    "Project": "show",
    "TypedContext": "task",
    "AssetVersion": "assetversion",
    "Asset": "asset",
    "User": "user",
    "List": "list",
}
_HIERARCHICAL_KINDS = frozenset({"show", "task", "asset", "assetversion"})

VALUE_FAMILY = "CustomAttributeValue"
CONFIGURATION = "CustomAttributeConfiguration"


def owner_kind(graph: StoreGraph, entity: Entity) -> str | None:
    """The configuration ``entity_type`` that applies to ``entity`` (None: it has none)."""
    for type_id, kind in ENTITY_KINDS.items():
        if graph.schema.is_a(entity.type, type_id):
            return kind
    return None


def configurations(graph: StoreGraph, entity: Entity) -> list[Entity]:
    """The configurations whose values ``entity`` carries, project-specific ones first."""
    kind = owner_kind(graph, entity)
    if kind is None:
        return []
    project_id = _project_id(graph, entity, kind)
    object_type_id = entity.data.get("object_type_id") if kind == "task" else None
    found = [
        configuration
        for configuration in graph.store.referencing(CONFIGURATION, "entity_type", kind)
        if configuration.data.get("object_type_id") == object_type_id
        and configuration.data.get("project_id") in (project_id, None)
    ]
    if kind in _HIERARCHICAL_KINDS:
        found += [
            configuration
            for configuration in graph.store.referencing(CONFIGURATION, "is_hierarchical", True)
            if configuration not in found
            and configuration.data.get("project_id") in (project_id, None)
        ]
    return sorted(found, key=lambda configuration: configuration.data.get("project_id") is None)


def values_of(graph: StoreGraph, entity: Entity) -> list[Entity]:
    """``entity["custom_attributes"]``: one value per configuration, the default when unset."""
    value_type = _value_type(graph, entity)
    if value_type is None:
        return []
    result = []
    for configuration in configurations(graph, entity):
        stored = graph.store.get(VALUE_FAMILY, (configuration.id, entity.id))
        value = stored.data.get("value") if stored else configuration.data.get("default")
        result.append(_value_entity(value_type, configuration, entity.id, value))
    return result


def key_of(graph: StoreGraph, value: Entity) -> Any:
    """The ``key`` of a value: its configuration's."""
    configuration = graph.get(CONFIGURATION, value.data.get("configuration_id"))
    return configuration.data.get("key") if configuration else None


def write_value(graph: StoreGraph, batch: Any, key: list[Any], data: dict[str, Any]) -> Entity:
    """Set one value (a ``create`` or ``update`` of any ``*CustomAttributeValue``).

    Values are never created on their own: writing one for an applicable configuration stores
    it, whether or not it was set before. Returns the value as the reply encodes it.
    """
    configuration_id, entity_id = (str(part) for part in key)
    configuration = graph.get(CONFIGURATION, configuration_id)
    if configuration is None:
        raise NotFoundError(f"Custom attribute configuration {configuration_id} does not exist.")
    owner = _owner(graph, entity_id)
    if owner is None or configuration not in configurations(graph, owner):
        raise ValidationError(
            f'The custom attribute "{configuration.data.get("key")}" does not apply to '
            f"entity {entity_id}."
        )
    value = cast(graph, configuration, data.get("value"))
    value_type = _value_type(graph, owner) or "ContextCustomAttributeValue"
    stored = graph.store.get(VALUE_FAMILY, (configuration_id, entity_id))
    if stored is None:
        batch.add(
            Entity(
                value_type,
                {"configuration_id": configuration_id, "entity_id": entity_id, "value": value},
            )
        )
    else:
        batch.changed(stored, {"value": value})
    return _value_entity(value_type, configuration, entity_id, value)


def delete_value(graph: StoreGraph, batch: Any, key: list[Any]) -> None:
    """Forget a set value, so the entity reads the default again."""
    stored = graph.store.get(VALUE_FAMILY, tuple(str(part) for part in key))
    if stored is not None:
        batch.remove(stored)


def check_configuration(graph: StoreGraph, configuration: Entity) -> None:
    """Refuse a new configuration ftrack would refuse; cast its default to its type."""
    data = configuration.data
    attribute_type = graph.get("CustomAttributeType", data.get("type_id"))
    if attribute_type is None:
        raise ValidationError("A custom attribute configuration needs a type.")
    kind = data.get("entity_type")
    if kind not in ENTITY_KINDS.values():
        raise ValidationError(
            f"Custom attribute entity_type must be one of {', '.join(ENTITY_KINDS.values())}, "
            f"not {kind!r}."
        )
    key = data.get("key")
    if not isinstance(key, str) or not key:
        raise ValidationError("A custom attribute configuration needs a key.")
    _config(data)
    for other in graph.store.referencing(CONFIGURATION, "key", key):
        same_target = (
            other.data.get("entity_type") == kind
            and other.data.get("object_type_id") == data.get("object_type_id")
        ) or (other.data.get("is_hierarchical") and data.get("is_hierarchical"))
        if same_target and other.data.get("project_id") == data.get("project_id"):
            raise DuplicateEntryError(f'A custom attribute "{key}" already exists for {kind}.')
    default = data.get("default")
    data["default"] = None if default == "" and attribute_type.data["name"] != "text" else default
    data["default"] = cast(graph, configuration, data["default"])


def cast(graph: StoreGraph, configuration: Entity, value: Any) -> Any:
    """``value`` checked against the configuration's type, in the form it is stored."""
    if value is None:
        return None
    attribute_type = graph.get("CustomAttributeType", configuration.data.get("type_id"))
    type_name = attribute_type.data.get("name") if attribute_type else None
    key = configuration.data.get("key")
    if type_name == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(f'The custom attribute "{key}" is a number, not {value!r}.')
        return value
    if type_name == "boolean" and not isinstance(value, bool):
        raise ValidationError(f'The custom attribute "{key}" is a boolean, not {value!r}.')
    if type_name in ("text", "url") and not isinstance(value, str):
        raise ValidationError(f'The custom attribute "{key}" is text, not {value!r}.')
    if type_name == "date":
        try:
            return {"__type__": "datetime", "value": decode_datetime(value)}
        except ValueError as error:
            raise ValidationError(f'The custom attribute "{key}": {error}.') from None
    if type_name == "enumerator":
        return _enumerated(key, _config(configuration.data), value)
    return value


def _enumerated(key: Any, config: dict[str, Any], value: Any) -> list[str]:
    """An enumerator's value: the list of chosen menu values."""
    chosen = [value] if isinstance(value, str) else value
    if not isinstance(chosen, list) or not all(isinstance(item, str) for item in chosen):
        raise ValidationError(f'The custom attribute "{key}" takes a list of values.')
    if len(chosen) > 1 and not config.get("multiSelect"):
        raise ValidationError(f'The custom attribute "{key}" takes one value.')
    menu = config.get("data")
    if isinstance(menu, str):
        menu = json.loads(menu)
    allowed = {item.get("value") for item in menu or () if isinstance(item, dict)}
    unknown = [item for item in chosen if allowed and item not in allowed]
    if unknown:
        raise ValidationError(f'The custom attribute "{key}" has no value {unknown[0]!r}.')
    return chosen


def _config(data: dict[str, Any]) -> dict[str, Any]:
    text = data.get("config") or "{}"
    try:
        config = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        config = None
    if not isinstance(config, dict):
        raise ValidationError("A custom attribute's config must be a JSON object (as text).")
    return config


def _value_entity(type_id: str, configuration: Entity, entity_id: Any, value: Any) -> Entity:
    return Entity(
        type_id,
        {
            "configuration_id": configuration.id,
            "entity_id": entity_id,
            "key": configuration.data.get("key"),
            "value": value,
        },
    )


def _value_type(graph: StoreGraph, entity: Entity) -> str | None:
    attribute = graph.schema.get(entity.type).attributes.get("custom_attributes")
    return attribute.target if attribute is not None else None


def _project_id(graph: StoreGraph, entity: Entity, kind: str) -> Any:
    if kind == "show":
        return entity.id
    if kind == "task":
        return entity.data.get("project_id")
    if kind == "asset":
        parent = graph.get("Context", entity.data.get("context_id"))
        return parent.data.get("project_id") if parent else None
    if kind == "assetversion":
        asset = graph.get("Asset", entity.data.get("asset_id"))
        return _project_id(graph, asset, "asset") if asset else None
    return None


def _owner(graph: StoreGraph, entity_id: str) -> Entity | None:
    for family in ("Context", "AssetVersion", "Asset", "Resource", "List"):
        found = graph.get(family, entity_id)
        if found is not None:
            return found
    return None
