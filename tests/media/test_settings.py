"""The media keys of the studio config: colour config, display and view, size, rate, burn-ins."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ftpub.core.config import ConfigError, describe, load_config
from ftpub.core.media import ReviewSettings
from ftpub.core.media.settings import DEFAULT_BURNIN_TEXT


def studio(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "studio.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return {"FTPUB_CONFIG": str(path)}


def test_without_a_studio_config_the_defaults_apply() -> None:
    media = load_config(None, {}).media

    assert media == ReviewSettings()
    assert (media.review_max_width, media.review_fps, media.burnins) == (1920, 24.0, True)
    assert media.burnin_text == dict(DEFAULT_BURNIN_TEXT)


def test_a_show_sets_its_own_review(tmp_path: Path) -> None:
    environ = studio(
        tmp_path,
        """
        ocio_config = "colour/studio.ocio"
        review_fps = 25

        [shows."demo"]
        review_display = "Rec.1886 Rec.709 - Display"
        review_view = "Un-tone-mapped"
        review_max_width = 1280
        burnin_text = { top_left = "{shot} {task}", bottom_right = "{frame}" }
        """,
    )

    studio_wide = load_config(None, environ).media
    demo = load_config("demo", environ).media

    assert studio_wide.ocio_config == str(tmp_path / "colour" / "studio.ocio")
    assert (studio_wide.review_fps, studio_wide.review_max_width) == (25.0, 1920)
    assert demo == ReviewSettings(
        ocio_config=str(tmp_path / "colour" / "studio.ocio"),
        review_display="Rec.1886 Rec.709 - Display",
        review_view="Un-tone-mapped",
        review_max_width=1280,
        review_fps=25.0,
        burnins=True,
        burnin_text={"top_left": "{shot} {task}", "bottom_right": "{frame}"},
    )


def test_burn_ins_are_off_with_one_setting(tmp_path: Path) -> None:
    environ = studio(tmp_path, "burnins = false\n")

    assert load_config(None, environ).media.burnins is False


def test_a_built_in_ocio_config_is_kept_as_named(tmp_path: Path) -> None:
    environ = studio(tmp_path, 'ocio_config = "ocio://cg-config-latest"\n')

    assert load_config(None, environ).media.ocio_config == "ocio://cg-config-latest"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("review_max_width = 0\n", "review_max_width': expected a positive int, got 0"),
        ('review_fps = "24"\n', "review_fps': expected a positive float, got '24'"),
        ("burnins = 1\n", "burnins': expected true or false"),
        (
            'burnin_text = { middle = "{shot}" }\n',
            "'middle' is not one of top_left, top_center",
        ),
        ('burnin_text = { top_left = "{shots}" }\n', "top_left: {shots} is not one of shot,"),
        ('burnin_text = { top_left = "{shot" }\n', "top_left: '{shot' is not a valid template"),
        ('ffmpeg = "/usr/bin/ffmpeg"\n', "'ffmpeg': expected a known key"),
    ],
)
def test_a_bad_media_value_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("{", r"\{").replace("(", r"\(")):
        load_config(None, studio(tmp_path, text))


def test_the_media_keys_are_described_with_their_source(tmp_path: Path) -> None:
    environ = studio(tmp_path, "review_max_width = 1280\n")

    rows = {key: (value, source) for key, value, source in describe(load_config(None, environ))}

    assert rows["review_max_width"] == ("1280", str(tmp_path / "studio.toml"))
    assert rows["burnins"] == ("true", "built-in default")
