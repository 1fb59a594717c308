"""Publishing manifests into the sandbox: versions, files, sequences, thumbnail and review."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import uuid
from pathlib import Path

from .conftest import SEQUENCE_FRAMES, instance


def _unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:6]}"


def test_multi_instance_publish_creates_published_versions_with_components(
    publisher, samples, task_id, session
):
    hero, prop = _unique("hero"), _unique("prop")
    manifest = publisher.manifest(
        task_id(),
        [
            instance("hero_render", hero, samples),
            instance("prop_render", prop, samples, review=False),
        ],
        comment="first light",
    )

    assert publisher.run("publish", "--manifest", str(manifest)) == 0

    version = session.query(
        "select version, is_published, comment, status.name, thumbnail_id, asset.name, "
        "task.name, components.name, components.file_type "
        f'from AssetVersion where asset.name is "{hero}"'
    ).one()
    assert version["version"] == 1
    assert version["is_published"] is True
    assert version["comment"] == "first light"
    assert version["status"]["name"] == "Pending Review"
    assert version["task"]["name"] == "compositing"
    assert sorted(c["name"] for c in version["components"]) == ["abc", "exr", "ftrackreview-mp4"]
    thumbnail = session.get("FileComponent", version["thumbnail_id"])
    assert thumbnail["name"] == "thumbnail"

    expected_folder = publisher.root / "demo/sq010/sh010/publish/geo" / hero / "v001"
    cache = expected_folder / f"{hero}_v001_abc.abc"
    assert cache.read_bytes() == samples.cache.read_bytes()
    abc = session.query(
        "select resource_identifier, location.name from ComponentLocation where "
        f'component.name is "abc" and component.version_id is "{version["id"]}"'
    ).one()
    assert abc["location"]["name"] == "ftpub.storage"
    assert abc["resource_identifier"] == cache.relative_to(publisher.root).as_posix()

    sequence = session.query(
        "select padding, members.name, members.size from SequenceComponent "
        f'where version_id is "{version["id"]}"'
    ).one()
    assert sorted(m["name"] for m in sequence["members"]) == [str(f) for f in SEQUENCE_FRAMES]
    for frame in SEQUENCE_FRAMES:
        published = expected_folder / f"{hero}_v001_exr.{frame:04d}.exr"
        assert (
            published.read_bytes() == (samples.sequence.parent / f"beauty.{frame}.exr").read_bytes()
        )

    review = session.query(
        'select metadata from FileComponent where name is "ftrackreview-mp4" '
        f'and version_id is "{version["id"]}"'
    ).one()
    meta = json.loads(review["metadata"]["ftr_meta"])
    assert (meta["width"], meta["height"], meta["frameRate"]) == (64, 48, 24)
    server = session.query('Location where name is "ftrack.server"').one()
    assert server.get_component_availability(review) == 100.0

    other = session.query(f'AssetVersion where asset.name is "{prop}"').one()
    assert other["is_published"] is True
    assert other["thumbnail_id"] is None


def test_second_publish_versions_up_and_keeps_v1_files(publisher, samples, task_id, session):
    asset = _unique("hero")
    first = publisher.manifest(task_id(), [instance("hero", asset, samples, review=False)])
    assert publisher.run("publish", "--manifest", str(first)) == 0
    v1_files = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in publisher.files()}

    assert publisher.run("publish", "--manifest", str(first)) == 0

    numbers = sorted(
        v["version"]
        for v in session.query(f'select version from AssetVersion where asset.name is "{asset}"')
    )
    assert numbers == [1, 2]
    assert len(session.query(f'Asset where name is "{asset}"').all()) == 1
    for path, (content, mtime) in v1_files.items():
        assert (path.read_bytes(), path.stat().st_mtime_ns) == (content, mtime)
    assert len(publisher.files()) == 2 * len(v1_files)


def _publish_in_subprocess(arguments):
    manifest, env = arguments
    return subprocess.run(
        [sys.executable, "-m", "ftpub.core.cli", "publish", "--manifest", manifest],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    ).returncode


def test_concurrent_publishes_of_one_asset_get_distinct_versions(
    publisher, samples, task_id, session
):
    asset = _unique("crowd")
    manifest = publisher.manifest(task_id(), [instance("crowd", asset, samples, review=False)])
    assert publisher.run("publish", "--manifest", str(manifest)) == 0
    env = dict(os.environ)

    with multiprocessing.get_context("spawn").Pool(8) as pool:
        codes = pool.map(_publish_in_subprocess, [(str(manifest), env)] * 8)

    assert codes == [0] * 8
    numbers = sorted(
        v["version"]
        for v in session.query(f'select version from AssetVersion where asset.name is "{asset}"')
    )
    assert numbers == list(range(1, 10))
    folders = {p.parent for p in publisher.files()}
    assert len(folders) == 9


def test_encode_media_mode_lets_the_server_make_the_review(
    publisher, samples, task_id, session, monkeypatch
):
    studio = publisher.folder / "studio.toml"
    studio.write_text('review_mode = "encode_media"\n')
    monkeypatch.setenv("FTPUB_CONFIG", str(studio))
    asset = _unique("encoded")
    manifest = publisher.manifest(task_id(), [instance("hero", asset, samples)])

    assert publisher.run("publish", "--manifest", str(manifest)) == 0

    version = session.query(
        f'select components.name, is_published from AssetVersion where asset.name is "{asset}"'
    ).one()
    assert sorted(c["name"] for c in version["components"]) == ["abc", "exr", "ftrackreview-mp4"]
    review = next(c for c in version["components"] if c["name"] == "ftrackreview-mp4")
    [job] = session.query(
        f'select data, status from Job where job_components.component_id is "{review["id"]}"'
    ).all()
    assert job["status"] == "done"
    source_id = json.loads(job["data"])["source_component_id"]
    assert session.query(f'Component where id is "{source_id}"').all() == []


EVENT_PLUGIN = """
import json
import pyblish.api

