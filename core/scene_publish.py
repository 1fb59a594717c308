"""Publish the scene open in a DCC: what every host's menu and batch command run.

The task is the scene's, else ftrack Connect's (:func:`~ftpub.core.context.find_task_id`); the
show's config and the host's plugins apply. A publish that cannot start (no task, ftrack
unreachable, a bad config) ends in a ``NOT_STARTED`` result saying why, like any other.
"""

from __future__ import annotations

from collections.abc import Mapping

from ftpub.core.config import ConfigError, load_config
from ftpub.core.context import TASK_VARIABLES, ContextError, find_task_id, resolve_task
from ftpub.core.discovery import discover
from ftpub.core.ftrack.session import SessionError, open_session
from ftpub.core.hooks import HookLoadError, plugin_manager
from ftpub.core.host import HostAdapter, HostError
from ftpub.core.result import ErrorInfo, Outcome, PublishResult, Stage
from ftpub.core.runner import StepCallback, publish

SETUP_ERRORS = (ConfigError, ContextError, HookLoadError, HostError, SessionError)


def publish_scene(
    host: HostAdapter,
    last_stage: Stage = Stage.INTEGRATE,
    comment: str = "",
    on_step: StepCallback | None = None,
    environ: Mapping[str, str] | None = None,
) -> PublishResult:
    """Collect, validate and (up to ``last_stage``) publish ``host``'s open scene."""
    session = None
    try:
        task_id = find_task_id(host, environ)
        if task_id is None:
            raise ContextError(
                "the scene has no ftrack task: pick one with ftpub > Set task…, or launch "
                f"the application from a task in ftrack ({' or '.join(TASK_VARIABLES)})"
            )
        hooks = plugin_manager()
        session = open_session(environ)
        task = resolve_task(session, task_id)
        config = load_config(task.project_name, environ)
        discovery = discover(host.name, config, hooks, environ)
        return publish(
            discovery,
            host,
            task,
            config,
            host.targets,
            comment or host.comment,
            last_stage,
            on_step,
            session=session,
            hooks=hooks,
        )
    except SETUP_ERRORS as error:
        info = ErrorInfo("The publish could not start", str(error), type(error).__name__)
        return PublishResult(Outcome.NOT_STARTED, (), 0.0, error=info)
    finally:
        if session is not None:
            session.close()


HEADLINES = {
    Outcome.PUBLISHED: "Published.",
    Outcome.VALIDATED: "Everything is valid: ready to publish.",
    Outcome.NOT_STARTED: "The publish could not start.",
    Outcome.INVALID: "Not published: fix these problems, then publish again.",
    Outcome.FAILED: "The publish failed; nothing of it was kept.",
    Outcome.STOPPED: "The publish was stopped; nothing of it was kept.",
}


def summary(result: PublishResult) -> str:
    """What an artist reads after a publish: the outcome, each problem, the versions made."""
    lines = [HEADLINES[result.outcome]]
    if not result.steps and result.error is not None:
        lines.append(result.error.description)
    for step in result.failures:
        if step.error is not None:
            where = step.instance or "scene"
            lines.append(f"- {where}: {step.error.title}: {step.error.description}")
    lines.extend(f"- {v.asset_name} v{v.version:03d}" for v in result.versions)
    lines.extend(f"- {handed.detail}" for handed in result.handed_over)
    return "\n".join(lines)
