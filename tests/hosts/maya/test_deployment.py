"""Deployment: ``ftpub startup maya``'s environment finds the Maya module and its
``userSetup.py``, which loads ftpub into a Python that does not have it, against the fake."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.hosts.maya.conftest import FAKES

# What Maya does at startup, in a Python without ftpub's site-packages (-I: no PYTHONPATH or
# user site; -S: no site-packages): run userSetup.py, then the deferred calls once the UI is up.
MAYA_STARTUP = """
import json, runpy, sys
sys.path.insert(0, sys.argv[1])
try:
    import ftpub
    sys.exit("ftpub was importable before userSetup.py ran")
except ImportError:
    pass
from maya import _scene
runpy.run_path(sys.argv[2])
for deferred in _scene.SCENE.deferred:
    deferred()
import ftpub.core
print(json.dumps({
    "ftpub": ftpub.core.__file__,
    "menu": [path for path, _ in _scene.SCENE.menus["ftpubMenu"]],
}))
"""


def _startup_environment() -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "ftpub.core.cli", "startup", "maya", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    environment: dict[str, str] = json.loads(done.stdout)
    return environment


def _module_scripts(module_path: str) -> Path:
    """The scripts folder of the ftpub module, read from its .mod file as Maya does."""
    [folder] = [Path(p) for p in module_path.split(os.pathsep) if (Path(p) / "ftpub.mod").is_file()]
    lines = (folder / "ftpub.mod").read_text(encoding="utf-8").splitlines()
    _, name, version, root = lines[0].split()
    assert (name, version) == ("ftpub", "0.1.0")
    scripts = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)["scripts"]
    return (folder / root / scripts).resolve()


def test_startup_environment_loads_ftpub_and_its_menu_in_maya() -> None:
    environment = _startup_environment()
    assert set(environment) == {"MAYA_MODULE_PATH", "FTPUB_PYTHONPATH"}
    user_setup = _module_scripts(environment["MAYA_MODULE_PATH"]) / "userSetup.py"
    assert user_setup.is_file()
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", MAYA_STARTUP, str(FAKES), str(user_setup)],
        env={"FTPUB_PYTHONPATH": environment["FTPUB_PYTHONPATH"], "PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    assert loaded["menu"][-2:] == ["ftpubMenu|Validate…", "ftpubMenu|Publish…"]
    assert Path(loaded["ftpub"]).parent.name == "core"
