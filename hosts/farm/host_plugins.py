"""The pyblish plugins the DCC hosts share for render mode ``farm``.

A host's collector hands a render instance to the farm with :func:`expect_on_farm` (its
expected outputs, and the family ``farm``), and the host's plugins folder re-exports the classes
below, which take it from there:

1. :class:`CollectFarmJob` plans the job: the host's render command, the job folder and the
   farm, as the studio config says (the defaults are shown)::

       [plugins.CollectFarmJob]
       farm = "openjd"           # or "deadline"
       jobs_root = ""            # where jobs are written; "" is a "farm" folder beside the scene
       chunk_size = 10           # frames a render task
       executables = {}          # per host, e.g. { nuke = "/opt/Nuke15.1v3/Nuke15.1" }

2. :class:`ValidateFarmJob` checks, before anything is written, that the farm can run it: the
   outputs are frame sequences, every path is in the ``[farm] path_map``, the command holds.
3. :class:`HandOverToFarm`, the first extractor, takes the instance out of the local publish.
4. :class:`WriteFarmJobs`, after the integration (so a failed publish leaves no job), writes each
   job and logs where it went; a job that cannot be written is removed whole.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyblish.api

from ftpub.core.config import Config
from ftpub.core.host import HostError
from ftpub.core.publish_data import InstanceData, Representation, instance_data
from ftpub.core.result import HandedOver, PublishError
from ftpub.core.runner import HANDED_OVER_KEY
from ftpub.hosts.farm.errors import FarmError
from ftpub.hosts.farm.job import DEFAULT_CHUNK_SIZE, FarmJob
from ftpub.hosts.farm.submit import (
    FARMS,
    CommandArg,
    Farm,
    FarmRender,
    check_render,
    mapped_command,
    submit_render,
)

#: The family a host's collector adds to an instance the farm renders and publishes.
FARM_FAMILY = "farm"
#: ``instance.data``: the representations the farm renders (not on disk yet).
OUTPUTS_KEY = "farm_outputs"
#: ``instance.data``: the instance's :class:`FarmJobPlan`.
PLAN_KEY = "farm_job"
#: ``context.data``: the plans handed over to the farm, written after the integration.
FARM_JOBS_KEY = "farm_jobs"
#: The folder beside the scene that jobs go to when ``jobs_root`` is not set.
JOBS_FOLDER = "farm"


@runtime_checkable
class FarmRenderHost(Protocol):
    def farm_render_command(self, node: str, executable: str | None) -> list[CommandArg]:
        """The command rendering ``node`` of the saved scene from frame ``{start}`` to
        ``{end}`` on a farm worker, with ``executable`` (None: the DCC's own name); a path
        argument is a :class:`~pathlib.PurePath`, remapped for the farm."""


def expect_on_farm(instance: pyblish.api.Instance, outputs: list[Representation]) -> None:
    """Hand ``instance`` to the farm: ``outputs`` are what its render will write."""
    instance.data[OUTPUTS_KEY] = outputs
    families = instance.data.setdefault("families", [])
    if FARM_FAMILY not in families:
        families.append(FARM_FAMILY)


@dataclass(frozen=True)
class FarmJobPlan:
    """What a farm job of one instance will be: the instance with its expected outputs as
    representations, the host's render command, the job folder, the farm and its chunks."""

    instance: InstanceData
    task_id: str
    comment: str
    command: tuple[CommandArg, ...]
    out_dir: Path
    farm: Farm
    chunk_size: int

    def render(self, config: Config) -> FarmRender:
        """The render as the farm sees it (paths through ``config``'s path map)."""
        command = mapped_command(self.command, config.farm.path_map)
        return FarmRender(self.task_id, self.comment, (self.instance,), command)


def _job_folder(root: Path, scene: Path, instance: str) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    return root / f"{scene.stem}.{instance}.{stamp}.{uuid.uuid4().hex[:6]}"


class CollectFarmJob(pyblish.api.InstancePlugin):
    """The farm job of an instance in render mode ``farm`` (settings: see the module)."""

    label = "Plan the farm job"
    order = pyblish.api.CollectorOrder + 0.45
    families = [FARM_FAMILY]
    farm = "openjd"
    jobs_root = ""
    chunk_size = DEFAULT_CHUNK_SIZE
    executables: dict[str, str] = {}

    def process(self, instance: pyblish.api.Instance) -> None:
        context = instance.context
        host = context.data["host"]
        farm = next((farm for farm in FARMS if farm == self.farm), None)
        if farm is None or self.chunk_size < 1:
            raise PublishError(
                "Farm settings wrong",
                f"[plugins.CollectFarmJob] farm is '{self.farm}' and chunk_size "
                f"{self.chunk_size}: farm must be {' or '.join(FARMS)}, chunk_size 1 or more",
            )
        host_name, scene = host.name, host.current_file()
        if not isinstance(host, FarmRenderHost):
            raise PublishError("No farm job", f"{host_name} cannot make a farm render command")
        if scene is None:
            raise PublishError("No farm job", "the farm renders the saved scene: save it first")
        try:
            command = host.farm_render_command(
                instance.data["node"], self.executables.get(host_name)
            )
        except HostError as error:
            raise PublishError("No farm job", str(error)) from error
        data = instance_data(instance)
        expected = dataclasses.replace(
            data,
            families=tuple(f for f in data.families if f != FARM_FAMILY),
            representations=tuple(instance.data[OUTPUTS_KEY]),
        )
        root = Path(self.jobs_root).expanduser() if self.jobs_root else scene.parent / JOBS_FOLDER
        instance.data[PLAN_KEY] = FarmJobPlan(
            expected,
            data.task_id or context.data["task"].task_id,
            context.data.get("comment", ""),
            tuple(command),
            _job_folder(root, scene, instance.name),
            farm,
            self.chunk_size,
        )
        self.log.info("%s renders on the farm (%s): %s", instance.name, farm, command)


class ValidateFarmJob(pyblish.api.InstancePlugin):
    """The farm can render and publish the instance: frame sequences, paths it can reach,
    a render command with the chunk's frames."""

    label = "Validate the farm job"
    order = pyblish.api.ValidatorOrder + 0.2
    families = [FARM_FAMILY]

    def process(self, instance: pyblish.api.Instance) -> None:
        plan: FarmJobPlan = instance.data[PLAN_KEY]
        single = [r.path.name for r in plan.instance.representations if not r.frames]
        if single:
            raise PublishError(
                "Not a frame sequence",
                f"{instance.name} writes {', '.join(single)}, one file: the farm renders frame "
                "sequences in chunks; render it here instead.",
            )
        jobs = plan.out_dir.parent
        existing = next(folder for folder in (jobs, *jobs.parents) if folder.exists())
        if not existing.is_dir() or not os.access(existing, os.W_OK):
            raise PublishError(
                "No place for the farm job",
                f"farm jobs cannot be written in {jobs} ({existing} is not a writable folder): "
                "set [plugins.CollectFarmJob] jobs_root in the studio config",
            )
        config = instance.context.data["config"]
        try:
            check_render(plan.render(config), plan.out_dir, config, plan.farm, plan.chunk_size)
        except FarmError as error:
            raise PublishError("The farm cannot render this", str(error)) from error


class HandOverToFarm(pyblish.api.InstancePlugin):
    """The first extractor: the instance leaves this publish; the farm publishes its frames."""

    label = "Hand over to the farm"
    order = pyblish.api.ExtractorOrder - 0.45
    families = [FARM_FAMILY]

    def process(self, instance: pyblish.api.Instance) -> None:
        instance.data["publish"] = False
        instance.context.data.setdefault(FARM_JOBS_KEY, []).append(instance.data[PLAN_KEY])
        self.log.info("%s is rendered and published by the farm", instance.name)


def _where(job: FarmJob, farm: Farm) -> str:
    folder = job.manifest_file.parent
    if farm == "openjd":
        return (
            f"Farm job '{job.name}' written to {folder} (manifest {job.manifest_id}); "
            f"submit it with: deadline bundle submit {folder}"
        )
    files = " ".join(str(path) for path in job.files if path.suffix == ".job")
    return (
        f"Farm job '{job.name}' written to {folder} (manifest {job.manifest_id}); "
        f"submit it with: deadlinecommand {files}"
    )


class WriteFarmJobs(pyblish.api.ContextPlugin):
    """After the integration: each handed-over job, written where the farm reads it, and its
    instance in the result as handed to the farm."""

    label = "Write the farm jobs"
    order = pyblish.api.IntegratorOrder + 0.2
    families = ["*"]

    def process(self, context: pyblish.api.Context) -> None:
        plans: list[FarmJobPlan] = context.data.get(FARM_JOBS_KEY, [])
        config = context.data["config"]
        written: list[Path] = []
        jobs: list[tuple[FarmJobPlan, FarmJob]] = []
        for plan in plans:
            try:
                plan.out_dir.mkdir(parents=True)
                written.append(plan.out_dir)
                job = submit_render(
                    plan.render(config), plan.out_dir, config, plan.farm, plan.chunk_size
                )
            except (FarmError, OSError) as error:
                for folder in written:
                    shutil.rmtree(folder, ignore_errors=True)
                published = (
                    "; the versions above were published"
                    if context.data.get("published_versions")
                    else ""
                )
                raise PublishError(
                    "Farm job not written",
                    f"{plan.instance.name}: {error}{published}. No farm job was kept: "
                    "publish the render again.",
                ) from error
            jobs.append((plan, job))
        for plan, job in jobs:
            where = _where(job, plan.farm)
            self.log.info("%s", where)
            handed = HandedOver(plan.instance.name, "the farm", where)
            context.data.setdefault(HANDED_OVER_KEY, []).append(handed)
