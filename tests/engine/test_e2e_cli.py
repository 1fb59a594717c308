"""The ``ftpub`` command in a subprocess against the sandbox: the task resolves through the
real ftrack client, the show's config applies, and exit code + last stderr line are checked."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.context import ContextError, TaskContext, resolve_task

from .cli_run import ftpub

BROKEN_KEY = "0d1b2c3a-4e5f-6a7b-8c9d-0e1f2a3b4c5d"


def _render(folder: Path, frames: range | list[int]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for frame in frames:
        (folder / f"sh010_comp.{frame:04d}.exr").write_bytes(b"exr")


def _manifest(tmp_path: Path, task_id: str, comment: str = "first comp") -> Path:
    path = tmp_path / "manifest.json"
    table = {
        "ftpub_manifest": 1,
        "task_id": task_id,
        "comment": comment,
        "instances": [
            {
                "name": "comp",
                "family": "render",
                "asset": "sh010_comp",
                "asset_type": "img",
                "representations": [
                    {"name": "exr", "path": "renders/sh010_comp.####.exr", "frames": "1001-1010"}
                ],
            }
        ],
    }
    path.write_text(json.dumps(table), encoding="utf-8")
    return path


def _studio(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "studio.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return {"FTPUB_CONFIG": str(path)}


def _show_plugin(tmp_path: Path, name: str, source: str) -> Path:
    folder = tmp_path / "show_plugins"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return folder


VALIDATE_COMMENT = """
import pyblish.api
from ftpub.core.result import PublishError

class ValidateComment(pyblish.api.ContextPlugin):
    order = pyblish.api.ValidatorOrder
    families = ["render"]
    minimum = 40

    def process(self, context):
        if len(context.data["comment"]) < self.minimum:
            raise PublishError("Comment too short", f"write at least {self.minimum} characters")
