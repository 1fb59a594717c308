from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ftpub.core.config import DEFAULT_SOURCE, ConfigError, describe, load_config


def _studio(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "studio.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return {"FTPUB_CONFIG": str(path)}


STUDIO = """
    publish_root = "/mnt/publish"
    plugin_paths = ["studio_plugins"]

    [plugins.ValidateResolution]
    allowed = ["1920x1080"]
    optional = true

    [shows."demo"]
    publish_root = "/mnt/demo"
    plugin_paths = { "*" = ["/shows/demo/all"], nuke = ["/shows/demo/nuke"] }

    [shows."demo".plugins.ValidateResolution]
    allowed = ["2048x858"]

    [shows."demo".plugins.ValidateFrameRange]
    enabled = false
"""


def test_defaults_without_a_studio_file() -> None:
    config = load_config("demo", {})
    assert config.strict_discovery is True
    assert config.plugin_paths == ()
    assert config.publish_root.name == "publish"
    assert set(config.sources.values()) == {DEFAULT_SOURCE}
    assert config.transfer_mode == "copy"
    assert config.version_status == "Pending Review"
    assert "{version:03d}" in config.path_template


def test_transfer_mode_is_checked(tmp_path: Path) -> None:
    environ = _studio(tmp_path, 'transfer_mode = "teleport"\n')
    with pytest.raises(ConfigError, match="transfer_mode': expected 'copy' or 'hardlink'"):
        load_config(None, environ)


def test_show_overrides_studio_and_environment_overrides_show(tmp_path: Path) -> None:
    environ = _studio(tmp_path, STUDIO)
    studio_file = str(tmp_path / "studio.toml")

    assert load_config(None, environ).publish_root == Path("/mnt/publish")
    show = load_config("demo", environ)
    assert show.publish_root == Path("/mnt/demo")
    assert show.sources["publish_root"] == f'{studio_file} [shows."demo"]'
    assert load_config("other show", environ).publish_root == Path("/mnt/publish")

    environ["FTPUB_PUBLISH_ROOT"] = "/override"
    environ["FTPUB_STRICT_DISCOVERY"] = "no"
    overridden = load_config("demo", environ)
    assert overridden.publish_root == Path("/override")
    assert overridden.strict_discovery is False
    assert overridden.sources["publish_root"] == "environment FTPUB_PUBLISH_ROOT"


def test_plugin_paths_add_up_per_host_relative_to_the_file(tmp_path: Path) -> None:
    config = load_config("demo", _studio(tmp_path, STUDIO))
    assert [str(p.path) for p in config.plugin_paths_for("farm")] == [
        str(tmp_path / "studio_plugins"),
        "/shows/demo/all",
    ]
    assert [str(p.path) for p in config.plugin_paths_for("nuke")][-1] == "/shows/demo/nuke"


def test_plugin_settings_merge_per_attribute_show_winning(tmp_path: Path) -> None:
    config = load_config("demo", _studio(tmp_path, STUDIO))
    resolution = config.plugin_settings["ValidateResolution"]
    assert resolution["allowed"].value == ["2048x858"]
    assert resolution["allowed"].source.endswith('[shows."demo"]')
    assert resolution["optional"].value is True
    assert resolution["optional"].source == str(tmp_path / "studio.toml")
    assert config.plugin_settings["ValidateFrameRange"]["enabled"].value is False


def test_describe_names_the_source_of_every_value(tmp_path: Path) -> None:
    rows = describe(load_config("demo", _studio(tmp_path, STUDIO)))
    by_key = {key: (value, source) for key, value, source in rows}
    assert by_key["publish_root"] == ('"/mnt/demo"', f'{tmp_path / "studio.toml"} [shows."demo"]')
    assert by_key["strict_discovery"] == ("true", DEFAULT_SOURCE)
    assert by_key["plugins.ValidateFrameRange.enabled"][0] == "false"
    assert 'plugin_paths."nuke"' in by_key


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("publish_root = 3", "publish_root", "a folder path"),
        ("strict_discovery = 'yes'", "strict_discovery", "true or false"),
        ("plugin_paths = 'one'", "plugin_paths", "a list of folders"),
        ("plugin_paths = { maya = 'x' }", "plugin_paths.maya", "a list of folders"),
        ("plugins = 1", "plugins", "a table of [plugins.<PluginClassName>]"),
        ("[plugins]\nValidateX = 1", "plugins.ValidateX", "a table of attribute = value"),
        ("publish_rot = '/x'", "publish_rot", "a known key"),
        ('[shows."demo"]\nstrict_discovery = 1', 'shows."demo".strict_discovery', "true or false"),
        ('[shows."demo"]\nshows = 1', 'shows."demo".shows', "a known key"),
    ],
)
def test_a_wrong_value_names_file_key_and_expectation(
    tmp_path: Path, text: str, key: str, expected: str
) -> None:
    environ = _studio(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config("demo", environ)
    assert caught.value.key == key
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "studio.toml"))
    assert f"'{key}'" in message
    assert expected in message


def test_invalid_toml_and_missing_file_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="valid TOML"):
        load_config(None, _studio(tmp_path, "publish_root = "))
    with pytest.raises(ConfigError, match="a readable TOML file"):
        load_config(None, {"FTPUB_CONFIG": str(tmp_path / "missing.toml")})


def test_a_wrong_environment_value_names_the_variable() -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(None, {"FTPUB_STRICT_DISCOVERY": "maybe"})
    assert str(caught.value).startswith("environment FTPUB_STRICT_DISCOVERY")
    assert "true or false" in str(caught.value)
