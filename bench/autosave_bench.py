"""Autosave cost: what the training thread pauses for (capturing a checkpoint) and what the
autosave thread spends writing it (``engine.checkpoint.save``: .npz, fsync, atomic rename),
with the file's size, for the lessons' networks after a number of steps.

    python bench/autosave_bench.py [--repeats 15] [--steps 1000,20000]

Times are medians over the repeats (the machines are shared and noisy), in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import checkpoint
from engine.presets import load_lesson
from engine.trainer import Trainer

CASES = [
    ("xor lesson 2-4-4-2", "xor", {}),
    ("digits lesson 64-100-10", "digits", {}),
    ("digits 64-(100×5)-10", "digits", {"model.hidden": [100] * 5}),
]


def _median_ms(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--steps", default="1000,20000")
    args = parser.parse_args()
    steps_list = [int(s) for s in args.steps.split(",")]
    print(f"{'network':28} {'steps':>7} {'params':>7} {'capture':>9} {'write':>9} {'size':>9}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "experiment.npz"
        for label, lesson, changes in CASES:
            trainer = Trainer(load_lesson(lesson).config.with_changes(changes))
            done = 0
            for steps in steps_list:
                trainer.run(steps - done)
                done = steps
                capture_ms = _median_ms(partial(checkpoint.capture, trainer), args.repeats)
                saved = checkpoint.capture(trainer)
                size = 0

                def write(saved=saved):
                    nonlocal size
                    size = checkpoint.save(
                        path, saved.config, saved.state, saved.history, saved.param_path
                    )

                write_ms = _median_ms(write, args.repeats)
                print(
                    f"{label:28} {steps:>7} {trainer.model.theta.size:>7} "
                    f"{capture_ms:>7.2f}ms {write_ms:>7.2f}ms {size / 1024:>6.0f} KB"
                )


if __name__ == "__main__":
    main()
