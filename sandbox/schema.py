"""The entity model the sandbox serves: ftrack's schemas plus what they leave implicit.

The schemas themselves are a real ftrack server's ``query_schemas`` reply, served unchanged so
``session.types`` matches a real server. What a schema does not say (which types inherit from
which, where a reference's foreign key lives, which attribute of the item type a collection
goes through) is derived here, with an explicit table for the cases the schemas leave
ambiguous.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any, Literal

AttributeKind = Literal["scalar", "reference", "collection", "mapped"]

#: Supertype of each type that has one (the schemas only hint at this through ``alias_for``).
SUPERTYPES: dict[str, str] = {
    "Project": "Context",
    "TypedContext": "Context",
    "FileComponent": "Component",
    "ContainerComponent": "Component",
    "SequenceComponent": "ContainerComponent",
    "User": "Resource",
    "Group": "Resource",
    "CustomAttributeConfiguration": "CustomConfigurationBase",
    "CustomAttributeLinkConfiguration": "CustomConfigurationBase",
    "TypedContextList": "List",
    "AssetVersionList": "List",
    "AssetVersionStatusChange": "StatusChange",
    "TypedContextStatusChange": "StatusChange",
    "NoteLabel": "NoteCategory",
}

#: Types that are another type under a second name (the schemas' ``alias_for``): the same rows
#: answer to both.
ALIASES: dict[str, str] = {"NoteLabel": "NoteCategory"}

#: Types that only exist through their subtypes: creating one directly is refused.
ABSTRACT_TYPES = frozenset(
    {
        "Context",
        "TypedContext",
        "Resource",
        "CustomAttributeValue",
        "CustomAttributeLink",
        "CustomAttributeLinkFrom",
        "CustomConfigurationBase",
    }
)

#: Reference attributes whose foreign key is not simply ``<name>_id``.
FOREIGN_KEYS: dict[tuple[str, str], str] = {
    ("Asset", "parent"): "context_id",
    ("Note", "author"): "user_id",
    ("Recipient", "recipient"): "resource_id",
    ("Recipient", "user"): "resource_id",
    ("ProjectSchema", "_task_workflow"): "task_workflow_schema_id",
    ("ProjectSchema", "_version_workflow"): "asset_version_workflow_schema_id",
    ("ProjectSchema", "_task_type_schema"): "task_type_schema_id",
    ("SchemaType", "task_type"): "type_id",
    ("SchemaStatus", "task_status"): "status_id",
    ("ReviewSessionObject", "asset_version"): "version_id",
    ("CustomAttributeLinkConfiguration", "object_type_to"): "object_type_id_to",
}

#: Collections whose items point back through something other than the one obvious reference.
REVERSE_KEYS: dict[tuple[str, str], str] = {
    ("Context", "notes"): "parent_id",
    ("AssetVersion", "notes"): "parent_id",
    ("Note", "replies"): "in_reply_to_id",
    ("Context", "assets"): "context_id",
    ("ProjectSchema", "_schemas"): "project_schema_id",
    ("ProjectSchema", "_overrides"): "project_schema_id",
    ("Status", "tasks"): "status_id",
    ("Schema", "statuses"): "schema_id",
    ("Schema", "types"): "schema_id",
    ("ProjectSchema", "object_type_schemas"): "project_schema_id",
    ("ProjectSchema", "task_workflow_schema_overrides"): "project_schema_id",
    ("TypedContext", "incoming_links"): "to_id",
    ("TypedContext", "outgoing_links"): "from_id",
    ("AssetVersion", "incoming_links"): "to_id",
    ("AssetVersion", "outgoing_links"): "from_id",
    ("TypedContext", "status_changes"): "parent_id",
    ("AssetVersion", "status_changes"): "parent_id",
    ("ReviewSessionObject", "notes"): "parent_id",
}

#: Many-to-many collections: (link type, link attribute naming the owner, naming the item).
THROUGH: dict[tuple[str, str], tuple[str, str, str]] = {
    ("WorkflowSchema", "statuses"): ("WorkflowSchemaStatus", "workflow_schema_id", "status_id"),
    ("TaskTypeSchema", "types"): ("TaskTypeSchemaType", "task_type_schema_id", "type_id"),
    ("Type", "task_type_schemas"): ("TaskTypeSchemaType", "type_id", "task_type_schema_id"),
    ("ProjectSchema", "object_types"): (
        "ProjectSchemaObjectType",
        "project_schema_id",
        "object_type_id",
    ),
    ("ObjectType", "project_schemas"): (
        "ProjectSchemaObjectType",
        "object_type_id",
        "project_schema_id",
    ),
    ("AssetVersion", "uses_versions"): ("AssetVersionLink", "from_id", "to_id"),
    ("AssetVersion", "used_in_versions"): ("AssetVersionLink", "to_id", "from_id"),
    ("AssetVersion", "lists"): ("ListObject", "entity_id", "list_id"),
    ("TypedContext", "lists"): ("ListObject", "entity_id", "list_id"),
    ("List", "items"): ("ListObject", "list_id", "entity_id"),
    ("Context", "scopes"): ("ContextScope", "context_id", "scope_id"),
}

#: Link types the schemas leave out but a relation needs: name -> (key to the owner, to the
#: item). The server keeps them; clients never see them in ``query_schemas``.
HIDDEN_LINK_TYPES: dict[str, tuple[str, str]] = {"ContextScope": ("context_id", "scope_id")}

#: Collections that are many-to-many or computed: they resolve through code, not a key.
COMPUTED_COLLECTIONS = frozenset({("TypedContext", "ancestors"), ("TypedContext", "descendants")})


@dataclass(frozen=True)
class Attribute:
    """One attribute of an entity type, as the sandbox resolves it."""

    name: str
    kind: AttributeKind
    target: str | None = None
    scalar_type: str | None = None
    format: str | None = None
    default: Any = None
    has_default: bool = False
    key: str | None = None
    """For a reference: the attribute of this type holding the target's id.
    For a collection or mapping: the attribute of the item type pointing back here."""
    through: tuple[str, str, str] | None = None
    """For a many-to-many collection: link type, its key to the owner, its key to the item."""

    @cached_property
    def is_datetime(self) -> bool:
        return self.format in ("date-time", "date")


@dataclass
class EntityType:
    """A schema with its attributes resolved."""

    id: str
    primary_key: tuple[str, ...]
    default_projections: tuple[str, ...]
    immutable: frozenset[str]
    required: frozenset[str] = frozenset()
    attributes: dict[str, Attribute] = field(default_factory=dict)
    supertype: str | None = None
    subtypes: list[str] = field(default_factory=list)
    classifier: str | None = None
    """The ``object_type_id`` that tells this TypedContext subtype apart."""

    @property
    def abstract(self) -> bool:
        return self.id in ABSTRACT_TYPES


class UnknownAttributeError(KeyError):
    """An attribute path names something the type does not have."""

    def __init__(self, type_id: str, name: str) -> None:
        super().__init__(name)
        self.type_id = type_id
        self.name = name

    def __str__(self) -> str:
        return f'"{self.name}" is not a valid attribute of entity type "{self.type_id}".'


class Schema:
    """All entity types and the relations between them."""

    def __init__(self, raw: list[dict[str, Any]]) -> None:
        self.raw = raw
        self.types: dict[str, EntityType] = {}
        self._families: dict[str, str] = {}
        self._ancestry: dict[tuple[str, str], bool] = {}
        for schema in raw:
            self.types[schema["id"]] = _entity_type(schema)
        for type_id, keys in HIDDEN_LINK_TYPES.items():
            self.types[type_id] = EntityType(
                type_id,
                primary_key=keys,
                default_projections=keys,
                immutable=frozenset(keys),
                attributes={key: Attribute(key, "scalar", scalar_type="string") for key in keys},
            )
        for type_id, entity_type in self.types.items():
            parent = SUPERTYPES.get(type_id)
            if parent is None and entity_type.classifier is not None:
                parent = "TypedContext"
            if (
                parent is None
                and type_id.endswith("CustomAttributeValue")
                and type_id != ("CustomAttributeValue")
            ):
                parent = "CustomAttributeValue"
            if parent is not None and parent in self.types:
                entity_type.supertype = parent
                self.types[parent].subtypes.append(type_id)
        for entity_type in self.types.values():
            self._resolve_keys(entity_type)

    @classmethod
    def load(cls) -> Schema:
        """The schemas shipped with the sandbox."""
        text = resources.files("ftpub.sandbox").joinpath("data/query_schemas.json").read_text()
        return cls(json.loads(text))

    @cached_property
    def hash(self) -> str:
        """The ``schema_hash`` the client compares with its cache."""
        return hashlib.md5(json.dumps(self.raw, sort_keys=True).encode()).hexdigest()

    def get(self, type_id: str) -> EntityType:
        try:
            return self.types[type_id]
        except KeyError:
            raise UnknownTypeError(type_id) from None

    def attribute(self, type_id: str, name: str) -> Attribute:
        attributes = self.get(type_id).attributes
        if name not in attributes:
            raise UnknownAttributeError(type_id, name)
        return attributes[name]

    def family(self, type_id: str) -> str:
        """The root type whose ids are unique across all its subtypes."""
        found = self._families.get(type_id)
        if found is None:
            found = type_id
            while (parent := self.get(found).supertype) is not None:
                found = parent
            self._families[type_id] = found
        return found

    def concrete_types(self, type_id: str) -> list[str]:
        """``type_id`` and every subtype that can hold rows (an alias: its type's too)."""
        return self._concrete(ALIASES.get(type_id, type_id))

    def _concrete(self, type_id: str) -> list[str]:
        result = [] if self.get(type_id).abstract else [type_id]
        for sub in self.get(type_id).subtypes:
            result.extend(self._concrete(sub))
        return result

    def is_a(self, type_id: str, ancestor: str) -> bool:
        found = self._ancestry.get((type_id, ancestor))
        if found is None:
            found = self._ancestry[(type_id, ancestor)] = self._descends(type_id, ancestor)
        return found

    def _descends(self, type_id: str, ancestor: str) -> bool:
        ancestor = ALIASES.get(ancestor, ancestor)
        current: str | None = type_id
        while current is not None:
            if current == ancestor:
                return True
            current = self.types[current].supertype
        return False

    def foreign_keys(self, type_id: str) -> dict[str, str]:
        """Foreign key attribute -> the type it points at, for ``type_id``."""
        return {
            attribute.key: attribute.target
            for attribute in self.get(type_id).attributes.values()
            if attribute.kind == "reference"
            and attribute.key
            and attribute.target in self.types
            and len(self.types[attribute.target].primary_key) == 1
        }

    def references_to(self, type_id: str) -> list[tuple[str, str]]:
        """(type, foreign key) of every reference that can point at an entity of ``type_id``."""
        family = self.family(type_id)
        return self._references_by_family.get(family, [])

    @cached_property
    def _references_by_family(self) -> dict[str, list[tuple[str, str]]]:
        found: dict[str, set[tuple[str, str]]] = {}
        for entity_type in self.types.values():
            for attribute in entity_type.attributes.values():
                if attribute.kind != "reference" or attribute.target not in self.types:
                    continue
                if len(self.types[attribute.target].primary_key) != 1:
                    continue
                pair = (self.family(entity_type.id), attribute.key or "")
                found.setdefault(self.family(attribute.target), set()).add(pair)
        return {family: sorted(pairs) for family, pairs in found.items()}

    def _resolve_keys(self, entity_type: EntityType) -> None:
        for name, attribute in list(entity_type.attributes.items()):
            if attribute.kind == "reference":
                key = FOREIGN_KEYS.get((entity_type.id, name), f"{name}_id")
            elif (through := self._through(entity_type.id, name)) is not None:
                entity_type.attributes[name] = dataclasses.replace(attribute, through=through)
                continue
            elif attribute.kind in ("collection", "mapped"):
                key = self._reverse_key(entity_type, name, attribute)
            else:
                continue
            entity_type.attributes[name] = dataclasses.replace(attribute, key=key)

    def _reverse_key(self, entity_type: EntityType, name: str, attribute: Attribute) -> str | None:
        for type_id in self._lineage(entity_type.id):
            if (type_id, name) in REVERSE_KEYS:
                return REVERSE_KEYS[(type_id, name)]
            if (type_id, name) in COMPUTED_COLLECTIONS:
                return None
        target = attribute.target
        if target is None or target not in self.types:
            return None
        if attribute.kind == "mapped":
            item_attributes = self.types[target].attributes
            for candidate in ("parent_id", "entity_id"):
                if candidate in item_attributes:
                    return candidate
            return None
        lineage = set(self._lineage(entity_type.id))
        candidates = [
            item_attribute.name
            for item_attribute in self.types[target].attributes.values()
            if item_attribute.kind == "reference" and item_attribute.target in lineage
        ]
        if len(candidates) != 1:
            return None
        return FOREIGN_KEYS.get((target, candidates[0]), f"{candidates[0]}_id")

    def _through(self, type_id: str, name: str) -> tuple[str, str, str] | None:
        for owner in self._lineage(type_id):
            if (owner, name) in THROUGH:
                return THROUGH[(owner, name)]
        return None

    def _lineage(self, type_id: str) -> list[str]:
        result = []
        current: str | None = type_id
        while current is not None:
            result.append(current)
            current = SUPERTYPES.get(current) or (
                "TypedContext" if self.types[current].classifier else None
            )
        return result


class UnknownTypeError(KeyError):
    """The type is not one of the server's schemas."""

    def __init__(self, type_id: str) -> None:
        super().__init__(type_id)
        self.type_id = type_id

    def __str__(self) -> str:
        return f'Entity type "{self.type_id}" does not exist.'


def _entity_type(schema: dict[str, Any]) -> EntityType:
    alias = schema.get("alias_for")
    classifier = None
    if isinstance(alias, dict):
        classifier = alias.get("classifiers", {}).get("object_typeid")
    entity_type = EntityType(
        id=schema["id"],
        primary_key=tuple(schema["primary_key"]),
        default_projections=tuple(schema.get("default_projections") or ()),
        immutable=frozenset(schema.get("immutable", ())),
        required=frozenset(schema.get("required", ())),
        classifier=classifier,
    )
    for name, spec in schema.get("properties", {}).items():
        attribute = _attribute(name, spec)
        if attribute is not None:
            entity_type.attributes[name] = attribute
    return entity_type


def _attribute(name: str, spec: dict[str, Any]) -> Attribute | None:
    kind_of_type = spec.get("type")
    default = {"default": spec["default"], "has_default": True} if "default" in spec else {}
    if kind_of_type is None:
        if "$ref" not in spec:
            return None
        return Attribute(name, "reference", target=spec["$ref"])
    if kind_of_type == "array":
        return Attribute(name, "collection", target=spec.get("items", {}).get("$ref"))
    if kind_of_type == "mapped_array":
        return Attribute(name, "mapped", target=spec.get("items", {}).get("$ref"))
    return Attribute(name, "scalar", scalar_type=kind_of_type, format=spec.get("format"), **default)
