"""pyblish's registries, plugin files and default data through ``pyblish.api.discover`` /
``pyblish.util.publish`` and through ftpub's discovery and runner: they agree, or differ only
as the README's "Coming from pyblish" says."""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pyblish.api
import pyblish.util
import pytest

from ftpub.core.config import Config, load_config
from ftpub.core.context import TaskContext
from ftpub.core.discovery import DISCOVERY_FILTER, REGISTERED_PATH, REGISTERED_PLUGIN, discover
from ftpub.core.publish_data import InstanceData
from ftpub.core.result import Outcome, PublishResult
from ftpub.core.runner import Run, run, start
from tests.engine.pyblish_twins import Registry, processed, snapshot

PluginWriter = Callable[[str, str], Path]
PYBLISH_DEFAULTS = {"CollectCurrentDate", "CollectCurrentUser", "CollectCurrentWorkingDirectory"}
TASK = TaskContext("t1", "compositing", "s1", "sh010", "Shot", "p1", "demo")


class EmptyHost:
    name = "terminal"
    targets = ("default",)

    def current_file(self) -> Path | None:
        return None

    def publishables(self) -> list[InstanceData]:
        return []


class IntegrateRegistered(pyblish.api.ContextPlugin):
    order = pyblish.api.IntegratorOrder

    def process(self, context: pyblish.api.Context) -> None:
        context.data["integrated"] = True


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[Registry]:
    monkeypatch.delenv("PYBLISHPLUGINPATH", raising=False)
    registry = Registry()
    yield registry
    registry.undo()


def _config(tmp_path: Path, extra: str = "") -> Config:
    studio = tmp_path / "studio.toml"
    studio.write_text(f'plugin_paths = ["plugins"]\n{extra}', encoding="utf-8")
    return load_config("demo", {"FTPUB_CONFIG": str(studio)})


def _ours(config: Config) -> dict[str, type[pyblish.api.Plugin]]:
    """ftpub's discovered plugins, without ftpub's own core plugins."""
    discovery = discover("terminal", config, None, {})
    assert discovery.problems == ()
    return {found.name: found.plugin for found in discovery.plugins if found.origin != "core"}


def _theirs(paths: list[str] | None = None) -> dict[str, type[pyblish.api.Plugin]]:
    found = {plugin.__name__: plugin for plugin in pyblish.api.discover(paths=paths)}
    return {name: plugin for name, plugin in found.items() if name not in PYBLISH_DEFAULTS}


HOUDINI_FILE = """
import pyblish.api

class ValidateHoudini(pyblish.api.InstancePlugin):
    hosts = ["houdini"]
    order = pyblish.api.ValidatorOrder
    def process(self, instance):
        pass

class CollectEverywhere(pyblish.api.ContextPlugin):
    order = pyblish.api.CollectorOrder
    def process(self, context):
        context.data["everywhere"] = True
"""


def test_registered_plugins_paths_and_hosts_are_discovered_as_pyblish_discovers_them(
    registry: Registry, tmp_path: Path, write_plugin: PluginWriter
) -> None:
    path = write_plugin("validate_houdini.py", HOUDINI_FILE)
    registry.path(str(path.parent))
    registry.plugin(IntegrateRegistered)
    config = load_config(None, {})
    assert set(_ours(config)) == set(_theirs()) == {"CollectEverywhere", "IntegrateRegistered"}
    registry.host("houdini")
    expected = {"CollectEverywhere", "IntegrateRegistered", "ValidateHoudini"}
    assert set(_ours(config)) == set(_theirs()) == expected
    found = {entry.name: entry for entry in discover("terminal", config, None, {}).plugins}
    assert (found["ValidateHoudini"].origin, found["ValidateHoudini"].file) == (
        REGISTERED_PATH,
        path,
    )
    assert found["IntegrateRegistered"].origin == REGISTERED_PLUGIN
    assert found["IntegrateRegistered"].file == Path(__file__)
    assert not PYBLISH_DEFAULTS & set(found)


