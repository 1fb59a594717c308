"""Deployment: ``ftpub startup houdini``'s environment finds the Houdini package, which puts
the startup folder (``MainMenuCommon.xml``, ``scripts/python/pythonrc.py``) on HOUDINI_PATH;
the startup script loads ftpub into a Python that does not have it, and the menu's items run,
all against the fake ``hou``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from tests.hosts.houdini.conftest import FAKE

# What Houdini does, in a Python without ftpub's site-packages (-I: no PYTHONPATH or user site;
# -S: no site-packages): run pythonrc.py; then, with a UI (its main window), an artist picks the
# menu's items.
HOUDINI_SESSION = """
import json, runpy, sys
sys.path.insert(0, sys.argv[1])
try:
    import ftpub
    sys.exit("ftpub was importable before pythonrc.py ran")
except ImportError:
    pass
runpy.run_path(sys.argv[2])
from hou import _session
session = _session.reset()
session.add("/out/geo1", "geometry", sopoutput="$HIP/geo/$OS.$F4.bgeo.sc")
session.selection = ["/out/geo1"]
session.answers = [(0, "smoke"), (1, "")]
from qtpy import QtWidgets
application = QtWidgets.QApplication([])
session.main_window = QtWidgets.QMainWindow()
items = json.loads(sys.argv[3])
windows = {}
for label, code in items.items():
    namespace = {}
    exec(code, namespace)
windows = [w for w in application.topLevelWidgets() if w.isVisible()]
print(json.dumps({
    "marked": session.nodes["/out/geo1"].parms["ftpub_asset"].raw,
    "questions": [call.args[0] for call in session.mutations("ui.readInput")],
    "windows": [w.publish_button.isVisible() for w in windows if hasattr(w, "publish_button")],
}))
"""


def _startup_environment() -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "ftpub.core.cli", "startup", "houdini", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    environment: dict[str, str] = json.loads(done.stdout)
    return environment


def _startup_folder(package_dir: str) -> Path:
    """The folder the package adds to HOUDINI_PATH, read from its JSON as Houdini does."""
    [package] = [Path(p) / "ftpub.json" for p in package_dir.split(os.pathsep)]
    declared = json.loads(package.read_text(encoding="utf-8"))
    hpath = declared["hpath"].replace("$HOUDINI_PACKAGE_PATH", str(package.parent))
    [env] = declared["env"]
    assert env == {"FTPUB_HOUDINI_STARTUP": declared["hpath"]}
    return Path(hpath)


def _menu_items(menu_file: Path) -> dict[str, str]:
    """The ftpub menu's items: label → Python script."""
    root = ElementTree.parse(menu_file).getroot()
    assert root.tag == "mainMenu"
    [submenu] = root.findall("./menuBar/subMenu[@id='ftpub_menu']")
    assert submenu.findtext("label") == "ftpub"
    return {
        item.findtext("label", ""): item.findtext("scriptCode", "")
        for item in submenu.findall("scriptItem")
    }


def test_the_package_puts_the_menu_and_startup_script_on_houdini_path(tmp_path: Path) -> None:
    environment = _startup_environment()
    assert set(environment) == {"HOUDINI_PACKAGE_DIR", "FTPUB_PYTHONPATH"}
    startup = _startup_folder(environment["HOUDINI_PACKAGE_DIR"])
    items = _menu_items(startup / "MainMenuCommon.xml")
    assert list(items) == ["Create...", "Set task...", "Validate...", "Publish..."]
    pythonrc = startup / "scripts" / "python" / "pythonrc.py"
    assert pythonrc.is_file()
    done = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            HOUDINI_SESSION,
            str(FAKE),
            str(pythonrc),
            json.dumps(items),
        ],
        env={
            "FTPUB_PYTHONPATH": environment["FTPUB_PYTHONPATH"],
            "PATH": os.environ["PATH"],
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(tmp_path),
        },
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    ran = json.loads(done.stdout.splitlines()[-1])
    assert ran["marked"] == "smoke"
    assert ran["questions"] == ["Asset name in ftrack:", "ftrack task id:"]
    assert ran["windows"] == [True]
