"""Comparison runs: one experiment in a few variants, trained in lockstep on the same data.

Most of the course's figures compare: four optimizers on one plot, three initialisations side
by side, with and without batch normalisation. A ``Variant`` is the base experiment with a few
fields changed; everything not varied (data, seed, mini-batch order) is the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine.config import SECTIONS, ExperimentConfig
from engine.datasets import Dataset
from engine.errors import ConfigError
from engine.snapshot import Snapshot, StepStats
from engine.text import tr
from engine.trainer import Trainer


@dataclass(frozen=True)
class Variant:
    """A labelled experiment, e.g. ``Variant("std 0.01", config)``; ``changes`` lists the
    dotted fields it changes from the base (for legends and captions)."""

    label: str
    config: ExperimentConfig
    changes: Mapping[str, Any]


def make_variants(
    base: ExperimentConfig, specs: Sequence[Mapping[str, Any]], where: str = "variants"
) -> list[Variant]:
    """Variants from specs such as ``{"label": "He", "model": {"init": "he"}}`` or
    ``{"label": "lr 0.1", "optimizer.lr": 0.1}``; errors name ``variants[i].field``."""
    variants = []
    for i, spec in enumerate(specs):
        if not isinstance(spec, Mapping):
            raise ConfigError(f"{where}[{i}]", tr("expected a table with a label and changes"))
        spec = dict(spec)
        changes = flatten_changes(spec, f"{where}[{i}]")
        label = spec.get("label", ", ".join(f"{k.split('.')[-1]} {v}" for k, v in changes.items()))
        if not isinstance(label, str):
            raise ConfigError(f"{where}[{i}].label", tr("expected text"))
        try:
            config = base.with_changes(changes)
        except ConfigError as exc:
            raise ConfigError(f"{where}[{i}].{exc.field}", exc.message) from None
        variants.append(Variant(label, config, changes))
    return variants


def flatten_changes(spec: Mapping[str, Any], where: str) -> dict[str, Any]:
    """``{"model": {"init": "he"}, "seed": 1}`` → ``{"model.init": "he", "seed": 1}``."""
    changes: dict[str, Any] = {}
    for key, value in spec.items():
        if key == "label":
            continue
        if key in SECTIONS and isinstance(value, Mapping):
            changes.update({f"{key}.{k}": v for k, v in value.items()})
        elif key in ("name", "seed") or key.split(".")[0] in SECTIONS:
            changes[key] = value
        else:
            raise ConfigError(f"{where}.{key}", tr("unknown setting"))
    return changes


def vary(base: ExperimentConfig, field: str, values: Sequence[Any]) -> list[Variant]:
    """One variant per value of a single dotted ``field`` ("Compare…" in the app)."""
    return make_variants(
        base, [{"label": f"{field.split('.')[-1]} = {v}", field: v} for v in values]
    )


class Comparison:
    """Trainers for each variant, stepped together. Variants whose data settings agree share
    one generated (or loaded) data set."""

    def __init__(self, variants: Sequence[Variant]) -> None:
        if not variants:
            raise ConfigError("variants", tr("a comparison needs at least one variant"))
        self.variants = list(variants)
        cache: dict[str, Dataset] = {}
        self.trainers: list[Trainer] = []
        for variant in self.variants:
            d = variant.config.data
            key = repr(d)
            if key not in cache:
                cache[key] = d.build()
            self.trainers.append(Trainer(variant.config, dataset=cache[key]))

    @property
    def labels(self) -> list[str]:
        return [v.label for v in self.variants]

    @property
    def step_count(self) -> int:
        return max(t.step_count for t in self.trainers)

    def step(self) -> list[StepStats]:
        """One update of every variant (a diverged variant stays where it stopped)."""
        return [t.step() for t in self.trainers]

    def run(self, n: int) -> list[StepStats]:
        stats: list[StepStats] = []
        for _ in range(n):
            stats = self.step()
            if all(t.diverged for t in self.trainers):
                break
        return stats

    def snapshots(self) -> list[Snapshot]:
        return [t.snapshot() for t in self.trainers]
