"""Figures, animations and the export dialog, checked on what they write: pixel sizes and
colours, SVG elements and text, PDF pages, GIF frames, and files left (or not) behind."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import threading
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")
Image = pytest.importorskip("PIL.Image")

from PySide6 import QtWidgets  # noqa: E402

from engine.config import ExperimentConfig  # noqa: E402
from engine.errors import NnlensError  # noqa: E402
from engine.presets import load_lesson  # noqa: E402
from engine.trainer import Trainer  # noqa: E402
from gui import export as export_module  # noqa: E402
from gui.animation import Cancelled, record  # noqa: E402
from gui.export import (  # noqa: E402
    caption_for,
    export_all,
    export_dashboard,
    export_panel,
)
from gui.figure import PANEL_KEYS  # noqa: E402
from gui.theme import DARK  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def snapshot():
    trainer = Trainer(load_lesson("xor").config)
    trainer.run(120)
    return trainer.snapshot()


def pixels(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def colours(rgb: np.ndarray) -> int:
    packed = rgb.reshape(-1, 3).astype(np.uint32) @ np.array([1 << 16, 1 << 8, 1], np.uint32)
    return len(np.unique(packed))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---------------------------------------------------------------------- PNG
def test_png_has_the_requested_size_and_a_white_slide_background(qapp, snapshot, tmp_path):
    path = export_panel("decision", snapshot, tmp_path / "decision.png", size=(1280, 720))
    rgb = pixels(path)
    assert rgb.shape == (720, 1280, 3)
    assert colours(rgb) > 500  # a heat map, points, axes and text, not a blank canvas
    for corner in (rgb[0, 0], rgb[0, -1], rgb[-1, 0], rgb[-1, -1]):
        assert tuple(corner) == (255, 255, 255)


def test_screen_theme_keeps_the_window_colours(qapp, snapshot, tmp_path):
    path = export_panel("curves", snapshot, tmp_path / "c.png", (800, 600), theme="screen")
    rgb = pixels(path)
    assert rgb.shape == (600, 800, 3)
    dark = tuple(int(DARK.background[i : i + 2], 16) for i in (1, 3, 5))
    assert tuple(rgb[0, 0]) == dark
    assert colours(rgb) > 100


def test_4k_is_the_same_figure_drawn_at_twice_the_resolution(qapp, snapshot, tmp_path):
    small = pixels(export_dashboard(snapshot, tmp_path / "hd.png", (1920, 1080)))
    large = pixels(export_dashboard(snapshot, tmp_path / "4k.png", (3840, 2160)))
    assert large.shape == (2160, 3840, 3)
    blocks = large.astype(float).reshape(1080, 2, 1920, 2, 3)
    halved = blocks.mean(axis=(1, 3))
    # the same layout, fonts and line widths: not a layout for a bigger screen …
    assert np.abs(halved - small).mean() < 3
    # … drawn with more detail than the 1080p picture scaled up
    upscaled = Image.fromarray(small).resize((3840, 2160), Image.Resampling.BILINEAR)
    scaled = np.asarray(upscaled).astype(float).reshape(1080, 2, 1920, 2, 3)

    def detail(b: np.ndarray) -> float:
        return float(np.abs(b - b.mean(axis=(1, 3), keepdims=True)).mean())

    assert detail(blocks) > 1.2 * detail(scaled)


def test_the_dashboard_titles_every_panel_and_captions_the_run(qapp, snapshot, tmp_path):
    path = export_dashboard(snapshot, tmp_path / "d.svg", (1920, 1080), caption=True)
    text = " ".join(t.text or "" for t in ET.parse(path).getroot().iter(f"{SVG}text"))
    for title in ("Network graph", "Weight distributions", "Decision boundary", "Gradient flow"):
        assert title in text
    assert "2-4-4-1" in text and f"step {snapshot.step}" in text


def test_export_shows_no_window(qapp, snapshot, tmp_path):
    export_dashboard(snapshot, tmp_path / "d.png", (640, 360))
    assert [w for w in QtWidgets.QApplication.topLevelWidgets() if w.isVisible()] == []


# ---------------------------------------------------------------------- SVG and PDF
def test_svg_is_vector_with_the_panels_text(qapp, snapshot, tmp_path):
    path = export_panel("activations", snapshot, tmp_path / "a.svg", size=(1600, 900))
    root = ET.parse(path).getroot()
    assert (root.get("width"), root.get("height")) == ("1600", "900")
    lines = list(root.iter(f"{SVG}path")) + list(root.iter(f"{SVG}polyline"))
    assert len(lines) > 50
    text = [(t.text or "").strip() for t in root.iter(f"{SVG}text")]
    assert "activation" in text and "fraction of values" in text
    assert not list(root.iter(f"{SVG}image"))  # nothing drawn as a bitmap
    # strokes are in page pixels, so programs without SVG 1.2's vector-effect draw them right
    assert "non-scaling-stroke" not in path.read_text(encoding="utf-8")


def test_pdf_is_one_vector_page(qapp, snapshot, tmp_path):
    path = export_dashboard(snapshot, tmp_path / "d.pdf", (1920, 1080))
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", data)
    assert box is not None and float(box.group(1)) / float(box.group(2)) == pytest.approx(16 / 9)
    assert b"/FontFile2" in data  # text is text (embedded glyphs), not pixels


# ---------------------------------------------------------------------- names, TOML, caption
def test_export_all_writes_predictable_names(qapp, snapshot, tmp_path):
    paths = export_all(
        snapshot,
        tmp_path / "figs",
        ["png", "svg"],
        (640, 360),
        panels=["curves", "graph"],
        write_config=True,
    )
    expected = [
        "curves.png",
        "curves.svg",
        "curves.toml",
        "graph.png",
        "graph.svg",
        "graph.toml",
        "dashboard.png",
        "dashboard.svg",
        "dashboard.toml",
    ]
    assert [p.name for p in paths] == expected
    assert leftovers(tmp_path / "figs") == sorted(expected)


def test_the_toml_beside_a_figure_reproduces_the_experiment(qapp, tmp_path):
    lesson = load_lesson("optimizer-race")
    trainer = Trainer(lesson.config)
    trainer.run(10)
    path = tmp_path / "race.png"
    export_panel("race", trainer.snapshot(), path, (640, 360), race=lesson.race, write_config=True)
    text = (tmp_path / "race.toml").read_text(encoding="utf-8")
    assert "--steps 10" in text
    again = load_lesson(tmp_path / "race.toml")
    assert again.config.to_dict() == lesson.config.to_dict()
    assert again.race == lesson.race
    assert ExperimentConfig.from_dict(tomllib.loads(text)).to_dict() == lesson.config.to_dict()


def test_caption_names_the_essentials(snapshot):
    caption = caption_for(snapshot)
    for part in ("xor", "2-4-4-1", "tanh", "Xavier", "Adam lr 0.01", f"step {snapshot.step}"):
        assert part in caption


# ---------------------------------------------------------------------- failures
def test_a_regular_file_used_as_a_folder_fails_and_says_why(qapp, snapshot, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(NnlensError, match="Not a directory") as error:
        export_panel("curves", snapshot, blocker / "curves.png", (320, 240))
    assert "\n" not in str(error.value) and "notes.txt" in str(error.value)
    with pytest.raises(NnlensError, match="it is a file"):
        export_all(snapshot, blocker, ["png"], (320, 240), panels=["curves"])
    assert leftovers(tmp_path) == ["notes.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_fails_and_leaves_nothing(qapp, snapshot, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(NnlensError, match="Permission denied"):
            export_panel("curves", snapshot, folder / "curves.png", (320, 240))
        assert leftovers(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_failed_write_keeps_the_good_file(qapp, snapshot, tmp_path, monkeypatch):
    good = tmp_path / "curves.png"
    good.write_bytes(b"the good figure")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export_module.os, "fsync", disk_full)
    with pytest.raises(NnlensError, match="No space left on device"):
        export_panel("curves", snapshot, good, (320, 240))
    assert good.read_bytes() == b"the good figure"
    assert leftovers(tmp_path) == ["curves.png"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s, d: export_panel("nope", s, d / "x.png"), "unknown panel 'nope'"),
        (lambda s, d: export_panel("curves", s, d / "x.jpg"), "unknown format 'jpg'"),
        (lambda s, d: export_panel("curves", s, d / "x.png", (0, 10)), "16 to 16384"),
        (lambda s, d: export_panel("curves", s, d / "x.png", theme="sepia"), "unknown theme"),
    ],
)
def test_bad_requests_are_named(qapp, snapshot, tmp_path, call, message):
    with pytest.raises(NnlensError, match=re.escape(message)):
        call(snapshot, tmp_path)
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------------- animations
def test_gif_has_a_frame_every_k_steps_with_the_step_burnt_in(qapp, tmp_path):
    seen = []
    path = record(
        Trainer(load_lesson("xor").config),
        tmp_path / "curves.gif",
        ["curves"],
        stop=40,
        every=10,
        size=(480, 270),
        progress=lambda d, n: seen.append((d, n)),
    )
    with Image.open(path) as gif:
        assert gif.n_frames == 5  # steps 0, 10, 20, 30, 40
        assert gif.size == (480, 270)
        frames = []
        for i in (0, gif.n_frames - 1):
            gif.seek(i)
            frames.append(np.asarray(gif.convert("RGB")))
    footer = [frame[-24:, -120:].astype(int) for frame in frames]  # the step counter's corner
    assert colours(footer[0]) > 2 and colours(footer[1]) > 2
    assert np.abs(footer[0] - footer[1]).sum() > 0
    assert seen[-1] == (5, 5)


def test_cancelling_a_recording_leaves_no_file(qapp, tmp_path):
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 2:
            cancel.set()

    with pytest.raises(Cancelled):
        record(
            Trainer(load_lesson("xor").config),
            tmp_path / "c.gif",
            ["curves"],
            stop=100,
            every=10,
            size=(320, 240),
            progress=progress,
            cancel=cancel,
        )
    assert leftovers(tmp_path) == []


def test_mp4_needs_the_video_extra(qapp, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)
    with pytest.raises(NnlensError, match=r"nnlens\[video\]"):
        record(Trainer(load_lesson("xor").config), tmp_path / "c.mp4", ["curves"], steps=5)
    assert leftovers(tmp_path) == []


def test_mp4_records_every_frame(qapp, tmp_path):
    pytest.importorskip("imageio_ffmpeg")
    imageio = pytest.importorskip("imageio.v2")
    path = record(
        Trainer(load_lesson("xor").config),
        tmp_path / "d.mp4",
        ["decision"],
        stop=20,
        every=5,
        size=(641, 361),
    )
    reader = imageio.get_reader(path)
    try:
        assert reader.count_frames() == 5
        assert reader.get_meta_data()["size"] == (640, 360)  # even sides, as H.264 needs
    finally:
        reader.close()
    assert leftovers(tmp_path) == ["d.mp4"]


# ---------------------------------------------------------------------- live panels, dialog
def test_a_live_panels_choices_carry_over(qtbot, snapshot, tmp_path):
    from gui.panels.weights import WeightsPanel

    panel = WeightsPanel()
    qtbot.addWidget(panel)
    panel.show_snapshot(snapshot)
    panel.findChild(QtWidgets.QComboBox).setCurrentIndex(1)  # biases instead of weights
    path = export_panel(panel, snapshot, tmp_path / "w.svg", (1280, 720))
    text = [(t.text or "").strip() for t in ET.parse(path).getroot().iter(f"{SVG}text")]
    assert "b1" in text and "W1" not in text
    assert not any(t and t.startswith("Show") for t in text)  # controls stay off the figure


def test_copy_to_clipboard_puts_a_png_there(qapp, snapshot):
    from gui.export_dialog import copy_to_clipboard

    copy_to_clipboard("curves", snapshot, size=(800, 500))
    clipboard = QtWidgets.QApplication.clipboard()
    assert clipboard.mimeData().hasImage()
    image = clipboard.image()
    assert image.size().toTuple() == (800, 500)
    assert image.pixelColor(0, 0).name() == "#ffffff"  # the slide theme, ready for a slide


def test_dialog_exports_and_reports_errors_in_a_box(qtbot, snapshot, tmp_path, monkeypatch):
    from gui.export_dialog import ExportDialog

    warnings = []
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda parent, title, text: warnings.append(text)
    )
    dialog = ExportDialog(
        lambda: snapshot, lambda: snapshot.config, list(PANEL_KEYS), current="decision"
    )
    qtbot.addWidget(dialog)
    assert dialog.selected_panels() == ["decision"]
    dialog.size_choice.setCurrentIndex(dialog.size_choice.count() - 1)  # custom
    dialog.width_box.setValue(800)
    dialog.height_box.setValue(450)
    dialog.path.setText(str(tmp_path / "decision.png"))
    dialog.export_button.click()
    assert pixels(tmp_path / "decision.png").shape == (450, 800, 3)
    assert "Wrote" in dialog.status.text() and warnings == []

    (tmp_path / "file").write_text("x", encoding="utf-8")
    dialog.path.setText(str(tmp_path / "file" / "decision.png"))
    dialog.export_button.click()
    assert len(warnings) == 1 and "Not a directory" in warnings[0]
    assert "Traceback" not in warnings[0]


def test_dialog_records_an_animation(qtbot, snapshot, tmp_path):
    from gui.export_dialog import ExportDialog

    dialog = ExportDialog(lambda: snapshot, lambda: snapshot.config, ["curves"], current="curves")
    qtbot.addWidget(dialog)
    dialog.size_choice.setCurrentIndex(dialog.size_choice.count() - 1)
    dialog.width_box.setValue(320)
    dialog.height_box.setValue(180)
    dialog.animation.setChecked(True)
    dialog.animation.span.setChecked(True)
    dialog.animation.start.setValue(0)
    dialog.animation.stop.setValue(30)
    dialog.animation.every.setValue(10)
    dialog.animation.path.setText(str(tmp_path / "curves.gif"))
    dialog.animation.record_button.click()
    with Image.open(tmp_path / "curves.gif") as gif:
        assert gif.n_frames == 4


# ---------------------------------------------------------------------- command line
def run_main(*args: str, display: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_cli_export_writes_predictable_names_headless(tmp_path):
    out = tmp_path / "figures"
    result = run_main(
        "export",
        "--preset",
        "xor",
        "--steps",
        "30",
        "--out",
        str(out),
        "--panels",
        "curves,decision",
        "--format",
        "png,svg",
        "--size",
        "640x360",
        "--caption",
    )
    assert result.returncode == 0, result.stderr
    names = ["curves.png", "curves.svg", "decision.png", "decision.svg"]
    names += ["dashboard.png", "dashboard.svg"]
    assert result.stdout.split() == [str(out / n) for n in names]
    assert pixels(out / "dashboard.png").shape == (360, 640, 3)
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--panels", "curves,nope"], "unknown panel 'nope'"),
        (["--size", "big"], "--size: expected WxH"),
        (["--format", "bmp"], "unknown format 'bmp'"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, args, message):
    result = run_main("export", "--preset", "xor", "--steps", "1", "--out", str(tmp_path), *args)
    assert result.returncode == 2
    assert result.stderr.startswith("nnlens: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert leftovers(tmp_path) == []


def test_cli_unwritable_folder_is_reported(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run_main("export", "--preset", "xor", "--steps", "1", "--out", str(tmp_path / "file"))
    assert result.returncode == 2
    assert result.stderr.startswith("nnlens: error: ") and "file" in result.stderr
    assert result.stderr.count("\n") == 1


def test_no_control_of_any_panel_reaches_a_figure(qtbot, snapshot, tmp_path):
    """Check boxes, buttons, spin and combo boxes stay off every panel's figure, including the
    loss panel's log-scale box, which sits inside its read-out rather than in a layout."""
    from gui.panels import PANELS

    for cls in PANELS:
        panel = cls()
        qtbot.addWidget(panel)
        panel.show_snapshot(snapshot)
        path = export_panel(panel, snapshot, tmp_path / f"{panel.key}.svg", (1280, 720))
        text = " ".join((t.text or "") for t in ET.parse(path).getroot().iter(f"{SVG}text"))
        assert "log scale" not in text and "Show" not in text, (panel.key, text[:200])
