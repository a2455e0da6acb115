"""Long-run memory bench: 100,000 headless steps and 20,000 steps in the real window, with the
process's resident memory (VmRSS) sampled along the way to show that it stays flat.

The learning curves are what grew with every step before issue 7; they are now bounded
(``engine.history_series``): at most 20,000 mini-batch loss points (pairs merge into their
mean at doubled stride) and 2,000 evaluations (every other one dropped), that is
``bound_bytes(layers)`` = 20,000 × 24 B + 2,000 × 8 B × (5 + layers), 608 kB for the xor
network's three weight layers, twice that while snapshots still hold buffers a thinning
replaced. ``bound_mb`` is that doubled history bound plus ``SLACK_MB`` = 8 MB for the Python
and Qt allocators, whose pools grow and shrink by megabytes on their own; a leak of a few bytes
per step would show as 2+ MB over 100,000 steps and a continued rise between the samples.

The window also keeps the rewind timeline (``engine.timeline``): a ``TrainerState`` about
every 0.1 s of playing, so it grows with time rather than steps, up to its own budget (64 MB
by default; a few kB per state for xor, about 1 MB for the digits 64-(100×5)-10 Adam net).
Its bytes at the end are reported as ``gui_timeline_bytes`` and are part of the GUI's growth.

Both runs train the xor lesson (2-4-4-1 tanh, batch 10, an evaluation every 50 steps). The
headless run takes a live-view snapshot every 1,000 steps and keeps only the newest, as the
window does; the GUI run is a fresh process (so its RSS is its own) that opens the
``MainWindow`` offscreen, plays until 20,000 steps and samples RSS every 100 ms. Start RSS is
taken after warming up: the trainer built and one snapshot taken, or the first frame painted.

    python bench/longrun_bench.py [--quick] [--json PATH]

``--quick`` runs 30,000 headless steps (past the first thinning at 20,000) and 5,000 in the
window, a smoke run whose figures are not to quote.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.history_series import bound_bytes  # noqa: E402
from engine.presets import load_lesson  # noqa: E402
from engine.snapshot import History  # noqa: E402
from engine.trainer import Trainer  # noqa: E402

MB = 2**20
SLACK_MB = 8.0
HEADLESS_STEPS, GUI_STEPS = 100_000, 20_000
QUICK_HEADLESS_STEPS, QUICK_GUI_STEPS = 30_000, 5_000
SNAPSHOT_EVERY = 1_000


def rss_mb() -> float:
    """Resident set size of this process now (VmRSS), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024 / MB
    raise RuntimeError("no VmRSS in /proc/self/status")


def history_bytes(history: History) -> int:
    """Bytes of the arrays a history hands out (the points it holds)."""
    arrays = (
        history.loss,
        history.steps(),
        history.eval_steps,
        history.train_loss,
        history.train_accuracy,
        history.val_loss,
        history.val_accuracy,
        history.grad_norms,
    )
    return sum(a.nbytes for a in arrays)


