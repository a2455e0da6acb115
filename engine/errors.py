"""Errors the engine raises for bad input; each message is one line a user can act on."""

from __future__ import annotations


class NnlensError(ValueError):
    """Base class: bad input a user can fix. The message is shown to them as it is."""


class ConfigError(NnlensError):
    """An experiment setting is invalid. ``field`` names it, e.g. ``"optimizer.lr"``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class DataError(NnlensError):
    """A data file or generator request cannot be turned into a data set."""