"""


def test_resolve_task_through_the_real_client(sandbox: Any, task: str) -> None:
    session = sandbox.session()
    try:
        context = resolve_task(session, task)
        assert context == TaskContext(
            task_id=task,
            task_name="compositing",
            parent_id=context.parent_id,
            parent_name="sh010",
            parent_type="Shot",
            project_id=context.project_id,
            project_name="demo",
        )
        with pytest.raises(ContextError, match="no ftrack Task with id 0000-1111"):
            resolve_task(session, "0000-1111")
    finally:
        session.close()


def test_validate_a_complete_manifest(sandbox: Any, task: str, tmp_path: Path) -> None:
    _render(tmp_path / "renders", range(1001, 1011))
    manifest = _manifest(tmp_path, task)
    run = ftpub(
        ["validate", "--manifest", str(manifest), "--report", "r.json"], sandbox.env(), tmp_path
    )
    assert (run.code, run.last_line) == (0, "ftpub: validated: 1 instance")
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["outcome"] == "validated"
    assert [step["plugin"] for step in report["steps"]] == [
        "CollectPublishables",
        "CollectFarmManifest",
        "CheckPublishData",
        "ValidateRepresentationFiles",
        "ValidateInstances",
        "ValidateReviewMedia",
        "ValidateFtrackContext",
    ]


def test_missing_frames_fail_validation(sandbox: Any, task: str, tmp_path: Path) -> None:
    _render(tmp_path / "renders", [1001, 1002, 1005, 1006, 1007, 1008, 1009, 1010])
    manifest = _manifest(tmp_path, task)
    run = ftpub(["validate", "--manifest", str(manifest), "--json"], sandbox.env(), tmp_path)
    assert run.code == 3
    assert run.last_line == (
        "ftpub: Missing files: exr: 2 of 10 frames missing from "
        f"{tmp_path}/renders/sh010_comp.%04d.exr: 1003-1004"
    )
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    states = [line["step"]["state"] for line in lines[:-1]]
    assert states == [*["success"] * 3, "failed", *["success"] * 3]
    assert lines[-1]["result"]["outcome"] == "invalid"


def test_show_config_adds_a_plugin_path_for_its_show_only(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    _render(tmp_path / "renders", range(1001, 1011))
    folder = _show_plugin(tmp_path, "validate_comment.py", VALIDATE_COMMENT)
    manifest = _manifest(tmp_path, task, comment="wip")
    demo = _studio(tmp_path, f'[shows."demo"]\nplugin_paths = ["{folder}"]\n')
    run = ftpub(["validate", "--manifest", str(manifest)], {**sandbox.env(), **demo}, tmp_path)
    assert (run.code, run.last_line) == (
        3,
        "ftpub: Comment too short: write at least 40 characters",
    )

    other = _studio(tmp_path, f'[shows."other"]\nplugin_paths = ["{folder}"]\n')
    run = ftpub(["validate", "--manifest", str(manifest)], {**sandbox.env(), **other}, tmp_path)
    assert (run.code, run.last_line) == (0, "ftpub: validated: 1 instance")


def test_show_config_sets_and_disables_plugins(sandbox: Any, task: str, tmp_path: Path) -> None:
    _render(tmp_path / "renders", [1001])
    folder = _show_plugin(tmp_path, "validate_comment.py", VALIDATE_COMMENT)
    manifest = _manifest(tmp_path, task, comment="wip")
    studio = f"""
        plugin_paths = ["{folder}"]
        [shows."demo".plugins.ValidateComment]
        minimum = 2
        [shows."demo".plugins.ValidateRepresentationFiles]
        enabled = false
    """
    env = {**sandbox.env(), **_studio(tmp_path, studio)}
    run = ftpub(["validate", "--manifest", str(manifest)], env, tmp_path)
    assert (run.code, run.last_line) == (0, "ftpub: validated: 1 instance")

    listing = ftpub(["plugins", "--show", "demo"], env, tmp_path)
    assert listing.code == 0
    assert "disabled  ValidateRepresentationFiles" in listing.stdout
    assert f'        minimum = 2  ({tmp_path / "studio.toml"} [shows."demo"])' in listing.stdout


def test_a_broken_show_plugin_stops_before_anything_runs(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    _render(tmp_path / "renders", range(1001, 1011))
    folder = _show_plugin(tmp_path, "extract_nuke.py", "import pyblish.api\nimport nuke\n")
    manifest = _manifest(tmp_path, task)
    env = {**sandbox.env(), **_studio(tmp_path, f'[shows."demo"]\nplugin_paths = ["{folder}"]\n')}
    run = ftpub(["validate", "--manifest", str(manifest), "--report", "r.json"], env, tmp_path)
    assert run.code == 2
    assert run.last_line == (
        f"ftpub: Plugin import error: {folder}/extract_nuke.py: "
        "ModuleNotFoundError: No module named 'nuke'"
    )
    assert "Traceback" not in run.stderr
    written = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert written["steps"] == []
    assert f'File "{folder}/extract_nuke.py", line 2' in written["problems"][0]["detail"]

    debug = ftpub(["--debug", "validate", "--manifest", str(manifest)], env, tmp_path)
    assert f'File "{folder}/extract_nuke.py", line 2' in debug.stderr


def test_publish_with_the_integrator_disabled_publishes_nothing(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    _render(tmp_path / "renders", range(1001, 1011))
    manifest = _manifest(tmp_path, task)
    env = {**sandbox.env(), **_studio(tmp_path, "[plugins.IntegrateFtrack]\nenabled = false\n")}
    env["FTPUB_PUBLISH_ROOT"] = str(tmp_path / "publish")
    run = ftpub(["publish", "--manifest", str(manifest)], env, tmp_path)
    assert run.code == 2
    assert run.last_line.startswith("ftpub: No integrator configured: ")
    assert not (tmp_path / "publish").exists()


def test_unknown_task_and_wrong_key_are_setup_errors_without_the_key(
    sandbox: Any, tmp_path: Path
) -> None:
    manifest = _manifest(tmp_path, "0000-1111")
    run = ftpub(["validate", "--manifest", str(manifest)], sandbox.env(), tmp_path)
    assert (run.code, run.last_line) == (
        2,
        f"ftpub: no ftrack Task with id 0000-1111 on {sandbox.url}",
    )

    env = {**sandbox.env(), "FTRACK_API_KEY": BROKEN_KEY}
    run = ftpub(["validate", "--manifest", str(manifest)], env, tmp_path)
    assert run.code == 2
    assert run.last_line.startswith(
        f"ftpub: ftrack at {sandbox.url} (user admin) refused the API key"
    )
    assert "Traceback" not in run.stderr
    assert BROKEN_KEY not in run.stderr + run.stdout
    assert sandbox.api_key not in run.stderr + run.stdout


def test_config_command_prints_sources(tmp_path: Path) -> None:
    env = {**_studio(tmp_path, '[shows."demo"]\npublish_root = "/mnt/demo"\n')}
    env["FTPUB_STRICT_DISCOVERY"] = "false"
    run = ftpub(["config", "--show", "demo"], env, tmp_path)
    assert run.code == 0
    assert f'publish_root = "/mnt/demo"  # {tmp_path / "studio.toml"} [shows."demo"]' in run.stdout
    assert "strict_discovery = false  # environment FTPUB_STRICT_DISCOVERY" in run.stdout

    bad = _studio(tmp_path, "publish_root = 1\n")
    run = ftpub(["config"], bad, tmp_path)
    assert run.code == 2
    assert run.last_line == (
        f"ftpub: {tmp_path / 'studio.toml'}: 'publish_root': "
        "expected a folder path (string), got 1 (int)"
    )
