"""The sandbox serves a real ftrack server's schemas, so ``session.types`` match it."""

from __future__ import annotations

import hashlib
import json

#: The ``schema_hash`` a real ftrack server reported beside this schema dump
#: (ftrack-javascript test fixture ``query_server_information.json``).
REAL_SERVER_SCHEMA_HASH = "23a1157b8b1730fd91c76f63dcd67a8f"

PUBLISHING_TYPES = [
    "Project",
    "ProjectSchema",
    "ObjectType",
    "Context",
    "TypedContext",
    "Episode",
    "Sequence",
    "Shot",
    "AssetBuild",
    "Folder",
    "Task",
    "Type",
    "Status",
    "Priority",
    "User",
    "AssetType",
    "Asset",
    "AssetVersion",
    "Component",
    "FileComponent",
    "SequenceComponent",
    "ContainerComponent",
    "ComponentLocation",
    "Location",
    "Note",
    "Job",
    "Metadata",
]

#: Property types the client turns into attributes (others it skips; see PROTOCOL.md 3.2).
CLIENT_BUILT_TYPES = {"string", "boolean", "integer", "number", "variable", "object", "array"}


def test_served_schemas_hash_to_the_real_servers_schema_hash(session):
    schemas = session.call([{"action": "query_schemas"}])[0]
    served_hash = hashlib.md5(json.dumps(schemas, sort_keys=True).encode()).hexdigest()

    assert served_hash == REAL_SERVER_SCHEMA_HASH
    info = session.call([{"action": "query_server_information"}])[0]
    assert info["schema_hash"] == REAL_SERVER_SCHEMA_HASH


def test_session_types_have_the_real_attributes(session):
    schemas = {s["id"]: s for s in session.call([{"action": "query_schemas"}])[0]}
    for type_id in PUBLISHING_TYPES:
        entity_type = session.types[type_id]
        served = schemas[type_id]
        expected = {
            name
            for name, spec in served["properties"].items()
            if not spec.get("restricted_projection")
            and (spec.get("type") in CLIENT_BUILT_TYPES or set(spec) & {"$ref"} == {"$ref"})
        }
        assert expected <= set(entity_type.attributes.keys()), type_id
        assert entity_type.primary_key_attributes == served["primary_key"], type_id


def test_schema_cache_skips_query_schemas_on_second_start(sandbox, tmp_path):
    sandbox.session(schema_cache_path=str(tmp_path)).close()
    sandbox.reset_stats()

    sandbox.session(schema_cache_path=str(tmp_path)).close()

    assert sandbox.stats()["operations"] == {"query_server_information": 1}
