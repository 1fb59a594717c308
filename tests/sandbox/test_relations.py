"""Many-to-many collections, composite keys and aliases, through the real client."""

from __future__ import annotations

import uuid


def _task(session):
    return session.query('Task where name is "animation" and parent.name is "sh020"').one()


def test_scopes_appended_to_a_task_are_stored(sandbox, session):
    task = _task(session)
    scope = session.create("Scope", {"name": f"scope_{uuid.uuid4().hex[:6]}"})
    task["scopes"].append(scope)
    session.commit()
    assert scope["name"] in [s["name"] for s in sandbox.session().get("Task", task["id"])["scopes"]]

    task["scopes"].remove(scope)
    session.commit()
    assert scope["name"] not in [
        s["name"] for s in sandbox.session().get("Task", task["id"])["scopes"]
    ]


def test_a_note_with_recipients_is_stored(sandbox, session):
    user = session.query(f'User where username is "{session.api_user}"').one()
    note = _task(session).create_note(f"look at {uuid.uuid4().hex[:6]}", user, recipients=[user])
    session.commit()
    stored = sandbox.session().get("Note", note["id"])
    assert [r["resource_id"] for r in stored["recipients"]] == [user["id"]]


def test_versions_used_by_a_version_are_listed_both_ways(sandbox, session):
    shot = session.query('Shot where name is "sh020"').one()
    asset = session.create("Asset", {"name": f"uses_{uuid.uuid4().hex[:6]}", "parent": shot})
    source = session.create("AssetVersion", {"asset": asset})
    result = session.create("AssetVersion", {"asset": asset})
    session.commit()
    result["uses_versions"].append(source)
    session.commit()
    reader = sandbox.session()
    assert [v["id"] for v in reader.get("AssetVersion", result["id"])["uses_versions"]] == [
        source["id"]
    ]
    assert [v["id"] for v in reader.get("AssetVersion", source["id"])["used_in_versions"]] == [
        result["id"]
    ]


def test_note_label_is_another_name_for_note_category(session):
    name = f"label_{uuid.uuid4().hex[:6]}"
    label = session.create("NoteLabel", {"name": name, "color": "#ff0000"})
    session.commit()
    assert session.query(f'NoteCategory where name is "{name}"').one()["id"] == label["id"]
    category = session.create("NoteCategory", {"name": f"{name}_c"})
    session.commit()
    assert session.query(f'NoteLabel where name is "{name}_c"').one()["id"] == category["id"]
    note = _task(session).create_note("labelled", session.query("User").first(), labels=[label])
    session.commit()
    links = session.query(f'select label.name from NoteLabelLink where note_id is "{note["id"]}"')
    assert [link["label"]["name"] for link in links] == [name]
