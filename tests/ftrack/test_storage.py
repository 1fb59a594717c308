"""ftpub's storage location in a fresh ftrack session: published files resolve, new ones land."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ftrack_api
import ftrack_api.accessor.disk
import ftrack_api.exception
import ftrack_api.structure.standard
import ftrack_api.symbol
import pytest

from ftpub.core.config import load_config
from ftpub.core.ftrack.storage import PRIORITY, TemplateStructure, configure

from .conftest import SEQUENCE_FRAMES, instance

PLUGIN_SHIM = "from ftpub.core.ftrack.storage import register  # noqa: F401\n"

STUDIO_PLUGIN = """
import ftrack_api
import ftrack_api.accessor.disk
import ftrack_api.structure.standard


def configure(event):
    session = event["data"]["session"]
    location = session.query('Location where name is "ftpub.storage"').one()
    location.accessor = ftrack_api.accessor.disk.DiskAccessor(prefix={prefix!r})
    location.structure = ftrack_api.structure.standard.StandardStructure()
    location.priority = 7


def register(session, **kw):
    if isinstance(session, ftrack_api.Session):
        session.event_hub.subscribe("topic=ftrack.api.session.configure-location", configure)
"""


@dataclass
class Published:
    """One published version and a new session with ftpub's plugin loaded the documented way."""

    version_id: str
    asset: str
    root: Path
    folder: Path
    """The version's folder under the publish root."""
    session: Any
    location: Any


@pytest.fixture
def published(publisher, samples, task_id, sandbox, tmp_path):
    asset = f"store_{uuid.uuid4().hex[:6]}"
    manifest = publisher.manifest(task_id(), [instance("store", asset, samples, review=False)])
    assert publisher.run("publish", "--manifest", str(manifest)) == 0
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "ftpub_storage.py").write_text(PLUGIN_SHIM)
    session = sandbox.session(plugin_paths=[str(plugins)])
    version = session.query(f'select id from AssetVersion where asset.name is "{asset}"').one()
    location = session.query('Location where name is "ftpub.storage"').one()
    yield Published(
        version["id"],
        asset,
        publisher.root,
        publisher.root / "demo/sq010/sh010/publish/geo" / asset / "v001",
        session,
        location,
    )
    session.close()


def _component(session: Any, version_id: str, name: str) -> Any:
    return session.query(f'Component where version_id is "{version_id}" and name is "{name}"').one()


def _next_version(published: Published) -> Any:
    """A new version of the published asset, created and committed the plain client way."""
    session = published.session
    old = session.query(
        f'select asset, task from AssetVersion where id is "{published.version_id}"'
    ).one()
    version = session.create("AssetVersion", {"asset": old["asset"], "task": old["task"]})
    session.commit()
    return version


def _stored_identifier(session: Any, component: Any, location: Any) -> str:
    return session.query(
        "select resource_identifier from ComponentLocation where "
        f'component_id is "{component["id"]}" and location_id is "{location["id"]}"'
    ).one()["resource_identifier"]


def test_plugin_configures_the_location_of_a_new_session(published):
    location = published.location
    assert isinstance(location.accessor, ftrack_api.accessor.disk.DiskAccessor)
    assert location.accessor.prefix == str(published.root)
    assert isinstance(location.structure, TemplateStructure)
    assert location.priority == PRIORITY
    assert published.session.pick_location()["name"] == "ftpub.storage"


def test_published_files_resolve_to_the_published_bytes(published, samples):
    session, location = published.session, published.location
    cache = _component(session, published.version_id, "abc")
    sequence = _component(session, published.version_id, "exr")
    asset = published.asset

    path = Path(location.get_filesystem_path(cache))
    assert path == published.folder / f"{asset}_v001_abc.abc"
    assert path.read_bytes() == samples.cache.read_bytes()

    pattern = location.get_filesystem_path(sequence)
    assert Path(pattern) == published.folder / f"{asset}_v001_exr.%04d.exr"
    members = {int(member["name"]): member for member in sequence["members"]}
    assert sorted(members) == list(SEQUENCE_FRAMES)
    for frame, member in members.items():
        path = Path(location.get_filesystem_path(member))
        assert path == Path(pattern % frame)
        source = samples.sequence.parent / f"beauty.{frame}.exr"
        assert path.read_bytes() == source.read_bytes()


def test_structure_gives_the_identifiers_the_integrator_stored(published):
    session, location = published.session, published.location
    cache = _component(session, published.version_id, "abc")
    sequence = _component(session, published.version_id, "exr")
    member = sequence["members"][2]

    for component in (cache, sequence, member):
        assert location.structure.get_resource_identifier(component) == _stored_identifier(
            session, component, location
        )


