"""Screenshots of every lesson, as the app shows them: ``docs/lessons/<name>.png``.

Each lesson opens offscreen in a ``ComparisonView`` at 1600×1000, trains its ``steps`` (capped,
so the whole run stays under a few minutes; the weight-initialisation lessons stay at step 0),
and is saved at 1400×875 (optimised through Pillow when it is installed).

    python docs/lessons/make_screenshots.py [NAME ...] [--cap STEPS] [--out DIR]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WINDOW = (1600, 1000)
SAVED = (1400, 875)
MAX_BYTES = 350_000


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="lessons to shoot (all by default)")
    parser.add_argument("--cap", type=int, default=3000, help="at most this many steps")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args()

    from PySide6 import QtCore, QtWidgets

    from engine.presets import lesson_names, load_lesson
    from gui.compare_view import ComparisonView

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    shown = []  # kept until the end: no view is torn down while the next one draws
    for name in args.names or lesson_names():
        lesson = load_lesson(name)
        begin = time.perf_counter()
        view = ComparisonView()
        view.resize(*WINDOW)
        view.show()
        frames: list[int] = []
        view.frame_drawn.connect(lambda snapshots, f=frames: f.append(snapshots[0].step))
        view.open_lesson(lesson)
        if view.mode == "compare":
            _wait(app, lambda f=frames: bool(f), 60)
            steps = min(lesson.steps, args.cap)
            if steps:
                view.step(steps)
                _wait(app, lambda f=frames, n=steps: bool(f) and f[-1] >= n, 300)
        elif view.mode == "race":
            view.step(lesson.steps or lesson.race.steps)
        elif view.mode == "search":
            done: list[object] = []
            view.search_view.search_finished.connect(done.append)
            view.search_view.start()
            _wait(app, lambda d=done: bool(d), 300)
        _wait(app, lambda: False, 0.3)
        image = (
            view.grab()
            .toImage()
            .scaled(
                *SAVED,
                QtCore.Qt.AspectRatioMode.IgnoreAspectRatio,
                QtCore.Qt.TransformationMode.SmoothTransformation,
            )
        )
        path = args.out / f"{name}.png"
        _save(image, path)
        view.shutdown()
        view.hide()
        shown.append(view)
        size = path.stat().st_size // 1000
        print(f"{path.name}: {size} kB, {time.perf_counter() - begin:.1f} s", flush=True)
    print(f"total {time.perf_counter() - started:.1f} s")
    for view in shown:
        view.deleteLater()
    app.processEvents()
    return 0


def _wait(app: object, done: object, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while not done() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def _save(image: object, path: Path) -> None:
    """PNG through Pillow (optimised; quantised to 256 colours when still too large), or Qt's
    own PNG writer when Pillow is not installed."""
    try:
        from PIL import Image
    except ImportError:
        image.save(str(path), "PNG", 0)
        return
    from PySide6 import QtCore

    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    picture.save(path, optimize=True)
    if path.stat().st_size > MAX_BYTES:
        picture.quantize(256, dither=Image.Dither.NONE).save(path, optimize=True)


if __name__ == "__main__":
    sys.exit(main())
