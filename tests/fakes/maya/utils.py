"""Fake ``maya.utils``: deferred calls wait in the scene until a test runs them."""

from __future__ import annotations

from collections.abc import Callable

from maya import _scene


def executeDeferred(function: Callable[[], None]) -> None:
    _scene.SCENE.record("executeDeferred", function)
    _scene.SCENE.deferred.append(function)
