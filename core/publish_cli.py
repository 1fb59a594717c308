"""``ftpub publish``, ``validate``, ``plugins`` and ``config``.

Exit codes: 0 when everything published (or validated); 2 for a usage, config, manifest,
ftrack-context or plugin-discovery error; 3 when collection or validation failed; 4 when the
publish failed after validation. The last line on stderr is the error an artist can read; a
failure's detail goes to the report (``--report``, or a new file in ftpub's report folder).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ftpub.core import report
from ftpub.core.cli import EXIT_FAILED, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from ftpub.core.result import ErrorInfo, Outcome, PublishResult, Stage, StepResult

if TYPE_CHECKING:
    import ftrack_api

EXIT_CODES = {
    Outcome.PUBLISHED: EXIT_OK,
    Outcome.VALIDATED: EXIT_OK,
    Outcome.NOT_STARTED: EXIT_USAGE,
    Outcome.INVALID: EXIT_INVALID,
    Outcome.FAILED: EXIT_FAILED,
    Outcome.STOPPED: EXIT_FAILED,
}
QUIET_LOGGERS = ("ftrack_api", "urllib3", "requests")
DESCRIPTION = (
    "Exit codes: 0 done; 2 the publish could not start (manifest, config, ftrack); "
    "3 validation refused it; 4 it failed after validation and was rolled back. "
    "A failure's detail is in the report (--report, or the file named on stderr)."
)


def _setup_errors() -> tuple[type[Exception], ...]:
    """The errors that stop a publish before it starts (imported only when one runs)."""
    from ftpub.core.config import ConfigError
    from ftpub.core.context import ContextError
    from ftpub.core.ftrack.session import SessionError
    from ftpub.core.hooks import HookLoadError
    from ftpub.core.host import HostError

    return (ConfigError, ContextError, HookLoadError, HostError, SessionError)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _progress(as_json: bool) -> Callable[[StepResult], None]:
    if as_json:
        return lambda step: print(json.dumps({"step": report.step_to_dict(step)}), flush=True)
    return lambda step: _stderr(report.step_line(step))


def _quiet_libraries() -> None:
    """The ftrack client logs its errors with tracebacks; ftpub's last line already says them."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _run_manifest(args: argparse.Namespace, last_stage: Stage) -> int:
    from ftpub.core.config import load_config
    from ftpub.core.context import TASK_VARIABLES, ContextError, find_task_id, resolve_task
    from ftpub.core.discovery import discover
    from ftpub.core.ftrack.session import open_session
    from ftpub.core.hooks import plugin_manager
    from ftpub.core.host_registry import open_host
    from ftpub.core.runner import publish

    _quiet_libraries()
    session: ftrack_api.Session | None = None
    try:
        hooks = plugin_manager()
        host = open_host("farm", Path(args.manifest), hooks)
        task_id = find_task_id(host)
        if task_id is None:
            raise ContextError(f"no task: set {' or '.join(TASK_VARIABLES)}")
        session = open_session()
        task = resolve_task(session, task_id)
        config = load_config(task.project_name)
        discovery = discover(host.name, config, hooks)
        result = publish(
            discovery,
            host,
            task,
            config,
            host.targets,
            host.comment,
            last_stage,
            _progress(args.json),
            session=session,
            hooks=hooks,
        )
    except _setup_errors() as error:
        not_started = ErrorInfo("Could not start", str(error), "")
        return _finish(PublishResult(Outcome.NOT_STARTED, (), 0.0, not_started), args, str(error))
    finally:
        if session is not None:
            session.close()
    return _finish(result, args)


def _finish(result: PublishResult, args: argparse.Namespace, setup_error: str = "") -> int:
    report_path = Path(args.report).absolute() if args.report else None
    if report_path is None and result.error is not None:
        report_path = report.new_report_path()
    if report_path is not None:
        try:
            report.write_report(result, report_path)
        except OSError as error:
            _stderr(f"ftpub: could not write the report {report_path}: {error.strerror}")
            report_path = None
    if args.json:
        print(json.dumps({"result": report.result_to_dict(result)}), flush=True)
    for line in report.problem_lines(result, detail=args.debug):
        _stderr(line)
    for version in result.versions:
        _stderr(f"published {version.asset_name} v{version.version:03d}")
    if result.error is not None and report_path is not None:
        _stderr(f"ftpub: the full report: {report_path}")
    _stderr(report.shorten(f"ftpub: {setup_error or report.last_line(result)}"))
    return EXIT_CODES[result.outcome]


def _publish(args: argparse.Namespace) -> int:
    return _run_manifest(args, Stage.INTEGRATE)


def _validate(args: argparse.Namespace) -> int:
    return _run_manifest(args, Stage.VALIDATE)


def _plugins(args: argparse.Namespace) -> int:
    from ftpub.core.config import load_config
    from ftpub.core.discovery import discover
    from ftpub.core.hooks import plugin_manager
    from ftpub.core.host_registry import find_host

    try:
        config = load_config(args.show)
        hooks = plugin_manager()
        find_host(args.host, hooks)
        discovery = discover(args.host, config, hooks)
    except _setup_errors() as error:
        _stderr(report.shorten(f"ftpub: {error}"))
        return EXIT_USAGE
    for found in discovery.plugins:
        plugin = found.plugin
        print(
            f"{plugin.order:6.2f}  {Stage.of(plugin.order).name.lower():<9}  {found.name:<32}"
            f"  targets={','.join(plugin.targets)}  families={','.join(plugin.families)}"
            f"  active={plugin.active}  from {found.origin}: {found.file}"
        )
        for attribute, source in sorted(found.settings.items()):
            print(f"        {attribute} = {getattr(plugin, attribute)!r}  ({source})")
    for found in discovery.disabled:
        print(f"disabled  {found.name}  ({found.settings['enabled']})  from {found.file}")
    for problem in discovery.problems:
        _stderr(f"{problem.kind}: {problem.file}: {problem.message}")
        if args.debug:
            for line in problem.detail.splitlines():
                _stderr(f"    {line}")
    if discovery.problems:
        problems = report.plural(len(discovery.problems), "plugin problem")
        _stderr(f"ftpub: {problems}; a publish would not start (--debug shows the tracebacks)")
        return EXIT_USAGE
    return EXIT_OK


def _config(args: argparse.Namespace) -> int:
    from ftpub.core.config import ConfigError, describe, load_config

    try:
        config = load_config(args.show)
    except ConfigError as error:
        _stderr(report.shorten(f"ftpub: {error}"))
        return EXIT_USAGE
    for key, value, source in describe(config):
        print(f"{key} = {value}  # {source}")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the publishing sub-commands to the ``ftpub`` parser."""
    for name, func, help_text in (
        ("publish", _publish, "publish a manifest (collect, validate, extract, integrate)"),
        ("validate", _validate, "collect and validate a manifest, publish nothing"),
    ):
        parser = subparsers.add_parser(name, help=help_text, description=DESCRIPTION)
        parser.add_argument("--manifest", required=True, help="ftpub manifest (JSON)")
        parser.add_argument("--report", help="write the result as JSON to this file")
        parser.add_argument("--json", action="store_true", help="JSON lines on stdout")
        parser.set_defaults(func=func)
    parser = subparsers.add_parser("plugins", help="list the plugins that would run, and why not")
    parser.add_argument("--host", default="farm", help="host name (default: farm)")
    parser.add_argument("--show", help="ftrack project name whose config applies")
    parser.set_defaults(func=_plugins)
    parser = subparsers.add_parser("config", help="print the effective config and its sources")
    parser.add_argument("--show", help="ftrack project name whose config applies")
    parser.set_defaults(func=_config)