def checkpoints(total: int) -> list[int]:
    """The steps at which the report quotes RSS: 10%, 50% and 100% of the run."""
    return [total // 10, total // 2, total]


def headless_run(steps: int) -> dict[str, object]:
    trainer = Trainer(load_lesson("xor").config)
    snapshot = trainer.snapshot(evaluate=False)
    start = rss_mb()
    peak, samples, marks = start, [], checkpoints(steps)
    at: dict[str, float] = {}
    began = time.perf_counter()
    for step in range(1, steps + 1):
        trainer.step()
        if step % SNAPSHOT_EVERY == 0:
            snapshot = trainer.snapshot(evaluate=False)
            rss = rss_mb()
            peak = max(peak, rss)
            samples.append((step, round(rss, 2)))
        if step in marks:
            at[f"headless_rss_at_{step}_mb"] = rss_mb()
    seconds = time.perf_counter() - began
    h = snapshot.history
    return {
        "headless_steps": trainer.step_count,
        "headless_seconds": seconds,
        "headless_rss_start_mb": start,
        "headless_rss_peak_mb": peak,
        **at,
        "headless_rss_end_mb": rss_mb(),
        "history_bytes": history_bytes(h),
        "history_loss_points": len(h.loss),
        "history_loss_stride": int(h.steps()[0]) if len(h.loss) else 1,
        "history_eval_points": len(h.eval_steps),
        "history_bound_bytes": bound_bytes(trainer.model.n_layers),
        "headless_samples": samples,
    }


def gui_child(steps: int) -> dict[str, object]:
    """Runs in its own process: the window plays the xor lesson until ``steps`` steps."""
    from PySide6.QtCore import QSettings, QTimer

    from gui.app import application
    from gui.window import MainWindow

    app = application()
    folder = tempfile.mkdtemp(prefix="nnlens-longrun-")
    settings = QSettings(os.path.join(folder, "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(load_lesson("xor").config, settings=settings, remember=False)
    window.resize(1600, 1000)
    window.show()
    done = [0]
    frames = [0]
    window.frame_drawn.connect(lambda _s: frames.__setitem__(0, frames[0] + 1))
    window.training.worker.steps_completed.connect(
        lambda stats: done.__setitem__(0, stats[-1].step if stats else done[0])
    )
    deadline = time.perf_counter() + 30
    while not frames[0] and time.perf_counter() < deadline:
        app.processEvents()
    start = rss_mb()
    samples: list[tuple[int, float]] = []

    def sample() -> None:
        samples.append((done[0], rss_mb()))
        if done[0] >= steps:
            app.quit()

    probe = QTimer()
    probe.setInterval(100)
    probe.timeout.connect(sample)
    probe.start()
    began = time.perf_counter()
    window.transport.play.trigger()
    app.exec()
    seconds = time.perf_counter() - began
    probe.stop()
    window.transport.play.trigger()  # pause
    timeline = getattr(window.training.worker, "timeline", None)
    figures: dict[str, object] = {
        "gui_steps": done[0],
        "gui_seconds": seconds,
        "gui_frames": frames[0],
        "gui_rss_start_mb": start,
        "gui_rss_peak_mb": max([start, *(rss for _, rss in samples)]),
        "gui_rss_end_mb": samples[-1][1] if samples else start,
        "gui_timeline_bytes": getattr(timeline, "nbytes", 0),
    }
    for mark in checkpoints(steps):
        reached = [rss for step, rss in samples if step >= mark]
        if reached:
            figures[f"gui_rss_at_{mark}_mb"] = reached[0]
    figures["gui_samples"] = [
        (step, round(rss, 2)) for step, rss in samples[:: max(1, len(samples) // 40)]
    ]
    window.close()
    return figures


def gui_run(steps: int) -> dict[str, object]:
    """``gui_child`` in a fresh process; its figures come back as the last line of stdout."""
    done = subprocess.run(
        [sys.executable, __file__, "--gui-child", str(steps)],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise SystemExit(f"the GUI run failed: {reason[-1] if reason else done.returncode}")
    return json.loads(lines[-1])


def growth(figures: dict[str, object], part: str) -> float:
    return float(figures[f"{part}_rss_peak_mb"]) - float(figures[f"{part}_rss_start_mb"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: fewer steps")
    parser.add_argument("--json", metavar="PATH", help="also write the figures to PATH as JSON")
    parser.add_argument("--gui-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.gui_child:
        print(json.dumps(gui_child(args.gui_child)), flush=True)
        return
    headless_steps = QUICK_HEADLESS_STEPS if args.quick else HEADLESS_STEPS
    gui_steps = QUICK_GUI_STEPS if args.quick else GUI_STEPS
    figures = headless_run(headless_steps)
    figures |= gui_run(gui_steps)
    bound = 2 * int(figures["history_bound_bytes"]) / MB + SLACK_MB
    figures |= {"bound_mb": round(bound, 2), "quick": args.quick}
    for part in ("headless", "gui"):
        figures[f"{part}_rss_growth_mb"] = round(growth(figures, part), 2)
    samples = {part: figures.pop(f"{part}_samples") for part in ("headless", "gui")}

    print(
        f"Long-run bench: xor lesson 2-4-4-1 tanh, batch 10; {os.cpu_count()} CPUs, "
        f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}\n"
    )
    print("| run | steps | RSS at 10% / 50% / 100% (MB) | start → peak (MB) | growth | bound |")
    print("|---|---:|---|---|---:|---:|")
    for part, label, total in (
        ("headless", "headless", headless_steps),
        ("gui", "window", gui_steps),
    ):
        at = " / ".join(
            f"{figures.get(f'{part}_rss_at_{m}_mb', float('nan')):.1f}" for m in checkpoints(total)
        )
        print(
            f"| {label} | {figures[f'{part}_steps']:,} | {at} | "
            f"{figures[f'{part}_rss_start_mb']:.1f} → {figures[f'{part}_rss_peak_mb']:.1f} | "
            f"{growth(figures, part):.1f} MB | ≤ {bound:.1f} MB |"
        )
    print(
        f"\nHeadless: {figures['headless_seconds']:.1f} s "
        f"({figures['headless_steps'] / figures['headless_seconds']:,.0f} steps/s). The history "
        f"holds {figures['history_loss_points']:,} loss points at stride "
        f"{figures['history_loss_stride']} and {figures['history_eval_points']:,} evaluations: "
        f"{figures['history_bytes'] / 1000:,.0f} kB of at most "
        f"{figures['history_bound_bytes'] / 1000:,.0f} kB. Window: "
        f"{figures['gui_seconds']:.1f} s, {figures['gui_frames']:,} frames, rewind timeline "
        f"{figures['gui_timeline_bytes'] / 1000:,.0f} kB."
    )
    for part, pairs in samples.items():
        shown = ", ".join(
            f"{step:,}: {rss:.1f}" for step, rss in pairs[:: max(1, len(pairs) // 10)]
        )
        print(f"\n{part} RSS samples (step: MB): {shown}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
