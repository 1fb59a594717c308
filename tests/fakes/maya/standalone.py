"""Fake ``maya.standalone``: starting ``mayapy``'s Maya makes a batch session."""

from __future__ import annotations

from maya import _scene


def initialize(name: str = "python") -> None:
    _scene.SCENE.record("standalone.initialize", name=name)
    _scene.SCENE.batch = True
