"""Headless training for the CLI: train a config for N steps and report the history as JSON."""

from __future__ import annotations

import json
import math
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from engine.compare import Comparison, Variant
from engine.config import ExperimentConfig
from engine.errors import NnlensError
from engine.presets import Lesson, RaceSpec, make_race
from engine.search import SearchSpec, Trial, random_search
from engine.text import tr
from engine.trainer import Trainer


def _number(x: float) -> float | None:
    """JSON has no NaN: unmeasured values become null."""
    return None if not math.isfinite(x) else float(x)


def _numbers(values: Any) -> list[float | None]:
    return [_number(float(v)) for v in values]


def variant_report(label: str, changes: dict[str, Any], trainer: Trainer) -> dict[str, Any]:
    """One trained variant: its config, final figures, history and per-layer statistics."""
    snap = trainer.snapshot()
    test_loss, test_acc = trainer.test_metrics()
    h = snap.history
    return {
        "label": label,
        "changes": changes,
        "config": trainer.config.to_dict(),
        "steps": trainer.step_count,
        "epochs": trainer.epoch,
        "diverged": trainer.diverged,
        "final": {
            "train_loss": _number(snap.train_loss),
            "train_accuracy": _number(snap.train_accuracy),
            "validation_loss": _number(snap.val_loss),
            "validation_accuracy": _number(snap.val_accuracy),
            "test_loss": _number(test_loss),
            "test_accuracy": _number(test_acc),
        },
        "history": {
            "loss": _numbers(h.loss),
            "loss_steps": [int(s) for s in h.steps()],
            "eval_steps": [int(s) for s in h.eval_steps],
            "train_loss": _numbers(h.train_loss),
            "train_accuracy": _numbers(h.train_accuracy),
            "validation_loss": _numbers(h.val_loss),
            "validation_accuracy": _numbers(h.val_accuracy),
            "grad_norms": [_numbers(row) for row in h.grad_norms],
        },
        "layers": {
            "activations": [
                {
                    "layer": a.name,
                    "mean": a.mean,
                    "std": a.std,
                    "saturated": _number(a.saturated),
                    "dead_units": _number(a.dead_units),
                }
                for a in snap.activation_hists
            ],
            "weights": [{"layer": w.name, "mean": w.mean, "std": w.std} for w in snap.weight_hists],
        },
    }


def race_report(spec: RaceSpec, steps: int) -> dict[str, Any]:
    """Each runner's path on the surface as a list of (x, y) points."""
    race = make_race(spec)
    race.step(steps)
    return {
        "surface": spec.surface,
        "start": list(race.start),
        "steps": race.steps,
        "runners": {
            label: {"optimizer": name, **hyper} for label, (name, hyper) in race.runners.items()
        },
        "paths": {
            label: [[float(x), float(y)] for x, y in path] for label, path in race.paths.items()
        },
        "diverged": list(race.diverged),
    }


