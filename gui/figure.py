"""Panels laid out on an offscreen widget and painted at any size: the one rendering path behind
figure export, animations and the clipboard.

A figure is laid out at a *logical* size (a panel 720 px tall, the dashboard 1200) and painted
through a scaled ``QPainter``: a 3840×2160 PNG has the layout of the 1280×720 one, with text and
lines drawn at the full resolution, not an upscaled screenshot. SVG (``QSvgGenerator``) and PDF
(``QPdfWriter``) receive the same painter calls and stay vector. The panels are fresh copies
made for the figure, so exporting never disturbs what the window shows.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtSvg, QtWidgets

from engine.errors import NnlensError
from engine.presets import RaceSpec
from engine.snapshot import Snapshot
from gui.figure_fixes import (
    Thickener,
    copy_controls,
    fit_titles,
    hide_controls,
    whole_decades,
    wrap_labels,
)
from gui.figure_layout import grid_rows, reference_height
from gui.i18n import install_font
from gui.panels import PANELS, Panel
from gui.panels.race import OptimizerRacePanel
from gui.svg_output import portable_svg
from gui.theme import DARK, THEMES, Theme

PANEL_CLASSES: dict[str, type[Panel]] = {cls.key: cls for cls in PANELS}
PANEL_KEYS: tuple[str, ...] = tuple(PANEL_CLASSES)
Size = tuple[int, int]
MAX_ZOOM_OUT = 1.6


def ensure_app() -> QtWidgets.QApplication:
    """The process's QApplication; a process without a display gets Qt's offscreen platform."""
    app = QtWidgets.QApplication.instance()
    if isinstance(app, QtWidgets.QApplication):
        install_font()
        return app
    if app is not None:
        raise NnlensError("figures need a QApplication, but this process runs a smaller Qt app")
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QtWidgets.QApplication(["nnlens"])
    install_font()
    return app


def resolve_theme(theme: str | Theme, screen: Theme | None = None) -> Theme:
    """``"slide"``, ``"screen"`` (the window's theme; dark when not given), a theme's name, or a
    Theme."""
    if isinstance(theme, Theme):
        return theme
    if theme == "screen":
        return screen or DARK
    if theme in THEMES:
        return THEMES[theme]
    raise NnlensError(f"unknown theme {theme!r}; choose slide or screen")


def check_keys(keys: object) -> list[str]:
    out = []
    for key in keys:
        if key not in PANEL_CLASSES:
            raise NnlensError(f"unknown panel {key!r}; choose from " + ", ".join(PANEL_KEYS))
        out.append(key)
    if not out:
        raise NnlensError("no panel chosen; choose from " + ", ".join(PANEL_KEYS))
    return out


def check_size(size: Size) -> Size:
    w, h = (int(v) for v in size)
    if not (16 <= w <= 16384 and 16 <= h <= 16384):
        raise NnlensError(f"figure size {w}×{h}: each side must be 16 to 16384 pixels")
    return w, h


class Figure:
    """Panels (titled when there are several) and a footer line (caption, step counter), laid
    out for ``size`` pixels in ``theme``. Feed it snapshots; paint it as often as needed."""

    def __init__(
        self,
        panels: list[str | Panel],
        size: Size,
        theme: Theme,
        race: RaceSpec | None = None,
        titled: bool | None = None,
    ) -> None:
        ensure_app()
        self.size = check_size(size)
        self.theme = theme
        self.dashboard = len(panels) > 1 if titled is None else titled
        self.scale = self.size[1] / reference_height(len(panels))
        self.logical = QtCore.QSize(
            max(round(self.size[0] / self.scale), 1), max(round(self.size[1] / self.scale), 1)
        )
        self.root = QtWidgets.QWidget()
        self.root.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.root.setAutoFillBackground(True)
        self.root.setPalette(theme.qpalette())
        self.root.setFont(theme.font())
        self.panels = [self._make_panel(source, race) for source in panels]
        for view in self.root.findChildren(QtWidgets.QGraphicsView):
            view.setCacheMode(QtWidgets.QGraphicsView.CacheModeFlag.CacheNone)  # no bitmap
        self._sources = [
            (panel, source)
            for panel, source in zip(self.panels, panels, strict=True)
            if isinstance(source, Panel)
        ]
        self._titles = [self._label(p.title(), 1.15, bold=True) for p in self.panels]
        for title in self._titles:
            title.setVisible(self.dashboard)
        self._caption = self._label("", 0.85, muted=True)
        self._caption.setWordWrap(True)
        self._stamp = self._label("", 1.0, bold=True)
        self._stamp.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight)
        self._needs: list[float] | None = None
        self._thickener = Thickener(self.scale)
        self._ready = False
        self.root.resize(self.logical)
        self._place()  # the root is never shown; _relayout and render lay it out

    def _make_panel(self, source: str | Panel, race: RaceSpec | None) -> Panel:
        key = source if isinstance(source, str) else source.key
        panel = PANEL_CLASSES[check_keys([key])[0]](self.root)
        if race is not None and isinstance(panel, OptimizerRacePanel):
            panel.set_race(race)
        if isinstance(source, Panel):
            copy_controls(source, panel)
        if isinstance(source, OptimizerRacePanel) and source.race and panel.race:
            panel.race.set_start(*source.race.start)
        panel.apply_theme(self.theme)
        hide_controls(panel)
        return panel

    def _label(self, text: str, scale: float, bold: bool = False, muted: bool = False):
        label = QtWidgets.QLabel(text, self.root)
        label.setFont(self.theme.font(scale, bold))
        if muted:
            palette = label.palette()
            palette.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor(self.theme.muted))
            label.setPalette(palette)
        return label

    def _place(self) -> bool:
        """Equal rows, equal cells within a row, whatever the panels would like; once their
        minimum widths are known, the longer rows go where every panel fits. True if moved."""
        width, height = self.logical.width(), self.logical.height()
        margin, gap = (12, 14) if self.dashboard else (6, 0)
        inner = width - 2 * margin
        stamp_w = self._stamp.sizeHint().width() if self._stamp.text() else 0
        caption_w = inner - stamp_w - (12 if stamp_w else 0)
        foot = self._caption.heightForWidth(caption_w) if self._caption.text() else 0
        foot = max(foot, self._stamp.sizeHint().height() if stamp_w else 0)
        bottom = height - margin - foot - (6 if foot else 0)
        self._caption.setGeometry(margin, height - margin - foot, caption_w, foot)
        self._stamp.setGeometry(width - margin - stamp_w, height - margin - foot, stamp_w, foot)
        rows = grid_rows(len(self.panels), width / height, self._needs, inner, gap)
        row_h = (bottom - margin - gap * (len(rows) - 1)) / len(rows)
        title_h = QtGui.QFontMetrics(self._titles[0].font()).height() + 4 if self.dashboard else 0
        moved = False
        for r, row in enumerate(rows):
            y = margin + r * (row_h + gap)
            cell_w = (inner - gap * (len(row) - 1)) / len(row)
            for c, index in enumerate(row):
                x = round(margin + c * (cell_w + gap))
                self._titles[index].setGeometry(x, round(y), round(cell_w), title_h)
                cell = QtCore.QRect(x, round(y + title_h), round(cell_w), round(row_h - title_h))
                moved |= cell != self.panels[index].geometry()
                self.panels[index].setGeometry(cell)
        return moved

    def _zoom_out(self, factor: float) -> None:
        """Lay out on a canvas ``factor`` times larger (so the print is smaller in the figure)."""
        self.logical = QtCore.QSize(
            round(self.logical.width() * factor), round(self.logical.height() * factor)
        )
        self.scale = self.size[1] / self.logical.height()
        self._thickener = Thickener(self.scale)
        self.root.resize(self.logical)
        self._place()

    def _panel_needs(self) -> list[float]:
        """Each panel's minimum width: its plots' (axes, titles, legends) or its widgets'."""
        needs = []
        for panel in self.panels:
            need = float(panel.minimumSizeHint().width())
            for view in panel.findChildren(pg.GraphicsLayoutWidget):
                plots = view.ci.effectiveSizeHint(QtCore.Qt.SizeHint.MinimumSize).width()
                need = max(need, plots + panel.width() - view.width())
            needs.append(need)
        return needs

    # ------------------------------------------------------------------ content
    def show_snapshot(self, snapshot: Snapshot, caption: str = "", stamp: str = "") -> None:
        self._ready = False
        for panel in self.panels:
            panel.show_snapshot(snapshot)
        for panel, source in self._sources:  # a spin box's range may come with the first data
            copy_controls(source, panel)
        self._sources = []
        if (caption, stamp) != (self._caption.text(), self._stamp.text()):
            self._caption.setText(caption)
            self._stamp.setText(stamp)
            self._place()

    def settle(self) -> None:
        """Lay out until it holds still (pyqtgraph sizes its axes to their tick text only when
        they paint, so the axes are painted to a scratch image first), fix what large print
        needs, and set up export mode (vector scatter symbols, antialiasing) and the pens for
        the final scale."""
        if self._ready:
            return
        self._measure()
        again = fit_titles(self._items())
        if len(self.panels) > 1 and self._needs is None:
            self._needs = self._panel_needs()
            again |= self._place()
            crowded = max(
                n / max(p.width(), 1) for n, p in zip(self._needs, self.panels, strict=True)
            )
            if crowded > 1.01:  # e.g. a deep net's nine histograms in a dashboard cell
                self._zoom_out(min(crowded * 1.02, MAX_ZOOM_OUT))
                again = True
        for panel in self.panels:
            again |= wrap_labels(panel)
        if again:
            self._measure()
        items = self._items()
        for item in items:
            if hasattr(item, "setExportMode"):
                item.setExportMode(True, {"antialias": True})
        self._thickener.apply(items)
        self._ready = True

    def _measure(self) -> None:
        """Paint the axes (only they size themselves while painting) until their sizes hold."""
        scratch = QtGui.QImage(1, 1, QtGui.QImage.Format.Format_RGB32)
        for _ in range(4):
            self._relayout()
            for view in self.root.findChildren(pg.GraphicsView):
                view.scene().prepareForPaint()  # view boxes apply their new ranges
            axes = [item for item in self._items() if isinstance(item, pg.AxisItem)]
            whole_decades(axes, self.theme.font())
            before = [axis.size() for axis in axes]
            with _painting(scratch) as painter:
                for axis in axes:
                    if axis.isVisible():
                        axis.picture = None
                        axis.paint(painter, None, None)
            self._relayout()
            if [axis.size() for axis in axes] == before:
                return

    def _relayout(self) -> None:
        """Carry out pending layout requests: the posted ones (only those: the hidden widgets'
        paint requests would each paint a view nobody sees, and input events must wait for the
        user's turn), and the widgets' layouts, which Qt leaves for hidden widgets until they
        are shown or rendered."""
        self.root.ensurePolished()
        for _ in range(2):
            QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest)
            for widget in [self.root, *self.root.findChildren(QtWidgets.QWidget)]:
                if widget.layout() is not None:
                    widget.layout().activate()

    def _items(self) -> list[QtWidgets.QGraphicsItem]:
        views = self.root.findChildren(QtWidgets.QGraphicsView)
        return [item for view in views if view.scene() for item in view.scene().items()]

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QtGui.QPainter) -> None:
        """Paint the figure onto ``painter``, whose device is ``size`` pixels."""
        self.settle()
        painter.fillRect(QtCore.QRect(0, 0, *self.size), QtGui.QColor(self.theme.background))
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing)
        painter.scale(self.size[0] / self.logical.width(), self.size[1] / self.logical.height())
        self.root.render(painter, QtCore.QPoint())

    def image(self) -> QtGui.QImage:
        image = QtGui.QImage(*self.size, QtGui.QImage.Format.Format_RGB32)
        dots_per_metre = round(screen_dpi() / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        self.settle()
        with _painting(image) as painter:
            self.paint(painter)
        return image

    def png(self) -> bytes:
        return encode(self.image(), "PNG")

    def svg(self, title: str = "") -> bytes:
        buffer = _buffer()
        generator = QtSvg.QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QtCore.QSize(*self.size))
        generator.setViewBox(QtCore.QRect(0, 0, *self.size))
        generator.setResolution(round(screen_dpi()))
        generator.setTitle(title or "nnlens")
        generator.setDescription("nnlens figure")
        self.settle()
        with _painting(generator) as painter:
            self.paint(painter)
        return portable_svg(bytes(buffer.data()), self.size)

    def pdf(self, title: str = "") -> bytes:
        """One page of exactly the figure's size (pixels at the screen's dpi, as points)."""
        buffer = _buffer()
        dpi = round(screen_dpi())
        writer = QtGui.QPdfWriter(buffer)
        writer.setResolution(dpi)
        page = QtGui.QPageSize(
            QtCore.QSizeF(self.size[0] * 72 / dpi, self.size[1] * 72 / dpi),
            QtGui.QPageSize.Unit.Point,
            "",
            QtGui.QPageSize.SizeMatchPolicy.ExactMatch,
        )
        portrait = QtGui.QPageLayout.Orientation.Portrait
        writer.setPageLayout(QtGui.QPageLayout(page, portrait, QtCore.QMarginsF(0, 0, 0, 0)))
        writer.setTitle(title or "nnlens")
        writer.setCreator("nnlens")
        self.settle()
        with _painting(writer) as painter:
            self.paint(painter)
        return bytes(buffer.data())

    def close(self) -> None:
        self.root.close()
        self.root.deleteLater()
        QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)


def screen_dpi() -> float:
    """The dpi the widgets are laid out at; paint devices use it so text keeps its layout."""
    screen = QtGui.QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInch() if screen is not None else 96.0


@contextlib.contextmanager
def _painting(device: QtGui.QPaintDevice) -> Iterator[QtGui.QPainter]:
    """A QPainter on ``device`` that is ended however the block ends (a painter left active
    crashes Qt when the device is freed)."""
    painter = QtGui.QPainter(device)
    try:
        yield painter
    finally:
        painter.end()


def _buffer() -> QtCore.QBuffer:
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    return buffer


def encode(image: QtGui.QImage, fmt: str = "PNG") -> bytes:
    buffer = _buffer()
    if not image.save(buffer, fmt):
        raise NnlensError(f"Qt could not encode the image as {fmt}")
    return bytes(buffer.data())
