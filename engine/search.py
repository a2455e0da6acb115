"""Random hyper-parameter search on a log scale, in parallel worker processes.

The course's recipe: draw the learning rate as 10^U(−6, −2) and the weight decay as
10^U(−8, −4), train each candidate briefly, rank them by validation accuracy (never by the
test set), narrow the ranges around the best and repeat.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

import numpy as np

from engine.config import ExperimentConfig
from engine.errors import ConfigError
from engine.text import tr
from engine.trainer import Trainer


@dataclass(frozen=True)
class SearchSpec:
    """``trials`` candidates of ``steps`` updates; exponent ranges for lr and weight decay."""

    trials: int = 20
    steps: int = 300
    lr: tuple[float, float] = (-6.0, -2.0)
    weight_decay: tuple[float, float] = (-8.0, -4.0)
    seed: int = 0

    def validate(self) -> SearchSpec:
        if not 1 <= self.trials <= 1000:
            raise ConfigError("search.trials", tr("expected 1 to 1000 trials"))
        if not 1 <= self.steps <= 1_000_000:
            raise ConfigError("search.steps", tr("expected 1 to 1000000 steps per trial"))
        for name in ("lr", "weight_decay"):
            low, high = getattr(self, name)
            if not (math.isfinite(low) and math.isfinite(high) and low < high <= 3):
                message = tr("expected exponents [low, high], low < high")
                raise ConfigError(f"search.{name}", message)
        return self


@dataclass(frozen=True)
class Trial:
    """One candidate: its settings, its final validation figures and its validation curve."""

    index: int
    lr: float
    weight_decay: float
    val_accuracy: float
    val_loss: float
    eval_steps: tuple[int, ...]
    val_curve: tuple[float, ...]
    diverged: str | None


def sample(spec: SearchSpec) -> list[tuple[float, float]]:
    """(lr, weight decay) pairs, each 10 to the power of a uniform draw, reproducible by seed."""
    rng = np.random.default_rng(spec.seed)
    lrs = 10.0 ** rng.uniform(*spec.lr, spec.trials)
    decays = 10.0 ** rng.uniform(*spec.weight_decay, spec.trials)
    return [(float(a), float(b)) for a, b in zip(lrs, decays, strict=True)]


def run_trial(config: dict[str, Any], index: int, lr: float, decay: float, steps: int) -> Trial:
    """Train one candidate (module-level so worker processes can run it)."""
    trainer = Trainer(
        ExperimentConfig.from_dict(config).with_changes({"optimizer.lr": lr, "model.l2": decay})
    )
    trainer.run(steps)
    _, _, val_loss, val_acc = trainer.evaluate()
    h = trainer.history()
    curve = tuple(float(v) for v in h.val_accuracy)
    return Trial(
        index,
        lr,
        decay,
        val_acc,
        val_loss,
        tuple(int(s) for s in h.eval_steps),
        curve,
        trainer.diverged,
    )


def random_search(
    config: ExperimentConfig,
    spec: SearchSpec,
    workers: int | None = None,
    progress: Callable[[Trial, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> list[Trial]:
    """Run every trial on ``workers`` processes (all cores by default) and return the finished
    trials best first. ``progress(trial, done)`` is called as each finishes; setting ``cancel``
    stops handing out trials and returns those finished so far."""
    spec.validate()
    raw = config.to_dict()
    pending = list(enumerate(sample(spec)))
    workers = max(1, min(workers or os.cpu_count() or 1, len(pending)))
    done: list[Trial] = []
    if workers == 1:
        for index, (lr, decay) in pending:
            if cancel is not None and cancel.is_set():
                break
            done.append(run_trial(raw, index, lr, decay, spec.steps))
            if progress:
                progress(done[-1], len(done))
        return rank(done)
    with (
        _single_threaded_blas(),
        ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool,
    ):
        running: set[Future] = set()
        while pending or running:
            stopping = cancel is not None and cancel.is_set()
            while pending and not stopping and len(running) < 2 * workers:
                index, (lr, decay) = pending.pop(0)
                running.add(pool.submit(run_trial, raw, index, lr, decay, spec.steps))
            if stopping:
                for future in running:
                    future.cancel()
            finished, running = wait(running, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                if not future.cancelled():
                    done.append(future.result())
                    if progress:
                        progress(done[-1], len(done))
            if stopping and not running:
                break
    return rank(done)


@contextmanager
def _single_threaded_blas() -> Iterator[None]:
    """Worker processes inherit one BLAS thread each: one process per core already fills the
    machine, and nested BLAS threads fighting over the cores made trials ten times slower."""
    names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(dict.fromkeys(names, "1"))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def rank(trials: list[Trial]) -> list[Trial]:
    """Best validation accuracy first; diverged or unmeasured trials last."""

    def key(trial: Trial) -> float:
        return -trial.val_accuracy if math.isfinite(trial.val_accuracy) else math.inf

    return sorted(trials, key=key)
