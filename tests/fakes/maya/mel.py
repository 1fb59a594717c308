"""Fake ``maya.mel``: the one MEL expression ftpub evaluates."""

from __future__ import annotations

from maya import _scene


def eval(expression: str) -> float:
    if expression != "currentTimeUnitToFPS()":
        raise RuntimeError(f"the fake evaluates no MEL but currentTimeUnitToFPS(): {expression}")
    return _scene.SCENE.fps
