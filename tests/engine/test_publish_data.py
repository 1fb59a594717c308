from __future__ import annotations

from pathlib import Path

import pyblish.api
import pytest

from ftpub.core.config import load_config
from ftpub.core.context import TaskContext
from ftpub.core.discovery import discover
from ftpub.core.host import Publishable
from ftpub.core.publish_data import (
    InstanceData,
    PublishDataError,
    Representation,
    instance_data,
)
from ftpub.core.result import Outcome, Stage
from ftpub.core.runner import publish, run

TASK = TaskContext("t1", "compositing", "s1", "sh010", "Shot", "p1", "demo")


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"name": "exr", "path": "/r/a.exr"}, "path must be a pathlib.Path, got str"),
        ({"name": "exr", "path": Path("r/a.exr")}, "path must be absolute"),
        ({"name": "my exr", "path": Path("/r/a.exr")}, "name must be a word"),
        ({"name": "exr", "path": Path("/r/a.%04d.exr"), "frames": [1, 2]}, "tuple of ints"),
        ({"name": "exr", "path": Path("/r/a.exr"), "frames": (1, 2)}, "no %04d frame token"),
        ({"name": "exr", "path": Path("/r/a.exr"), "tags": {"review"}}, "frozenset of str"),
        ({"name": "exr", "path": Path("/r/a.exr"), "metadata": {"k": [1]}}, "metadata['k']"),
    ],
)
def test_representation_rejects_wrong_types(kwargs: dict[str, object], problem: str) -> None:
    with pytest.raises(PublishDataError) as caught:
        Representation(**kwargs)
    assert problem in str(caught.value)


def test_representation_files_and_missing_frames(tmp_path: Path) -> None:
    for frame in (1001, 1002, 1005):
        (tmp_path / f"sh010.{frame:04d}.exr").write_bytes(b"")
    (tmp_path / "sh010.101.exr").write_bytes(b"")
    sequence = Representation("exr", tmp_path / "sh010.%04d.exr", tuple(range(1001, 1006)))
    assert sequence.is_sequence
    assert sequence.extension == "exr"
    assert sequence.files()[0] == tmp_path / "sh010.1001.exr"
    assert sequence.missing_frames() == {1003, 1004}


def test_instance_data_lists_every_problem() -> None:
    context = pyblish.api.Context()
    instance = context.create_instance(
        "hero_geo",
        family="model",
        asset_name=3,
        frame_start="1001",
        representations=[{"name": "abc", "path": "/x.abc"}],
    )
    with pytest.raises(PublishDataError) as caught:
        instance_data(instance)
    assert caught.value.subject == "instance 'hero_geo'"
    assert caught.value.problems == [
        "'asset_name' must be a non-empty str, got 3 (int)",
        "'asset_type' must be a non-empty str, got None (NoneType)",
        "'frame_start' must be an int or None, got '1001' (str)",
        "representations[0] is a dict; create it with ftpub.core.publish_data.Representation(...)",
    ]


def test_instance_data_round_trips_through_pyblish() -> None:
    data = InstanceData(
        "hero_geo",
        "model",
        "hero",
        "geo",
        families=("review",),
        representations=(Representation("abc", Path("/x/hero.abc")),),
    )
    instance = pyblish.api.Context().create_instance(data.name, **data.to_data())
    assert instance_data(instance) == data


class _Host:
    name = "terminal"
    targets = ("default",)

    def __init__(self, *instances: InstanceData) -> None:
        self.instances = list(instances)

    def current_file(self) -> Path | None:
        return None

    def publishables(self) -> list[Publishable]:
        return [Publishable(instance) for instance in self.instances]


def test_a_collector_setting_a_wrong_type_fails_in_collection(tmp_path: Path) -> None:
    (tmp_path / "hero.abc").write_bytes(b"abc")
    plugins_dir = tmp_path / "plugins"
    plugins_dir.mkdir()
    (plugins_dir / "collect_frames.py").write_text(
        "import pyblish.api\n"
        "class CollectFrameRange(pyblish.api.InstancePlugin):\n"
        "    order = pyblish.api.CollectorOrder + 0.1\n"
        "    def process(self, instance):\n"
        "        instance.data['frame_start'] = '1001'\n",
        encoding="utf-8",
    )
    host = _Host(
        InstanceData(
            "hero_geo",
            "model",
            "hero",
            "geo",
            representations=(Representation("abc", tmp_path / "hero.abc"),),
        )
    )
    config = load_config(None, {})
    discovery = discover("terminal", config, None, {"PYBLISHPLUGINPATH": str(plugins_dir)})
    result = publish(discovery, host, TASK, config, ("default", "farm"), last_stage=Stage.VALIDATE)
    assert result.outcome is Outcome.INVALID
    [failure] = result.failures
    assert failure.plugin == "CheckPublishData"
    assert failure.stage is Stage.COLLECT
    assert failure.error.title == "Invalid publish data"
    assert failure.error.description == (
        "instance 'hero_geo': 'frame_start' must be an int or None, got '1001' (str)"
    )


def test_strict_discovery_runs_nothing_and_relaxed_discovery_runs(tmp_path: Path) -> None:
    plugins_dir = tmp_path / "plugins"
    plugins_dir.mkdir()
    (plugins_dir / "validate_broken.py").write_text("raise ImportError('maya')\n", "utf-8")
    (tmp_path / "a.abc").write_text("a")
    representations = (Representation("abc", tmp_path / "a.abc"),)
    host = _Host(InstanceData("a", "model", "a", "geo", representations=representations))
    environ = {"PYBLISHPLUGINPATH": str(plugins_dir)}
    strict = load_config(None, {})
    discovery = discover("terminal", strict, None, environ)
    result = publish(discovery, host, TASK, strict, ("default",), last_stage=Stage.VALIDATE)
    assert (result.outcome, result.steps) == (Outcome.NOT_STARTED, ())
    assert result.error.title == "Plugin import error"
    assert result.error.description.startswith(str(plugins_dir / "validate_broken.py"))
    relaxed = load_config(None, {"FTPUB_STRICT_DISCOVERY": "0"})
    result = publish(discovery, host, TASK, relaxed, ("default",), last_stage=Stage.VALIDATE)
    assert result.outcome is Outcome.VALIDATED
    assert len(result.problems) == 1


def test_a_full_publish_without_an_integrator_runs_nothing(tmp_path: Path) -> None:
    studio = tmp_path / "studio.toml"
    studio.write_text("[plugins.IntegrateFtrack]\nenabled = false\n", encoding="utf-8")
    config = load_config(None, {"FTPUB_CONFIG": str(studio)})
    discovery = discover("terminal", config, None, {})
    result = publish(discovery, _Host(), TASK, config, ("default", "farm"))
    assert result.outcome is Outcome.NOT_STARTED
    assert result.steps == ()
    assert result.error.title == "No integrator configured"


def test_context_data_reaches_plugins(tmp_path: Path) -> None:
    class ExtractNote(pyblish.api.ContextPlugin):
        order = pyblish.api.ExtractorOrder

        def process(self, context: pyblish.api.Context) -> None:
            task = context.data["task"]
            note = f"{task.project_name}/{task.parent_name}: {context.data['comment']}"
            (tmp_path / "note.txt").write_text(note, encoding="utf-8")

    context = pyblish.api.Context()
    context.data.update(task=TASK, comment="first pass")
    run([ExtractNote], context)
    assert (tmp_path / "note.txt").read_text(encoding="utf-8") == "demo/sh010: first pass"
