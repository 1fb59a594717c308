"""The scene's linear unit is the studio's (``[plugins.ValidateLinearUnit] unit = "m"``)."""

from __future__ import annotations

import pyblish.api

from ftpub.core.result import PublishError


class ValidateLinearUnit(pyblish.api.ContextPlugin):
    """Maya's working unit for distances (``cm`` unless the studio config says otherwise)."""

    label = "Validate the linear unit"
    order = pyblish.api.ValidatorOrder
    hosts = ["maya"]
    targets = ["local"]
    unit = "cm"

    def process(self, context: pyblish.api.Context) -> None:
        actual = context.data["host"].linear_unit()
        if actual != self.unit:
            raise PublishError(
                "Wrong linear unit",
                f"The scene works in {actual}; the studio publishes in {self.unit} "
                "(Windows > Settings/Preferences > Preferences > Settings > Working Units).",
            )
