"""Animations of training: a panel or the dashboard, a frame every k steps, as GIF or MP4.

``record(trainer, path, panels, start=N, stop=M, every=k)`` trains the (headless) trainer to
step N, then renders a frame every k steps up to M through the same ``Figure`` as still
exports, with the step burnt into each frame. Frames are written as they come (GIF through
Pillow's frame encoder, cropped to what changed since the previous frame; MP4 through
imageio's ffmpeg writer), so memory holds one frame, not the film. ``progress(done, total)``
is called after each frame and while training between frames; setting ``cancel`` (a
``threading.Event``) stops the recording and removes the unfinished file. Frames render with Qt
widgets: call from the GUI thread.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication

from engine.errors import NnlensError
from engine.presets import RaceSpec
from engine.trainer import Trainer
from gui.export import caption_for, check_formats, temporary_file
from gui.figure import Figure, Size, check_keys, check_size, resolve_theme
from gui.panels import Panel
from gui.theme import Theme

ANIMATION_FORMATS = ("gif", "mp4")
MAX_FRAMES = 5000
TRAIN_CHUNK = 100
VIDEO_HINT = 'MP4 needs the video extra: pip install "nnlens[video]" (imageio, imageio-ffmpeg)'


class Cancelled(NnlensError):
    """The recording was cancelled; no file was written."""


def frame_steps(start: int, stop: int, every: int) -> list[int]:
    """The steps a recording shows: ``start``, ``start + every``, … and always ``stop``."""
    if every < 1:
        raise NnlensError("a frame every k steps needs k of at least 1")
    if stop < start:
        raise NnlensError(f"cannot record from step {start} back to step {stop}")
    steps = list(range(start, stop + 1, every))
    if steps[-1] != stop:
        steps.append(stop)
    if len(steps) > MAX_FRAMES:
        raise NnlensError(f"{len(steps)} frames is too many (at most {MAX_FRAMES}); raise k")
    return steps


def record(
    trainer: Trainer,
    path: str | Path,
    panels: Sequence[str | Panel] = ("curves",),
    **options: object,
) -> Path:
    """Record ``panels`` (one panel, or several as a dashboard) to ``path`` (.gif or .mp4).
    Options as for ``record_many``."""
    return record_many(trainer, {Path(path): panels}, **options)[0]


def record_many(
    trainer: Trainer,
    outputs: Mapping[str | Path, Sequence[str | Panel]],
    *,
    start: int | None = None,
    stop: int | None = None,
    steps: int | None = None,
    every: int = 1,
    size: Size = (1280, 720),
    theme: str | Theme = "slide",
    caption: bool = False,
    fps: float = 10.0,
    race: RaceSpec | None = None,
    screen_theme: Theme | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> list[Path]:
    """Record several animations of one run in lockstep (``{path: panels}``). From ``start``
    (default: the trainer's step now) to ``stop``, or for the next ``steps`` steps; a run that
    diverges ends its animations at the step it diverged."""
    jobs = []
    for path, panels in outputs.items():
        path = Path(path)
        fmt = check_formats([path.suffix or "(none)"], ANIMATION_FORMATS)[0]
        check_keys(p if isinstance(p, str) else p.key for p in panels)
        jobs.append((path, fmt, list(panels)))
    if any(fmt == "mp4" for _, fmt, _ in jobs):
        require_video()
    first = trainer.step_count
    start = first if start is None else start
    if start < first:
        raise NnlensError(f"the run is at step {first} already; record from there or later")
    if steps is not None:
        stop = start + steps
    if stop is None:
        raise NnlensError("say where the recording stops: stop=M or steps=K")
    frames = frame_steps(start, stop, every)
    size = check_size(size)
    theme_ = resolve_theme(theme, screen_theme)
    with contextlib.ExitStack() as stack:
        targets = []
        for path, fmt, panels in jobs:
            frame_size = (size[0] // 2 * 2, size[1] // 2 * 2) if fmt == "mp4" else size
            writer = stack.enter_context(_writer(path, fmt, frame_size, fps))
            figure = Figure(panels, frame_size, theme_, race, titled=len(panels) > 1)
            stack.callback(figure.close)
            targets.append((figure, writer))
        for done, step in enumerate(frames, start=1):
            _train_to(trainer, step, cancel, lambda d=done - 1: _report(progress, d, len(frames)))
            # measured like the window's live view, except at the first and last frames
            snapshot = trainer.snapshot(evaluate=step in (frames[0], frames[-1]))
            stamp = _tr("step {n}").format(n=snapshot.step)
            if snapshot.diverged:
                stamp += " · " + _tr("diverged")
            text = caption_for(snapshot, step=False) if caption else ""
            for figure, writer in targets:
                figure.show_snapshot(snapshot, text, stamp)
                writer(figure.image())
            _report(progress, done, len(frames))
            if snapshot.diverged:
                break
    return [path for path, _, _ in jobs]


def _train_to(
    trainer: Trainer, step: int, cancel: threading.Event | None, tick: Callable[[], object]
) -> None:
    """Train up to ``step`` in short runs, checking ``cancel`` and calling ``tick`` between
    them (a window's progress bar and Cancel button stay live), until done or diverged."""
    while True:
        if cancel is not None and cancel.is_set():
            raise Cancelled(_tr("recording cancelled; no file written"))
        if trainer.step_count >= step or trainer.diverged:
            return
        trainer.run(min(TRAIN_CHUNK, step - trainer.step_count))
        tick()


def _report(progress: Callable[[int, int], None] | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def require_video() -> None:
    try:
        import imageio.v2  # noqa: F401
        import imageio_ffmpeg

        imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        raise NnlensError(VIDEO_HINT) from None


def _tr(text: str) -> str:
    return QCoreApplication.translate("animation", text)


def rgb_array(image: QtGui.QImage) -> np.ndarray:
    """(height, width, 3) uint8 pixels of a QImage (a copy)."""
    image = image.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    w, h = image.width(), image.height()
    rows = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
    return rows.reshape(h, image.bytesPerLine())[:, : w * 3].reshape(h, w, 3).copy()


# ---------------------------------------------------------------------- writers
@contextlib.contextmanager
def _writer(path: Path, fmt: str, size: Size, fps: float):
    """A function taking one frame (QImage) at a time; the file appears when the block ends
    normally and not at all when it raises."""
    if fmt == "gif":
        with temporary_file(path) as (_, handle):
            gif = _GifStream(handle, round(1000 / fps))
            yield gif.add
            gif.finish()
        return
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part.mp4")
    _guard(path, lambda: open(tmp, "xb").close())  # the folder is writable (ffmpeg says less)
    try:
        import imageio.v2 as imageio

        options = {"fps": fps, "codec": "libx264", "quality": 8, "pixelformat": "yuv420p"}
        video = _guard(
            path,
            lambda: imageio.get_writer(
                tmp,
                format="FFMPEG",
                mode="I",
                macro_block_size=1,
                ffmpeg_log_level="error",
                **options,
            ),
        )
        try:
            yield lambda image: _guard(path, lambda: video.append_data(rgb_array(image)))
        except BaseException:
            with contextlib.suppress(Exception):
                video.close()
            raise
        _guard(path, video.close)
        _guard(path, lambda: os.replace(tmp, path))
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _guard(path: Path, action: Callable[[], object]) -> object:
    """``action()``, with an OSError or ffmpeg's RuntimeError as NnlensError about ``path``."""
    try:
        return action()
    except (OSError, RuntimeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise NnlensError(f"cannot write {path}: {reason}") from None


class _GifStream:
    """An animated GIF written frame by frame with Pillow's GIF encoder: the first frame whole,
    then the rectangle that changed, each with its own 256-colour palette."""

    def __init__(self, handle, duration_ms: int) -> None:
        from PIL import GifImagePlugin, Image

        self._gif, self._image = GifImagePlugin, Image
        self._handle = handle
        self._duration = max(duration_ms, 20)
        self._previous: np.ndarray | None = None

    def add(self, image: QtGui.QImage) -> None:
        rgb = rgb_array(image)
        if self._previous is None:
            frame = self._quantize(rgb)
            header, _ = self._gif.getheader(frame, info={"loop": 0, "duration": self._duration})
            self._write(header)
            self._write(self._gif.getdata(frame, duration=self._duration, disposal=1))
        else:
            changed = np.any(rgb != self._previous, axis=2)
            rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
            if rows.size:
                top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
            else:
                top, bottom, left, right = 0, 1, 0, 1  # nothing changed: one pixel, for timing
            frame = self._quantize(rgb[top:bottom, left:right])
            self._write(
                self._gif.getdata(
                    frame,
                    offset=(int(left), int(top)),
                    duration=self._duration,
                    disposal=1,
                    include_color_table=True,
                )
            )
        self._previous = rgb

    def _quantize(self, rgb: np.ndarray):
        image = self._image.fromarray(np.ascontiguousarray(rgb), "RGB")
        return image.quantize(
            256, method=self._image.Quantize.MEDIANCUT, dither=self._image.Dither.NONE
        )

    def _write(self, parts: list[bytes]) -> None:
        for part in parts:
            self._handle.write(part)

    def finish(self) -> None:
        self._handle.write(b";")
