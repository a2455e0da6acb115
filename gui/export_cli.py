"""``python main.py export``: train headless, then write every chosen panel and the dashboard
in every chosen format (``<panel>.<ext>``, ``dashboard.<ext>``), printing each path.

No window appears: figures render offscreen (``gui.figure.ensure_app`` picks Qt's offscreen
platform when there is no display). GIFs show the whole run, about 30 frames from step 0 to N.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6 import QtCore

from engine.config import ExperimentConfig
from engine.errors import NnlensError
from engine.presets import Lesson
from engine.trainer import Trainer
from gui.animation import record_many
from gui.export import check_formats, export_all, make_folder
from gui.figure import PANEL_KEYS, Size, check_keys, check_size, ensure_app, resolve_theme

CLI_FORMATS = ("png", "svg", "pdf", "gif")
GIF_FRAMES = 30


def parse_size(text: str) -> Size:
    """``"1920x1080"`` (or with × or X) → (1920, 1080)."""
    match = re.fullmatch(r"\s*(\d+)\s*[x×X]\s*(\d+)\s*", text)
    if match is None:
        raise NnlensError(f"--size: expected WxH such as 1920x1080, got {text!r}")
    return check_size((int(match.group(1)), int(match.group(2))))


def parse_panels(text: str) -> list[str]:
    if text.strip().lower() == "all":
        return list(PANEL_KEYS)
    return check_keys(name.strip() for name in text.split(",") if name.strip())


def run_export(
    experiment: ExperimentConfig | Lesson,
    steps: int,
    out: str,
    panels: str = "all",
    formats: str = "png",
    size: str = "1920x1080",
    theme: str = "slide",
    caption: bool = False,
    toml: bool = False,
) -> int:
    """Check every option before training, then write the files; returns the exit status."""
    keys = parse_panels(panels)
    chosen = check_formats(formats.split(","), CLI_FORMATS)
    pixels = parse_size(size)
    if theme not in ("slide", "screen"):
        raise NnlensError(f"--theme: expected slide or screen, got {theme!r}")
    folder = Path(out)
    make_folder(folder)
    ensure_app()
    QtCore.qInstallMessageHandler(_qt_message)
    resolve_theme(theme)
    config = experiment.config if isinstance(experiment, Lesson) else experiment
    race = experiment.race if isinstance(experiment, Lesson) else None
    stills = [fmt for fmt in chosen if fmt != "gif"]
    if stills:
        trainer = Trainer(config)
        trainer.run(steps)
        if trainer.diverged:  # the figures show the run as it stopped: say so, then draw it
            print(f"nnlens: note: {trainer.diverged}", file=sys.stderr)
        export_all(
            trainer.snapshot(),
            folder,
            stills,
            pixels,
            theme,
            keys,
            caption,
            toml,
            race=race,
            progress=_print,
        )
    if "gif" in chosen:
        outputs: dict[Path, Sequence[str]] = {folder / f"{key}.gif": [key] for key in keys}
        outputs[folder / "dashboard.gif"] = keys
        every = max(1, math.ceil(steps / (GIF_FRAMES - 1)))
        for path in record_many(
            Trainer(config),
            outputs,
            start=0,
            stop=steps,
            every=every,
            size=pixels,
            theme=theme,
            caption=caption,
            race=race,
        ):
            _print(path)
    return 0


def _qt_message(mode: QtCore.QtMsgType, context: object, message: str) -> None:
    """Qt's warnings on stderr, less the offscreen platform's note that it does not size
    windows (a panel's page is a window for a moment while it is built)."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def _print(path: Path) -> None:
    print(path, flush=True)
    sys.stdout.flush()
