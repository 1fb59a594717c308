"""Window overhead: 50 instances published through the window against the headless runner.

Both publish the same 50 single-file instances (64 KB each) to one task of a local sandbox,
with ftpub's plugins, rounds alternating which goes first. The window runs offscreen and
steps the run from its event loop, one step per turn, its instance list, results, log and
progress catching up every ``REFRESH_MS`` (200 ms), and runs the integration's ftrack calls
and transfers in a worker thread; the headless side calls ``runner.publish``. Each side opens
its own ftrack session. Timed from the click (or the call) to the result; the window's
read-back of the versions and thumbnails happens afterwards, in a worker thread, and is not
counted.

    python bench/window_overhead.py [--rounds 7] [--instances 50]

Prints the best and median of each, and their ratios (goal: at most 1.3). On a busy machine
the medians wander; the bests show the window's own cost.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from qtpy import QtCore, QtWidgets

from ftpub.core.config import load_config
from ftpub.core.context import TaskContext, resolve_task
from ftpub.core.discovery import discover
from ftpub.core.ftrack.session import open_session
from ftpub.core.hooks import plugin_manager
from ftpub.core.result import Outcome, PublishResult
from ftpub.core.runner import publish
from ftpub.core.ui.desktop import DesktopHost, instances_from_paths
from ftpub.core.ui.window import PublishWindow
from ftpub.sandbox.testing import SandboxProcess

FILE_SIZE = 64 * 1024


def _files(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for index in range(count):
        path = folder / f"prop_{index:03d}.abc"
        path.write_bytes(os.urandom(FILE_SIZE))
        paths.append(path)
    return paths


def headless(host: DesktopHost, task: TaskContext) -> float:
    """Seconds to publish with ``runner.publish``."""
    start = time.perf_counter()
    session = open_session()
    try:
        config = load_config(task.project_name)
        hooks = plugin_manager()
        discovery = discover(host.name, config, hooks)
        result = publish(
            discovery, host, task, config, host.targets, "bench", session=session, hooks=hooks
        )
    finally:
        session.close()
    elapsed = time.perf_counter() - start
    _check(result)
    return elapsed


def through_window(window: PublishWindow) -> float:
    """Seconds from the click on Publish to the result; then waits for the read-back."""
    finished: list[float] = []
    loop = QtCore.QEventLoop()

    def done(_: PublishResult) -> None:
        finished.append(time.perf_counter())

    window.publisher.finished.connect(done)
    window.publisher.versions.connect(loop.quit)
    window.publisher.message.connect(loop.quit)
    start = time.perf_counter()
    window.publish_button.click()
    loop.exec()
    for signal, slot in (
        (window.publisher.finished, done),
        (window.publisher.versions, loop.quit),
        (window.publisher.message, loop.quit),
    ):
        signal.disconnect(slot)
    assert window.publisher.result is not None
    _check(window.publisher.result)
    return finished[0] - start


def _check(result: PublishResult) -> None:
    if result.outcome is not Outcome.PUBLISHED:
        raise SystemExit(f"the publish failed: {result.error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--instances", type=int, default=50)
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    work = Path(tempfile.mkdtemp(prefix="ftpub-bench-window-"))
    for variable in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(work / variable.lower())
    os.environ["FTPUB_PUBLISH_ROOT"] = str(work / "publish")
    os.environ.pop("PYBLISHPLUGINPATH", None)
    os.environ.pop("FTPUB_CONFIG", None)
    app = QtWidgets.QApplication(["bench"])
    with SandboxProcess(work / "sandbox") as sandbox:
        os.environ.update(sandbox.env())
        session = sandbox.session()
        task_id = session.query(
            'select id from Task where name is "compositing" and parent.name is "sh010"'
        ).one()["id"]
        task = resolve_task(session, task_id)
        session.close()
        host = DesktopHost(instances_from_paths(_files(work / "files", args.instances)))
        window = PublishWindow(host, host.targets, open_session)
        window.task_picked(task)
        window.show()
        sides = {
            "headless runner": lambda: headless(host, task),
            "window": lambda: through_window(window),
        }
        for function in sides.values():
            function()
        times: dict[str, list[float]] = {name: [] for name in sides}
        for round_index in range(args.rounds):
            order = list(sides) if round_index % 2 == 0 else list(reversed(sides))
            for name in order:
                times[name].append(sides[name]())
        window.close()
        window.deleteLater()
        app.processEvents()
    print(f"{args.instances} instances of {FILE_SIZE // 1024} KB, {args.rounds} rounds each")
    for name, values in times.items():
        best, median = min(values) * 1000, statistics.median(values) * 1000
        print(f"  {name:<16} best {best:8.1f} ms   median {median:8.1f} ms")
    ratio = statistics.median(times["window"]) / statistics.median(times["headless runner"])
    best = min(times["window"]) / min(times["headless runner"])
    print(f"  window / headless: medians {ratio:.2f}x, bests {best:.2f}x  (goal <= 1.30x)")


if __name__ == "__main__":
    main()
