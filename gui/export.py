"""Slide figures of a panel or the dashboard, as PNG, SVG or PDF: the one code path behind the
window's Export dialog and ``python main.py export``.

``export_panel``, ``export_dashboard`` and ``export_all`` render through ``gui.figure.Figure``
(offscreen, at the requested pixel size, vector for SVG and PDF) and write atomically: the file
appears complete or not at all, and a good file of the same name is kept when writing fails.
Every failure a user can fix raises ``NnlensError`` with a one-line reason.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

import tomli_w
from PySide6.QtCore import QCoreApplication

from engine.errors import NnlensError
from engine.presets import RaceSpec
from engine.snapshot import Snapshot
from gui import names
from gui.figure import PANEL_KEYS, Figure, Size, check_keys, resolve_theme
from gui.panels import Panel
from gui.theme import Theme

FORMATS = ("png", "svg", "pdf")
DEFAULT_SIZE: Size = (1920, 1080)
SIZE_PRESETS: tuple[Size, ...] = ((1920, 1080), (1280, 720), (3840, 2160), (1600, 1200))
Caption = bool | str | None


def _tr(text: str) -> str:
    return QCoreApplication.translate("export", text)


def caption_for(snapshot: Snapshot, step: bool = True) -> str:
    """The experiment in one line, e.g. ``xor · 2-4-4-1 · tanh · Xavier (1/√n) init ·
    Adam lr 0.01 · step 300``: what a slide needs to be self-explanatory."""
    c = snapshot.config
    dataset = Path(c.data.path).name if c.data.path else c.data.dataset
    if snapshot.task == "multiclass":
        dataset += " " + _tr("({n} classes)").format(n=snapshot.data.n_classes)
    activation = dict(names.activations()).get(c.model.activation, c.model.activation)
    if c.model.init == "normal":
        init = _tr("N(0, {std}²) init").format(std=f"{c.model.init_std:g}")
    else:
        label = dict(names.inits()).get(c.model.init, c.model.init)
        init = _tr("{init} init").format(init=label)
    optimizer = dict(names.optimizers()).get(c.optimizer.name, c.optimizer.name)
    parts = [
        dataset,
        "-".join(str(n) for n in snapshot.layer_sizes),
        activation if len(snapshot.layer_sizes) > 2 else _tr("no hidden layer"),
        init,
        _tr("{optimizer} lr {lr}").format(optimizer=optimizer, lr=f"{c.optimizer.lr:g}"),
    ]
    if c.model.batch_norm:
        parts.append(_tr("batch norm"))
    if c.model.dropout:
        parts.append(_tr("dropout {p}").format(p=f"{c.model.dropout:g}"))
    for key, name in (("l2", "L2"), ("l1", "L1")):
        if getattr(c.model, key):
            parts.append(f"{name} λ {getattr(c.model, key):g}")
    if step:
        parts.append(_tr("step {n}").format(n=snapshot.step))
    return " · ".join(parts)


def experiment_toml(snapshot: Snapshot, race: RaceSpec | None = None, figure: str = "") -> str:
    """The experiment as TOML (with its optimizer race, if any), headed by the command that
    trains it to the figure's step again."""
    command = f"python main.py export --config {figure or 'this.toml'} --steps {snapshot.step}"
    head = _tr("# nnlens figure at step {n}; to draw it again:").format(n=snapshot.step)
    text = f"{head}\n#   {command} --out DIR\n\n{snapshot.config.to_toml()}"
    if race is not None:
        table: dict[str, object] = {"surface": race.surface, "steps": race.steps}
        if race.start is not None:
            table["start"] = list(race.start)
        table["runners"] = [
            {"label": label, "optimizer": optimizer, **hyper}
            for label, (optimizer, hyper) in race.runners.items()
        ]
        text += "\n" + tomli_w.dumps({"race": table})
    return text


def export_panel(
    panel_or_key: str | Panel,
    snapshot: Snapshot,
    path: str | Path,
    size: Size = DEFAULT_SIZE,
    theme: str | Theme = "slide",
    caption: Caption = None,
    *,
    race: RaceSpec | None = None,
    write_config: bool = False,
    screen_theme: Theme | None = None,
) -> Path:
    """Write one panel (a key such as ``"curves"``, or a live panel whose settings the figure
    copies) as ``path``: PNG, SVG or PDF by its suffix. ``caption`` True writes
    ``caption_for(snapshot)`` under the figure; a string is written as it is. Returns the path."""
    return _export(
        [panel_or_key], snapshot, path, size, theme, caption, race, screen_theme, write_config
    )


def export_dashboard(
    snapshot: Snapshot,
    path: str | Path,
    size: Size = DEFAULT_SIZE,
    theme: str | Theme = "slide",
    caption: Caption = None,
    panels: Sequence[str | Panel] = PANEL_KEYS,
    *,
    race: RaceSpec | None = None,
    write_config: bool = False,
    screen_theme: Theme | None = None,
) -> Path:
    """Write the chosen panels on one canvas, each under its title, as ``path``."""
    return _export(
        list(panels),
        snapshot,
        path,
        size,
        theme,
        caption,
        race,
        screen_theme,
        write_config,
        dashboard=True,
    )


