"""Errors a user can cause or meet. Each message is one readable sentence for the screen or stderr."""
from __future__ import annotations

__all__ = ["ConflictError", "NotFoundError", "TransitionError", "UserError", "ValidationError"]


class UserError(Exception):
    """Base for errors shown to the user as they are (never a traceback)."""


class TransitionError(UserError, ValueError):
    """A status change the pipeline does not allow; the message names the allowed moves. (Still a
    ValueError for callers that catch that.)"""


class NotFoundError(UserError):
    pass


class ValidationError(UserError):
    pass


class ConflictError(UserError):
    """A save over a stale version. Carries both versions so the user can compare them."""

    def __init__(self, message: str, *, mine: dict[str, object], theirs: dict[str, object], current_version: int):
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs
        self.current_version = current_version
