"""Another process on the event hub, as a studio's event listener or action would be.

Run with FTRACK_SERVER, FTRACK_API_USER and FTRACK_API_KEY set. It answers ``test.echo``
events with their data, and offers the action ``peer.hello`` (discover and launch). It prints
``ready`` once subscribed and stops after ``--seconds``.
"""

from __future__ import annotations

import argparse
import os
import sys

import ftrack_api.event.hub


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    hub = ftrack_api.event.hub.EventHub(
        os.environ["FTRACK_SERVER"], os.environ["FTRACK_API_USER"], os.environ["FTRACK_API_KEY"]
    )
    hub.connect()
    hub.subscribe("topic=test.echo", lambda event: {"echo": event["data"], "pid": os.getpid()})
    hub.subscribe(
        "topic=ftrack.action.discover",
        lambda event: {"items": [{"label": "Hello", "actionIdentifier": "peer.hello"}]},
    )
    hub.subscribe(
        "topic=ftrack.action.launch and data.actionIdentifier=peer.hello",
        lambda event: {"success": True, "message": f"Hello {event['data']['selection']}"},
    )
    hub.wait(0.5)  # the subscriptions' acknowledgements arrive before anyone publishes
    print("ready", flush=True)
    hub.wait(args.seconds)
    hub.disconnect()
    sys.exit(0)


if __name__ == "__main__":
    main()