def test_pyblish_registries_are_read_never_changed(
    registry: Registry, tmp_path: Path, write_plugin: PluginWriter
) -> None:
    registry.path(str(write_plugin("collect_everywhere.py", HOUDINI_FILE).parent))
    registry.plugin(IntegrateRegistered)
    registry.host("houdini")
    registry.target("studio")
    registry.callback("pluginProcessed", lambda result: None)
    registry.discovery_filter(lambda plugins: None)
    config = _config(
        tmp_path,
        "[plugins.IntegrateFtrack]\nenabled = false\n"
        '[plugins.IntegrateRegistered]\nlabel = "Registered"\n',
    )
    before = snapshot()
    started = start(discover("terminal", config, None, {}), EmptyHost(), TASK, config, ["default"])
    assert isinstance(started, Run)
    while started.step() is not None:
        pass
    assert snapshot() == before
    assert started.result().outcome is Outcome.PUBLISHED
    assert "studio" in started.targets
    labels = {
        result["plugin"].__name__: result["plugin"].label
        for result in started.context.data["results"]
    }
    assert labels["IntegrateRegistered"] == "Registered"
    assert IntegrateRegistered.label is None
    assert started.context.data["integrated"] is True
    assert started.context.data["everywhere"] is True


def _studio_filter(plugins: list[type[pyblish.api.Plugin]]) -> None:
    """What a studio's discovery filter does: drop some plugins, change others."""
    for plugin in list(plugins):
        if plugin.__name__ == "ValidateLegacy":
            plugins.remove(plugin)
        elif plugin.__name__ == "ValidateStrict":
            plugin.optional = True


VALIDATORS = """
import pyblish.api

class ValidateLegacy(pyblish.api.InstancePlugin):
    order = pyblish.api.ValidatorOrder
    def process(self, instance):
        pass

class ValidateStrict(pyblish.api.InstancePlugin):
    order = pyblish.api.ValidatorOrder
    def process(self, instance):
        pass
"""


def test_discovery_filters_remove_and_change_plugins_as_in_pyblish(
    registry: Registry, tmp_path: Path, write_plugin: PluginWriter
) -> None:
    folder = write_plugin("validate_studio.py", VALIDATORS).parent
    registry.discovery_filter(_studio_filter)
    theirs = _theirs([str(folder)])
    ours = _ours(_config(tmp_path))
    assert set(ours) == set(theirs) == {"ValidateStrict"}
    assert ours["ValidateStrict"].optional is theirs["ValidateStrict"].optional is True
    [removed] = discover("terminal", _config(tmp_path), None, {}).disabled
    assert removed.name == "ValidateLegacy"
    assert removed.settings["enabled"] == f"{DISCOVERY_FILTER} {__name__}._studio_filter"


def test_a_failing_discovery_filter_is_a_problem_where_pyblish_raises(
    registry: Registry, tmp_path: Path, write_plugin: PluginWriter
) -> None:
    folder = write_plugin("validate_studio.py", VALIDATORS).parent

    def broken_filter(plugins: list[type[pyblish.api.Plugin]]) -> None:
        raise KeyError("show settings")

    registry.discovery_filter(broken_filter)
    with pytest.raises(KeyError):
        pyblish.api.discover(paths=[str(folder)])
    [problem] = discover("terminal", _config(tmp_path), None, {}).problems
    assert problem.kind == "discovery filter error"
    assert problem.file.endswith("broken_filter")
    assert problem.message == "KeyError: 'show settings'"


