from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.config import Config, load_config
from ftpub.core.discovery import Discovery, discover
from ftpub.core.hooks import hookimpl, plugin_manager
from ftpub.core.host import HostEntry

PluginWriter = Callable[[str, str], Path]

VALIDATOR = """
import pyblish.api

class {name}(pyblish.api.InstancePlugin):
    order = pyblish.api.ValidatorOrder
    families = ["model"]
    allowed = ["1920x1080"]
    def process(self, instance):
        pass
"""


def _config(tmp_path: Path, extra: str = "") -> Config:
    studio = tmp_path / "studio.toml"
    studio.write_text(f'plugin_paths = ["plugins"]\n{extra}', encoding="utf-8")
    return load_config("demo", {"FTPUB_CONFIG": str(studio)})


def test_shipped_plugin_folders_load_without_problems(tmp_path: Path) -> None:
    discovery = discover("farm", load_config(None, {}), None, {})
    assert discovery.problems == ()
    assert [found.name for found in discovery.plugins] == [
        "CollectPublishables",
        "CollectWorkfile",
        "CollectShotAttributes",
        "CollectFarmManifest",
        "CheckPublishData",
        "ValidateRepresentationFiles",
        "ValidateSceneSaved",
        "ValidateInstances",
        "ValidateReviewMedia",
        "ValidateFrameRange",
        "ValidateFps",
        "ValidateFtrackContext",
        "ExtractReviewMedia",
        "IntegrateFtrack",
    ]
    assert {found.origin for found in discovery.plugins} == {"core", "host farm"}


def test_import_error_is_reported_with_file_and_traceback(
    tmp_path: Path, write_plugin: PluginWriter
) -> None:
    broken = write_plugin(
        "validate_broken.py", "import pyblish.api\nimport no_such_studio_module\n"
    )
    write_plugin("validate_good.py", VALIDATOR.format(name="ValidateGood"))
    discovery = discover("farm", _config(tmp_path), None, {})
    [problem] = discovery.problems
    assert problem.kind == "import error"
    assert problem.file == str(broken)
    assert "ModuleNotFoundError: No module named 'no_such_studio_module'" in problem.message
    assert problem.detail.splitlines()[1] == f'  File "{broken}", line 2, in <module>'
    assert "ValidateGood" in [found.name for found in discovery.plugins]


def test_duplicate_plugin_name_is_reported_and_the_first_kept(
    tmp_path: Path, write_plugin: PluginWriter
) -> None:
    first = write_plugin("a_validate.py", VALIDATOR.format(name="ValidateSame"))
    second = write_plugin("b_validate.py", VALIDATOR.format(name="ValidateSame"))
    discovery = discover("farm", _config(tmp_path), None, {})
    [problem] = discovery.problems
    assert (problem.kind, problem.file) == ("duplicate", str(second))
    assert str(first) in problem.message
    [kept] = [found for found in discovery.plugins if found.name == "ValidateSame"]
    assert kept.file == first


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            'families = ("model",)\n    def process(self, instance): pass',
            "'families' must be a list",
        ),
        ("def process(self, instance, extra): pass", "exactly one argument"),
        ('order = "late"\n    def process(self, instance): pass', "'order' must be a number"),
        ('requires = "pyblish>=99"\n    def process(self, instance): pass', "not this pyblish"),
    ],
)
def test_invalid_plugin_is_reported_with_the_reason(
    tmp_path: Path, write_plugin: PluginWriter, body: str, reason: str
) -> None:
    path = write_plugin(
        "validate_bad.py",
        f"import pyblish.api\nclass ValidateBad(pyblish.api.InstancePlugin):\n    {body}\n",
    )
    discovery = discover("farm", _config(tmp_path), None, {})
    [problem] = discovery.problems
    assert (problem.kind, problem.file) == ("invalid", str(path))
    assert problem.message.startswith("ValidateBad: ")
    assert reason in problem.message
    assert "ValidateBad" not in [found.name for found in discovery.plugins]


