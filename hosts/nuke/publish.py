"""Publish the open script headless: what the batch script runs.

The task is the script's, else ftrack Connect's (:func:`~ftpub.core.context.find_task_id`); the
show's config and Nuke's plugins apply. A publish that cannot start (no task, ftrack
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


def publish_script(
    host: HostAdapter,
    last_stage: Stage = Stage.INTEGRATE,
    comment: str = "",
    on_step: StepCallback | None = None,
    environ: Mapping[str, str] | None = None,
) -> PublishResult:
    """Collect, validate and (up to ``last_stage``) publish ``host``'s open script."""
    session = None
    try:
        task_id = find_task_id(host, environ)
        if task_id is None:
            raise ContextError(
                "the script has no ftrack task: pick one with ftpub > Set task…, or launch "
                f"Nuke from a task in ftrack ({' or '.join(TASK_VARIABLES)})"
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
