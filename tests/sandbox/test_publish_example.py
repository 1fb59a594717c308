"""ftrack's documented publishing example, run unchanged through the real client."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import ftrack_api
import ftrack_api.accessor.disk
import ftrack_api.structure.standard
import requests


def _task(session, shot="sh010", name="compositing"):
    return session.query(f'Task where name is "{name}" and parent.name is "{shot}"').one()


def _new_version(session, task, asset_name=None):
    asset_type = session.query('AssetType where name is "Geometry"').one()
    asset = session.create(
        "Asset",
        {
            "name": asset_name or f"asset_{uuid.uuid4().hex[:8]}",
            "type": asset_type,
            "parent": task["parent"],
        },
    )
    version = session.create("AssetVersion", {"asset": asset, "task": task})
    session.commit()
    return version


def test_asset_and_version_are_created_with_server_side_values(session):
    task = _task(session)
    version = _new_version(session, task)

    assert version["version"] == 1
    assert version["is_published"] is True
    assert version["status"]["name"] == "Not started"
    assert version["user"]["username"] == session.api_user
    assert version["task"]["id"] == task["id"]
    link = version["link"]
    assert [item["name"] for item in link[:3]] == ["demo", "sq010", "sh010"]
    assert link[-1]["id"] == version["id"]


def test_second_version_of_an_asset_is_numbered_next(session):
    task = _task(session)
    first = _new_version(session, task)
    second = session.create("AssetVersion", {"asset": first["asset"], "task": task})
    session.commit()

    assert second["version"] == 2
    assert first["asset"]["latest_version"]["id"] == second["id"]


def test_create_component_auto_location_registers_file(session, tmp_path):
    path = tmp_path / "scene.ma"
    path.write_text("// maya ascii")
    version = _new_version(session, _task(session))

    component = version.create_component(str(path), data={"name": "mayaAscii"}, location="auto")
    session.commit()

    unmanaged = session.query('Location where name is "ftrack.unmanaged"').one()
    stored = session.query(f'FileComponent where id is "{component["id"]}"').one()
    assert stored["file_type"] == ".ma"
    assert stored["size"] == path.stat().st_size
    assert stored["system_type"] == "file"
    assert unmanaged.get_filesystem_path(stored) == str(path)
    assert stored.get_availability()[unmanaged["id"]] == 100.0


def test_sequence_component_registers_container_and_members(session, tmp_path):
    for frame in (1, 2, 3):
        (tmp_path / f"render.{frame:04d}.exr").write_bytes(b"x" * frame)
    version = _new_version(session, _task(session))

    sequence = version.create_component(
        str(tmp_path / "render.%04d.exr [1-3]"), data={"name": "exr"}, location="auto"
    )
    session.commit()

    stored = session.query(
        f"select members.name, padding, system_type, size from SequenceComponent "
        f'where id is "{sequence["id"]}"'
    ).one()
    assert stored["system_type"] == "sequence"
    assert stored["padding"] == 4
    assert stored["size"] == 6
    assert sorted(member["name"] for member in stored["members"]) == ["0001", "0002", "0003"]
    unmanaged = session.query('Location where name is "ftrack.unmanaged"').one()
    assert unmanaged.get_resource_identifier(stored) == str(tmp_path / "render.%04d.exr")


def test_custom_disk_location_copies_files_in_standard_structure(session, tmp_path):
    location = session.create("Location", {"name": f"studio.disk.{uuid.uuid4().hex[:6]}"})
    session.commit()
    location.accessor = ftrack_api.accessor.disk.DiskAccessor(prefix=str(tmp_path / "store"))
    location.structure = ftrack_api.structure.standard.StandardStructure()
    location.priority = 5
    source = tmp_path / "hero.abc"
    source.write_bytes(b"alembic")
    version = _new_version(session, _task(session), asset_name="hero_geo")

    component = version.create_component(str(source), data={"name": "geo"}, location=location)
    session.commit()

    path = Path(location.get_filesystem_path(component))
    assert path == tmp_path / "store" / "demo" / "sq010" / "sh010" / "hero_geo" / "v001" / "geo.abc"
    assert path.read_bytes() == b"alembic"
    assert source.exists()


def test_thumbnail_is_uploaded_to_server_location_and_downloadable(sandbox, session, tmp_path):
    image = tmp_path / "thumb.jpg"
    image.write_bytes(b"\xff\xd8jpeg-bytes")
    version = _new_version(session, _task(session))

    thumbnail = version.create_thumbnail(str(image))
    session.commit()

    stored = session.query(f'AssetVersion where id is "{version["id"]}"').one()
    assert stored["thumbnail_id"] == thumbnail["id"]
    server = session.query('Location where name is "ftrack.server"').one()
    assert server.get_component_availability(thumbnail) == 100.0
    response = requests.get(
        f"{sandbox.url}/component/get",
        params={"id": thumbnail["id"], "username": sandbox.api_user, "apiKey": sandbox.api_key},
        timeout=10,
    )
    assert response.content == image.read_bytes()


def test_reviewable_component_with_web_player_metadata(session, tmp_path):
    movie = tmp_path / "review.mov"
    movie.write_bytes(b"\x00" * 3000)
    version = _new_version(session, _task(session))
    server = session.query('Location where name is "ftrack.server"').one()

    component = version.create_component(
        str(movie), data={"name": "ftrackreview-mp4"}, location=server
    )
    meta = {"frameIn": 1001, "frameOut": 1100, "frameRate": 24, "height": 1080, "width": 1920}
    component["metadata"]["ftr_meta"] = json.dumps(meta)
    session.commit()

    stored = session.query(f'select metadata from FileComponent where id is "{component["id"]}"')
    assert json.loads(stored.one()["metadata"]["ftr_meta"]) == meta


def test_encode_media_creates_a_finished_job_and_review_component(session, tmp_path):
    movie = tmp_path / "edit.mov"
    movie.write_bytes(b"\x01" * 2048)
    version = _new_version(session, _task(session))

    job = version.encode_media(str(movie))

    assert job["status"] == "done"
    output = json.loads(job["data"])["output"]
    component = session.get("FileComponent", output[0]["component_id"])
    assert component["name"] == "ftrackreview-mp4"
    assert component["version_id"] == version["id"]


def test_component_removed_from_server_location(session, tmp_path):
    path = tmp_path / "data.json"
    path.write_text("{}")
    server = session.query('Location where name is "ftrack.server"').one()
    component = session.create_component(str(path), location=server)
    session.commit()

    server.remove_component(component)
    session.commit()

    assert server.get_component_availability(component) == 0.0


def test_deleting_a_version_deletes_its_components(session, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("a")
    version = _new_version(session, _task(session))
    component = version.create_component(str(path), location="auto")
    session.commit()

    session.delete(version)
    session.commit()
    assert session.query(f'Component where id is "{component["id"]}"').all() == []
    assert session.query(f'ComponentLocation where component_id is "{component["id"]}"').all() == []
