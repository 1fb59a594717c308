"""Colour management: which config, which input space, known output values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import PyOpenColorIO as OCIO
import pytest

from ftpub.core.media import MediaError, ReviewSettings
from ftpub.core.media.colour import BUILTIN_CONFIG, colour_transform, config_name
from ftpub.core.media.thumbnail import make_thumbnail

from .conftest import LINEAR, NO_OCIO, PLAIN
from .measure import rgb_means
from .samples import write_image

DEFAULT_VIEW = ReviewSettings(burnins=False)


def grey_through(settings: ReviewSettings, value: float, colorspace: str = LINEAR) -> np.ndarray:
    pixels = np.full((2, 2, 3), value, np.float32)
    colour_transform(settings, Path("/r/plate.exr"), colorspace, NO_OCIO).apply(pixels)
    return pixels[0, 0] * 255


def test_linear_mid_grey_is_118_through_a_plain_srgb_conversion() -> None:
    assert grey_through(PLAIN, 0.18) == pytest.approx([118] * 3, abs=1)


def test_a_thumbnail_of_linear_mid_grey_is_118(tmp_path: Path) -> None:
    plate = write_image(tmp_path / "plate.exr", (64, 32), 0.18, "half")

    make_thumbnail(plate, tmp_path / "thumb.jpg", settings=PLAIN, colorspace=LINEAR, environ={})

    assert rgb_means(tmp_path / "thumb.jpg") == pytest.approx((118,) * 3, abs=1)


def test_the_default_view_changes_it_as_the_config_says() -> None:
    config = OCIO.Config.CreateFromFile(BUILTIN_CONFIG)
    display = config.getDefaultDisplay()
    exact = config.getProcessor(
        LINEAR, display, config.getDefaultView(display), OCIO.TRANSFORM_DIR_FORWARD
    )
    expected = [value * 255 for value in exact.getDefaultCPUProcessor().applyRGB([0.18] * 3)]

    through_default = grey_through(DEFAULT_VIEW, 0.18)

    assert through_default == pytest.approx(expected, abs=1)
    assert abs(through_default[0] - 118) > 10, "the ACES view tone-maps mid grey"


def test_the_baked_transform_stays_within_2_of_the_exact_one() -> None:
    ramp = np.linspace(0.0, 16.0, 4096, dtype=np.float32)
    pixels = np.ascontiguousarray(np.stack([ramp, ramp[::-1] / 4, ramp**0.5], axis=-1)[None])
    exact = pixels.copy()
    transform = colour_transform(DEFAULT_VIEW, Path("/r/plate.exr"), LINEAR, NO_OCIO)

    transform.apply(pixels)
    transform.exact(exact)

    assert np.abs(pixels - exact).max() * 255 < 2


def test_ocio_wins_over_the_studio_config_which_wins_over_the_built_in() -> None:
    studio = ReviewSettings(ocio_config="/studio/colour/config.ocio")

    assert config_name(studio, {"OCIO": "/show/config.ocio"}) == "/show/config.ocio"
    assert config_name(studio, {}) == "/studio/colour/config.ocio"
    assert config_name(ReviewSettings(), {}) == "ocio://studio-config-latest"


def test_a_config_file_from_ocio_is_used(tmp_path: Path) -> None:
    config = OCIO.Config.CreateFromFile("ocio://cg-config-latest")
    path = tmp_path / "show.ocio"
    config.serialize(str(path))

    transform = colour_transform(PLAIN, Path("/r/plate.exr"), LINEAR, {"OCIO": str(path)})

    assert transform.config == str(path)


def test_the_input_space_is_declared_else_file_rules_else_by_extension() -> None:
    def source(path: str, declared: str | None = None) -> str:
        return colour_transform(DEFAULT_VIEW, Path(path), declared, NO_OCIO).source

    assert source("/r/plate.exr", "ACEScg") == "ACEScg"
    assert source("/r/plate.exr", "lin_rec709") == LINEAR, "aliases name their colour space"
    assert source("/r/plate.exr") == "ACES2065-1", "the studio config's file rule for EXR"
    assert source("/r/edit.mov") == "Rec.1886 Rec.709 - Display", "its rule for movies"
    assert source("/r/board.png") == "sRGB Encoded Rec.709 (sRGB)", "by extension: sRGB"


def test_without_a_file_rule_exr_is_the_configs_scene_linear(tmp_path: Path) -> None:
    config = OCIO.Config.CreateFromFile("ocio://cg-config-latest")
    config.setFileRules(OCIO.FileRules())
    path = tmp_path / "no-rules.ocio"
    config.serialize(str(path))
    scene_linear = config.getColorSpace(OCIO.ROLE_SCENE_LINEAR).getName()

    transform = colour_transform(DEFAULT_VIEW, Path("/r/plate.exr"), None, {"OCIO": str(path)})

    assert transform.source == scene_linear


def test_an_unknown_colour_space_names_the_file_and_the_config() -> None:
    with pytest.raises(MediaError) as raised:
        colour_transform(DEFAULT_VIEW, Path("/r/plate.exr"), "Kodak 2383", NO_OCIO)

    assert str(raised.value) == (
        "/r/plate.exr: its colour space 'Kodak 2383' is not in the colour config "
        "ocio://studio-config-latest"
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (ReviewSettings(review_display="Cinema"), "the review display 'Cinema' is not in"),
        (ReviewSettings(review_view="Filmic"), "the review view 'Filmic' is not a view of"),
    ],
)
def test_an_unknown_display_or_view_is_named(settings: ReviewSettings, message: str) -> None:
    with pytest.raises(MediaError, match=message):
        colour_transform(settings, Path("/r/plate.exr"), LINEAR, NO_OCIO)


def test_an_unreadable_config_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ocio"
    broken.write_text("ocio_profile_version: 2\ncolorspaces: [\n")

    with pytest.raises(MediaError, match=f"the colour config {broken} cannot be read"):
        colour_transform(PLAIN, Path("/r/plate.exr"), LINEAR, {"OCIO": str(broken)})
