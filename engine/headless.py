"""Headless training for the CLI: train a config for N steps and report the history as JSON."""

from __future__ import annotations

import json
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from engine.config import ExperimentConfig
from engine.errors import NnlensError
from engine.trainer import Trainer


def _number(x: float) -> float | None:
    """JSON has no NaN: unmeasured values become null."""
    return None if not math.isfinite(x) else float(x)


def _numbers(values: Any) -> list[float | None]:
    return [_number(float(v)) for v in values]


def train_report(
    config: ExperimentConfig, steps: int, progress: Callable[[int, float], None] | None = None
) -> dict[str, Any]:
    """Train ``steps`` updates and return a JSON-ready report of the run."""
    trainer = Trainer(config)
    chunk = max(1, steps // 100)
    done = 0
    while done < steps and not trainer.diverged:
        stats = trainer.run(min(chunk, steps - done))
        done = trainer.step_count
        if progress:
            progress(done, stats.loss)
    snap = trainer.snapshot()
    test_loss, test_acc = trainer.test_metrics()
    h = snap.history
    return {
        "name": config.name,
        "config": config.to_dict(),
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


class ProgressBar:
    """A one-line progress bar on a terminal; silent elsewhere (pipes, CI logs)."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total, self.stream = total, stream
        self.enabled = stream.isatty()
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


def run_train(config: ExperimentConfig, steps: int, json_out: str | None) -> int:
    """The ``train`` command: prints a summary line, optionally writes the JSON report."""
    bar = ProgressBar(steps)
    report = train_report(config, steps, bar)
    bar.close()
    f = report["final"]

    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{100 * x:.1f}%"

    def num(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.4g}"

    print(
        f"{report['name']}: {report['steps']} steps, {report['epochs']} epochs; "
        f"train loss {num(f['train_loss'])} acc {pct(f['train_accuracy'])}; "
        f"validation loss {num(f['validation_loss'])} acc {pct(f['validation_accuracy'])}"
        + (f"; test acc {pct(f['test_accuracy'])}" if f["test_accuracy"] is not None else "")
    )
    if json_out:
        path = Path(json_out)
        tmp = path.with_name(path.name + ".tmp")
        try:
            tmp.write_text(json.dumps(report, indent=1), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise NnlensError(
                f"{path}: cannot write the JSON report ({exc.strerror or exc})"
            ) from None
        print(f"wrote {path}")
    if report["diverged"]:
        print(f"training diverged: {report['diverged']}", file=sys.stderr)
        return 3
    return 0
