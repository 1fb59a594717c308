"""Reading a result page by page, as the client does, gives every row once."""

from __future__ import annotations

import uuid


def _page(session, expression, offset):
    paged = f"{expression} offset {offset} limit 2"
    reply = session.call([{"action": "query", "expression": paged}])
    return [row["id"] for row in reply[0]["data"]], reply[0]["metadata"]["next"]["offset"]


def _all_pages(session, expression, between_pages=lambda: None):
    ids, offset = [], 0
    while offset is not None:
        page, offset = _page(session, expression, offset)
        ids += page
        between_pages()
    return ids


def _whole(session, expression):
    reply = session.call([{"action": "query", "expression": expression}])
    return [row["id"] for row in reply[0]["data"]]


def test_pages_read_in_turn_are_the_whole_result_in_order(session):
    for expression in (
        "select id from Context",
        'select id from Context where name like "%0%" or parent.name is "demo"',
    ):
        assert _all_pages(session, expression) == _whole(session, expression)


def test_a_page_asked_for_again_is_the_same_page(session):
    first, _ = _page(session, "select id from Context", 2)
    _page(session, "select id from Context", 4)  # the page that follows it
    again, _ = _page(session, "select id from Context", 2)
    assert again == first


def test_pages_read_while_entities_are_created_list_each_row_once(session):
    expression = "select id from Context"
    before = _whole(session, expression)
    sequence = session.query('Sequence where name is "sq010"').one()
    created = []

    def create_a_shot() -> None:
        name = f"pages_{uuid.uuid4().hex[:8]}"
        created.append(session.create("Shot", {"name": name, "parent": sequence}))
        session.commit()

    try:
        ids = _all_pages(session, expression, create_a_shot)
    finally:
        for shot in created:
            session.delete(shot)
        session.commit()

    assert len(ids) == len(set(ids))
    assert set(before) <= set(ids)
