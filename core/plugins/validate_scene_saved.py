"""The scene is saved, with no unsaved changes, so what is published is what is on disk."""

from __future__ import annotations

import pyblish.api

from ftpub.core.result import PublishError


class SaveScene(pyblish.api.Action):
    """Repair: save the scene where it is (only when the artist asks)."""

    label = "Save the scene"
    on = "failed"
    icon = "floppy-o"

    def process(self, context: pyblish.api.Context, plugin: type[pyblish.api.Plugin]) -> None:
        path = context.data["host"].save()
        self.log.info("Saved %s", path)


class ValidateSceneSaved(pyblish.api.ContextPlugin):
    """An untitled scene, or one with unsaved changes, cannot be published."""

    label = "Validate the scene is saved"
    order = pyblish.api.ValidatorOrder
    targets = ["local"]
    actions = [SaveScene]

    def process(self, context: pyblish.api.Context) -> None:
        host = context.data["host"]
        scene = host.current_file()
        if scene is None:
            raise PublishError(
                "Scene not saved",
                "The scene has never been saved. Save it in your work folder, then publish.",
            )
        if host.is_modified():
            raise PublishError(
                "Unsaved changes",
                f"{scene.name} has changes that are not saved; save it (the repair does) so "
                "the published workfile is what you see.",
            )
        self.log.info("%s is saved", scene)
