"""Actions of a run's plugins: offered by their ``on`` filter, run only when asked."""

from __future__ import annotations

import pyblish.api

from ftpub.core import actions
from ftpub.core.result import PublishError, State
from ftpub.core.runner import Run


class RepairName(pyblish.api.Action):
    label = "Repair"
    on = "failed"

    def process(self, context: pyblish.api.Context, plugin: type) -> None:
        for instance in context:
            instance.data["name_ok"] = True
        self.log.info("Renamed %d instances", len(context))


class Explode(pyblish.api.Action):
    on = "failed"

    def process(self, context: pyblish.api.Context, plugin: type) -> None:
        raise PublishError("Cannot repair", "the scene is read-only")


class Report(pyblish.api.Action):
    on = "succeeded"


class Prepare(pyblish.api.Action):
    on = "notProcessed"


class Collect(pyblish.api.ContextPlugin):
    order = pyblish.api.CollectorOrder

    def process(self, context: pyblish.api.Context) -> None:
        context.create_instance("chair", family="model")


class ValidateName(pyblish.api.InstancePlugin):
    order = pyblish.api.ValidatorOrder
    actions = [RepairName, Explode, Report, pyblish.api.Separator]

    def process(self, instance: pyblish.api.Instance) -> None:
        if not instance.data.get("name_ok"):
            raise PublishError("Bad name", "chair must be named chair_GEO")


class ValidateUnits(pyblish.api.ContextPlugin):
    order = pyblish.api.ValidatorOrder
    actions = [Report, RepairName]


class ExtractLater(pyblish.api.ContextPlugin):
    order = pyblish.api.ExtractorOrder
    actions = [Prepare]


def _ran() -> Run:
    run = Run([Collect, ValidateName, ValidateUnits, ExtractLater], pyblish.api.Context())
    while run.step() is not None:
        pass
    return run


def test_offers_follow_the_on_filters_of_the_run() -> None:
    run = _ran()
    offers = actions.available(run.plugins, run.steps)
    offered = {(offer.plugin_name, offer.action.__name__) for offer in offers}
    assert offered == {
        ("ValidateName", "RepairName"),
        ("ValidateName", "Explode"),
        ("ValidateUnits", "Report"),
        ("ExtractLater", "Prepare"),
    }


def test_nothing_runs_until_asked_then_the_action_repairs() -> None:
    run = _ran()
    assert not run.context[0].data.get("name_ok")
    repair = next(o for o in actions.available(run.plugins, run.steps) if o.label == "Repair")
    result = actions.run_action(repair, run.context)
    assert result.state is State.SUCCESS
    assert result.error is None
    assert run.context[0].data["name_ok"] is True
    assert [r.message for r in result.records] == ["Renamed 1 instances"]


def test_a_failing_action_returns_its_error() -> None:
    run = _ran()
    explode = next(o for o in actions.available(run.plugins, run.steps) if o.label == "Explode")
    result = actions.run_action(explode, run.context)
    assert result.state is State.FAILED
    assert result.error is not None
    assert (result.error.title, result.error.description) == (
        "Cannot repair",
        "the scene is read-only",
    )