class ListenForPublishedVersions(pyblish.api.ContextPlugin):
    order = pyblish.api.ExtractorOrder + 0.45

    def process(self, context):
        session = context.data["ftrack_session"]

        def record(event):
            data = dict(event["data"])
            storage = session.query('Location where name is "ftpub.storage"').one()
            component = session.get("Component", data["component_ids"][0])
            data["path"] = storage.get_filesystem_path(component)
            with open({path!r}, "a") as stream:
                stream.write(json.dumps(data) + "\\n")

        session.event_hub.subscribe("topic=ftpub.version.published", record)
"""


def test_published_versions_are_announced_on_the_event_hub(
    publisher, samples, task_id, monkeypatch
):
    plugins = publisher.folder / "show_plugins"
    plugins.mkdir()
    events = publisher.folder / "events.jsonl"
    (plugins / "listen.py").write_text(EVENT_PLUGIN.format(path=str(events)))
    monkeypatch.setenv("PYBLISHPLUGINPATH", str(plugins))
    asset = _unique("announced")
    manifest = publisher.manifest(task_id(), [instance("hero", asset, samples, review=False)])

    assert publisher.run("publish", "--manifest", str(manifest)) == 0

    [event] = [json.loads(line) for line in events.read_text().splitlines()]
    assert (event["asset_name"], event["version"], event["instance"]) == (asset, 1, "hero")
    assert event["task_id"] == task_id()
    assert len(event["component_ids"]) == 2
    assert Path(event["path"]).read_bytes() == samples.cache.read_bytes()


def test_demo_publishes_samples_and_prints_them(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FTRACK_", "FTPUB_"))}
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "ftpub.core.cli", "demo", "--data", str(tmp_path / "sandbox")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr
    assert "hero v001 (no thumbnail)" in done.stdout
    assert "sh010_beauty v001 (with thumbnail)" in done.stdout
    assert "ftrackreview-mp4" in done.stdout
    published = list((tmp_path / "data" / "ftpub" / "publish").rglob("*.png"))
    assert len(published) == 24


def test_concurrent_first_publishes_of_a_new_asset_share_it(publisher, samples, task_id, session):
    asset = _unique("fresh")
    manifest = publisher.manifest(task_id(), [instance("fresh", asset, samples, review=False)])
    env = dict(os.environ)

    with multiprocessing.get_context("spawn").Pool(6) as pool:
        codes = pool.map(_publish_in_subprocess, [(str(manifest), env)] * 6)

    assert codes == [0] * 6
    assert len(session.query(f'Asset where name is "{asset}"').all()) == 1
    numbers = sorted(
        v["version"]
        for v in session.query(f'select version from AssetVersion where asset.name is "{asset}"')
    )
    assert numbers == list(range(1, 7))
