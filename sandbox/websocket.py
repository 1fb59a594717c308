"""A server-side websocket on a connection the HTTP server already accepted (RFC 6455).

The opening handshake is answered here; frames are read and written with wsproto, a
sans-IO implementation, so the sandbox's threaded HTTP server keeps one thread per socket.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from wsproto.connection import Connection, ConnectionType
from wsproto.events import BytesMessage, CloseConnection, Ping, TextMessage

_ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class HandshakeError(ValueError):
    """The request is not a websocket opening handshake."""


def accept_key(headers: Any) -> str:
    """The ``Sec-WebSocket-Accept`` value for a handshake's headers."""
    if str(headers.get("Upgrade", "")).lower() != "websocket":
        raise HandshakeError("Expected an 'Upgrade: websocket' request.")
    if headers.get("Sec-WebSocket-Version") != "13":
        raise HandshakeError("Only websocket version 13 is supported.")
    key = headers.get("Sec-WebSocket-Key")
    if not key:
        raise HandshakeError("The request has no Sec-WebSocket-Key.")
    digest = hashlib.sha1((key + _ACCEPT_GUID).encode()).digest()
    return base64.b64encode(digest).decode()


class WebSocket:
    """An open websocket over ``reader``/``writer`` of an upgraded connection."""

    def __init__(self, sock: socket.socket, reader: BinaryIO, writer: BinaryIO) -> None:
        self._socket = sock
        self._reader = reader
        self._writer = writer
        self._protocol = Connection(ConnectionType.SERVER)
        self._send_lock = threading.Lock()
        self._closed = False

    def send_text(self, text: str) -> None:
        """Send one text message; a closed socket drops it."""
        self._write(lambda: self._protocol.send(TextMessage(data=text)))

    def messages(self) -> Iterator[str]:
        """Text messages as they arrive, until the peer closes or the socket fails."""
        parts: list[str] = []
        while not self._closed:
            try:
                data = self._reader.read1(65536)  # type: ignore[attr-defined]
            except OSError:
                data = b""
            self._protocol.receive_data(data or None)
            for event in self._protocol.events():
                if isinstance(event, TextMessage):
                    parts.append(event.data)
                    if event.message_finished:
                        yield "".join(parts)
                        parts.clear()
                elif isinstance(event, BytesMessage):
                    continue
                elif isinstance(event, Ping):
                    self._write(lambda event=event: self._protocol.send(event.response()))
                elif isinstance(event, CloseConnection):
                    self._write(lambda event=event: self._protocol.send(event.response()))
                    self._closed = True
            if not data:
                self._closed = True
        self.close()

    def close(self) -> None:
        """Close the socket (from any thread); :meth:`messages` then ends."""
        self._closed = True
        with contextlib.suppress(OSError):
            self._socket.shutdown(socket.SHUT_RDWR)

    def _write(self, frame: Callable[[], bytes]) -> None:
        with self._send_lock:
            if self._closed:
                return
            try:
                self._writer.write(frame())
                self._writer.flush()
            except Exception:  # the peer is gone: reading ends the loop
                self._closed = True