@pytest.fixture
def studio_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A studio package on ``sys.path`` holding plugin classes shared between shows."""
    library = tmp_path / "library"
    library.mkdir()
    (library / "studio_shared.py").write_text(
        "import pyblish.api\n"
        "class StudioValidator(pyblish.api.InstancePlugin):\n"
        "    order = pyblish.api.ValidatorOrder\n"
        "    def process(self, instance):\n"
        "        instance.data['checked_by'] = type(self).__name__\n"
        "class ValidateShared(StudioValidator):\n"
        "    pass\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(library))
    monkeypatch.delitem(sys.modules, "studio_shared", raising=False)
    return library / "studio_shared.py"


def test_a_file_that_reexports_a_plugin_class_counts_as_in_pyblish(
    registry: Registry, tmp_path: Path, write_plugin: PluginWriter, studio_library: Path
) -> None:
    folder = write_plugin("validate_shared.py", "from studio_shared import ValidateShared\n").parent
    ours = _ours(_config(tmp_path, "[plugins.ValidateShared]\noptional = true\n"))
    shared = sys.modules["studio_shared"].ValidateShared
    assert issubclass(ours["ValidateShared"], shared)
    assert (ours["ValidateShared"].optional, shared.optional) == (True, False)
    assert inspect.getfile(ours["ValidateShared"]) == inspect.getfile(shared) == str(studio_library)
    assert set(ours) == set(_theirs([str(folder)])) == {"ValidateShared"}


def test_a_class_reexported_by_two_files_counts_once_as_in_pyblish(
    registry: Registry, tmp_path: Path, write_plugin: PluginWriter, studio_library: Path
) -> None:
    write_plugin("a_validate.py", "from studio_shared import ValidateShared\n")
    folder = write_plugin("b_validate.py", "from studio_shared import ValidateShared\n").parent
    discovery = discover("terminal", _config(tmp_path), None, {})
    assert discovery.problems == ()
    [shared] = [found for found in discovery.plugins if found.name == "ValidateShared"]
    assert shared.file == folder / "a_validate.py"
    assert [p.__name__ for p in pyblish.api.discover(paths=[str(folder)])] == ["ValidateShared"]


def test_an_imported_base_class_is_a_plugin_to_pyblish_not_to_ftpub(
    registry: Registry, tmp_path: Path, write_plugin: PluginWriter, studio_library: Path
) -> None:
    folder = write_plugin(
        "validate_names.py",
        "from studio_shared import StudioValidator\n"
        "class ValidateNames(StudioValidator):\n"
        "    pass\n",
    ).parent
    assert set(_theirs([str(folder)])) == {"StudioValidator", "ValidateNames"}
    assert set(_ours(_config(tmp_path))) == {"ValidateNames"}


def test_inspect_finds_a_plugins_file_as_in_pyblish(
    registry: Registry, tmp_path: Path, write_plugin: PluginWriter
) -> None:
    path = write_plugin(
        "collect_source.py",
        """
        import inspect
        import pyblish.api

        class CollectSource(pyblish.api.ContextPlugin):
            def process(self, context):
                context.data["file"] = inspect.getfile(type(self))
                context.data["line"] = inspect.getsourcelines(type(self))[1]
        """,
    )
    theirs = pyblish.api.Context()
    pyblish.util.publish(theirs, list(_theirs([str(path.parent)]).values()))
    ours = pyblish.api.Context()
    run(list(_ours(_config(tmp_path)).values()), ours)
    assert processed(ours) == processed(theirs) == [("CollectSource", None, True)]
    assert ours.data["file"] == theirs.data["file"] == str(path)
    assert ours.data["line"] == theirs.data["line"] == 5


def test_default_context_data_is_set_as_pyblish_sets_it(registry: Registry) -> None:
    theirs = pyblish.util.publish()
    ours = pyblish.api.Context()
    run([], ours)
    assert ours.data["user"] == theirs.data["user"]
    assert ours.data["cwd"] == theirs.data["cwd"]
    stamp = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
    assert stamp.match(theirs.data["date"])
    assert stamp.match(ours.data["date"])


def test_strict_discovery_reports_what_pyblish_skips(
    registry: Registry, tmp_path: Path, write_plugin: PluginWriter
) -> None:
    write_plugin("a_validate.py", VALIDATORS)
    write_plugin("b_validate.py", VALIDATORS)
    write_plugin("c_broken.py", "import no_such_studio_module\n")
    missing = tmp_path / "not_there"
    registry.path(str(missing))
    folder = tmp_path / "plugins"
    assert set(_theirs([str(folder), str(missing)])) == {"ValidateLegacy", "ValidateStrict"}
    discovery = discover("terminal", _config(tmp_path), None, {})
    assert sorted((problem.kind, Path(problem.file).name) for problem in discovery.problems) == [
        ("duplicate", "b_validate.py"),
        ("duplicate", "b_validate.py"),
        ("folder missing", "not_there"),
        ("import error", "c_broken.py"),
    ]
    result = start(discovery, EmptyHost(), TASK, _config(tmp_path), ["default"])
    assert isinstance(result, PublishResult)
    assert result.outcome is Outcome.NOT_STARTED
