"""``mayapy -m ftpub.hosts.maya.batch SCENE`` against the fake: it starts Maya, opens the
scene, publishes its active products and ends with ftpub's exit code and last line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ftpub.hosts.maya import marks


def test_batch_publishes_the_scenes_active_products(
    shot_scene: Any, host: Any, publishing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ftpub.hosts.maya import batch

    shot_scene.add("|hero_GRP|body_GEO", "mesh")
    host.mark("hero_SET", ["|hero_GRP"], marks.mark_values("pointcache", "hero", None))
    host.mark(
        "off_SET", ["|hero_GRP"], {**marks.mark_values("model", "off", None), marks.ACTIVE: False}
    )
    path = Path(shot_scene.scene_name)
    shot_scene.scene_name = ""
    assert batch.main([str(path), "--comment", "from the farm"]) == 0
    commands = [call.command for call in shot_scene.calls]
    start = commands.index("standalone.initialize")
    assert commands[start + 1] == "file"
    opened = shot_scene.calls[start + 1]
    assert (opened.args, opened.kwargs) == ((str(path),), {"open": True, "force": True})
    assert capsys.readouterr().err.splitlines()[-1] == "ftpub: published: 2 instances"
    [export] = shot_scene.mutations("AbcExport")
    first, last = int(shot_scene.min_time), int(shot_scene.max_time)
    assert export.kwargs["jobArg"].startswith(f"-frameRange {first} {last} -uvWrite")
    assert "-root |hero_GRP -file" in export.kwargs["jobArg"]


def test_batch_says_why_it_cannot_open_a_scene(
    scene: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from ftpub.hosts.maya import batch

    missing = tmp_path / "nowhere.ma"
    assert batch.main([str(missing)]) == 2
    assert capsys.readouterr().err == f"ftpub: no Maya scene at {missing}\n"


def test_batch_invalid_scene_exits_3(
    shot_scene: Any, host: Any, publishing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ftpub.hosts.maya import batch

    host.mark("hero_SET", [], marks.mark_values("model", "hero", None))
    path = Path(shot_scene.scene_name)
    assert batch.main([str(path), "--validate"]) == 3
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == "ftpub: Empty set: hero_SET holds nothing: add the nodes to publish to it."
