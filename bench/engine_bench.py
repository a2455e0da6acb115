"""Engine speed: microseconds per training step against a plain NumPy floor and the peers.

One step is one mini-batch update with Adam (lr 1e-3), float64, ReLU hidden layers and a
softmax cross-entropy output, mini-batches drawn from a fresh permutation each epoch. Every
implementation is timed in the same run, interleaved in rounds, and the median round is
reported, since these machines are shared and noisy.

    python bench/engine_bench.py [--rounds 7] [--quick] [--json PATH]

scikit-learn and PyTorch are measured when installed (``pip install -e ".[bench]"``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import ExperimentConfig, Trainer
from engine.datasets import make_dataset

CASES = [
    ("XOR 2-8-8-2, batch 10", "xor", [8, 8], 10),
    ("digits 64-100-100-100-10, batch 100", "digits", [100, 100, 100], 100),
    ("digits 64-(100×5)-10, batch 100", "digits", [100] * 5, 100),
]


def nnlens_config(dataset: str, hidden: list[int], batch: int, eval_every: int = 0):
    return ExperimentConfig(name="bench").with_changes(
        {
            "data.dataset": dataset,
            "data.n_samples": 1000,
            "data.validation_fraction": 0.2,
            "model.hidden": hidden,
            "model.activation": "relu",
            "model.init": "he",
            "model.task": "multiclass",
            "optimizer.name": "adam",
            "optimizer.lr": 1e-3,
            "training.batch_size": batch,
            "training.eval_every": eval_every,
            "training.probe_size": 1000,
        }
    )


class PlainMLP:
    """The floor: the smallest honest NumPy MLP + Adam, one array per layer, no extras."""

    def __init__(self, sizes: list[int], X: np.ndarray, y: np.ndarray, batch: int) -> None:
        rng = np.random.default_rng(0)
        self.W = [rng.normal(0, np.sqrt(2 / a), (a, b)) for a, b in itertools.pairwise(sizes)]
        self.b = [np.zeros(b) for b in sizes[1:]]
        self.params = self.W + self.b
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.t = 0
        self.X, self.T = X, np.eye(sizes[-1])[y]
        self.batch, self.rng = batch, rng
        self.order, self.cursor = np.arange(len(X)), len(X)

    def step(self) -> None:
        if self.cursor >= len(self.order):
            self.rng.shuffle(self.order)
            self.cursor = 0
        rows = self.order[self.cursor : self.cursor + self.batch]
        self.cursor += self.batch
        a, T = self.X[rows], self.T[rows]
        acts = [a]
        for W, b in zip(self.W[:-1], self.b[:-1], strict=True):
            a = np.maximum(a @ W + b, 0)
            acts.append(a)
        u = a @ self.W[-1] + self.b[-1]
        e = np.exp(u - u.max(axis=1, keepdims=True))
        y = e / e.sum(axis=1, keepdims=True)
        delta = (y - T) / len(rows)
        gW, gb = [None] * len(self.W), [None] * len(self.b)
        for l in range(len(self.W) - 1, -1, -1):
            gW[l] = acts[l].T @ delta
            gb[l] = delta.sum(axis=0)
            if l:
                delta = (delta @ self.W[l].T) * (acts[l] > 0)
        self.t += 1
        c1, c2 = 1 - 0.9**self.t, 1 - 0.999**self.t
        for p, g, m, v in zip(self.params, gW + gb, self.m, self.v, strict=True):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= 1e-3 * (m / c1) / (np.sqrt(v / c2) + 1e-8)


def sklearn_runner(hidden, X, y, batch) -> Callable[[int], None] | None:
    try:
        from sklearn.neural_network import MLPClassifier
    except ImportError:
        return None
    import warnings

    per_epoch = int(np.ceil(len(X) / batch))

    def run(steps: int) -> None:
        epochs = max(1, steps // per_epoch)
        clf = MLPClassifier(
            hidden_layer_sizes=hidden,
            solver="adam",
            learning_rate_init=1e-3,
            batch_size=batch,
            max_iter=epochs,
            tol=0.0,
            n_iter_no_change=10**9,
            random_state=0,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clf.fit(X, y)

    run.steps_for = lambda steps: max(1, steps // per_epoch) * per_epoch  # type: ignore[attr-defined]
    return run


def torch_runner(hidden, X, y, batch) -> Callable[[int], None] | None:
    try:
        import torch
    except ImportError:
        return None
    torch.manual_seed(0)
    sizes = [X.shape[1], *hidden, int(y.max()) + 1]
    layers: list = []
    for a, b in itertools.pairwise(sizes):
        layers += [torch.nn.Linear(a, b, dtype=torch.float64), torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    Xt, yt = torch.from_numpy(X.copy()), torch.from_numpy(y.astype(np.int64))
    rng = np.random.default_rng(0)
    state = {"order": np.arange(len(X)), "cursor": len(X)}

    def run(steps: int) -> None:
        for _ in range(steps):
            if state["cursor"] >= len(X):
                rng.shuffle(state["order"])
                state["cursor"] = 0
            rows = torch.from_numpy(state["order"][state["cursor"] : state["cursor"] + batch])
            state["cursor"] += batch
            opt.zero_grad(set_to_none=True)
            loss_fn(model(Xt[rows]), yt[rows]).backward()
            opt.step()

    return run


def timed(run: Callable[[int], None], steps: int) -> float:
    """Microseconds per step of ``run(steps)``."""
    start = time.perf_counter()
    run(steps)
    done = getattr(run, "steps_for", lambda s: s)(steps)
    return (time.perf_counter() - start) / done * 1e6


def bench_case(dataset: str, hidden: list[int], batch: int, rounds: int, steps: int):
    config = nnlens_config(dataset, hidden, batch)
    trainer = Trainer(config)
    evaluating = Trainer(nnlens_config(dataset, hidden, batch, eval_every=50))
    X, y = trainer.split.train.X, trainer.split.train.y
    plain = PlainMLP([X.shape[1], *hidden, int(y.max()) + 1], X, y, batch)
    runners: dict[str, Callable[[int], None] | None] = {
        "nnlens": trainer.run,
        "nnlens (eval every 50)": evaluating.run,
        "plain NumPy": lambda n: [plain.step() for _ in range(n)],
        "scikit-learn": sklearn_runner(tuple(hidden), X, y, batch),
        "PyTorch CPU": torch_runner(hidden, X, y, batch),
    }
    runners = {k: v for k, v in runners.items() if v is not None}
    for run in runners.values():
        run(max(10, steps // 10))
    samples: dict[str, list[float]] = {k: [] for k in runners}
    for _ in range(rounds):
        for name, run in runners.items():
            samples[name].append(timed(run, steps))
    return {k: statistics.median(v) for k, v in samples.items()}


def snapshot_ms(rounds: int) -> float:
    trainer = Trainer(nnlens_config("digits", [100] * 5, 100))
    trainer.run(100)
    times = []
    for _ in range(rounds * 3):
        start = time.perf_counter()
        trainer.snapshot()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="fewer steps, for a smoke run")
    parser.add_argument("--json", metavar="PATH", help="also write the figures to PATH as JSON")
    args = parser.parse_args()
    make_dataset("digits")
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, NumPy {np.__version__}, {_cores()} cores\n"
    )
    print(
        "| case | nnlens µs/step | with eval every 50 | plain NumPy | scikit-learn | "
        "PyTorch CPU | nnlens / plain | nnlens faster than peers |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    cases = []
    for title, dataset, hidden, batch in CASES:
        steps = 200 if args.quick else (2000 if dataset == "xor" else 500)
        r = bench_case(dataset, hidden, batch, args.rounds, steps)
        cases.append({"case": title, "us_per_step": r})
        peers = [r[k] for k in ("scikit-learn", "PyTorch CPU") if k in r]
        verdict = "yes" if all(r["nnlens"] < p for p in peers) else "NO"
        print(
            f"| {title} | {r['nnlens']:.0f} | {r['nnlens (eval every 50)']:.0f} | "
            f"{r['plain NumPy']:.0f} | {_cell(r, 'scikit-learn')} | {_cell(r, 'PyTorch CPU')} | "
            f"{r['nnlens'] / r['plain NumPy']:.2f}× | {verdict if peers else 'n/a'} |"
        )
    snapshot = snapshot_ms(args.rounds)
    print(
        f"\nfull snapshot, digits 64-(100×5)-10, probe 1,000 samples: "
        f"{snapshot:.1f} ms (target ≤ 10 ms)"
    )
    if args.json:
        figures = {"rounds": args.rounds, "quick": args.quick, "cases": cases}
        figures["snapshot_ms"] = snapshot
        Path(args.json).write_text(json.dumps(figures, indent=1))


def _cell(r: dict[str, float], key: str) -> str:
    return f"{r[key]:.0f}" if key in r else "not installed"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    main()
