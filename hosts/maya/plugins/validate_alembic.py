"""What an Alembic export needs: the AbcExport plug-in, and unique names under its roots."""

from __future__ import annotations

import pyblish.api

from ftpub.core.result import PublishError
from ftpub.hosts.maya.marks import ALEMBIC_FAMILIES

ALEMBIC_PLUGIN = "AbcExport"


class LoadAlembicPlugin(pyblish.api.Action):
    """Repair: load Maya's AbcExport plug-in."""

    label = "Load AbcExport"
    on = "failed"
    icon = "plug"

    def process(self, context: pyblish.api.Context, plugin: type[pyblish.api.Plugin]) -> None:
        context.data["host"].load_plugin(ALEMBIC_PLUGIN)
        self.log.info("Loaded %s", ALEMBIC_PLUGIN)


class ValidateAlembicPlugin(pyblish.api.InstancePlugin):
    """Maya's AbcExport plug-in is loaded."""

    label = "Validate AbcExport is loaded"
    order = pyblish.api.ValidatorOrder
    hosts = ["maya"]
    families = ALEMBIC_FAMILIES
    actions = [LoadAlembicPlugin]

    def process(self, instance: pyblish.api.Instance) -> None:
        if not instance.context.data["host"].plugin_loaded(ALEMBIC_PLUGIN):
            raise PublishError(
                "AbcExport not loaded",
                "Maya's Alembic export plug-in is not loaded: the repair loads it "
                "(or Windows > Settings/Preferences > Plug-in Manager).",
            )


class ValidateUniqueNames(pyblish.api.InstancePlugin):
    """No two nodes under the set's members share a short name (Alembic keeps only one)."""

    label = "Validate unique names"
    order = pyblish.api.ValidatorOrder + 0.05
    hosts = ["maya"]
    families = ALEMBIC_FAMILIES

    def process(self, instance: pyblish.api.Instance) -> None:
        nodes = instance.context.data["host"].descendants(instance.data["members"])
        by_name: dict[str, list[str]] = {}
        for node in nodes:
            by_name.setdefault(node.rsplit("|", 1)[-1], []).append(node)
        repeated = {name: paths for name, paths in by_name.items() if len(set(paths)) > 1}
        if repeated:
            listed = "; ".join(
                f"{name}: {', '.join(sorted(set(p)))}" for name, p in repeated.items()
            )
            raise PublishError("Duplicate names", f"rename one of each: {listed}")
