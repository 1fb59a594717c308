"""Queries that name ids look entities up directly; the result is the same as a scan's."""

from __future__ import annotations

from ftpub.sandbox.query import run_query
from ftpub.sandbox.schema import Schema

from .graph_fake import FakeGraph


def _graph() -> tuple[FakeGraph, dict[str, str]]:
    graph = FakeGraph(Schema.load())
    project = graph.add("Project", name="demo")
    shot = graph.add("Shot", name="sh010", parent_id=project.id)
    task = graph.add("Task", name="comp", parent_id=shot.id)
    return graph, {"project": project.id, "shot": shot.id, "task": task.id}


def _names(graph: FakeGraph, expression: str) -> list[str]:
    return [row["name"] for row in run_query(graph, expression).data]


def test_id_is_finds_the_entity_of_the_queried_type():
    graph, ids = _graph()
    assert _names(graph, f'select name from Context where id is "{ids["shot"]}"') == ["sh010"]
    assert _names(graph, f'select name from Task where id is "{ids["shot"]}"') == []


def test_id_in_and_other_criteria_still_apply():
    graph, ids = _graph()
    listed = f'"{ids["shot"]}", "{ids["task"]}", "{ids["task"]}"'
    assert sorted(_names(graph, f"select name from Context where id in ({listed})")) == [
        "comp",
        "sh010",
    ]
    assert _names(graph, f'select name from Context where id in ({listed}) and name is "comp"') == [
        "comp"
    ]
    assert _names(graph, f'select name from Context where id is "{ids["task"].upper()}"') == [
        "comp"
    ]


def test_negated_or_alternative_id_criteria_scan():
    graph, ids = _graph()
    assert sorted(_names(graph, f'select name from Context where id is_not "{ids["task"]}"')) == [
        "demo",
        "sh010",
    ]
    assert sorted(
        _names(graph, f'select name from Context where id is "{ids["task"]}" or name is "demo"')
    ) == ["comp", "demo"]
