"""The host seam: hosts found through entry points, the task's sources, ``ftpub startup``."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import ftpub.core
from ftpub.core.cli import main
from ftpub.core.context import find_task_id
from ftpub.core.hooks import HostAdapter, plugin_manager
from ftpub.core.host import HostError
from ftpub.core.host_registry import UnknownHostError, find_host, host_entries, open_host
from ftpub.core.startup_cli import startup_environment
from tests.hosts.memory_host import MemoryHost, MemoryHostPlugin

DCC_MODULES = {"maya", "nuke", "hou", "pymel", "bpy"}


def _manifest(tmp_path: Path) -> Path:
    (tmp_path / "a.abc").write_bytes(b"abc")
    path = tmp_path / "manifest.json"
    table = {
        "ftpub_manifest": 1,
        "task_id": "task-1",
        "comment": "from the farm",
        "instances": [
            {
                "name": "a",
                "family": "pointcache",
                "asset": "a",
                "asset_type": "geo",
                "representations": [{"name": "abc", "path": "a.abc"}],
            }
        ],
    }
    path.write_text(json.dumps(table), encoding="utf-8")
    return path


def test_the_farm_host_is_found_through_its_entry_point(tmp_path: Path) -> None:
    host = open_host("farm", _manifest(tmp_path))
    assert isinstance(host, HostAdapter)
    assert (host.name, host.targets, host.comment) == ("farm", ("default", "farm"), "from the farm")
    assert host.stored_task_id() == "task-1"
    [publishable] = host.publishables()
    assert (publishable.data.name, publishable.active) == ("a", True)


def test_a_bad_manifest_is_a_host_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(HostError, match=r"broken\.json: not JSON"):
        open_host("farm", path)
    with pytest.raises(HostError, match="give its path"):
        open_host("farm", None)


def test_an_unknown_host_is_refused_with_the_known_ones() -> None:
    with pytest.raises(UnknownHostError) as caught:
        find_host("blender")
    assert "farm" in caught.value.known
    assert str(caught.value).startswith("unknown host 'blender' (known hosts: ")


def test_ftpub_plugins_refuses_an_unknown_host(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--host", "blender"]) == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("ftpub: unknown host 'blender' (known hosts: ")
    assert "farm" in last


def test_a_registered_host_gives_its_startup_environment() -> None:
    hooks = plugin_manager(entry_points=False)
    hooks.register(MemoryHostPlugin(MemoryHost(), {"MEMORY_PATH": ["/a", "/b"]}))
    assert list(host_entries(hooks)) == ["memory"]
    assert startup_environment("memory", hooks) == {"MEMORY_PATH": "/a:/b"}


def test_ftpub_startup_refuses_hosts_it_cannot_start(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["startup", "blender"]) == 2
    assert capsys.readouterr().err.startswith("ftpub: unknown host 'blender' (known hosts: ")
    assert main(["startup", "farm", "--json"]) == 2
    assert capsys.readouterr().err == (
        "ftpub: the farm host is not launched as an application: nothing to set\n"
    )


@pytest.mark.parametrize(
    ("stored", "environ", "expected"),
    [
        ("scene-task", {"FTRACK_TASKID": "t", "FTRACK_CONTEXTID": "c"}, "scene-task"),
        (None, {"FTRACK_TASKID": "t", "FTRACK_CONTEXTID": "c"}, "t"),
        (None, {"FTRACK_TASKID": "", "FTRACK_CONTEXTID": "c"}, "c"),
        (None, {}, None),
    ],
)
def test_the_task_is_the_scenes_then_ftrack_connects(
    stored: str | None, environ: dict[str, str], expected: str | None
) -> None:
    assert find_task_id(MemoryHost(task_id=stored), environ) == expected


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_imports_no_host_and_no_dcc() -> None:
    core = Path(ftpub.core.__file__).parent
    offenders = {
        f"{path.relative_to(core)}: {name}"
        for path in core.rglob("*.py")
        for name in _imports(path)
        if name.startswith("ftpub.hosts") or name.split(".")[0] in DCC_MODULES
    }
    assert offenders == set()


def test_every_hosts_plugin_folder_is_a_package_the_wheel_ships() -> None:
    hosts = Path(ftpub.core.__file__).parent.parent / "hosts"
    folders = {path.parent for path in hosts.glob("*/plugins/*.py")}
    assert folders, "no host plugin folders found"
    assert {f for f in folders if not (f / "__init__.py").is_file()} == set()
