"""nnlens engine: everything that computes, in NumPy and the standard library (no Qt)."""

from engine.config import ExperimentConfig
from engine.errors import ConfigError, DataError, NnlensError
from engine.network import MLP
from engine.snapshot import Snapshot, StepStats
from engine.trainer import Trainer

__all__ = [
    "MLP",
    "ConfigError",
    "DataError",
    "ExperimentConfig",
    "NnlensError",
    "Snapshot",
    "StepStats",
    "Trainer",
]
