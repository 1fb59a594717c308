"""Everything that talks to ftrack: sessions, context lookup, integration and its rollback.

The modules behind these names each do one job: :mod:`.session` opens the session,
:mod:`.calls` sends batches of :mod:`.operations`, :mod:`.integrate` runs a publish through
its phases (:mod:`.plan`, :mod:`.versions`, :mod:`.placement`, :mod:`.registration`,
:mod:`.publish`), :mod:`.rollback` and :mod:`.recovery` undo what a failed one left, and
:mod:`.storage` is ftpub's storage location for any ftrack session.
"""

from .calls import (
    DEFAULT_POLICY,
    DUPLICATE_ENTRY,
    FtrackCallError,
    Reply,
    RetryPolicy,
    retried,
    send,
)
from .integrate import InstanceToPublish, IntegrationError, IntegrationSettings, integrate
from .lookup import NotInFtrackError
from .operations import Operation, create, delete, query, quoted, ref, update
from .recovery import Recovered, recover
from .rollback import FtrackUndo
from .session import SessionError, open_session
from .storage import TemplateStructure, configure

__all__ = [
    "DEFAULT_POLICY",
    "DUPLICATE_ENTRY",
    "FtrackCallError",
    "FtrackUndo",
    "InstanceToPublish",
    "IntegrationError",
    "IntegrationSettings",
    "NotInFtrackError",
    "Operation",
    "Recovered",
    "Reply",
    "RetryPolicy",
    "SessionError",
    "TemplateStructure",
    "configure",
    "create",
    "delete",
    "integrate",
    "open_session",
    "query",
    "quoted",
    "recover",
    "ref",
    "retried",
    "send",
    "update",
]
