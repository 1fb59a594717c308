"""A marked ROP can be published: an output path in the studio's area, with ``$F`` where it
writes several files, and no node errors."""

from __future__ import annotations

from pathlib import Path

import pyblish.api

from ftpub.core.result import PublishError
from ftpub.hosts.houdini.marks import FAMILIES


class ValidateRopOutput(pyblish.api.InstancePlugin):
    """The output path is set, has ``$F`` when it writes several files, and is inside
    ``allowed_roots`` (a studio setting; without one, the hip file's folder)."""

    label = "Validate the ROP's output"
    order = pyblish.api.ValidatorOrder
    hosts = ["houdini"]
    families = FAMILIES
    allowed_roots: list[str] = []

    def process(self, instance: pyblish.api.Instance) -> None:
        output = instance.data["rop_output"]
        problems = output.problems()
        if problems:
            raise PublishError("Bad output path", "; ".join(problems))
        roots = [Path(root) for root in self.allowed_roots]
        if not roots:
            hip = instance.context.data["host"].current_file()
            roots = [hip.parent] if hip is not None else []
        outside = sorted({path for path in output.paths.values() if not _inside(Path(path), roots)})
        if outside:
            allowed = ", ".join(str(root) for root in roots) or "(no hip file yet)"
            raise PublishError(
                "Output outside the allowed area",
                f"{output.node} writes {outside[0]}, outside {allowed}: write under $HIP or "
                "the studio's render area.",
            )


def _inside(path: Path, roots: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(root.resolve()) for root in roots)


class ValidateRopErrors(pyblish.api.InstancePlugin):
    """The ROP has no errors (what Houdini shows in red on the node)."""

    label = "Validate the ROP has no errors"
    order = pyblish.api.ValidatorOrder
    hosts = ["houdini"]
    families = FAMILIES

    def process(self, instance: pyblish.api.Instance) -> None:
        errors = instance.context.data["host"].rop_errors(instance.data["node"])
        if errors:
            raise PublishError("ROP has errors", f"{instance.data['node']}: {'; '.join(errors)}")
