"""Asking before an action that cannot be undone (erase, merge): the user types the reference of
the lead it changes for good; without a terminal to ask on, `--yes` must say it."""
from __future__ import annotations

import sys

from app.domain.errors import UserError

__all__ = ["ConfirmationRequired", "confirm_by_reference"]


class ConfirmationRequired(UserError):  # noqa: N818 - a question to ask, not an error
    """A destructive action asked for confirmation where nobody can give it."""


def confirm_by_reference(reference: str, action: str, *, assume_yes: bool, not_done: str) -> None:
    """Have the user type `reference` to go on with `action` ("erase this person for good");
    ConfirmationRequired (saying `not_done`) when they do not, or cannot be asked."""
    if assume_yes:
        return
    if not sys.stdin.isatty():
        raise ConfirmationRequired(f"{action} cannot be undone and needs confirmation: run it in a terminal, or add --yes")
    typed = input(f"Type the reference ({reference}) to {action}: ").strip()
    if typed.upper() != reference.upper():
        raise ConfirmationRequired(f"the reference did not match; {not_done}")
