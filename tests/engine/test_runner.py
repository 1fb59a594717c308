from __future__ import annotations

import json
import logging
from pathlib import Path

import pyblish.api
import pytest

from ftpub.core import report
from ftpub.core.result import Outcome, PublishError, Stage, State
from ftpub.core.runner import Run, run
from ftpub.core.step import MAX_RECORDS_PER_STEP


def _collector(*instances: tuple[str, str]) -> type[pyblish.api.ContextPlugin]:
    class CollectTest(pyblish.api.ContextPlugin):
        order = pyblish.api.CollectorOrder

        def process(self, context: pyblish.api.Context) -> None:
            for name, family in instances:
                context.create_instance(name, family=family)

    return CollectTest


def _writer(name: str, order: float, folder: Path, fail_on: str = "") -> type:
    """An InstancePlugin that writes ``<folder>/<name>.<instance>`` or raises on ``fail_on``."""

    def process(self: pyblish.api.InstancePlugin, instance: pyblish.api.Instance) -> None:
        if instance.name == fail_on:
            raise RuntimeError(f"{name} cannot handle {instance.name}")
        (folder / f"{name}.{instance.name}").write_text("done", encoding="utf-8")

    return type(name, (pyblish.api.InstancePlugin,), {"order": order, "process": process})


def _written(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def test_extractor_failure_stops_everything_after_it(tmp_path: Path) -> None:
    plugins = [
        _collector(("a", "model"), ("b", "model"), ("c", "model")),
        _writer("ExtractAbc", pyblish.api.ExtractorOrder, tmp_path, fail_on="b"),
        _writer("ExtractReview", pyblish.api.ExtractorOrder + 0.1, tmp_path),
        _writer("IntegrateFtrack", pyblish.api.IntegratorOrder, tmp_path),
    ]
    result = run(plugins, pyblish.api.Context())
    assert result.outcome is Outcome.FAILED
    assert _written(tmp_path) == {"ExtractAbc.a"}
    assert result.steps[-1].plugin == "ExtractAbc"
    assert result.steps[-1].instance == "b"
    assert result.error.title == "ExtractAbc failed"
    assert result.error.description == "ExtractAbc cannot handle b"
    assert "RuntimeError" in result.error.detail


def test_every_validation_failure_is_reported_and_nothing_is_extracted(tmp_path: Path) -> None:
    class ValidateNaming(pyblish.api.InstancePlugin):
        order = pyblish.api.ValidatorOrder

        def process(self, instance: pyblish.api.Instance) -> None:
            raise PublishError("Bad name", f"{instance.name} is not a valid name")

    class ValidateUnits(pyblish.api.ContextPlugin):
        order = pyblish.api.ValidatorOrder + 0.1

        def process(self, context: pyblish.api.Context) -> None:
            raise ValueError("scene units are inches")

    plugins = [
        _collector(("a", "model"), ("b", "model")),
        ValidateNaming,
        ValidateUnits,
        _writer("ExtractAbc", pyblish.api.ExtractorOrder, tmp_path),
    ]
    result = run(plugins, pyblish.api.Context())
    assert result.outcome is Outcome.INVALID
    assert [(s.plugin, s.instance) for s in result.failures] == [
        ("ValidateNaming", "a"),
        ("ValidateNaming", "b"),
        ("ValidateUnits", None),
    ]
    assert result.failures[0].error.title == "Bad name"
    assert result.failures[2].error.title == "ValidateUnits failed"
    assert result.error.title == "Bad name"
    assert result.error.description == "a is not a valid name (+2 more)"
    assert _written(tmp_path) == set()


def test_a_collection_failure_still_validates_but_stops_before_extraction(tmp_path: Path) -> None:
    class CollectBroken(pyblish.api.ContextPlugin):
        order = pyblish.api.CollectorOrder + 0.1

        def process(self, context: pyblish.api.Context) -> None:
            raise KeyError("shot")

    plugins = [
        _collector(("a", "model")),
        CollectBroken,
        _writer("ValidateAnything", pyblish.api.ValidatorOrder, tmp_path),
        _writer("ExtractAbc", pyblish.api.ExtractorOrder, tmp_path),
    ]
    result = run(plugins, pyblish.api.Context())
    assert result.outcome is Outcome.INVALID
    assert _written(tmp_path) == {"ValidateAnything.a"}


def test_targets_select_plugins(tmp_path: Path) -> None:
    local = _writer("ExtractLocal", pyblish.api.ExtractorOrder, tmp_path)
    local.targets = ["local"]
    farm = _writer("ExtractFarm", pyblish.api.ExtractorOrder, tmp_path)
    farm.targets = ["farm"]
    everywhere = _writer("ExtractEverywhere", pyblish.api.ExtractorOrder, tmp_path)
    plugins = [_collector(("a", "render")), local, farm, everywhere]
    result = run(plugins, pyblish.api.Context(), targets=("default", "farm"))
    assert result.outcome is Outcome.PUBLISHED
    assert _written(tmp_path) == {"ExtractFarm.a", "ExtractEverywhere.a"}


def test_context_plugins_honour_families(tmp_path: Path) -> None:
    def context_writer(name: str, families: list[str]) -> type:
        def process(self: pyblish.api.ContextPlugin, context: pyblish.api.Context) -> None:
            (tmp_path / name).write_text("done", encoding="utf-8")

        attributes = {"order": pyblish.api.ExtractorOrder, "families": families, "process": process}
        return type(name, (pyblish.api.ContextPlugin,), attributes)

    plugins = [
        _collector(("geo", "model"), ("off", "render")),
        context_writer("ExtractRenderLayers", ["render"]),
        context_writer("ExtractModels", ["model"]),
        context_writer("ExtractAlways", ["*"]),
    ]
    context = pyblish.api.Context()

    class DeactivateRender(pyblish.api.ContextPlugin):
        order = pyblish.api.CollectorOrder + 0.2

        def process(self, context: pyblish.api.Context) -> None:
            context[1].data["publish"] = False

    run([*plugins, DeactivateRender], context)
    assert _written(tmp_path) == {"ExtractModels", "ExtractAlways"}


def test_inactive_plugins_and_unpublished_instances_are_skipped(tmp_path: Path) -> None:
    inactive = _writer("ExtractInactive", pyblish.api.ExtractorOrder, tmp_path)
    inactive.active = False
    skip = _writer("ExtractAll", pyblish.api.ExtractorOrder, tmp_path)

    class CollectSkipped(pyblish.api.ContextPlugin):
        order = pyblish.api.CollectorOrder

        def process(self, context: pyblish.api.Context) -> None:
            context.create_instance("on", family="model")
            context.create_instance("off", family="model", publish=False)

    run([CollectSkipped, inactive, skip], pyblish.api.Context())
    assert _written(tmp_path) == {"ExtractAll.on"}


def test_validate_only_stops_after_validation(tmp_path: Path) -> None:
    plugins = [
        _collector(("a", "model")),
        _writer("ValidateA", pyblish.api.ValidatorOrder, tmp_path),
        _writer("ExtractA", pyblish.api.ExtractorOrder, tmp_path),
    ]
    result = run(plugins, pyblish.api.Context(), last_stage=Stage.VALIDATE)
    assert result.outcome is Outcome.VALIDATED
    assert _written(tmp_path) == {"ValidateA.a"}


def test_old_style_plugins_get_context_and_instance_injected(tmp_path: Path) -> None:
    class ExtractOldStyle(pyblish.api.Extractor):
        def process(self, context: pyblish.api.Context, instance: pyblish.api.Instance) -> None:
            (tmp_path / f"{instance.name}.{len(context)}").write_text("done", encoding="utf-8")

    run([_collector(("a", "model"), ("b", "model")), ExtractOldStyle], pyblish.api.Context())
    assert _written(tmp_path) == {"a.2", "b.2"}


def test_instance_plugins_run_per_instance_whatever_their_argument_is_called(
    tmp_path: Path,
) -> None:
    class ExtractNamed(pyblish.api.InstancePlugin):
        order = pyblish.api.ExtractorOrder

        def process(self, item: pyblish.api.Instance) -> None:
            (tmp_path / item.name).write_text("done", encoding="utf-8")

    run([_collector(("a", "model"), ("b", "model")), ExtractNamed], pyblish.api.Context())
    assert _written(tmp_path) == {"a", "b"}


def test_records_are_captured_per_step_without_touching_the_root_logger() -> None:
    class ValidateChatty(pyblish.api.InstancePlugin):
        order = pyblish.api.ValidatorOrder

        def process(self, instance: pyblish.api.Instance) -> None:
            self.log.debug("checking %s", instance.name)
            logging.getLogger("ftrack_api.session").debug("noise")
            logging.getLogger("urllib3.connectionpool").debug("noise")
            levels.append(logging.getLogger().level)

    levels: list[int] = []
    root_level = logging.getLogger().level
    result = run(
        [_collector(("a", "model"), ("b", "model")), ValidateChatty], pyblish.api.Context()
    )
    assert levels == [root_level, root_level]
    chatty = [step for step in result.steps if step.plugin == "ValidateChatty"]
    assert [[r.message for r in step.records] for step in chatty] == [
        ["checking a"],
        ["checking b"],
    ]
    assert chatty[0].records[0].logger == "pyblish.ValidateChatty"
    assert chatty[0].records[0].level == "DEBUG"


def test_records_are_capped_per_step() -> None:
    class CollectFlood(pyblish.api.ContextPlugin):
        def process(self, context: pyblish.api.Context) -> None:
            for index in range(MAX_RECORDS_PER_STEP + 50):
                self.log.info("line %d", index)

    [step] = run([CollectFlood], pyblish.api.Context()).steps
    assert len(step.records) == MAX_RECORDS_PER_STEP + 1
    assert step.records[-1].message == "50 more records dropped"


def test_report_is_json_with_every_step(tmp_path: Path) -> None:
    plugins = [
        _collector(("a", "model")),
        _writer("ExtractA", pyblish.api.ExtractorOrder, tmp_path, fail_on="a"),
    ]
    result = run(plugins, pyblish.api.Context())
    path = tmp_path / "reports" / "publish.json"
    report.write_report(result, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["outcome"] == "failed"
    assert data["error"]["title"] == "ExtractA failed"
    assert [(s["plugin"], s["stage"], s["state"]) for s in data["steps"]] == [
        ("CollectTest", "collect", "success"),
        ("ExtractA", "extract", "failed"),
    ]
    assert data["steps"][1]["instance"] == "a"


@pytest.mark.parametrize(
    ("order", "stage"),
    [
        (-0.5, Stage.COLLECT),
        (0.49, Stage.COLLECT),
        (0.5, Stage.VALIDATE),
        (1.49, Stage.VALIDATE),
        (2, Stage.EXTRACT),
        (3.2, Stage.INTEGRATE),
        (9, Stage.INTEGRATE),
    ],
)
def test_stage_of_order_follows_pyblish_ranges(order: float, stage: Stage) -> None:
    assert Stage.of(order) is stage


def test_failed_state_carries_the_error() -> None:
    class CollectNothing(pyblish.api.ContextPlugin):
        label = "Collect nothing"

        def process(self, context: pyblish.api.Context) -> None:
            raise PublishError("Nothing to publish", "mark something for publishing first")

    [step] = run([CollectNothing], pyblish.api.Context()).steps
    assert step.state is State.FAILED
    assert step.error.line() == "Nothing to publish: mark something for publishing first"


def test_a_run_steps_one_plugin_and_instance_at_a_time_and_stops_between_steps(
    tmp_path: Path,
) -> None:
    plugins = [
        _collector(("a", "model"), ("b", "model")),
        _writer("ExtractAbc", pyblish.api.ExtractorOrder, tmp_path),
        _writer("IntegrateFtrack", pyblish.api.IntegratorOrder, tmp_path),
    ]
    current = Run(plugins, pyblish.api.Context())
    first = current.step()
    assert (first.plugin, first.instance) == ("CollectTest", None)
    second = current.step()
    assert (second.plugin, second.instance) == ("ExtractAbc", "a")
    assert _written(tmp_path) == {"ExtractAbc.a"}
    current.stop()
    assert current.done
    assert current.step() is None
    assert _written(tmp_path) == {"ExtractAbc.a"}
    result = current.result()
    assert [step.instance for step in result.steps] == [None, "a"]
    assert result.outcome is Outcome.STOPPED
