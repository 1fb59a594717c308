"""How a Maya ``objectSet`` marks a product to publish: its family and ftpub attributes.

Pure Python (no ``maya`` import): the adapter reads the attributes' raw values and this module
turns them into a :class:`~ftpub.core.host.Publishable`, naming every problem at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ftpub.core.host import FrameRange, HostError, Publishable
from ftpub.core.publish_data import InstanceData

FAMILY = "ftpubFamily"
ASSET = "ftpubAsset"
ASSET_TYPE = "ftpubAssetType"
ACTIVE = "ftpubActive"
TASK = "ftpubTask"
FRAME_START = "ftpubFrameStart"
FRAME_END = "ftpubFrameEnd"
TARGET = "ftpubTarget"

#: Each attribute's Python type; the adapter creates ``str`` as a string attribute, ``bool`` as
#: a bool and ``int`` as a long.
ATTRIBUTES: dict[str, type] = {
    FAMILY: str,
    ASSET: str,
    ASSET_TYPE: str,
    ACTIVE: bool,
    TASK: str,
    FRAME_START: int,
    FRAME_END: int,
    TARGET: str,
}
TARGETS = ("local", "farm")
FARM_TAG = "farm"

AttributeValue = str | int | bool


@dataclass(frozen=True)
class Family:
    """What a family publishes: its default ftrack asset type, and whether it has a frame
    range and Alembic roots."""

    name: str
    asset_type: str
    frames: bool
    alembic: bool


FAMILIES = {
    family.name: family
    for family in (
        Family("model", "geo", frames=False, alembic=True),
        Family("pointcache", "cache", frames=True, alembic=True),
        Family("animation", "anim", frames=True, alembic=True),
        Family("camera", "cam", frames=True, alembic=True),
        Family("review", "review", frames=True, alembic=False),
        Family("render", "render", frames=True, alembic=False),
    )
}
ALEMBIC_FAMILIES = [name for name, family in FAMILIES.items() if family.alembic]
MEMBER_FAMILIES = [name for name in FAMILIES if name != "render"]


def mark_values(
    family: str, asset: str, frames: FrameRange | None, task_id: str | None = None
) -> dict[str, AttributeValue]:
    """The attributes Create… puts on a new set of ``family``."""
    kind = FAMILIES[family]
    values: dict[str, AttributeValue] = {
        FAMILY: family,
        ASSET: asset,
        ASSET_TYPE: kind.asset_type,
        ACTIVE: True,
        TASK: task_id or "",
    }
    if kind.frames and frames is not None:
        values.update({FRAME_START: frames.start, FRAME_END: frames.end})
    if family == "render":
        values[TARGET] = "local"
    return values


def _problems(values: Mapping[str, object]) -> list[str]:
    problems = []
    for name, kind in ATTRIBUTES.items():
        value = values.get(name)
        if value is None:
            if name in (FAMILY, ASSET):
                problems.append(f"'{name}' is missing")
            continue
        wrong = not isinstance(value, kind) or (kind is int and isinstance(value, bool))
        if wrong:
            problems.append(f"'{name}' must be {kind.__name__}, is {value!r}")
    family = values.get(FAMILY)
    if isinstance(family, str) and family not in FAMILIES:
        problems.append(f"unknown family '{family}' (known: {', '.join(FAMILIES)})")
    target = values.get(TARGET)
    if isinstance(target, str) and target not in TARGETS:
        problems.append(f"'{TARGET}' must be {' or '.join(TARGETS)}, is {target!r}")
    return problems


def to_publishable(node: str, values: Mapping[str, object]) -> Publishable:
    """The product set ``node`` marks; raise :class:`HostError` naming every bad attribute."""
    name = node.rsplit("|", 1)[-1].replace(":", "_")
    problems = _problems(values)
    if problems:
        raise HostError(f"the ftpub set '{node}': " + "; ".join(problems))
    family = FAMILIES[str(values[FAMILY])]
    start, end = values.get(FRAME_START), values.get(FRAME_END)
    data = InstanceData(
        name=name,
        family=family.name,
        asset_name=str(values[ASSET]),
        asset_type=str(values.get(ASSET_TYPE) or family.asset_type),
        task_id=str(values.get(TASK) or "") or None,
        frame_start=start if isinstance(start, int) else None,
        frame_end=end if isinstance(end, int) else None,
    )
    tags = frozenset({FARM_TAG}) if values.get(TARGET) == "farm" else frozenset()
    return Publishable(data, node, values.get(ACTIVE) is not False, tags)
