"""Commits: all-or-nothing batches, references, numbering under concurrency, deletes."""

from __future__ import annotations

import json
import multiprocessing
import uuid

import ftrack_api
import ftrack_api.exception
import pytest


def _asset(session, name=None):
    shot = session.query('Shot where name is "sh020"').one()
    asset_type = session.query('AssetType where short is "geo"').one()
    asset = session.create(
        "Asset", {"name": name or f"a_{uuid.uuid4().hex[:8]}", "type": asset_type, "parent": shot}
    )
    session.commit()
    return asset


def test_failed_batch_applies_nothing(session):
    shot = session.query('Shot where name is "sh020"').one()
    asset_type = session.query('AssetType where short is "geo"').one()
    name = f"atomic_{uuid.uuid4().hex[:8]}"
    asset = session.create("Asset", {"name": name, "type": asset_type, "parent": shot})
    session.create("AssetVersion", {"asset": asset})
    session.create(
        "AssetVersion",
        {
            "asset": asset,
            "task": {"__entity_type__": "Task", "id": str(uuid.uuid4())},
        },
    )

    with pytest.raises(ftrack_api.exception.ServerError, match="does not exist"):
        session.commit()
    session.rollback()

    assert session.query(f'Asset where name is "{name}"').all() == []
    assert session.query(f'AssetVersion where asset.name is "{name}"').all() == []


def test_reference_to_missing_entity_is_rejected(session):
    session.create("Asset", {"name": "orphan", "context_id": str(uuid.uuid4())})
    with pytest.raises(ftrack_api.exception.ServerError, match="does not exist"):
        session.commit()
    session.rollback()


def test_unknown_entity_type_in_commit_is_rejected(session):
    with pytest.raises(ftrack_api.exception.ServerError, match="Gizmo"):
        session.call(
            [
                {
                    "action": "create",
                    "entity_type": "Gizmo",
                    "entity_key": ["x"],
                    "entity_data": {"id": "x"},
                }
            ]
        )


def test_wrong_value_type_is_rejected(session):
    asset = _asset(session)
    session.create("AssetVersion", {"asset": asset, "version": "seven"})
    with pytest.raises(ftrack_api.exception.ServerError, match="must be integer"):
        session.commit()
    session.rollback()


def test_duplicate_version_number_is_rejected(session):
    asset = _asset(session)
    session.create("AssetVersion", {"asset": asset, "version": 3})
    session.commit()
    session.create("AssetVersion", {"asset": asset, "version": 3})
    with pytest.raises(ftrack_api.exception.ServerError, match="DuplicateEntryError"):
        session.commit()
    session.rollback()


def test_context_name_is_unique_among_siblings(session):
    shot = session.query('Shot where name is "sh010"').one()
    session.create("Task", {"name": "Compositing", "parent": shot})
    with pytest.raises(ftrack_api.exception.ServerError, match="already has a child"):
        session.commit()
    session.rollback()


def test_sibling_names_are_checked_against_what_the_same_commit_wrote(session):
    shot = session.query('Shot where name is "sh010"').one()
    other_shot = session.query('Shot where name is "sh020"').one()
    name = f"fx_{uuid.uuid4().hex[:6]}"
    session.create("Task", {"name": name, "parent": shot})
    session.create("Task", {"name": name.upper(), "parent": shot})
    with pytest.raises(ftrack_api.exception.ServerError, match="already has a child"):
        session.commit()
    session.rollback()

    first = session.create("Task", {"name": name, "parent": shot})
    elsewhere = session.create("Task", {"name": name, "parent": other_shot})
    session.commit()
    first["name"] = f"{name}_old"
    second = session.create("Task", {"name": name.upper(), "parent": shot})
    session.commit()
    names = {
        task["name"]
        for task in session.query(f'select name from Task where parent_id is "{shot["id"]}"')
    }
    assert {f"{name}_old", name.upper()} <= names
    for task in (first, second, elsewhere):
        session.delete(task)
    session.commit()


