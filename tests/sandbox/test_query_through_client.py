"""Every query-language feature, sent by the real client and answered by the sandbox."""

from __future__ import annotations

import ftrack_api.exception
import pytest


def names(result):
    return sorted(entity["name"] for entity in result)


def test_select_with_nested_projection(session):
    task = session.query(
        "select name, parent.name, parent.parent.name, project.name from Task "
        'where name is "lighting" and parent.name is "sh020"'
    ).one()
    assert task["parent"]["name"] == "sh020"
    assert task["parent"]["parent"]["name"] == "sq010"
    assert task["project"]["name"] == "demo"
    assert task.entity_type == "Task"


def test_querying_a_supertype_returns_concrete_types(session):
    contexts = session.query('Context where name in ("sh010", "sq010", "demo")').all()
    assert {c.entity_type for c in contexts} == {"Shot", "Sequence", "Project"}


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ('name is "sh010"', ["sh010"]),
        ('name = "SH010"', ["sh010"]),
        ('name is_not "sh010"', ["sh020"]),
        ('name != "sh010"', ["sh020"]),
        ('name in ("sh010", "sh020")', ["sh010", "sh020"]),
        ('name not_in ("sh010")', ["sh020"]),
        ('name like "sh0%"', ["sh010", "sh020"]),
        ('name like "%20"', ["sh020"]),
        ('name not_like "%20"', ["sh010"]),
        ('name is "sh010" or name is "sh020"', ["sh010", "sh020"]),
        ('name is "sh010" and parent.name is "sq010"', ["sh010"]),
        ('not name is "sh010"', ["sh020"]),
        ('(name is "sh010" or name is "sh020") and not (name is "sh020")', ["sh010"]),
        ('parent.parent.name is "demo"', ["sh010", "sh020"]),
        ('parent has (name is "sq010")', ["sh010", "sh020"]),
        ('children any (name is "lighting")', ["sh010", "sh020"]),
        ('children any (name is "nothing")', []),
        ('not children any (name is "nothing")', ["sh010", "sh020"]),
        ('children.name is "compositing"', ["sh010", "sh020"]),
        ('project.name is "demo" and name > "sh010"', ["sh020"]),
        ('name >= "sh010"', ["sh010", "sh020"]),
        ('name < "sh020"', ["sh010"]),
        ('name <= "sh020"', ["sh010", "sh020"]),
        ("parent_id is_not None", ["sh010", "sh020"]),
        ("thumbnail_id is None", ["sh010", "sh020"]),
    ],
)
def test_criteria(session, criteria, expected):
    assert names(session.query(f"Shot where {criteria}")) == expected


def test_in_subquery(session):
    result = session.query(
        'Task where parent_id in (select id from Shot where name is "sh010")'
    ).all()
    assert names(result) == ["animation", "compositing", "lighting"]


def test_order_by_limit_offset(session):
    ordered = session.query("select name from Task order by name descending").all()
    assert [t["name"] for t in ordered] == sorted((t["name"] for t in ordered), reverse=True)
    page = session.query("select name from Task order by name ascending offset 2 limit 3").all()
    assert [t["name"] for t in page] == sorted(t["name"] for t in ordered)[2:5]


def test_paging_over_several_pages(sandbox, session):
    expected = sorted(t["id"] for t in session.query("select id from Task").all())
    paged = sandbox.session()
    try:
        query = paged.query("select id from Task")
        query._page_size = 2
        sandbox.reset_stats()
        result = sorted(t["id"] for t in query.all())
        calls = sandbox.stats()["calls"]
    finally:
        paged.close()
    assert result == expected
    assert len(expected) > 4
    assert calls == (len(expected) + 1) // 2


def test_raw_query_reports_next_offset(session):
    page = session.call([{"action": "query", "expression": "select id from Task limit 2"}])[0]
    assert len(page["data"]) == 2
    assert page["metadata"]["next"]["offset"] == 2


def test_first_and_one(session):
    assert session.query('Shot where name is "sh010"').first()["name"] == "sh010"
    with pytest.raises(ftrack_api.exception.MultipleResultsFoundError):
        session.query("Shot").one()
    with pytest.raises(ftrack_api.exception.NoResultFoundError):
        session.query('Shot where name is "nope"').one()


def test_lazy_loading_of_reference_and_collection(session):
    shot = session.query('Shot where name is "sh010"').one()
    assert shot["parent"]["name"] == "sq010"
    assert sorted(child["name"] for child in shot["children"]) == [
        "animation",
        "compositing",
        "lighting",
    ]


def test_unknown_attribute_gives_server_error_not_traceback(session):
    with pytest.raises(ftrack_api.exception.ServerError) as raised:
        session.call([{"action": "query", "expression": "select bogus from Task"}])
    assert '"bogus" is not a valid attribute of entity type "Task"' in str(raised.value)


def test_unknown_entity_type_gives_server_error(session):
    with pytest.raises(ftrack_api.exception.ServerError, match="Gizmo"):
        session.call([{"action": "query", "expression": "select id from Gizmo"}])


def test_syntax_error_gives_server_error(session):
    with pytest.raises(ftrack_api.exception.ServerError, match="ParseError"):
        session.call([{"action": "query", "expression": "select id from Task where ("}])
