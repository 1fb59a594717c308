"""The ``[farm]`` table of the studio config: notify and path_map, per show, with sources."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ftpub.core.config import ConfigError, FarmSettings, PathRule, describe, load_config


def _config(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "studio.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return {"FTPUB_CONFIG": str(path)}


def test_without_a_farm_table_failures_are_noted_and_paths_kept() -> None:
    assert load_config(environ={}).farm == FarmSettings(notify="note", path_map=())


def test_the_show_wins_key_by_key(tmp_path: Path) -> None:
    environ = _config(
        tmp_path,
        """
        [farm]
        notify = "none"
        path_map = [{ from = "/Volumes/projects", to = "/mnt/projects" }]

        [shows."demo".farm]
        path_map = [{ from = 'P:\\projects', to = "/mnt/projects" }]
        """,
    )

    studio = load_config(environ=environ).farm
    show = load_config("demo", environ=environ)

    assert studio.path_map == (PathRule("/Volumes/projects", "/mnt/projects"),)
    assert show.farm == FarmSettings("none", (PathRule("P:\\projects", "/mnt/projects"),))
    rows = {key: (value, source) for key, value, source in describe(show)}
    assert rows["farm.notify"] == ('"none"', str(tmp_path / "studio.toml"))
    assert rows["farm.path_map[0]"] == (
        '{"source": "P:\\\\projects", "target": "/mnt/projects"}',
        f'{tmp_path / "studio.toml"} [shows."demo"]',
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('notify = "email"', "'farm.notify': expected 'note' or 'none', got 'email' (str)"),
        ('path_map = "/mnt"', "'farm.path_map': expected a list of { from ="),
        ('path_map = [{ from = "/a" }]', "'farm.path_map[0]': expected a list of { from ="),
        ("queue = 1", "'farm.queue': expected a known key (notify, path_map), got 'queue'"),
    ],
)
def test_a_bad_farm_value_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    environ = _config(tmp_path, f"[farm]\n{text}\n")

    with pytest.raises(ConfigError) as error:
        load_config(environ=environ)

    assert message in str(error.value)
    assert str(tmp_path / "studio.toml") in str(error.value)
