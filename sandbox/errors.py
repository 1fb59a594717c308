"""Errors the sandbox reports to the client, in the shape of ftrack's error replies."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error the client receives as ``{"exception", "content", "error_code"}``.

    ``status`` is the HTTP status used when the client asks for the strict API (or always,
    for authentication); otherwise errors travel with status 200, as on a real server.
    """

    exception = "ServerError"
    status = 400

    def __init__(self, content: str, error_code: str | None = None) -> None:
        super().__init__(content)
        self.content = content.replace("{", "(").replace("}", ")")
        self.error_code = error_code

    def reply(self) -> dict[str, Any]:
        return {"exception": self.exception, "content": self.content, "error_code": self.error_code}


class ValidationError(ApiError):
    exception = "ValidationError"
    status = 422


class ParseError(ApiError):
    exception = "ParseError"
    status = 400


class DuplicateEntryError(ApiError):
    exception = "DuplicateEntryError"
    status = 409


class NotFoundError(ApiError):
    exception = "NoResultFoundError"
    status = 404


class PermissionDeniedError(ApiError):
    exception = "PermissionError"
    status = 403


class InvalidCredentialsError(ApiError):
    exception = "InvalidCredentialsError"
    status = 401


class UnknownActionError(ApiError):
    exception = "ValidationError"
    status = 400

    def __init__(self, action: object) -> None:
        super().__init__(f"Invalid action u'{action}'")
