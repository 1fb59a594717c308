"""Parsing the query language: every form the client sends, operators, values, errors."""

from __future__ import annotations

import pytest

from ftpub.sandbox.query import QuerySyntaxError, parse
from ftpub.sandbox.query.nodes import (
    And,
    Comparison,
    Membership,
    Not,
    Or,
    Ordering,
    Path,
    Query,
    Relation,
    Segment,
)

UUID_A = "8c4c4b1e-1c4f-4b8a-9a4e-6f3f2b0f8f11"
UUID_B = "0d4f9e3a-5b7c-4c2d-8e1f-9a0b1c2d3e4f"


def path(text: str) -> Path:
    return Path(tuple(Segment(name) for name in text.split(".")))


def name_is(value: str, attribute: str = "name") -> Comparison:
    return Comparison(path(attribute), "is", value)


# --- parsing ----------------------------------------------------------------------------------

#: Every form PROTOCOL.md 4.3 lists as sent by the 3.1.0 client.
CLIENT_FORMS = [
    'select context_type, id, name from Task where parent.name is "sh010" offset 0 limit 500',
    'select id from Task where name is "lighting" limit 2',
    'select id from Task where name is "lighting" limit 1',
    'select id from Task where name is "lighting" offset 500 limit 1',
    f'select context_type, id, name from Task where (id is "{UUID_A}") offset 0 limit 500',
    f"select name from Task where id is {UUID_A} offset 0 limit 500",
    f"select parent.context_type, parent.id, parent.name from Task where id is {UUID_A}"
    " offset 0 limit 500",
    f"select name from Task where id in ({UUID_A},{UUID_B}) offset 0 limit 500",
    f'select value from Metadata where (parent_id is "{UUID_A}"and key is "a") or '
    f'(parent_id is "{UUID_A}"and key is "b") offset 0 limit 500',
    'select id, name, short from AssetType where name is "Geometry" and short is "geo" limit 2',
    "select id from AssetVersion where version is 3 and is_published is True and "
    'comment is None and date is "2015-01-01T00:00:00" limit 2',
    f"select component_id, resource_identifier from ComponentLocation where location_id is "
    f"{UUID_A} and component_id in ({UUID_A}, {UUID_B}) offset 0 limit 500",
    f"select id from ComponentLocation where component_id is {UUID_A} and location_id is "
    f"{UUID_B} offset 0 limit 500",
    f"select component_locations.location_id from FileComponent where id is {UUID_A}"
    " offset 0 limit 500",
    f"select members, component_locations.location_id from SequenceComponent where id is "
    f"{UUID_A} offset 0 limit 500",
    "select id from Location offset 0 limit 500",
    'select value from Setting where name is "storage_scenario" and group is "STORAGE" limit 2',
    "select key, project_id, id, object_type_id, entity_type, is_hierarchical from "
    "CustomAttributeConfiguration offset 0 limit 500",
    f"select task_status from SchemaStatus where schema_id is {UUID_A}",
    f"select task_type from SchemaType where schema_id is {UUID_A}",
    f'select id from Timer where user_id = "{UUID_A}" limit 2',
    "select id from User order by username desc offset 0 limit 500",
    "select  from Location offset 0 limit 500",
    'select id from Task where name is " and " offset 5 limit 7',
]


@pytest.mark.parametrize("expression", CLIENT_FORMS)
def test_every_form_the_client_sends_parses(expression):
    assert isinstance(parse(expression), Query)


def test_a_full_query_parses_into_its_parts():
    query = parse(
        'select name, parent.name from Shot where name like "sh%" '
        "order by parent.name desc, name offset 2 limit 3"
    )
    assert query == Query(
        type="Shot",
        projections=(path("name"), path("parent.name")),
        criteria=Comparison(path("name"), "like", "sh%"),
        order_by=(Ordering(path("parent.name"), descending=True), Ordering(path("name"))),
        offset=2,
        limit=3,
    )


def test_without_select_the_projections_are_unset_and_empty_select_is_empty():
    assert parse("Task").projections is None
    assert parse("select  from Location").projections == ()


def test_a_string_directly_followed_by_and_is_split():
    query = parse('select value from Metadata where (parent_id is "p"and key is "a")')
    assert query.criteria == And((name_is("p", "parent_id"), name_is("a", "key")))


def test_unquoted_values_in_a_list_without_spaces():
    query = parse(f"select id from Task where id in ({UUID_A},{UUID_B})")
    assert query.criteria == Membership(path("id"), False, (UUID_A, UUID_B))


