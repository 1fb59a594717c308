"""Evaluating queries over a small in-memory graph: criteria, order, paging, projection."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ftpub.sandbox.query import QuerySyntaxError, run_query
from ftpub.sandbox.schema import Schema, UnknownAttributeError, UnknownTypeError

from .graph_fake import FakeGraph

UUID_A = "8c4c4b1e-1c4f-4b8a-9a4e-6f3f2b0f8f11"


# --- evaluation -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world():
    """A project with a sequence, two shots, tasks, assets, versions and components."""
    graph = FakeGraph(Schema.load())
    add = graph.add
    vfx = add("ProjectSchema", name="VFX")
    add("ProjectSchema", name="Animation")
    progress = add("Status", name="In Progress")
    done = add("Status", name="Done")
    alice = add("User", username="alice", first_name="Alice")
    demo = add(
        "Project",
        name="demo",
        full_name="Demo",
        project_schema_id=vfx.id,
        status="active",
        context_type="show",
    )
    sq010 = add("Sequence", name="sq010", parent_id=demo.id, project_id=demo.id)
    sh010 = add(
        "Shot",
        name="sh010",
        parent_id=sq010.id,
        project_id=demo.id,
        status_id=progress.id,
        created_at="2024-01-01T10:00:00",
    )
    sh020 = add(
        "Shot",
        name="sh020",
        parent_id=sq010.id,
        project_id=demo.id,
        status_id=done.id,
        created_at="2024-02-01T10:00:00",
        thumbnail_id=UUID_A,
    )
    lighting = add("Task", name="Lighting", parent_id=sh010.id, status_id=progress.id)
    add("Task", name="compositing", parent_id=sh010.id, status_id=done.id)
    add("Task", name="compositing", parent_id=sh020.id, status_id=progress.id)
    hero = add("Asset", name="hero", context_id=sh010.id)
    bg = add("Asset", name="bg", context_id=sh020.id)
    v1 = add(
        "AssetVersion",
        asset_id=hero.id,
        version=1,
        comment="first",
        is_published=True,
        date="2024-03-01T12:00:00",
        task_id=lighting.id,
        user_id=alice.id,
    )
    v2 = add(
        "AssetVersion",
        asset_id=hero.id,
        version=2,
        comment=None,
        is_published=False,
        date="2024-03-02T12:00:00",
    )
    add(
        "AssetVersion",
        asset_id=bg.id,
        version=10,
        comment="Background 100% done",
        is_published=True,
        date="2024-03-03T12:00:00",
    )
    main = add("FileComponent", name="main", version_id=v1.id, size=10, system_type="file")
    add("FileComponent", name="proxy", version_id=v1.id, size=20, system_type="file")
    add("SequenceComponent", name="frames", version_id=v2.id, size=30, system_type="sequence")
    server = add("Location", name="ftrack.server")
    add("Location", name="ftrack.unmanaged")
    add("ComponentLocation", component_id=main.id, location_id=server.id, resource_identifier="abc")
    add("Metadata", parent_id=v1.id, key="source", value="scan", parent_type="AssetVersion")
    add("Metadata", parent_id=v1.id, key="review", value="yes", parent_type="AssetVersion")
    return SimpleNamespace(graph=graph, sh010=sh010, sh020=sh020, v1=v1, v2=v2, main=main,
                           server=server, alice=alice, vfx=vfx)  # fmt: skip


def names(world, expression, attribute="name"):
    return sorted(row[attribute] for row in run_query(world.graph, expression).data)


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ('name is "sh010"', ["sh010"]),
        ('name = "SH010"', ["sh010"]),
        ("name is sh010", ["sh010"]),
        ('name is_not "sh010"', ["sh020"]),
        ('name != "sh010"', ["sh020"]),
        ('name in ("sh010", "sh020")', ["sh010", "sh020"]),
        ("name in (SH010,nothing)", ["sh010"]),
        ('name not_in ("sh010")', ["sh020"]),
        ('name like "SH0%"', ["sh010", "sh020"]),
        ('name like "%20"', ["sh020"]),
        ('name like "sh0"', []),
        ('name not_like "%20"', ["sh010"]),
        ('name is "sh010" or name is "sh020"', ["sh010", "sh020"]),
        ('name is "sh010" and parent.name is "sq010"', ["sh010"]),
        ('not name is "sh010"', ["sh020"]),
        ('(name is "sh010" or name is "sh020") and not (name is "sh020")', ["sh010"]),
        ('name is "sh020" or name is "sh010" and name is "sh020"', ["sh020"]),
        ('parent.parent.name is "demo"', ["sh010", "sh020"]),
        ('parent.parent[Project].project_schema.name is "vfx"', ["sh010", "sh020"]),
        ('parent has (name is "sq010")', ["sh010", "sh020"]),
        ('parent has (parent has (name is "demo"))', ["sh010", "sh020"]),
        ('children any (name is "lighting")', ["sh010"]),
        ('children any (name is "nothing")', []),
        ('not children any (name is "nothing")', ["sh010", "sh020"]),
        ("children any ()", ["sh010", "sh020"]),
        ("not timelogs any ()", ["sh010", "sh020"]),
        ('children.name is "compositing"', ["sh010", "sh020"]),
        ('children[Task].status.name is "done"', ["sh010"]),
        ('children[Task] any (name is "compositing" and status.name is "done")', ["sh010"]),
        ('children[Task] any (name is "lighting" and status.name is "done")', []),
        ('children.name is "lighting" and children[Task].status.name is "done"', ["sh010"]),
        ('name > "sh010"', ["sh020"]),
        ('name after "sh010"', ["sh020"]),
        ('name greater_than "sh010"', ["sh020"]),
        ('name >= "sh010"', ["sh010", "sh020"]),
        ('name < "sh020"', ["sh010"]),
        ('name before "sh020"', ["sh010"]),
        ('name less_than "sh020"', ["sh010"]),
        ('name <= "sh020"', ["sh010", "sh020"]),
        ("parent_id is_not None", ["sh010", "sh020"]),
        ("thumbnail_id is None", ["sh010"]),
        ("thumbnail_id is_not none", ["sh020"]),
        ('created_at > "2024-01-15"', ["sh020"]),
        ('created_at after "2024-01-01T11:00:00+02:00"', ["sh010", "sh020"]),
        ('created_at is "2024-01-01T10:00:00Z"', ["sh010"]),
        ('status.name in ("done", "omitted")', ["sh020"]),
        ("parent[Sequence].name is sq010", ["sh010", "sh020"]),
        ("parent[Project].name is sq010", []),
    ],
)
def test_criteria(world, criteria, expected):
    assert names(world, f"select name from Shot where {criteria}") == expected


def test_a_bare_reference_compares_its_id(world):
    expression = "select version from AssetVersion where {}"
    assert names(world, expression.format("task is_not None"), "version") == [1]
    assert names(world, expression.format("task is None"), "version") == [2, 10]
    assert names(world, expression.format(f"user is {world.alice.id}"), "version") == [1]
    assert names(world, expression.format(f"user in ({world.alice.id})"), "version") == [1]


def test_in_subquery_over_ids_and_over_a_bare_reference(world):
    assert names(
        world,
        'select name from Task where parent_id in (select id from Shot where name is "sh010")',
    ) == ["Lighting", "compositing"]
    assert names(
        world,
        "select name from Project where project_schema in "
        '(select id from ProjectSchema where name like "vf%")',
    ) == ["demo"]
    assert names(
        world,
        'select name from Task where parent_id not_in (select id from Shot where name is "sh010")',
    ) == ["compositing"]


def test_a_subquery_must_select_one_attribute(world):
    with pytest.raises(QuerySyntaxError, match="exactly one attribute"):
        run_query(world.graph, "select id from Task where id in (select id, name from Task)")


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ("version is 2", [2]),
        ('version is "2"', [2]),
        ("version > 1", [2, 10]),
        ("version >= 2 and version < 10", [2]),
        ("version is abc", []),
        ("version > abc", []),
        ("is_published is True", [1, 10]),
        ('is_published is "false"', [2]),
        ("is_published is_not true", [2]),
        ('date before "2024-03-02"', [1]),
        ('date > "2024-03-02T12:00:00"', [10]),
        ("comment is None", [2]),
        ('comment like "%first%"', [1]),
        ('comment like "%100\\%%"', [10]),
        ('comment like "%10\\%%"', []),
        ('asset.parent.name is "sh010"', [1, 2]),
        ('asset.parent.parent.name is "sq010"', [1, 2, 10]),
        ('components.name is "proxy"', [1]),
        ('components any (name is "main" and size is 20)', []),
        ('components.name is "main" and components.size is 20', [1]),
        ('components.component_locations.location.name is "ftrack.server"', [1]),
        ('metadata any (key is "source" and value is "scan")', [1]),
        ("metadata any (key=review and value=yes)", [1]),
        ('metadata.key is "source"', [1]),
    ],
)
def test_criteria_on_versions(world, criteria, expected):
    expression = f"select version from AssetVersion where {criteria}"
    assert names(world, expression, "version") == expected


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ('comment is_not "first"', [10]),
        ('not comment is "first"', [10]),
        ('comment not_in ("first")', [10]),
        ('comment not_like "first"', [10]),
        ('comment < "zzz"', [1, 10]),
        ('not comment < "zzz"', []),
        ('comment is "first" or comment is_not "first"', [1, 10]),
        ('comment is "first" or version is 2', [1, 2]),
    ],
)
def test_null_values_compare_as_in_sql(world, criteria, expected):
    """A comparison with a null value is unknown; ``not`` keeps it unknown; it never matches."""
    expression = f"select version from AssetVersion where {criteria}"
    assert names(world, expression, "version") == expected


def test_a_condition_through_a_null_reference_is_false_and_its_negation_true(world):
    expression = "select version from AssetVersion where {}"
    assert names(world, expression.format('task.name is_not "x"'), "version") == [1]
    assert names(world, expression.format('not task.name is "x"'), "version") == [1, 2, 10]


def versions_in_order(world, order):
    page = run_query(world.graph, f"select version from AssetVersion order by {order}")
    return [row["version"] for row in page.data]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("version", [1, 2, 10]),
        ("version desc", [10, 2, 1]),
        ("comment", [2, 10, 1]),
        ("comment descending", [1, 10, 2]),
        ("asset.name, version desc", [10, 2, 1]),
        ("asset.name desc, version", [1, 2, 10]),
        ("is_published, date desc", [2, 10, 1]),
    ],
)
def test_order_by(world, order, expected):
    assert versions_in_order(world, order) == expected


def test_without_order_by_rows_come_in_scan_order(world):
    data = run_query(world.graph, "select name from Task").data
    assert [row["id"] for row in data] == [task.id for task in world.graph.scan("Task")]


@pytest.mark.parametrize(
    ("clauses", "expected", "next_offset"),
    [
        ("", [1, 2, 10], None),
        ("limit 2", [1, 2], 2),
        ("limit 3", [1, 2, 10], None),
        ("offset 0 limit 1", [1], 1),
        ("offset 1 limit 1", [2], 2),
        ("offset 2 limit 1", [10], None),
        ("offset 1", [2, 10], None),
        ("offset 5 limit 2", [], None),
        ("limit 0", [], None),
    ],
)
def test_paging(world, clauses, expected, next_offset):
    page = run_query(world.graph, f"select version from AssetVersion order by version {clauses}")
    assert [row["version"] for row in page.data] == expected
    assert page.next_offset == next_offset


def test_paging_through_every_page_returns_every_row_once(world):
    rows, offset = [], 0
    while offset is not None:
        page = run_query(world.graph, f"select id from Context offset {offset} limit 2")
        rows += [row["id"] for row in page.data]
        offset = page.next_offset
    assert rows == [context.id for context in world.graph.scan("Context")]


# --- projection -------------------------------------------------------------------------------


def one(world, expression):
    (row,) = run_query(world.graph, expression).data
    return row


def test_results_carry_the_concrete_type_and_primary_key(world):
    data = run_query(world.graph, 'select name from Context where name like "s%"').data
    assert {(row["__entity_type__"], row["name"]) for row in data} == {
        ("Sequence", "sq010"), ("Shot", "sh010"), ("Shot", "sh020")}  # fmt: skip
    assert all(set(row) == {"__entity_type__", "id", "name"} for row in data)


def test_nested_projections_merge_into_nested_entities(world):
    row = one(
        world,
        "select name, parent.name, parent.id, parent.parent.name, project.full_name "
        'from Shot where name is "sh010"',
    )
    assert row == {
        "__entity_type__": "Shot",
        "id": world.sh010.id,
        "name": "sh010",
        "parent": {
            "__entity_type__": "Sequence",
            "id": world.sh010.data["parent_id"],
            "name": "sq010",
            "parent": {"__entity_type__": "Project", "id": world.sh010.data["project_id"],
                       "name": "demo"},
        },
        "project": {"__entity_type__": "Project", "id": world.sh010.data["project_id"],
                    "full_name": "Demo"},
    }  # fmt: skip


def test_a_null_reference_projects_as_none(world):
    assert (
        one(world, f"select task.name from AssetVersion where id is {world.v2.id}")["task"] is None
    )


def test_a_bare_reference_or_collection_projects_as_references(world):
    row = one(world, f"select asset, components from AssetVersion where id is {world.v2.id}")
    assert row["asset"] == {"__entity_type__": "Asset", "id": world.v2.data["asset_id"]}
    (frames,) = row["components"]
    assert frames == {"__entity_type__": "SequenceComponent", "id": frames["id"]}


def test_a_collection_path_projects_as_a_list(world):
    row = one(
        world,
        "select components.name, components.component_locations.location_id "
        f"from AssetVersion where id is {world.v1.id}",
    )
    by_name = {component["name"]: component for component in row["components"]}
    assert set(by_name) == {"main", "proxy"}
    assert by_name["main"]["__entity_type__"] == "FileComponent"
    assert by_name["main"]["component_locations"][0]["location_id"] == world.server.id
    assert by_name["proxy"]["component_locations"] == []


def test_metadata_projects_as_its_items_with_their_composite_key_and_value(world):
    row = one(world, f"select metadata from AssetVersion where id is {world.v1.id}")
    assert sorted(row["metadata"], key=lambda item: item["key"]) == [
        {"__entity_type__": "Metadata", "parent_id": world.v1.id, "key": "review", "value": "yes"},
        {"__entity_type__": "Metadata", "parent_id": world.v1.id, "key": "source", "value": "scan"},
    ]


def test_date_times_are_wrapped_and_other_scalars_are_plain(world):
    row = one(
        world, f"select date, version, is_published from AssetVersion where id is {world.v1.id}"
    )
    assert row["date"] == {"__type__": "datetime", "value": "2024-03-01T12:00:00"}
    assert (row["version"], row["is_published"]) == (1, True)


def test_without_select_the_default_projections_are_used(world):
    row = one(world, 'Shot where name is "sh010"')
    assert set(row) == {"__entity_type__", "context_type", "id", "name"}


def test_an_empty_select_gives_the_primary_key_only(world):
    data = run_query(world.graph, "select  from Location offset 0 limit 500").data
    assert data == [
        {"__entity_type__": "Location", "id": e.id} for e in world.graph.scan("Location")
    ]


PUBLISHING_TYPES = [
    "Project", "ProjectSchema", "ObjectType", "Context", "TypedContext", "Episode", "Sequence",
    "Shot", "AssetBuild", "Folder", "Task", "Type", "Status", "Priority", "User", "AssetType",
    "Asset", "AssetVersion", "Component", "FileComponent", "SequenceComponent",
    "ContainerComponent", "ComponentLocation", "Location", "Note", "Job", "Metadata", "Setting",
]  # fmt: skip


@pytest.mark.parametrize("type_id", PUBLISHING_TYPES)
def test_the_default_projections_of_each_publishing_type_are_valid(world, type_id):
    run_query(world.graph, type_id)


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("select bogus from Task", '"bogus" is not a valid attribute of entity type "Task".'),
        ("select parent.bogus from Task", '"bogus" is not a valid attribute of entity type '
         '"Context".'),
        ('select id from Task where bogus is "x"', '"bogus" is not a valid attribute of entity '
         'type "Task".'),
        ("select id from Task where parent has (bogus is 1)", '"bogus" is not a valid attribute '
         'of entity type "Context".'),
        ("select id from Task where id in (select bogus from Shot)", '"bogus" is not a valid '
         'attribute of entity type "Shot".'),
        ("select id from Task order by bogus", '"bogus" is not a valid attribute of entity type '
         '"Task".'),
        ("select name.first from Task", '"name.first" is not a valid attribute of entity type '
         '"Task".'),
        ("select children.status from Shot", '"status" is not a valid attribute of entity type '
         '"Context".'),
    ],
)  # fmt: skip
def test_unknown_attributes_give_ftracks_message(world, expression, message):
    with pytest.raises(UnknownAttributeError) as raised:
        run_query(world.graph, expression)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    "expression",
    [
        "select id from Gizmo",
        "select id from Task where parent[Gizmo].name is x",
        "select id from Task where id in (select id from Gizmo)",
    ],
)
def test_unknown_types_raise_unknown_type_error(world, expression):
    with pytest.raises(UnknownTypeError, match="Gizmo"):
        run_query(world.graph, expression)


def test_has_on_a_scalar_is_refused(world):
    with pytest.raises(QuerySyntaxError, match="not a relation"):
        run_query(world.graph, 'select id from Task where name has (name is "x")')
