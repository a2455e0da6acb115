"""Time figure export: the xor lesson's dashboard after 300 steps, slide theme, as PNG, SVG and
PDF, each the whole call (build the panels offscreen, lay out, paint, encode, write).

    python bench/export_bench.py [--size 3840x2160] [--rounds 5] [--json PATH]

Prints per format the median and the fastest wall time of the rounds, the median CPU time of
this process (close to the wall time on an idle machine; on a busy one it is the fairer
figure), and the file size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from engine.presets import load_lesson  # noqa: E402
from engine.trainer import Trainer  # noqa: E402
from gui.export import export_dashboard, export_panel  # noqa: E402
from gui.export_cli import parse_size  # noqa: E402
from gui.figure import ensure_app  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="3840x2160")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", metavar="PATH", help="also write the figures to PATH as JSON")
    args = parser.parse_args()
    size = parse_size(args.size)
    ensure_app()
    trainer = Trainer(load_lesson("xor").config)
    trainer.run(300)
    snapshot = trainer.snapshot()
    figures: dict[str, object] = {"size": list(size), "rounds": args.rounds}
    with tempfile.TemporaryDirectory() as folder:
        export_dashboard(snapshot, Path(folder) / "warm-up.png", (640, 360))
        print(f"dashboard of the xor lesson at step 300, {size[0]}×{size[1]}, slide theme")
        for fmt in ("png", "svg", "pdf"):
            path = Path(folder) / f"dashboard.{fmt}"
            times, cpu = [], []
            for _ in range(args.rounds):
                start, start_cpu = time.perf_counter(), time.process_time()
                export_dashboard(snapshot, path, size)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            print(
                f"  {fmt.upper():4} median {statistics.median(times):.2f} s, "
                f"fastest {min(times):.2f} s, CPU {statistics.median(cpu):.2f} s, "
                f"{path.stat().st_size / 1e6:.2f} MB"
            )
            figures[fmt] = {
                "median_s": statistics.median(times),
                "fastest_s": min(times),
                "cpu_s": statistics.median(cpu),
                "mb": path.stat().st_size / 1e6,
            }
        start = time.perf_counter()
        export_panel("curves", snapshot, Path(folder) / "curves.png", size)
        figures["panel_png_s"] = time.perf_counter() - start
        print(f"  one panel (curves) PNG {figures['panel_png_s']:.2f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
