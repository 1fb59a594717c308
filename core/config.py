"""Layered settings: built-in defaults < studio file < show section < environment.

The studio file is TOML, found through ``FTPUB_CONFIG``::

    publish_root = "/mnt/publish"
    strict_discovery = true
    plugin_paths = ["/studio/pyblish"]            # or {"*" = [...], maya = [...]}

    [plugins.ValidateResolution]
    allowed = ["1920x1080"]

    [shows."demo"]                                 # keyed by the ftrack project name
    plugin_paths = { "*" = ["/shows/demo/pyblish"], nuke = ["/shows/demo/nuke"] }

    [shows."demo".plugins.ValidateFrameRange]
    enabled = false

    [farm]
    notify = "note"                                # or "none": a failed farm publish notes the task
    path_map = [{ from = "/Volumes/projects", to = "/mnt/projects" }]

Plugin paths add up (studio then show); plugin settings merge per attribute, the show winning.
Every value remembers where it came from, for ``ftpub config``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

import platformdirs

# ConfigError and PathRule are part of the config's surface, re-exported from where they live.
from ftpub.core.config_values import ConfigError as ConfigError
from ftpub.core.config_values import (
    Parser,
    as_bool,
    as_burnin_text,
    as_ocio_config,
    as_path,
    as_path_map,
    as_positive,
    as_text,
    one_of,
)
from ftpub.core.config_values import PathRule as PathRule
from ftpub.core.files import MODES, Mode
from ftpub.core.files.checksum import DEFAULT_ALGORITHM
from ftpub.core.media.settings import ReviewSettings
from ftpub.core.publish_data import REVIEW_MODES, ReviewMode

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CONFIG_ENV = "FTPUB_CONFIG"
ALL_HOSTS = "*"
DEFAULT_SOURCE = "built-in default"


@dataclass(frozen=True)
class PluginPath:
    """A folder of pyblish plugin files, for one host or all (``"*"``)."""

    path: Path
    host: str
    source: str


@dataclass(frozen=True)
class PluginSetting:
    """A value for a plugin class attribute, and where it was set."""

    value: Any
    source: str


Notify = Literal["note", "none"]
NOTIFY_MODES: tuple[Notify, ...] = get_args(Notify)


@dataclass(frozen=True)
class FarmSettings:
    """The ``[farm]`` table: how farm jobs are written and how their failures are told."""

    notify: Notify = "note"
    path_map: tuple[PathRule, ...] = ()


@dataclass(frozen=True)
class Config:
    """The effective configuration of one publish."""

    show: str | None
    publish_root: Path
    strict_discovery: bool
    path_template: str
    transfer_mode: Mode
    checksum: str
    storage_location: str
    version_status: str
    review_mode: ReviewMode
    media: ReviewSettings
    plugin_paths: tuple[PluginPath, ...]
    plugin_settings: Mapping[str, Mapping[str, PluginSetting]]
    sources: Mapping[str, str]
    require_comment: bool = False
    farm: FarmSettings = FarmSettings()

    def plugin_paths_for(self, host: str) -> list[PluginPath]:
        return [p for p in self.plugin_paths if p.host in (ALL_HOSTS, host)]


FARM_KEYS: dict[str, Parser] = {
    "notify": one_of(NOTIFY_MODES),
    "path_map": as_path_map,
}


DEFAULT_PATH_TEMPLATE = (
    "{project}/{parents}/publish/{asset_type}/{asset}/v{version:03d}/"
    "{asset}_v{version:03d}_{representation}.{ext}"
)
MEDIA_DEFAULTS = vars(ReviewSettings())

SCALARS: dict[str, Parser] = {
    "publish_root": as_path,
    "strict_discovery": as_bool,
    "path_template": as_text,
    "transfer_mode": one_of(MODES),
    "checksum": as_text,
    "storage_location": as_text,
    "version_status": as_text,
    "review_mode": one_of(REVIEW_MODES),
    "require_comment": as_bool,
    "ocio_config": as_ocio_config,
    "review_display": as_text,
    "review_view": as_text,
    "review_max_width": as_positive(int),
    "review_fps": as_positive(float),
    "burnins": as_bool,
    "burnin_text": as_burnin_text,
}
DEFAULTS: dict[str, Any] = {
    "strict_discovery": True,
    "path_template": DEFAULT_PATH_TEMPLATE,
    "transfer_mode": "copy",
    "checksum": DEFAULT_ALGORITHM,
    "storage_location": "ftpub.storage",
    "version_status": "Pending Review",
    "review_mode": "upload",
    "require_comment": False,
    **MEDIA_DEFAULTS,
    "farm.notify": FarmSettings.notify,
    "farm.path_map": FarmSettings.path_map,
}
LAYER_KEYS = (*SCALARS, "plugin_paths", "plugins", "farm")
ENVIRONMENT = {
    "publish_root": "FTPUB_PUBLISH_ROOT",
    "strict_discovery": "FTPUB_STRICT_DISCOVERY",
    "transfer_mode": "FTPUB_TRANSFER_MODE",
}
BOOL_WORDS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


@dataclass
class _Layers:
    scalars: dict[str, tuple[Any, str]]
    plugin_paths: list[PluginPath]
    plugin_settings: dict[str, dict[str, PluginSetting]]


def _read_plugin_paths(value: object, where: str, key: str, base: Path) -> list[PluginPath]:
    expected = 'a list of folders, or a table of host = [folders] ("*" for every host)'
    per_host = {ALL_HOSTS: value} if isinstance(value, list) else value
    if not isinstance(per_host, dict):
        raise ConfigError(where, key, expected, value)
    paths: list[PluginPath] = []
    for host, folders in per_host.items():
        if not isinstance(folders, list):
            raise ConfigError(where, f"{key}.{host}", "a list of folders", folders)
        paths.extend(
            PluginPath(as_path(folder, where, f"{key}.{host}", base), host, where)
            for folder in folders
        )
    return paths


def _read_plugin_settings(
    value: object, where: str, key: str, into: dict[str, dict[str, PluginSetting]]
) -> None:
    if not isinstance(value, dict):
        raise ConfigError(where, key, "a table of [plugins.<PluginClassName>] tables", value)
    for plugin_name, settings in value.items():
        if not isinstance(settings, dict):
            raise ConfigError(
                where, f"{key}.{plugin_name}", "a table of attribute = value", settings
            )
        into.setdefault(plugin_name, {}).update(
            {attribute: PluginSetting(setting, where) for attribute, setting in settings.items()}
        )


def _read_layer(
    table: dict[str, Any], where: str, prefix: str, base: Path, layers: _Layers
) -> None:
    for key, value in table.items():
        full_key = f"{prefix}{key}"
        if key in SCALARS:
            layers.scalars[key] = (SCALARS[key](value, where, full_key, base), where)
        elif key == "plugin_paths":
            layers.plugin_paths.extend(_read_plugin_paths(value, where, full_key, base))
        elif key == "plugins":
            _read_plugin_settings(value, where, full_key, layers.plugin_settings)
        elif key == "farm":
            _read_farm(value, where, full_key, base, layers)
        elif not (key == "shows" and not prefix):
            raise ConfigError(where, full_key, f"a known key ({', '.join(LAYER_KEYS)})", key)


def _read_farm(value: object, where: str, key: str, base: Path, layers: _Layers) -> None:
    if not isinstance(value, dict):
        raise ConfigError(where, key, "a [farm] table", value)
    for name, setting in value.items():
        if name not in FARM_KEYS:
            raise ConfigError(where, f"{key}.{name}", f"a known key ({', '.join(FARM_KEYS)})", name)
        parsed = FARM_KEYS[name](setting, where, f"{key}.{name}", base)
        layers.scalars[f"farm.{name}"] = (parsed, where)


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            return cast("dict[str, Any]", tomllib.load(stream))
    except OSError as error:
        raise ConfigError(
            f"{CONFIG_ENV}={path}", "", "a readable TOML file", error.strerror
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(str(path), "", "valid TOML", str(error)) from None


def _read_environment(environ: Mapping[str, str], layers: _Layers) -> None:
    for key, variable in ENVIRONMENT.items():
        text = environ.get(variable)
        if not text:
            continue
        where = f"environment {variable}"
        value: object = BOOL_WORDS.get(text.lower(), text) if SCALARS[key] is as_bool else text
        layers.scalars[key] = (SCALARS[key](value, where, variable, Path.cwd()), where)


def load_config(show: str | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Build the effective config for ``show`` (an ftrack project name, or None)."""
    environ = os.environ if environ is None else environ
    layers = _Layers(
        scalars={
            "publish_root": (platformdirs.user_data_path("ftpub") / "publish", DEFAULT_SOURCE),
            **{key: (value, DEFAULT_SOURCE) for key, value in DEFAULTS.items()},
        },
        plugin_paths=[],
        plugin_settings={},
    )
    config_file = environ.get(CONFIG_ENV)
    if config_file:
        path = Path(config_file).expanduser().resolve()
        table = _load_toml(path)
        _read_layer(table, str(path), "", path.parent, layers)
        shows = table.get("shows", {})
        if not isinstance(shows, dict):
            raise ConfigError(str(path), "shows", 'tables [shows."<project name>"]', shows)
        show_table = shows.get(show) if show else None
        if show_table is not None:
            if not isinstance(show_table, dict):
                raise ConfigError(str(path), f'shows."{show}"', "a table", show_table)
            where = f'{path} [shows."{show}"]'
            _read_layer(show_table, where, f'shows."{show}".', path.parent, layers)
    _read_environment(environ, layers)
    value = {key: found for key, (found, _) in layers.scalars.items()}
    return Config(
        show=show,
        publish_root=value["publish_root"],
        strict_discovery=value["strict_discovery"],
        path_template=value["path_template"],
        transfer_mode=value["transfer_mode"],
        checksum=value["checksum"],
        storage_location=value["storage_location"],
        version_status=value["version_status"],
        review_mode=value["review_mode"],
        media=ReviewSettings(**{key: value[key] for key in MEDIA_DEFAULTS}),
        plugin_paths=tuple(layers.plugin_paths),
        plugin_settings=layers.plugin_settings,
        sources={key: source for key, (_, source) in layers.scalars.items()},
        require_comment=value["require_comment"],
        farm=FarmSettings(notify=value["farm.notify"], path_map=value["farm.path_map"]),
    )


def describe(config: Config) -> list[tuple[str, str, str]]:
    """Every effective value as (key, TOML-like value, where it came from)."""
    values = {**vars(config), **vars(config.media)}
    rows = [(key, json.dumps(values[key], default=str), config.sources[key]) for key in SCALARS]
    rows.append(("farm.notify", json.dumps(config.farm.notify), config.sources["farm.notify"]))
    rows.extend(
        (f"farm.path_map[{index}]", json.dumps(vars(rule)), config.sources["farm.path_map"])
        for index, rule in enumerate(config.farm.path_map)
    )
    rows.extend(
        (f'plugin_paths."{entry.host}"', json.dumps(str(entry.path)), entry.source)
        for entry in config.plugin_paths
    )
    rows.extend(
        (f"plugins.{plugin}.{attribute}", json.dumps(setting.value, default=str), setting.source)
        for plugin, settings in sorted(config.plugin_settings.items())
        for attribute, setting in sorted(settings.items())
    )
    return rows
