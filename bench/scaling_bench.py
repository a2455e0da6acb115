"""How the engine's cost grows: microseconds per training step against hidden width and depth,
and ``Trainer.snapshot()`` time against the probe size.

Steps train the bundled digits (64 inputs, 10 classes) with Adam (lr 1e-3), ReLU, He init,
batch 100, no evaluations: one hidden layer of width 16…1024, then 1…10 hidden layers of width
64. The plain NumPy MLP of ``engine_bench.py`` (the floor) is timed beside each net. Snapshots
are of a 100-(64×3)-3 net on 5,000 standard-normal samples of the "gaussian" data set (4,000
training rows), probe 100…3,000 samples. A snapshot runs the network forward over
max(probe, ``EVAL_ROWS``) training rows (the probe is their head), so below 1,000 samples its
cost hardly moves. Times are this process's CPU time (one BLAS thread, so close to the wall
time on an idle machine; on a shared one, waiting for a core does not count), every
configuration timed once per round, rounds interleaved, medians reported.

    python bench/scaling_bench.py [--rounds 5] [--quick] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine_bench import PlainMLP  # the floor; bench/ is sys.path[0] when run as a script

from engine import ExperimentConfig, Trainer
from engine.trainer import EVAL_ROWS

WIDTHS = (16, 32, 64, 128, 256, 512, 1024)
DEPTHS = tuple(range(1, 11))
PROBES = (100, 300, 1000, 3000)
BATCH = 100


def step_config(hidden: list[int]) -> ExperimentConfig:
    return ExperimentConfig(name="scaling").with_changes(
        {
            "data.dataset": "digits",
            "model.hidden": hidden,
            "model.activation": "relu",
            "model.init": "he",
            "model.task": "multiclass",
            "optimizer.name": "adam",
            "optimizer.lr": 1e-3,
            "training.batch_size": BATCH,
            "training.eval_every": 0,
        }
    )


def probe_config(probe: int) -> ExperimentConfig:
    return ExperimentConfig(name="scaling-probe").with_changes(
        {
            "data.dataset": "gaussian",
            "data.n_samples": 5000,
            "data.validation_fraction": 0.2,
            "model.hidden": [64, 64, 64],
            "model.activation": "relu",
            "model.init": "he",
            "optimizer.name": "adam",
            "optimizer.lr": 1e-3,
            "training.batch_size": BATCH,
            "training.eval_every": 0,
            "training.probe_size": probe,
        }
    )


def step_runners(hidden: list[int]) -> dict[str, Callable[[int], object]]:
    """nnlens and the plain NumPy floor on the same training rows."""
    trainer = Trainer(step_config(hidden))
    X, y = trainer.split.train.X, trainer.split.train.y
    plain = PlainMLP([X.shape[1], *hidden, int(y.max()) + 1], X, y, BATCH)

    def run_nnlens(n: int) -> None:
        trainer.run(n)
        if trainer.diverged:
            raise SystemExit(f"scaling bench: {hidden} diverged ({trainer.diverged})")

    def run_plain(n: int) -> None:
        for _ in range(n):
            plain.step()

    return {"nnlens": run_nnlens, "plain": run_plain}


def timed_us(run: Callable[[int], object], n: int) -> float:
    """CPU µs per call of ``run(n)``."""
    start = time.process_time()
    run(n)
    return (time.process_time() - start) / n * 1e6


def interleaved(
    cases: dict[object, Callable[[int], object]], rounds: int, budget: float
) -> dict[object, float]:
    """Median µs per call of each case; each timing lasts about ``budget`` seconds."""
    counts = {}
    for key, run in cases.items():
        run(5)
        counts[key] = int(np.clip(budget / (timed_us(run, 5) * 1e-6), 5, 5000))
    samples: dict[object, list[float]] = {key: [] for key in cases}
    for _ in range(rounds):
        for key, run in cases.items():
            samples[key].append(timed_us(run, counts[key]))
    return {key: statistics.median(v) for key, v in samples.items()}


def step_table(sizes: dict[int, list[int]], rounds: int, budget: float) -> list[dict]:
    cases = {}
    for size, hidden in sizes.items():
        for name, run in step_runners(hidden).items():
            cases[(size, name)] = run
    us = interleaved(cases, rounds, budget)
    return [
        {"size": size, "nnlens_us": us[(size, "nnlens")], "plain_us": us[(size, "plain")]}
        for size in sizes
    ]


def probe_table(rounds: int, budget: float) -> list[dict]:
    cases = {}
    for probe in PROBES:
        trainer = Trainer(probe_config(probe))
        trainer.run(20)
        cases[(probe, "full")] = lambda n, t=trainer: [t.snapshot() for _ in range(n)]
        cases[(probe, "live")] = lambda n, t=trainer: [t.snapshot(evaluate=False) for _ in range(n)]
    us = interleaved(cases, rounds, budget)
    return [
        {
            "probe": probe,
            "rows_forward": max(probe, EVAL_ROWS),
            "full_ms": us[(probe, "full")] / 1e3,
            "live_ms": us[(probe, "live")] / 1e3,
        }
        for probe in PROBES
    ]


def exponent(xs: list[float], ys: list[float]) -> float:
    """k of the least-squares fit y ∝ x^k (the slope on log-log axes)."""
    return float(np.polyfit(np.log(xs), np.log(ys), 1)[0])


def growth(widths: list[dict], depths: list[dict], probes: list[dict]) -> dict[str, float]:
    """Fitted growth at the large end of each sweep."""
    wide = [r for r in widths if r["size"] >= 256]
    deep = [r for r in depths if r["size"] >= 3]
    over = [r for r in probes if r["probe"] >= EVAL_ROWS]
    out = {
        "width_exponent": exponent([r["size"] for r in wide], [r["nnlens_us"] for r in wide]),
        "width_ns_per_unit": 1e3 * widths[-1]["nnlens_us"] / widths[-1]["size"],
        "depth_us_per_layer": float(
            np.polyfit([r["size"] for r in deep], [r["nnlens_us"] for r in deep], 1)[0]
        ),
        "depth_exponent": exponent([r["size"] for r in deep], [r["nnlens_us"] for r in deep]),
    }
    if len(over) >= 2:
        a, b = over[0], over[-1]
        out["probe_us_per_row"] = 1e3 * (b["full_ms"] - a["full_ms"]) / (b["probe"] - a["probe"])
    return out


def print_tables(figures: dict) -> None:
    g = figures["growth"]
    print(
        f"digits, Adam, batch {BATCH}, ReLU; CPU time, median of {figures['rounds']} "
        "interleaved rounds\n"
    )
    for title, key in (("hidden width (1 layer)", "width"), ("depth (layers of 64)", "depth")):
        print(f"| {title} | nnlens µs/step | plain NumPy µs/step | nnlens / plain |")
        print("|---:|---:|---:|---:|")
        for r in figures[key]:
            print(
                f"| {r['size']} | {r['nnlens_us']:.0f} | {r['plain_us']:.0f} | "
                f"{r['nnlens_us'] / r['plain_us']:.2f}× |"
            )
        print()
    print(
        f"Width 256→1024: step time ∝ width^{g['width_exponent']:.2f} "
        f"({g['width_ns_per_unit']:.0f} ns per unit of width at 1024); "
        f"depth 3→10: {g['depth_us_per_layer']:.0f} µs per added layer "
        f"(∝ depth^{g['depth_exponent']:.2f}).\n"
    )
    print("| probe samples | rows run forward | snapshot() ms | snapshot(evaluate=False) ms |")
    print("|---:|---:|---:|---:|")
    for r in figures["probe"]:
        print(f"| {r['probe']} | {r['rows_forward']} | {r['full_ms']:.2f} | {r['live_ms']:.2f} |")
    if "probe_us_per_row" in g:
        print(
            f"\nAbove {EVAL_ROWS} samples a snapshot costs {g['probe_us_per_row']:.1f} µs more "
            f"per probe sample (100-(64×3)-3 net, gaussian data)."
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="short timings, for a smoke run")
    parser.add_argument("--json", metavar="PATH", help="also write the figures to PATH as JSON")
    args = parser.parse_args()
    rounds = 2 if args.quick else args.rounds
    budget = 0.02 if args.quick else 0.15
    widths = step_table({w: [w] for w in WIDTHS}, rounds, budget)
    depths = step_table({d: [64] * d for d in DEPTHS}, rounds, budget)
    probes = probe_table(rounds, budget)
    figures = {
        "rounds": rounds,
        "quick": args.quick,
        "width": widths,
        "depth": depths,
        "probe": probes,
        "growth": growth(widths, depths, probes),
    }
    print_tables(figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