@pytest.mark.parametrize(
    ("written", "operator"),
    [
        ("is", "is"), ("=", "is"), ("is_not", "is_not"), ("!=", "is_not"),
        (">", ">"), ("after", ">"), ("greater_than", ">"),
        ("<", "<"), ("before", "<"), ("less_than", "<"),
        (">=", ">="), ("<=", "<="), ("like", "like"), ("not_like", "not_like"),
        ("IS_NOT", "is_not"), ("Like", "like"),
    ],
)  # fmt: skip
def test_comparison_operators(written, operator):
    assert parse(f'Task where name {written} "x"').criteria == Comparison(
        path("name"), operator, "x"
    )


def test_operators_need_no_spaces():
    assert parse("Task where version>=3").criteria == Comparison(path("version"), ">=", "3")
    assert parse("Task where key=some_key").criteria == name_is("some_key", "key")


@pytest.mark.parametrize(("written", "negated"), [("in", False), ("not_in", True)])
def test_membership_with_values_and_with_a_subquery(written, negated):
    listed = parse(f"Task where name {written} (\"a\", 'b', c)").criteria
    assert listed == Membership(path("name"), negated, ("a", "b", "c"))
    nested = parse(f'Task where parent_id {written} (select id from Shot where name is "x")')
    subquery = Query("Shot", (path("id"),), name_is("x"))
    assert nested.criteria == Membership(path("parent_id"), negated, subquery)


def test_relations_with_and_without_criteria():
    assert parse('Task where parent has (name is "x")').criteria == Relation(
        path("parent"), "has", name_is("x")
    )
    assert parse("Shot where not timelogs any ()").criteria == Not(
        Relation(path("timelogs"), "any", None)
    )


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ('"say \\"hi\\""', 'say "hi"'),
        ("'single'", "single"),
        ('"100\\%"', "100\\%"),
        ("sh010", "sh010"),
        ("42", "42"),
        ("-1.5", "-1.5"),
        ("True", True),
        ("false", False),
        ("None", None),
        ("none", None),
        ("null", None),
        ('"None"', "None"),
        (UUID_A, UUID_A),
    ],
)
def test_values(written, value):
    assert parse(f"Task where name is {written}").criteria == name_is(value)


def test_and_binds_tighter_than_or_and_not_applies_to_the_next_term():
    a, b, c = name_is("a"), name_is("b"), name_is("c")
    criteria = parse('Task where name is "a" or name is "b" and name is "c"').criteria
    assert criteria == Or((a, And((b, c))))
    criteria = parse('Task where not name is "a" and name is "b"').criteria
    assert criteria == And((Not(a), b))
    criteria = parse('Task where not (name is "a" or name is "b")').criteria
    assert criteria == Not(Or((a, b)))
    criteria = parse('Task where name is "a" or name is "b" or name is "c"').criteria
    assert criteria == Or((a, b, c))


def test_keywords_are_case_insensitive():
    upper = parse('SELECT name FROM Task WHERE NOT name IS "a" AND id IN (x) ORDER BY name DESC')
    lower = parse('select name from Task where not name is "a" and id in (x) order by name desc')
    assert upper == lower


@pytest.mark.parametrize(
    ("written", "descending"),
    [("", False), ("asc", False), ("ascending", False), ("desc", True), ("DESCENDING", True)],
)
def test_order_directions(written, descending):
    assert parse(f"Task order by name {written}").order_by == (Ordering(path("name"), descending),)


def test_attribute_names_that_start_like_keywords_are_names():
    query = parse('select notes, order_id from Task where notes any (content is "x")')
    assert query.projections == (path("notes"), path("order_id"))


def test_type_casts_in_paths():
    query = parse('Task where parent[Shot].name is "sh010"')
    assert query.criteria == Comparison(
        Path((Segment("parent", "Shot"), Segment("name"))), "is", "sh010"
    )


@pytest.mark.parametrize(
    ("expression", "position"),
    [
        ("select id from Task where (", 27),
        ('select id from Task where name "x"', 31),
        ("select id from Task where name is", 33),
        ("select count(id) from Task group by status_id", 12),
        ("select {id} from Task", 7),
        ("select id from Task where id in ()", 33),
        ('select id from Task where name is "x', 34),
    ],
)
def test_syntax_errors_name_the_position(expression, position):
    with pytest.raises(QuerySyntaxError) as raised:
        parse(expression)
    message = str(raised.value)
    assert isinstance(raised.value, ValueError)
    assert f"position {position}" in message
    assert "{" not in message and "}" not in message


def test_group_by_is_reported_as_unsupported():
    with pytest.raises(QuerySyntaxError, match="group by"):
        parse("select count(id) from Task group by status_id")