@pytest.mark.parametrize("given", [{"type"}, set()])
def test_asset_needs_a_parent(session, given):
    values = {"type": session.query('AssetType where short is "geo"').one()}
    name = f"incomplete_{uuid.uuid4().hex[:8]}"
    session.create("Asset", {"name": name, **{key: values[key] for key in given}})

    with pytest.raises(ftrack_api.exception.ServerError, match="ValidationError") as raised:
        session.commit()
    session.rollback()

    assert "An Asset must have a parent (context_id)." in str(raised.value)
    assert session.query(f'Asset where name is "{name}"').all() == []


def test_second_asset_with_same_parent_type_and_name_is_refused(session):
    asset = _asset(session)
    session.create(
        "Asset", {"name": asset["name"].upper(), "type": asset["type"], "parent": asset["parent"]}
    )

    with pytest.raises(ftrack_api.exception.ServerError, match="DuplicateEntryError"):
        session.commit()
    session.rollback()

    assert session.query(f'Asset where name is "{asset["name"]}"').all() == [asset]


def test_duplicate_assets_within_one_batch_leave_neither(session):
    shot = session.query('Shot where name is "sh020"').one()
    asset_type = session.query('AssetType where short is "geo"').one()
    name = f"twice_{uuid.uuid4().hex[:8]}"
    for _ in range(2):
        session.create("Asset", {"name": name, "type": asset_type, "parent": shot})

    with pytest.raises(ftrack_api.exception.ServerError, match="DuplicateEntryError"):
        session.commit()
    session.rollback()

    assert session.query(f'Asset where name is "{name}"').all() == []


def test_asset_name_may_repeat_under_another_parent_or_type(session):
    asset = _asset(session)
    other_shot = session.query('Shot where name is "sh010"').one()
    other_type = session.query('AssetType where short != "geo"').first()
    session.create("Asset", {"name": asset["name"], "type": asset["type"], "parent": other_shot})
    session.create("Asset", {"name": asset["name"], "type": other_type, "parent": asset["parent"]})
    session.commit()

    assert len(session.query(f'Asset where name is "{asset["name"]}"').all()) == 3


def test_new_task_gets_project_status_and_context_type(session):
    shot = session.query('Shot where name is "sh010"').one()
    task = session.create("Task", {"name": f"fx_{uuid.uuid4().hex[:6]}", "parent": shot})
    session.commit()
    stored = session.query(
        f"select context_type, project_id, status.name, priority.name from Task "
        f'where id is "{task["id"]}"'
    ).one()
    assert stored["context_type"] == "task"
    assert stored["project_id"] == shot["project_id"]
    assert stored["status"]["name"] == "Not started"
    assert stored["priority"]["name"] == "Medium"
    session.delete(task)
    session.commit()


def test_a_status_put_first_in_a_batch_is_the_first_status_of_the_versions_after_it(session):
    """The server looks the first status up once per batch, and again after a workflow changes."""
    asset = _asset(session)
    workflow = asset["parent"]["project"]["project_schema"]["asset_version_workflow_schema"]
    before = session.create("AssetVersion", {"asset": asset})
    status = session.create("Status", {"name": f"first_{uuid.uuid4().hex[:6]}", "sort": -100})
    link = session.create(
        "WorkflowSchemaStatus", {"workflow_schema_id": workflow["id"], "status_id": status["id"]}
    )
    after = session.create("AssetVersion", {"asset": asset})
    try:
        session.commit()
        statuses = {
            version["id"]: version["status"]["name"]
            for version in session.query(
                f'select status.name from AssetVersion where asset_id is "{asset["id"]}"'
            )
        }
        assert statuses[after["id"]] == status["name"]
        assert statuses[before["id"]] not in (None, status["name"])
    finally:
        for entity in (after, before, link, status, asset):
            session.delete(entity)
        session.commit()


