"""The scene's frame range and fps are the shot's in ftrack.

Each check is skipped, with a note in the log, when ftrack has no such custom attribute. A
host that can set its range (:class:`~ftpub.core.host.FrameRangeSetter`) offers a repair.
"""

from __future__ import annotations

import pyblish.api

from ftpub.core.context import ShotAttributes
from ftpub.core.host import FrameRangeSetter
from ftpub.core.result import PublishError

FPS_TOLERANCE = 0.001


def _shot(plugin: pyblish.api.Plugin, context: pyblish.api.Context) -> ShotAttributes | None:
    shot: ShotAttributes | None = context.data.get("shot_attributes")
    if shot is None:
        plugin.log.info("Skipped: the shot's attributes were not read from ftrack")
    return shot


class SetFrameRangeFromFtrack(pyblish.api.Action):
    """Repair: make the scene's frame range the shot's (only when the artist asks)."""

    label = "Set the frame range from ftrack"
    on = "failed"

    def process(self, context: pyblish.api.Context, plugin: type[pyblish.api.Plugin]) -> None:
        host = context.data["host"]
        shot: ShotAttributes | None = context.data.get("shot_attributes")
        frames = shot.frame_range() if shot is not None else None
        if frames is None or not isinstance(host, FrameRangeSetter):
            raise PublishError("Cannot set the frame range", "Set it by hand.")
        if plugin.with_handles and shot is not None and shot.handles:
            frames = frames.widened(shot.handles)
        host.set_frame_range(frames)
        self.log.info("The scene runs %s, as in ftrack", frames)


class ValidateFrameRange(pyblish.api.ContextPlugin):
    """The scene's frame range is ``fstart``-``fend``, widened by ``handles`` when
    ``with_handles`` (the artist works with the handles in the scene)."""

    label = "Validate the frame range"
    order = pyblish.api.ValidatorOrder + 0.1
    targets = ["local"]
    actions = [SetFrameRangeFromFtrack]
    with_handles = True

    def process(self, context: pyblish.api.Context) -> None:
        shot = _shot(self, context)
        if shot is None:
            return
        expected = shot.frame_range()
        if expected is None:
            self.log.warning(
                "Skipped: %s has no 'fstart' and 'fend' custom attributes in ftrack", shot.parent
            )
            return
        how = "fstart-fend"
        if self.with_handles:
            if shot.handles is None:
                self.log.warning("%s has no 'handles' in ftrack: compared without", shot.parent)
            elif shot.handles:
                expected = expected.widened(shot.handles)
                how = f"fstart-fend with {shot.handles} handles"
        actual = context.data["host"].frame_range()
        if actual is None:
            self.log.info("Skipped: the scene has no frame range")
            return
        if actual != expected:
            raise PublishError(
                "Wrong frame range",
                f"The scene runs {actual}; {shot.parent} is {expected} in ftrack ({how}). "
                "Set the scene's range, or ask production to correct ftrack.",
            )
        self.log.info("The scene runs %s, as %s in ftrack", actual, shot.parent)


class ValidateFps(pyblish.api.ContextPlugin):
    """The scene's frames per second are the shot's ``fps``."""

    label = "Validate the fps"
    order = pyblish.api.ValidatorOrder + 0.1
    targets = ["local"]

    def process(self, context: pyblish.api.Context) -> None:
        shot = _shot(self, context)
        if shot is None:
            return
        if shot.fps is None:
            self.log.warning("Skipped: %s has no 'fps' custom attribute in ftrack", shot.parent)
            return
        actual = context.data["host"].fps()
        if actual is None:
            self.log.info("Skipped: the scene has no fps")
            return
        if abs(actual - shot.fps) > FPS_TOLERANCE:
            raise PublishError(
                "Wrong fps",
                f"The scene plays at {actual:g} fps; {shot.parent} is {shot.fps:g} fps in ftrack.",
            )
        self.log.info("The scene plays at %g fps, as %s in ftrack", actual, shot.parent)
