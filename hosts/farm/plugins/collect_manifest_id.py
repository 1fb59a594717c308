"""Record a farm manifest's id on everything it publishes, so a retried job publishes it once."""

from __future__ import annotations

import dataclasses

import pyblish.api

from ftpub.hosts.farm.published import MANIFEST_ID_KEY


class CollectManifestId(pyblish.api.InstancePlugin):
    """Each representation carries the manifest id as metadata; the integrator writes it on
    the version's components in the same commit as the components, before the version is
    published, so a published version always says which manifest it came from."""

    label = "Record the farm manifest id"
    order = pyblish.api.CollectorOrder + 0.1
    hosts = ["farm"]

    def process(self, instance: pyblish.api.Instance) -> None:
        manifest = getattr(instance.context.data["host"], "manifest", None)
        manifest_id = getattr(manifest, "manifest_id", None)
        if not manifest_id:
            return
        instance.data["representations"] = [
            dataclasses.replace(
                representation, metadata={**representation.metadata, MANIFEST_ID_KEY: manifest_id}
            )
            for representation in instance.data["representations"]
        ]
        self.log.info("%s records manifest %s", instance.name, manifest_id)