def test_delete_component_cascades_its_locations_and_metadata(session, tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("f")
    asset = _asset(session)
    version = session.create("AssetVersion", {"asset": asset})
    session.commit()
    component = version.create_component(str(path), location="auto")
    component["metadata"]["key"] = "value"
    session.commit()
    component_id = component["id"]

    session.delete(component)
    session.delete(version)
    session.delete(asset)
    session.commit()

    assert session.query(f'ComponentLocation where component_id is "{component_id}"').all() == []
    assert session.query(f'Metadata where parent_id is "{component_id}"').all() == []
    assert session.query(f'Asset where id is "{asset["id"]}"').all() == []


def test_builtin_location_cannot_be_deleted(session):
    server = session.query('Location where name is "ftrack.server"').one()
    session.delete(server)
    with pytest.raises(ftrack_api.exception.ServerError, match="PermissionError"):
        session.commit()
    session.rollback()


def _publish_version(arguments):
    url, user, key, asset_id = arguments
    session = ftrack_api.Session(
        server_url=url,
        api_user=user,
        api_key=key,
        schema_cache_path=False,
        auto_connect_event_hub=False,
    )
    asset = session.get("Asset", asset_id)
    version = session.create("AssetVersion", {"asset": asset})
    session.commit()
    number = version["version"]
    session.close()
    return number


def test_concurrent_commits_get_distinct_version_numbers(sandbox, session):
    asset = _asset(session)
    arguments = [(sandbox.url, sandbox.api_user, sandbox.api_key, asset["id"])] * 8

    with multiprocessing.get_context("spawn").Pool(8) as pool:
        numbers = pool.map(_publish_version, arguments)

    assert sorted(numbers) == list(range(1, 9))


def test_deleting_a_component_deletes_the_job_links_to_it(session, tmp_path):
    movie = tmp_path / "m.mov"
    movie.write_bytes(b"\x01" * 64)
    version = session.create("AssetVersion", {"asset": _asset(session)})
    session.commit()
    job = version.encode_media(str(movie))
    output = session.get("FileComponent", json.loads(job["data"])["output"][0]["component_id"])

    session.delete(output)
    session.commit()

    assert session.query(f'JobComponent where job_id is "{job["id"]}"').all() == []


def test_location_names_are_unique(session):
    name = f"unique.{uuid.uuid4().hex[:6]}"
    session.create("Location", {"name": name})
    session.commit()
    session.create("Location", {"name": name})
    with pytest.raises(ftrack_api.exception.ServerError, match="DuplicateEntryError"):
        session.commit()
    session.rollback()


def test_deleting_a_context_deletes_its_subtree(session, tmp_path):
    project = session.query('Project where name is "demo"').one()
    sequence = session.create(
        "Sequence", {"name": f"doomed_{uuid.uuid4().hex[:6]}", "parent": project}
    )
    shot = session.create("Shot", {"name": "sh900", "parent": sequence})
    task = session.create("Task", {"name": "comp", "parent": shot})
    asset_type = session.query('AssetType where short is "geo"').one()
    asset = session.create("Asset", {"name": "doomed", "type": asset_type, "parent": shot})
    version = session.create("AssetVersion", {"asset": asset, "task": task})
    session.commit()
    path = tmp_path / "f.txt"
    path.write_text("f")
    component = version.create_component(str(path), location="auto")
    component["metadata"]["k"] = "v"
    shot["custom_attributes"]["fstart"] = 1200
    session.commit()
    ids = {
        "Context": [sequence["id"], shot["id"], task["id"]],
        "Asset": [asset["id"]],
        "AssetVersion": [version["id"]],
        "Component": [component["id"]],
    }

    session.delete(sequence)
    session.commit()

    for type_id, entity_ids in ids.items():
        listed = ", ".join(f'"{entity_id}"' for entity_id in entity_ids)
        assert session.query(f"{type_id} where id in ({listed})").all() == []
    assert session.query(f'ComponentLocation where component_id is "{component["id"]}"').all() == []
    assert session.query(f'Metadata where parent_id is "{component["id"]}"').all() == []
    values = f'ContextCustomAttributeValue where entity_id is "{shot["id"]}"'
    assert session.query(values).all() == []
