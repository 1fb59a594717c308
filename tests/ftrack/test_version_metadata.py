"""Version metadata: what collectors put in ``version_metadata`` (the context's, then each
instance's) is written on the AssetVersion in the call creating it, and goes with it when a
publish is undone."""

from __future__ import annotations

import textwrap
import uuid
from pathlib import Path
from typing import Any

import pytest

from .conftest import instance

COLLECTOR = """
import os

import pyblish.api


class CollectOrigin(pyblish.api.ContextPlugin):
    order = pyblish.api.CollectorOrder + 0.4

    def process(self, context):
        batch = os.environ.get("BATCH", 7)
        context.data["version_metadata"] = {"origin": "context", "batch": batch}
        for instance in context:
            if instance.data["asset_name"].startswith("own"):
                instance.data["version_metadata"] = {"origin": "instance"}
"""


@pytest.fixture
def show_collector(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A studio plugin path holding a collector that sets version metadata."""
    folder = tmp_path / "studio_plugins"
    folder.mkdir()
    (folder / "collect_origin.py").write_text(textwrap.dedent(COLLECTOR), encoding="utf-8")
    config = tmp_path / "studio.toml"
    config.write_text(f'plugin_paths = ["{folder}"]\n', encoding="utf-8")
    monkeypatch.setenv("FTPUB_CONFIG", str(config))


def _metadata(session: Any, asset: str) -> list[dict[str, str]]:
    versions = session.query(
        f'select metadata, is_published from AssetVersion where asset.name is "{asset}"'
    ).all()
    return [dict(version["metadata"]) for version in versions if version["is_published"]]


def test_the_version_records_the_context_and_instance_metadata(
    publisher: Any, samples: Any, task_id: Any, session: Any, show_collector: None
) -> None:
    suffix = uuid.uuid4().hex[:6]
    shared, own = f"shared_{suffix}", f"own_{suffix}"
    manifest = publisher.manifest(
        task_id(),
        [instance("a", shared, samples, review=False), instance("b", own, samples, review=False)],
    )

    assert publisher.run("publish", "--manifest", str(manifest)) == 0

    assert _metadata(session, shared) == [{"origin": "context", "batch": "7"}]
    assert _metadata(session, own) == [{"origin": "instance", "batch": "7"}]


def test_the_metadata_costs_no_call(
    sandbox: Any, publisher: Any, samples: Any, task_id: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def calls(with_collector: bool) -> int:
        if with_collector:
            folder = publisher.folder / "plugins"
            folder.mkdir(exist_ok=True)
            (folder / "collect_origin.py").write_text(textwrap.dedent(COLLECTOR))
            config = publisher.folder / "studio.toml"
            config.write_text(f'plugin_paths = ["{folder}"]\n', encoding="utf-8")
            monkeypatch.setenv("FTPUB_CONFIG", str(config))
        manifest = publisher.manifest(
            task_id(), [instance("a", f"calls_{uuid.uuid4().hex[:6]}", samples, review=False)]
        )
        sandbox.reset_stats()
        assert publisher.run("publish", "--manifest", str(manifest)) == 0
        return int(sandbox.stats()["calls"])

    calls(False)  # fills the schema cache
    without = calls(False)
    assert calls(True) == without


def test_an_undone_publish_leaves_no_metadata(
    sandbox: Any,
    publisher: Any,
    samples: Any,
    task_id: Any,
    session: Any,
    show_collector: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    batch = uuid.uuid4().hex
    monkeypatch.setenv("BATCH", batch)
    asset = f"shared_{uuid.uuid4().hex[:6]}"
    manifest = publisher.manifest(task_id(), [instance("a", asset, samples, review=False)])
    sandbox.set_faults(
        [{"action": "create", "entity_type": "SequenceComponent", "effect": "error", "times": None}]
    )
    try:
        assert publisher.run("publish", "--manifest", str(manifest)) == 4
    finally:
        sandbox.clear_faults()

    assert session.query(f'AssetVersion where asset.name is "{asset}"').all() == []
    assert session.query(f'Metadata where key is "batch" and value is "{batch}"').all() == []