def export_all(
    snapshot: Snapshot,
    out_dir: str | Path,
    formats: Iterable[str] = ("png",),
    size: Size = DEFAULT_SIZE,
    theme: str | Theme = "slide",
    panels: Sequence[str] = PANEL_KEYS,
    caption: Caption = None,
    write_config: bool = False,
    *,
    race: RaceSpec | None = None,
    screen_theme: Theme | None = None,
    progress: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Write ``<panel>.<ext>`` for every panel and format, and ``dashboard.<ext>`` (all the
    panels on one canvas), into ``out_dir`` (made if missing). Returns the paths in order;
    ``progress(path)`` is called after each file."""
    formats = check_formats(formats)
    keys = check_keys(panels)
    out = Path(out_dir)
    make_folder(out)
    theme_ = resolve_theme(theme, screen_theme)
    text = _caption_text(caption, snapshot)
    written: list[Path] = []
    for stem, chosen in [*((key, [key]) for key in keys), ("dashboard", keys)]:
        figure = Figure(chosen, size, theme_, race, titled=stem == "dashboard")
        try:
            figure.show_snapshot(snapshot, text)
            for fmt in formats:
                written.append(_write_figure(figure, out / f"{stem}.{fmt}", fmt))
                if progress:
                    progress(written[-1])
        finally:
            figure.close()
        if write_config:
            written.append(write_atomic(out / f"{stem}.toml", _toml(snapshot, race, stem)))
            if progress:
                progress(written[-1])
    return written


def check_formats(formats: Iterable[str], allowed: Sequence[str] = FORMATS) -> list[str]:
    out = []
    for fmt in formats:
        fmt = fmt.strip().lower().lstrip(".")
        if fmt not in allowed:
            raise NnlensError(f"unknown format {fmt!r}; choose from " + ", ".join(allowed))
        if fmt not in out:
            out.append(fmt)
    if not out:
        raise NnlensError("no format chosen; choose from " + ", ".join(allowed))
    return out


def make_folder(folder: Path) -> None:
    """``folder`` and its parents, made if missing; NnlensError when that cannot be."""
    if folder.exists() and not folder.is_dir():
        raise NnlensError(f"cannot write into {folder}: it is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NnlensError(f"cannot make the folder {folder}: {_reason(exc)}") from None


def _export(
    panels: list[str | Panel],
    snapshot: Snapshot,
    path: str | Path,
    size: Size,
    theme: str | Theme,
    caption: Caption,
    race: RaceSpec | None,
    screen_theme: Theme | None,
    write_config: bool,
    dashboard: bool = False,
) -> Path:
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    check_formats([fmt or "(none)"])
    check_keys(p if isinstance(p, str) else p.key for p in panels)
    figure = Figure(panels, size, resolve_theme(theme, screen_theme), race, titled=dashboard)
    try:
        figure.show_snapshot(snapshot, _caption_text(caption, snapshot))
        _write_figure(figure, path, fmt)
    finally:
        figure.close()
    if write_config:
        write_atomic(path.with_suffix(".toml"), _toml(snapshot, race, path.stem))
    return path


def _write_figure(figure: Figure, path: Path, fmt: str) -> Path:
    """Render into the temporary file once it exists: an unwritable folder fails at once."""
    title = path.stem
    data = {"png": figure.png, "svg": lambda: figure.svg(title), "pdf": lambda: figure.pdf(title)}
    return write_atomic(path, lambda handle: handle.write(data[fmt]()))


def _toml(snapshot: Snapshot, race: RaceSpec | None, stem: str) -> bytes:
    return experiment_toml(snapshot, race, f"{stem}.toml").encode("utf-8")


def _caption_text(caption: Caption, snapshot: Snapshot) -> str:
    if caption is True:
        return caption_for(snapshot)
    return caption or ""


# ---------------------------------------------------------------------- atomic files
def write_atomic(path: str | Path, data: bytes | Callable[[BinaryIO], None]) -> Path:
    """Write ``data`` (bytes, or a function writing to a binary file) to a temporary file in
    ``path``'s folder, then rename it over ``path``: readers see the old file or the whole
    new one. On failure the temporary file is removed and NnlensError says why."""
    path = Path(path)
    with temporary_file(path) as (_, handle):
        if callable(data):
            data(handle)
        else:
            handle.write(data)
    return path


@contextlib.contextmanager
def temporary_file(path: Path, suffix: str = ""):
    """``(tmp_path, open binary file)`` beside ``path``; renamed to ``path`` when the block
    ends normally, removed when it raises (the exception goes on, an OSError as NnlensError)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part{suffix}")
    try:
        handle = open(tmp, "xb")  # noqa: SIM115 (closed below, before the rename)
    except OSError as exc:
        raise NnlensError(f"cannot write {path}: {_reason(exc)}") from None
    try:
        with handle:
            yield tmp, handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise NnlensError(f"cannot write {path}: {_reason(exc)}") from None
        raise


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
