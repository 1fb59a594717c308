"""Colour management with OpenColorIO: which config, which input space, which display and view.

The config is ``$OCIO`` when set (the studio's), else ``ocio_config`` from the studio config,
else OCIO's built-in ``ocio://studio-config-latest``. A source's colour space is the one it
declares (a representation's ``colorspace``), else what the config's file rules say for its
path, else by extension: EXR is scene-linear, other images and movies are sRGB. The output is a
display and view of the config, by default the config's default ones.

Applying a display/view exactly can cost a second per HD frame (an ACES 2.0 view), so the
transform is baked once into OCIO's own 3D LUT, sampled through a log2 shaper for scene-linear
sources: within 2/255 of the exact result, and fast.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import PyOpenColorIO as OCIO

from ftpub.core.media.errors import MediaError
from ftpub.core.media.settings import ReviewSettings

OCIO_ENV = "OCIO"
BUILTIN_CONFIG = "ocio://studio-config-latest"
SCENE_LINEAR_EXTENSIONS = frozenset({"exr"})
LUT_SIZE = 49
# Scene-linear light from 2^-10 to 2^6 (about 0.001 to 64) spread evenly over the LUT's input.
_LOG2_RANGE = [-10.0, 6.0, 2.0**-10]
_SRGB_TEXTURE = "sRGB - Texture"


@dataclass(frozen=True)
class ColourTransform:
    """From ``source`` (a colour space of ``config``) to ``display`` through ``view``; a
    display-referred source (a playblast, an sRGB movie) is already viewed, so it is only
    converted to the display's colour space."""

    config: str
    source: str
    display: str
    view: str

    def apply(self, pixels: np.ndarray) -> None:
        """Convert float32 RGB pixels (height x width x 3, C order) in place."""
        _baked(self).applyRGB(pixels)

    def exact(self, pixels: np.ndarray) -> None:
        """As :meth:`apply`, through the exact (slow) processor, to check the baked one."""
        config = _config(self.config)
        source = config.getColorSpace(self.source)
        if source.getReferenceSpaceType() == OCIO.REFERENCE_SPACE_DISPLAY:
            target = config.getDisplayViewColorSpaceName(self.display, self.view)
            if config.getColorSpace(target) is None:  # "<USE_DISPLAY_NAME>"
                target = self.display
            processor = config.getProcessor(self.source, target)
        else:
            processor = config.getProcessor(
                self.source, self.display, self.view, OCIO.TRANSFORM_DIR_FORWARD
            )
        processor.getDefaultCPUProcessor().applyRGB(pixels)


def config_name(settings: ReviewSettings, environ: Mapping[str, str] | None = None) -> str:
    """The OCIO config to use: ``$OCIO``, else the studio config's, else the built-in one."""
    environ = os.environ if environ is None else environ
    return environ.get(OCIO_ENV) or settings.ocio_config or BUILTIN_CONFIG


def colour_transform(
    settings: ReviewSettings,
    path: Path,
    declared: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> ColourTransform:
    """The transform for the media at ``path``; raises :class:`MediaError` naming the file
    when its colour space, or the configured display or view, is not in the config."""
    name = config_name(settings, environ)
    config = _config(name)
    source = _source_space(config, name, path, declared)
    display = settings.review_display or config.getDefaultDisplay()
    if display not in config.getDisplays():
        raise MediaError(
            f"the review display {display!r} is not in the colour config {name}; "
            f"it has {', '.join(config.getDisplays())}"
        )
    view = settings.review_view or config.getDefaultView(display)
    if view not in config.getViews(display):
        raise MediaError(
            f"the review view {view!r} is not a view of {display!r} in the colour config "
            f"{name}; it has {', '.join(config.getViews(display))}"
        )
    return ColourTransform(name, source, display, view)


def _source_space(config: OCIO.Config, name: str, path: Path, declared: str | None) -> str:
    if declared:
        space = config.getColorSpace(declared)
        if space is None:
            raise MediaError(
                f"{path}: its colour space {declared!r} is not in the colour config {name}"
            )
        return str(space.getName())
    if not config.filepathOnlyMatchesDefaultRule(str(path)):
        return str(config.getColorSpaceFromFilepath(str(path))[0])
    if path.suffix.lstrip(".").lower() in SCENE_LINEAR_EXTENSIONS:
        space = config.getColorSpace(OCIO.ROLE_SCENE_LINEAR)
        if space is None:
            raise MediaError(
                f"{path}: the colour config {name} has no scene_linear role; "
                "give the representation a colorspace"
            )
        return str(space.getName())
    srgb = OCIO.Config.IdentifyBuiltinColorSpace(config, _config("ocio://default"), _SRGB_TEXTURE)
    if not srgb:
        raise MediaError(
            f"{path}: the colour config {name} has no sRGB colour space; "
            "give the representation a colorspace"
        )
    return str(srgb)


@functools.lru_cache(maxsize=8)
def _config(name: str) -> OCIO.Config:
    try:
        return OCIO.Config.CreateFromFile(name)
    except OCIO.Exception as error:
        raise MediaError(f"the colour config {name} cannot be read: {error}") from None


@functools.lru_cache(maxsize=16)
def _baked(transform: ColourTransform) -> OCIO.CPUProcessor:
    config = _config(transform.config)
    if config.isColorSpaceLinear(transform.source, OCIO.REFERENCE_SPACE_SCENE):
        shaper = OCIO.AllocationTransform(allocation=OCIO.ALLOCATION_LG2, vars=_LOG2_RANGE)
    else:
        shaper = OCIO.AllocationTransform(allocation=OCIO.ALLOCATION_UNIFORM, vars=[0.0, 1.0])
    axis = np.linspace(0.0, 1.0, LUT_SIZE, dtype=np.float32)
    # OCIO's 3D LUT data runs blue fastest, red slowest.
    red, green, blue = np.meshgrid(axis, axis, axis, indexing="ij")
    lattice = np.ascontiguousarray(np.stack([red, green, blue], axis=-1).reshape(-1, 3))
    inverse = config.getProcessor(shaper, OCIO.TRANSFORM_DIR_INVERSE)
    inverse.getDefaultCPUProcessor().applyRGB(lattice)
    transform.exact(lattice)
    lut = OCIO.Lut3DTransform(gridSize=LUT_SIZE)
    lut.setData(lattice.ravel())
    lut.setInterpolation(OCIO.INTERP_TETRAHEDRAL)
    return config.getProcessor(OCIO.GroupTransform([shaper, lut])).getDefaultCPUProcessor()
