"""A farm manifest publishes once: its id goes on everything it publishes, and a manifest
that was already published is refused (farms retry tasks; so do people)."""

from __future__ import annotations

import dataclasses

import pyblish.api

from ftpub.core.result import PublishError
from ftpub.hosts.farm.published import MANIFEST_ID_KEY, published_from


class CollectFarmManifest(pyblish.api.ContextPlugin):
    """Each representation collected carries the manifest id as metadata (it runs after the
    other collectors); the integrator writes it on the version's components in the same commit
    as the components, before the version is published, so a published version always says
    which manifest it came from."""

    label = "Farm manifest: publish once"
    order = pyblish.api.CollectorOrder + 0.45
    hosts = ["farm"]

    def process(self, context: pyblish.api.Context) -> None:
        manifest = getattr(context.data["host"], "manifest", None)
        manifest_id = getattr(manifest, "manifest_id", None)
        if not manifest_id:
            return
        session = context.data.get("ftrack_session")
        done = published_from(session, manifest_id) if session is not None else []
        if done:
            raise PublishError(
                "Already published",
                f"{', '.join(done)} came from manifest {manifest_id}; nothing was published again",
            )
        for instance in context:
            instance.data["representations"] = [
                dataclasses.replace(r, metadata={**r.metadata, MANIFEST_ID_KEY: manifest_id})
                for r in instance.data["representations"]
            ]
        self.log.info("Everything published records manifest %s", manifest_id)
