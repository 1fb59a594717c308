"""How a ROP marks a product to publish: its kind, and the ftpub spare parameters it carries.

Pure Python (no ``hou`` import): the adapter reads the parameters' raw values and this module
turns them into a :class:`~ftpub.core.host.Publishable`, naming every problem at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ftpub.core.host import HostError, Publishable
from ftpub.core.publish_data import REVIEW_TAG, InstanceData

FOLDER = "ftpub"
FAMILY = "ftpub_family"
ASSET = "ftpub_asset"
ASSET_TYPE = "ftpub_asset_type"
ACTIVE = "ftpub_active"
RENDER_MODE = "ftpub_render_mode"

EXISTING = "existing"
LOCAL = "local"
FARM = "farm"
#: How a ROP's files come to be: already on disk, rendered here by the publish, or by the farm.
RENDER_MODES = (EXISTING, LOCAL, FARM)


@dataclass(frozen=True)
class RopKind:
    """What a ROP type writes: its output parameter, family, default asset type, and whether
    several frames write several files (so the path needs ``$F``)."""

    output_parm: str
    family: str
    asset_type: str
    per_frame: bool


GEOMETRY = RopKind("sopoutput", "pointcache", "cache", per_frame=True)
ALEMBIC = RopKind("filename", "pointcache", "cache", per_frame=False)
USD = RopKind("lopoutput", "usd", "cache", per_frame=False)
KARMA = RopKind("picture", "render", "render", per_frame=True)
MANTRA = RopKind("vm_picture", "render", "render", per_frame=True)
USD_RENDER = RopKind("outputimage", "render", "render", per_frame=True)
OPENGL = RopKind("picture", "review", "review", per_frame=True)

#: ROP node types by ``node.type().name()``: in ``/out``, and their SOP and LOP forms.
ROP_KINDS: dict[str, RopKind] = {
    "geometry": GEOMETRY,
    "rop_geometry": GEOMETRY,
    "alembic": ALEMBIC,
    "rop_alembic": ALEMBIC,
    "usd": USD,
    "usd_rop": USD,
    "karma": KARMA,
    "ifd": MANTRA,
    "usdrender_rop": USD_RENDER,
    "opengl": OPENGL,
}
FAMILIES = sorted({kind.family for kind in ROP_KINDS.values()})
#: Families whose frames are images, reviewed through core media.
IMAGE_FAMILIES = ["render", "review"]

ParmValue = str | int


def mark_values(kind: RopKind, asset: str) -> dict[str, ParmValue]:
    """The spare parameters Create… adds to a ROP of ``kind``."""
    return {
        FAMILY: kind.family,
        ASSET: asset,
        ASSET_TYPE: kind.asset_type,
        ACTIVE: 1,
        RENDER_MODE: LOCAL,
    }


def _problems(values: Mapping[str, object]) -> list[str]:
    problems = []
    for name in (FAMILY, ASSET, ASSET_TYPE, RENDER_MODE):
        value = values.get(name)
        if not isinstance(value, str) or not value:
            problems.append(f"'{name}' must be a non-empty string, is {value!r}")
    family = values.get(FAMILY)
    if isinstance(family, str) and family and family not in FAMILIES:
        problems.append(f"unknown family '{family}' (known: {', '.join(FAMILIES)})")
    mode = values.get(RENDER_MODE)
    if isinstance(mode, str) and mode and mode not in RENDER_MODES:
        problems.append(f"'{RENDER_MODE}' must be {', '.join(RENDER_MODES)}, is {mode!r}")
    if values.get(ACTIVE) not in (0, 1):
        problems.append(f"'{ACTIVE}' must be a toggle, is {values.get(ACTIVE)!r}")
    return problems


def instance_name(node: str) -> str:
    """``/out/karma1`` → ``out_karma1``."""
    return node.strip("/").replace("/", "_")


def to_publishable(node: str, values: Mapping[str, object]) -> Publishable:
    """The product ROP ``node`` marks; raise :class:`HostError` naming every bad parameter."""
    problems = _problems(values)
    if problems:
        raise HostError(f"the ftpub ROP '{node}': " + "; ".join(problems))
    data = InstanceData(
        name=instance_name(node),
        family=str(values[FAMILY]),
        asset_name=str(values[ASSET]),
        asset_type=str(values[ASSET_TYPE]),
    )
    return Publishable(data, node, values[ACTIVE] == 1, frozenset({str(values[RENDER_MODE])}))


def render_mode(tags: object) -> str:
    """The render mode among an instance's ``tags``."""
    found = [mode for mode in RENDER_MODES if isinstance(tags, list | tuple) and mode in tags]
    return found[0] if found else LOCAL


def review_tags(family: str) -> frozenset[str]:
    """Rendered and OpenGL frames are reviewed: core media makes the movie and thumbnail."""
    return frozenset({REVIEW_TAG}) if family in IMAGE_FAMILIES else frozenset()