def train_report(
    experiment: ExperimentConfig | Lesson,
    steps: int,
    progress: Callable[[int, float], None] | None = None,
) -> dict[str, Any]:
    """Train ``steps`` updates of an experiment, or of every variant of a lesson in lockstep
    (a lesson with a race runs the race for ``steps`` steps instead), and report the runs."""
    search = None
    if isinstance(experiment, Lesson):
        name, variants, race = experiment.name, list(experiment.variants), experiment.race
        search = experiment.search
        if not variants and not race and not search:
            variants = [Variant(name, experiment.config, {})]
    else:
        name, variants, race = experiment.name, [Variant(experiment.name, experiment, {})], None
    report: dict[str, Any] = {"name": name, "steps": steps, "variants": []}
    if variants:
        comparison = Comparison(variants)
        chunk = max(1, steps // 100)
        while comparison.step_count < steps and not all(t.diverged for t in comparison.trainers):
            stats = comparison.run(min(chunk, steps - comparison.step_count))
            if progress:
                progress(comparison.step_count, stats[0].loss if stats else math.nan)
        report["variants"] = [
            variant_report(v.label, dict(v.changes), t)
            for v, t in zip(variants, comparison.trainers, strict=True)
        ]
    if race:
        report["race"] = race_report(race, steps)
        if progress:
            progress(steps, math.nan)
    if search:
        report["search"] = search_report(experiment.config, replace(search, steps=steps), progress)
    return report


def search_report(
    config: ExperimentConfig, spec: SearchSpec, progress: Callable[[int, float], None] | None
) -> dict[str, Any]:
    """Every trial of a random search, best validation accuracy first."""

    def tick(trial: Trial, done: int) -> None:
        if progress:
            progress(round(done * spec.steps / spec.trials), trial.val_loss)

    trials = random_search(config, spec, progress=tick)
    return {
        "trials_requested": spec.trials,
        "steps_per_trial": spec.steps,
        "lr_exponents": list(spec.lr),
        "weight_decay_exponents": list(spec.weight_decay),
        "trials": [
            {
                "lr": t.lr,
                "weight_decay": t.weight_decay,
                "validation_accuracy": _number(t.val_accuracy),
                "validation_loss": _number(t.val_loss),
                "eval_steps": list(t.eval_steps),
                "validation_accuracy_curve": _numbers(t.val_curve),
                "diverged": t.diverged,
            }
            for t in trials
        ],
    }


class ProgressBar:
    """A one-line progress bar on a terminal; silent elsewhere (pipes, CI logs)."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total, self.stream = total, stream or sys.stderr  # sys.stderr as it is now
        self.enabled = self.stream.isatty()
        self.start = time.perf_counter()

    def __call__(self, done: int, loss: float) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / max(self.total, 1))
        rate = done / max(time.perf_counter() - self.start, 1e-9)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} "
            f"loss {loss:.4g}  {rate:,.0f} steps/s "
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")


def run_train(experiment: ExperimentConfig | Lesson, steps: int, json_out: str | None) -> int:
    """The ``train`` command: a summary line per variant, optionally the JSON report."""
    bar = ProgressBar(steps)
    report = train_report(experiment, steps, bar)
    bar.close()

    def pct(x: float | None) -> str:
        return tr("n/a") if x is None else f"{100 * x:.1f}%"

    def num(x: float | None) -> str:
        return tr("n/a") if x is None else f"{x:.4g}"

    for v in report["variants"]:
        f = v["final"]
        if f["test_accuracy"] is None:
            summary = tr(
                "{label}: {steps} steps, {epochs} epochs; "
                "train loss {train_loss} acc {train_acc}; "
                "validation loss {val_loss} acc {val_acc}"
            )
        else:
            summary = tr(
                "{label}: {steps} steps, {epochs} epochs; "
                "train loss {train_loss} acc {train_acc}; "
                "validation loss {val_loss} acc {val_acc}; test acc {test_acc}"
            )
        print(
            summary.format(
                label=v["label"],
                steps=v["steps"],
                epochs=v["epochs"],
                train_loss=num(f["train_loss"]),
                train_acc=pct(f["train_accuracy"]),
                val_loss=num(f["validation_loss"]),
                val_acc=pct(f["validation_accuracy"]),
                test_acc=pct(f["test_accuracy"]),
            )
        )
    if "search" in report:
        for rank, t in enumerate(report["search"]["trials"][:5], start=1):
            line = tr(
                "#{rank}: lr {lr:.2e}, weight decay {weight_decay:.2e}: "
                "validation accuracy {accuracy}"
            )
            print(
                line.format(
                    rank=rank,
                    lr=t["lr"],
                    weight_decay=t["weight_decay"],
                    accuracy=pct(t["validation_accuracy"]),
                )
            )
    if "race" in report:
        for label, path in report["race"]["paths"].items():
            x, y = path[-1]
            line = tr("{label}: {steps} steps on {surface}, ends at ({x:.4g}, {y:.4g})")
            print(
                line.format(
                    label=label, steps=len(path) - 1, surface=report["race"]["surface"], x=x, y=y
                )
            )
    if json_out:
        path = Path(json_out)
        tmp = path.with_name(path.name + ".tmp")
        try:
            tmp.write_text(json.dumps(report, indent=1), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            message = tr("{path}: cannot write the JSON report ({error})")
            raise NnlensError(message.format(path=path, error=exc.strerror or exc)) from None
        print(tr("wrote {path}").format(path=path))
    diverged = [(v["label"], v["diverged"]) for v in report["variants"] if v["diverged"]]
    for label, reason in diverged:
        print(
            tr("training diverged: {label}: {reason}").format(label=label, reason=reason),
            file=sys.stderr,
        )
    return 3 if diverged and len(diverged) == len(report["variants"]) else 0
