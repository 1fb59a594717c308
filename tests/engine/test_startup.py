"""``ftpub --help`` loads only what it needs; the command groups come from entry points."""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import ftpub.core.cli

HEAVY = ("ftrack_api", "pyblish", "lark", "requests", "ftpub.hosts", "ftpub.sandbox.app")
PUBLISH_NEVER = ("ftpub.sandbox.server", "ftpub.sandbox.query", "lark")


def _modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


def test_help_imports_no_ftrack_client_pyblish_server_or_host() -> None:
    loaded = _modules_after(
        "import contextlib, io\n"
        "from ftpub.core.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])"
    )
    assert "ftpub.core.publish_cli" in loaded
    commands_of_hosts = {"ftpub.hosts", "ftpub.hosts.farm", "ftpub.hosts.farm.cli"}
    assert sorted(m for m in loaded - commands_of_hosts if m.startswith(HEAVY)) == []


def test_validate_does_not_load_the_sandbox_server_or_query_grammar(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text('{"ftpub_manifest": 1}')
    loaded = _modules_after(
        "import contextlib, io, os\n"
        "os.environ.update(FTRACK_SERVER='http://127.0.0.1:9', FTRACK_API_USER='u',"
        " FTRACK_API_KEY='k', XDG_STATE_HOME=" + repr(str(tmp_path)) + ")\n"
        "from ftpub.core.cli import main\n"
        "with contextlib.redirect_stderr(io.StringIO()):\n"
        "    main(['validate', '--manifest', " + repr(str(tmp_path / "m.json")) + "])"
    )
    assert "ftpub.hosts.farm.manifest" in loaded
    assert sorted(m for m in loaded if m.startswith(PUBLISH_NEVER)) == []


def test_core_cli_imports_neither_hosts_nor_sandbox() -> None:
    tree = ast.parse(Path(ftpub.core.cli.__file__).read_text())
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not {name for name in imported if "hosts" in name or "sandbox" in name}


def test_every_command_group_is_an_entry_point_with_register() -> None:
    entries = {e.name: e.value for e in metadata.entry_points(group="ftpub.commands")}
    assert entries == {
        "browse": "ftpub.core.browse_cli",
        "demo": "ftpub.sandbox.demo_cli",
        "events": "ftpub.core.events_cli",
        "farm": "ftpub.hosts.farm.cli",
        "publish": "ftpub.core.publish_cli",
        "sandbox": "ftpub.sandbox.cli",
        "startup": "ftpub.core.startup_cli",
        "window": "ftpub.core.window_cli",
    }
    assert ftpub.core.cli.command_modules() == [entries[name] for name in sorted(entries)]
    help_text = ftpub.core.cli.build_parser().format_help()
    for command in (
        "tasks",
        "versions",
        "demo",
        "publish",
        "validate",
        "plugins",
        "sandbox",
        "startup",
    ):
        assert f"\n    {command} " in help_text


def test_python_m_ftpub_sandbox_has_the_sandbox_commands() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ftpub.sandbox", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert "serve     serve a sandbox in the foreground" in done.stdout


def test_an_install_without_the_entry_points_says_how_to_fix_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(metadata, "entry_points", lambda group: [])
    assert ftpub.core.cli.main(["--help"]) == ftpub.core.cli.EXIT_USAGE
    assert "reinstall ftpub" in capsys.readouterr().err