def test_structure_fetches_a_component_in_few_calls(published, sandbox):
    session = published.session
    ids = [_component(session, published.version_id, name)["id"] for name in ("abc", "exr")]
    fresh = sandbox.session()
    try:
        structure = published.location.structure
        cache, sequence = (fresh.get("Component", component_id) for component_id in ids)
        sandbox.reset_stats()
        structure.get_resource_identifier(cache)
        assert sandbox.stats()["calls"] <= 2  # component with its version; the project
        sandbox.reset_stats()
        structure.get_resource_identifier(sequence)
        assert sandbox.stats()["calls"] <= 1  # the project is cached now
    finally:
        fresh.close()


def test_add_component_copies_a_new_file_to_the_template_path(published, sandbox, tmp_path):
    session, location = published.session, published.location
    version = _next_version(published)
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"lighting notes\n")
    component = session.create(
        "FileComponent",
        {"name": "notes", "file_type": ".txt", "size": 15, "version": version},
    )
    origin = session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)
    origin.add_component(component, str(notes))

    location.add_component(component, origin)

    target = published.folder.parent / "v002" / f"{published.asset}_v002_notes.txt"
    assert target.read_bytes() == notes.read_bytes()
    other = sandbox.session()
    try:
        stored = other.get("FileComponent", component["id"])
        storage = other.query('Location where name is "ftpub.storage"').one()
        identifier = _stored_identifier(other, stored, storage)
        assert identifier == target.relative_to(published.root).as_posix()
    finally:
        other.close()


def test_add_component_copies_a_new_sequence_frame_by_frame(published, samples):
    session, location = published.session, published.location
    version = _next_version(published)
    frames = f"{SEQUENCE_FRAMES[0]}-{SEQUENCE_FRAMES[-1]}"

    sequence = session.create_component(
        f"{samples.sequence} [{frames}]", {"name": "exr", "version": version}, location=location
    )

    pattern = published.folder.parent / "v002" / f"{published.asset}_v002_exr.%04d.exr"
    assert location.get_filesystem_path(sequence) == str(pattern)
    for frame in SEQUENCE_FRAMES:
        source = samples.sequence.parent / f"beauty.{frame}.exr"
        assert Path(str(pattern) % frame).read_bytes() == source.read_bytes()


def test_a_location_a_studio_plugin_configured_is_left_alone(published, sandbox, tmp_path, caplog):
    ftpub_plugins, studio_plugins = tmp_path / "ftpub-plugins", tmp_path / "studio-plugins"
    ftpub_plugins.mkdir()
    studio_plugins.mkdir()
    (ftpub_plugins / "ftpub_storage.py").write_text(PLUGIN_SHIM)
    studio_root = tmp_path / "studio-root"
    (studio_plugins / "location.py").write_text(STUDIO_PLUGIN.format(prefix=str(studio_root)))

    with caplog.at_level(logging.DEBUG, logger="ftpub.core.ftrack.storage"):
        # ftpub's plugin registers first, yet runs after the studio's
        session = sandbox.session(plugin_paths=[str(ftpub_plugins), str(studio_plugins)])
    try:
        assert "left as it is" in caplog.text
        location = configure(session, load_config(None))
        assert location is not None
        assert location.accessor.prefix == str(studio_root)
        assert isinstance(location.structure, ftrack_api.structure.standard.StandardStructure)
        assert location.priority == 7
    finally:
        session.close()


def test_a_component_without_a_committed_version_has_no_path(published):
    session = published.session
    structure = published.location.structure
    loose = session.create("FileComponent", {"name": "loose", "file_type": ".txt"})
    old = session.get("AssetVersion", published.version_id)
    uncommitted = session.create("AssetVersion", {"asset": old["asset"]})
    pending = session.create(
        "FileComponent", {"name": "pending", "file_type": ".txt", "version": uncommitted}
    )

    for component in (loose, pending):
        with pytest.raises(ftrack_api.exception.StructureError, match="committed version"):
            structure.get_resource_identifier(component)


def test_configure_creates_no_location(published, tmp_path, monkeypatch):
    name = f"ftpub.missing-{uuid.uuid4().hex[:6]}"
    studio = tmp_path / "studio.toml"
    studio.write_text(f'storage_location = "{name}"\n')
    monkeypatch.setenv("FTPUB_CONFIG", str(studio))

    assert configure(published.session, load_config(None)) is None
    assert published.session.query(f'Location where name is "{name}"').all() == []


def test_a_storage_location_created_meanwhile_is_adopted(sandbox):
    from ftpub.core.ftrack.calls import DEFAULT_POLICY
    from ftpub.core.ftrack.lookup import _create_location

    session = sandbox.session()
    name = f"raced.{uuid.uuid4().hex[:6]}"
    other = session.create("Location", {"name": name})
    session.commit()

    assert _create_location(session, name, DEFAULT_POLICY) == other["id"]
    assert len(session.query(f'Location where name is "{name}"').all()) == 1
    session.close()
