"""Errors the engine raises for bad input; each message is one line a user can act on."""

from __future__ import annotations


class NnlensError(ValueError):
    """Base class: bad input a user can fix. The message is shown to them as it is."""


class ConfigError(NnlensError):
    """An experiment setting is invalid. ``field`` names it, e.g. ``"optimizer.lr"``;
    ``message`` says what is wrong with it (already in the user's language)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class DataError(NnlensError):
    """A data file or generator request cannot be turned into a data set."""
