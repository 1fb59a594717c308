"""A product's set holds nodes, all of them in the scene; a camera product holds one camera."""

from __future__ import annotations

import pyblish.api

from ftpub.core.result import PublishError
from ftpub.hosts.maya.marks import MEMBER_FAMILIES


class ValidateMembers(pyblish.api.InstancePlugin):
    """The set is not empty and every member exists."""

    label = "Validate set members"
    order = pyblish.api.ValidatorOrder
    hosts = ["maya"]
    families = MEMBER_FAMILIES

    def process(self, instance: pyblish.api.Instance) -> None:
        members = instance.data["members"]
        if not members:
            raise PublishError(
                "Empty set",
                f"{instance.data['node']} holds nothing: add the nodes to publish to it.",
            )
        missing = instance.context.data["host"].missing(members)
        if missing:
            raise PublishError("Missing nodes", f"not in the scene: {', '.join(missing)}")


class ValidateCamera(pyblish.api.InstancePlugin):
    """A camera or review product holds exactly one camera (the review looks through it)."""

    label = "Validate the camera"
    order = pyblish.api.ValidatorOrder + 0.05
    hosts = ["maya"]
    families = ["camera", "review"]

    def process(self, instance: pyblish.api.Instance) -> None:
        cameras = instance.context.data["host"].cameras(instance.data["members"])
        if len(cameras) != 1:
            found = ", ".join(cameras) if cameras else "none"
            raise PublishError(
                "One camera needed",
                f"{instance.data['node']} must hold exactly one camera (found: {found}).",
            )