def test_base_classes_imported_into_a_plugin_file_are_not_plugins(
    tmp_path: Path, write_plugin: PluginWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "studio_base.py").write_text(
        "import pyblish.api\n"
        "class StudioValidator(pyblish.api.InstancePlugin):\n"
        "    order = pyblish.api.ValidatorOrder\n"
        "    def process(self, instance):\n"
        "        pass\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(library))
    monkeypatch.delitem(sys.modules, "studio_base", raising=False)
    write_plugin(
        "validate_names.py",
        """
        from pyblish.api import ContextPlugin, InstancePlugin
        from studio_base import StudioValidator

        class ValidateNames(StudioValidator):
            pass
        """,
    )
    discovery = discover("farm", _config(tmp_path), None, {})
    assert discovery.problems == ()
    names = [found.name for found in discovery.plugins]
    assert "ValidateNames" in names
    assert not {"StudioValidator", "ContextPlugin", "InstancePlugin"} & set(names)


def test_show_settings_are_applied_and_enabled_false_disables(
    tmp_path: Path, write_plugin: PluginWriter
) -> None:
    write_plugin("validate_resolution.py", VALIDATOR.format(name="ValidateResolution"))
    write_plugin("validate_frames.py", VALIDATOR.format(name="ValidateFrames"))
    config = _config(
        tmp_path,
        '[shows."demo".plugins.ValidateResolution]\n'
        'allowed = ["2048x858"]\nfamilies = ["model", "rig"]\noptional = true\n'
        '[shows."demo".plugins.ValidateFrames]\nenabled = false\n',
    )
    discovery = discover("farm", config, None, {})
    assert discovery.problems == ()
    [resolution] = [found for found in discovery.plugins if found.name == "ValidateResolution"]
    assert resolution.plugin.allowed == ["2048x858"]
    assert resolution.plugin.families == ["model", "rig"]
    assert resolution.plugin.optional is True
    assert resolution.settings["allowed"].endswith('[shows."demo"]')
    assert [found.name for found in discovery.disabled] == ["ValidateFrames"]
    assert "ValidateFrames" not in [found.name for found in discovery.plugins]


def _plugin(discovery: Discovery, name: str) -> type:
    return next(found.plugin for found in discovery.plugins if found.name == name)


def test_settings_are_fresh_for_every_discovery(tmp_path: Path, write_plugin: PluginWriter) -> None:
    write_plugin("validate_resolution.py", VALIDATOR.format(name="ValidateResolution"))
    shows = (
        '[shows."demo".plugins.ValidateResolution]\nallowed = ["2048x858"]\n'
        '[shows."other".plugins.ValidateResolution]\nactive = false\n'
    )
    studio = tmp_path / "studio.toml"
    studio.write_text(f'plugin_paths = ["plugins"]\n{shows}', encoding="utf-8")
    environ = {"FTPUB_CONFIG": str(studio)}
    demo = _plugin(discover("farm", load_config("demo", environ), None, {}), "ValidateResolution")
    other = _plugin(discover("farm", load_config("other", environ), None, {}), "ValidateResolution")
    assert demo is not other
    assert (demo.allowed, demo.active) == (["2048x858"], True)
    assert (other.allowed, other.active) == (["1920x1080"], False)


@pytest.mark.parametrize(
    ("setting", "reason"),
    [
        ("colour = 'red'", "sets 'colour', which the plugin does not have"),
        ("families = 'model'", "'families' must be list"),
        ("enabled = 'no'", "'enabled' must be true or false"),
    ],
)
def test_bad_settings_are_problems(
    tmp_path: Path, write_plugin: PluginWriter, setting: str, reason: str
) -> None:
    write_plugin("validate_resolution.py", VALIDATOR.format(name="ValidateResolution"))
    config = _config(tmp_path, f'[shows."demo".plugins.ValidateResolution]\n{setting}\n')
    [problem] = discover("farm", config, None, {}).problems
    assert problem.kind == "invalid"
    assert reason in problem.message
    assert '[shows."demo"]' in problem.message


def test_host_specific_plugins_and_pyblishpluginpath(tmp_path: Path) -> None:
    extra = tmp_path / "env_plugins"
    extra.mkdir()
    (extra / "collect_maya_only.py").write_text(
        "import pyblish.api\n"
        "class CollectMayaOnly(pyblish.api.ContextPlugin):\n"
        "    hosts = ['maya']\n"
        "    def process(self, context):\n"
        "        pass\n"
        "class CollectAnywhere(pyblish.api.ContextPlugin):\n"
        "    def process(self, context):\n"
        "        pass\n",
        encoding="utf-8",
    )
    environ = {"PYBLISHPLUGINPATH": str(extra)}
    farm = discover("farm", load_config(None, {}), None, environ)
    maya = discover("maya", load_config(None, {}), None, environ)
    assert "CollectMayaOnly" not in [found.name for found in farm.plugins]
    assert {"CollectMayaOnly", "CollectAnywhere"} <= {found.name for found in maya.plugins}
    [anywhere] = [found for found in farm.plugins if found.name == "CollectAnywhere"]
    assert anywhere.origin == "PYBLISHPLUGINPATH"


def test_a_configured_folder_that_does_not_exist_is_a_problem(tmp_path: Path) -> None:
    [problem] = discover("farm", _config(tmp_path), None, {}).problems
    assert problem.kind == "folder missing"
    assert problem.file == str(tmp_path / "plugins")


def test_plugin_modules_stay_importable_and_rediscovery_replaces_them(
    tmp_path: Path, write_plugin: PluginWriter
) -> None:
    path = write_plugin(
        "collect_typed.py",
        """
        from __future__ import annotations
        from dataclasses import dataclass
        import pyblish.api

        @dataclass
        class Shot:
            name: str

        class CollectTyped(pyblish.api.ContextPlugin):
            def process(self, context):
                context.data["shot"] = Shot("sh010")
        """,
    )
    discovery = discover("farm", _config(tmp_path), None, {})
    assert discovery.problems == ()
    plugin = _plugin(discovery, "CollectTyped")
    assert inspect.getfile(plugin) == str(path)
    assert "class CollectTyped" in inspect.getsource(plugin)
    modules = set(sys.modules)
    again = _plugin(discover("farm", _config(tmp_path), None, {}), "CollectTyped")
    assert again is not plugin
    assert set(sys.modules) == modules
    assert inspect.getfile(plugin) == inspect.getfile(again) == str(path)


class StudioHooks:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @hookimpl
    def ftpub_plugin_paths(self, host: str, show: str | None) -> list[Path]:
        return [self.folder] if show == "demo" else []

    @hookimpl
    def ftpub_plugin_settings(self, host: str, show: str | None) -> dict[str, dict[str, Any]]:
        return {"ValidateFromHook": {"allowed": ["4096x2160"], "optional": True}}


def test_hooks_add_plugin_paths_and_settings_that_config_overrides(
    tmp_path: Path, write_plugin: PluginWriter
) -> None:
    path = write_plugin("validate_from_hook.py", VALIDATOR.format(name="ValidateFromHook"))
    hooks = plugin_manager(entry_points=False)
    hooks.register(StudioHooks(path.parent))
    studio = tmp_path / "studio.toml"
    studio.write_text("[plugins.ValidateFromHook]\noptional = false\n", encoding="utf-8")
    config = load_config("demo", {"FTPUB_CONFIG": str(studio)})
    found_plugins = discover("farm", config, hooks, {}).plugins
    [found] = [f for f in found_plugins if f.origin not in ("core", "host farm")]
    assert found.origin == "ftpub_plugin_paths hook"
    assert found.plugin.allowed == ["4096x2160"]
    assert found.plugin.optional is False
    assert found.settings["optional"] == str(studio)


class StudioHost:
    """A studio's own host, registered with its plugin folder (not a ``ftpub.hosts`` module)."""

    def __init__(self, plugins: Path) -> None:
        self.plugins = plugins

    @hookimpl
    def ftpub_hosts(self) -> list[HostEntry]:
        return [HostEntry("blender", _no_adapter, plugins=self.plugins)]


def _no_adapter(scene: Path | None) -> Any:
    raise AssertionError("discovery never opens the host")


def test_a_hosts_plugins_are_found_in_the_folder_its_entry_names(
    tmp_path: Path, write_plugin: PluginWriter
) -> None:
    path = write_plugin("validate_blender.py", VALIDATOR.format(name="ValidateBlender"))
    hooks = plugin_manager(entry_points=False)
    hooks.register(StudioHost(path.parent))
    found = discover("blender", load_config(None, {}), hooks, {})
    [blender] = [entry for entry in found.plugins if entry.name == "ValidateBlender"]
    assert blender.origin == "host blender"
    assert blender.file == path
    unregistered = discover("blender", load_config(None, {}), plugin_manager(False), {})
    assert "ValidateBlender" not in [entry.name for entry in unregistered.plugins]
