"""What an artist's terminal shows when a publish cannot go ahead: a short last line, no
traceback, a documented exit code, and the detail in a report."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest

from ftpub.core import cli
from ftpub.core.files.errors import file_problem
from ftpub.core.report import MAX_LINE, shorten

from .cli_run import cache_instance, ftpub, write_manifest

FAILING_PLUGIN = """
import pyblish.api

class ValidateExplodes(pyblish.api.InstancePlugin):
    order = pyblish.api.ValidatorOrder
    families = ["*"]

    def process(self, instance):
        raise ValueError("the studio check could not parse " + "x" * 2000)
"""


def test_a_failing_plugin_leaves_no_traceback_and_its_detail_in_the_report(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "validate_explodes.py").write_text(textwrap.dedent(FAILING_PLUGIN))
    manifest = write_manifest(tmp_path, task, [cache_instance(tmp_path)])
    env = {**sandbox.env(), "PYBLISHPLUGINPATH": str(plugins)}

    run = ftpub(["validate", "--manifest", str(manifest)], env, tmp_path)

    assert run.code == cli.EXIT_INVALID
    assert "Traceback" not in run.stderr
    assert all(len(line) <= MAX_LINE for line in run.stderr.splitlines())
    assert run.last_line.startswith("ftpub: ValidateExplodes failed: the studio check could not")
    assert run.last_line.endswith("(the rest is in the report)")
    report = run.report()
    assert report["outcome"] == "invalid"
    assert "Traceback" in report["error"]["detail"]
    assert "x" * 2000 in report["error"]["description"]


def test_missing_frames_say_which_without_a_traceback(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    renders = tmp_path / "renders"
    renders.mkdir()
    for frame in (1001, 1002, 1005):
        (renders / f"beauty.{frame}.exr").write_bytes(b"exr")
    instance = {
        "name": "beauty",
        "family": "render",
        "asset": "beauty",
        "asset_type": "img",
        "representations": [
            {"name": "exr", "path": "renders/beauty.####.exr", "frames": "1001-1005"}
        ],
    }
    run = ftpub(
        ["validate", "--manifest", str(write_manifest(tmp_path, task, [instance]))],
        sandbox.env(),
        tmp_path,
    )
    assert run.code == cli.EXIT_INVALID
    assert "Traceback" not in run.stderr
    assert run.last_line.endswith(f"frames missing from {renders}/beauty.%04d.exr: 1003-1004")


def test_a_deeply_nested_manifest_is_a_manifest_error(tmp_path: Path) -> None:
    manifest = tmp_path / "deep.json"
    manifest.write_text("[" * 100_000 + "]" * 100_000)
    run = ftpub(["validate", "--manifest", str(manifest)], {}, tmp_path)
    assert (run.code, run.last_line) == (
        cli.EXIT_USAGE,
        f"ftpub: {manifest}: nested too deeply to be a manifest",
    )
    assert "Traceback" not in run.stderr


def test_a_manifest_with_thousands_of_problems_ends_in_a_short_line(tmp_path: Path) -> None:
    instances = [{"name": i, "family": 1} for i in range(3000)]
    manifest = write_manifest(tmp_path, "some-task", instances)  # type: ignore[arg-type]
    run = ftpub(["validate", "--manifest", str(manifest)], {}, tmp_path)
    assert run.code == cli.EXIT_USAGE
    assert len(run.last_line) <= MAX_LINE
    assert run.last_line.startswith(f"ftpub: {manifest}: instances[0].name: expected a string")
    assert "instances[2999].asset" in run.report()["error"]["description"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("folder", "is a folder, not a file"),
        ("loop", "is a symlink loop"),
        ("dangling", "is a symlink to"),
        ("missing.json", "does not exist"),
    ],
)
def test_a_manifest_path_that_is_no_file_says_what_it_is(
    tmp_path: Path, name: str, expected: str
) -> None:
    (tmp_path / "folder").mkdir()
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling")
    run = ftpub(["validate", "--manifest", name], {}, tmp_path)
    assert run.code == cli.EXIT_USAGE
    assert expected in run.last_line
    assert "Traceback" not in run.stderr


def test_file_problems_are_said_as_what_they_are(tmp_path: Path) -> None:
    (tmp_path / "file.abc").write_text("a")
    os.symlink("loop", tmp_path / "loop")
    assert file_problem(tmp_path / "file.abc") is None
    assert file_problem("") == "the path is empty"
    assert file_problem(tmp_path) == f"{tmp_path} is a folder, not a file"
    assert file_problem("/dev/zero") == "/dev/zero is a device, not a file"
    assert file_problem(tmp_path / "loop") == (
        f"{tmp_path / 'loop'} is a symlink loop (its links point at each other)"
    )
    assert file_problem(tmp_path / "file.abc" / "x") == (
        f"{tmp_path / 'file.abc' / 'x'} does not exist (a part of its folder path is a file)"
    )


def test_a_device_or_folder_as_representation_fails_validation_as_what_it_is(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    (tmp_path / "a_folder.abc").mkdir()
    instance = cache_instance(tmp_path)
    instance["representations"] = [
        {"name": "abc", "path": "a_folder.abc"},
        {"name": "raw", "path": "/dev/zero"},
    ]
    manifest = write_manifest(tmp_path, task, [instance])
    run = ftpub(["validate", "--manifest", str(manifest)], sandbox.env(), tmp_path)
    assert run.code == cli.EXIT_INVALID
    assert run.last_line.startswith(
        f"ftpub: Missing files: abc: {tmp_path}/a_folder.abc is a folder, not a file; "
        "raw: /dev/zero is a device, not a file"
    )


def test_a_frame_that_is_a_folder_fails_validation_as_what_it_is(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    renders = tmp_path / "renders"
    renders.mkdir()
    (renders / "beauty.1001.exr").write_bytes(b"exr")
    (renders / "beauty.1002.exr").mkdir()
    instance = {
        "name": "beauty",
        "family": "render",
        "asset": "beauty",
        "asset_type": "img",
        "representations": [{"name": "exr", "path": "renders/beauty.####.exr"}],
    }
    manifest = write_manifest(tmp_path, task, [instance])
    run = ftpub(["validate", "--manifest", str(manifest)], sandbox.env(), tmp_path)
    assert (run.code, run.last_line) == (
        cli.EXIT_INVALID,
        f"ftpub: Missing files: exr: {renders}/beauty.1002.exr is a folder, not a file",
    )


def test_shorten_keeps_short_lines_and_cuts_long_ones() -> None:
    assert shorten("a  b\nc") == "a b c"
    long = shorten("word " * 200)
    assert len(long) <= MAX_LINE
    assert long.endswith("… (the rest is in the report)")


CRASHING_COMMANDS = "tests.engine.crashing_command"


def test_a_bug_exits_1_with_a_crash_report_and_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    installed = cli.command_modules()
    monkeypatch.setattr(cli, "command_modules", lambda: [*installed, CRASHING_COMMANDS])
    assert cli.main(["crash"]) == cli.EXIT_INTERNAL
    last = capsys.readouterr().err.rstrip().splitlines()[-1]
    assert last.startswith("ftpub: internal error (KeyError: 'frame_start'); crash report: ")
    report = json.loads(Path(last.rsplit(": ", 1)[1]).read_text())
    assert report["outcome"] == "crashed"
    assert "raise KeyError" in report["error"]["detail"]
    assert report["argv"] == ["crash"]


def test_help_has_no_rest_markup_and_version_is_printed(tmp_path: Path) -> None:
    for args in (["--help"], ["publish", "--help"], ["sandbox", "serve", "--help"]):
        run = ftpub(args, {}, tmp_path)
        assert run.code == 0
        for markup in ("``", ":class:", ":func:", ":data:"):
            assert markup not in run.stdout
    run = ftpub(["--version"], {}, tmp_path)
    assert (run.code, run.stdout.strip()) == (0, "ftpub 0.1.0")


def test_an_unwritable_report_is_said_and_the_error_still_ends_stderr(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text('{"ftpub_manifest": 2}')
    run = ftpub(
        ["validate", "--manifest", "m.json", "--report", "/proc/no/report.json"], {}, tmp_path
    )
    assert run.code == cli.EXIT_USAGE
    assert "ftpub: could not write the report /proc/no/report.json: " in run.stderr
    assert run.last_line == f"ftpub: {tmp_path}/m.json: ftpub_manifest: expected 1, got 2"


def test_the_demo_ends_on_its_outcome_line(tmp_path: Path) -> None:
    """The demo runs its sandbox in its own process; nothing the sandbox kept may print after
    the outcome line when that process exits (media bindings report what they find leaked)."""
    run = ftpub(["demo", "--data", str(tmp_path / "sandbox")], {}, tmp_path)
    assert run.code == cli.EXIT_OK, run.stderr
    assert run.last_line == "ftpub: published: 2 instances"
