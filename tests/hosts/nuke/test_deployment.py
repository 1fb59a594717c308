"""Deployment: ``ftpub startup nuke``'s environment finds the startup folder, whose ``init.py``
and ``menu.py`` load ftpub into a Python that does not have it, against the fake ``nuke``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hosts.nuke.conftest import FAKES

# What Nuke does at startup, in a Python without ftpub's site-packages (-I: no PYTHONPATH or
# user site; -S: no site-packages): put each NUKE_PATH folder on sys.path, run its init.py,
# then, with an interface, its menu.py.
NUKE_STARTUP = """
import json, os, runpy, sys
fakes, gui, nuke_path = sys.argv[1], sys.argv[2] == "gui", sys.argv[3]
sys.path.insert(0, fakes)
try:
    import ftpub
    sys.exit("ftpub was importable before init.py ran")
except ImportError:
    pass
from nuke import _script
_script.SCRIPT.gui = gui
_script.SCRIPT.raw_args = ["nuke"] if gui else ["nuke", "-t"]
folders = [f for f in nuke_path.split(os.pathsep) if os.path.isfile(os.path.join(f, "init.py"))]
for folder in folders:
    sys.path.insert(0, folder)
    runpy.run_path(os.path.join(folder, "init.py"))
if gui:
    for folder in folders:
        runpy.run_path(os.path.join(folder, "menu.py"))
import ftpub.core
menubar = _script.SCRIPT.menus.get("Nuke")
print(json.dumps({
    "ftpub": ftpub.core.__file__,
    "menu": [list(item.commands()) for item in (menubar.items if menubar else [])],
}))
"""


def _ftpub(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ftpub.core.cli", *args], capture_output=True, text=True
    )


def _startup_environment() -> dict[str, str]:
    done = _ftpub("startup", "nuke", "--json")
    assert done.returncode == 0, done.stderr
    environment: dict[str, str] = json.loads(done.stdout)
    return environment


def _start_nuke(environment: dict[str, str], gui: bool) -> dict[str, object]:
    env = {**os.environ, **environment}
    done = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            NUKE_STARTUP,
            str(FAKES),
            "gui" if gui else "t",
            *([environment["NUKE_PATH"]]),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_startup_lines_name_the_startup_folder() -> None:
    done = _ftpub("startup", "nuke")
    lines = dict(line.split("=", 1) for line in done.stdout.splitlines())
    assert set(lines) == {"NUKE_PATH", "FTPUB_PYTHONPATH"}
    folder = Path(lines["NUKE_PATH"])
    assert sorted(p.name for p in folder.glob("*.py")) == [
        "ftpub_batch.py",
        "ftpub_site.py",
        "init.py",
        "menu.py",
    ]


def test_init_and_menu_load_ftpub_and_its_menu_in_nuke() -> None:
    loaded = _start_nuke(_startup_environment(), gui=True)
    assert Path(str(loaded["ftpub"])).parent.name == "core"
    assert loaded["menu"] == [["Create…", "Set task…", "Validate…", "Publish…"]]


def test_terminal_mode_loads_ftpub_without_a_menu() -> None:
    loaded = _start_nuke(_startup_environment(), gui=False)
    assert loaded["menu"] == []


def test_batch_names_the_batch_script_beside_init_py() -> None:
    done = _ftpub("startup", "nuke", "--batch")
    assert done.returncode == 0, done.stderr
    script = Path(done.stdout.strip())
    assert script.name == "ftpub_batch.py"
    assert str(script.parent) == _startup_environment()["NUKE_PATH"]


@pytest.mark.parametrize("host", ["farm", "nosuch"])
def test_batch_of_a_host_without_one_is_a_usage_error(host: str) -> None:
    done = _ftpub("startup", host, "--batch")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].startswith("ftpub: ")


def test_nukes_plugins_are_listed_outside_nuke() -> None:
    """``ftpub plugins --host nuke`` in a Python without ``nuke``: no plugin imports it."""
    done = _ftpub("plugins", "--host", "nuke")
    assert done.returncode == 0, done.stderr
    listed = [line.split()[2] for line in done.stdout.splitlines() if not line.startswith("    ")]
    for plugin in (
        "CollectWrites",
        "ValidateWriteEnabled",
        "ValidateColorspace",
        "ValidateFileType",
        "ValidateRenderArea",
        "ExtractRender",
        "ValidateRenderedFrames",
        "CollectFarmJob",
        "ValidateFarmJob",
        "HandOverToFarm",
        "WriteFarmJobs",
    ):
        assert plugin in listed
