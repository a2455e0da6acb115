"""Colours, line widths and font sizes shared by every panel.

``DARK`` is the screen default, ``LIGHT`` its daylight twin and ``SLIDE`` a white, large-print
variant for slide figures. The categorical palette is Okabe–Ito (safe for colour-blind viewers);
signed values use one diverging map, blue for negative, red for positive.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6 import QtGui

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}

_RD_BU = ("#2166ac", "#4393c3", "#92c5de", "#f7f7f7", "#f4a582", "#d6604d", "#b2182b")
_RD_BU_DARK = ("#3b8ee0", "#6aaee8", "#a9cfee", "#e8e8e8", "#f3b59a", "#ea7a5f", "#e0413a")


@dataclass(frozen=True)
class Theme:
    """One look for the whole dashboard.

    ``palette`` holds categorical colours (classes, optimizers, layers) in the order they are
    handed out; ``diverging`` the stops of the signed-value map from −vmax through 0 to +vmax.
    """

    name: str
    background: str
    foreground: str
    muted: str
    grid: str
    accent: str
    palette: tuple[str, ...]
    diverging: tuple[str, ...]
    line_width: float
    font_size: float

    def color(self, name_or_hex: str, alpha: int = 255) -> QtGui.QColor:
        """A QColor of a theme field (``"accent"``) or of a hex string, with ``alpha``."""
        value = getattr(self, name_or_hex, name_or_hex)
        color = QtGui.QColor(value)
        color.setAlpha(alpha)
        return color

    def solid(self, name_or_hex: str, weight: float) -> QtGui.QColor:
        """``name_or_hex`` mixed with the background: an opaque stand-in for transparency,
        which Qt draws about ten times slower."""
        return blend(getattr(self, name_or_hex, name_or_hex), self.background, weight)

    def category(self, index: int) -> str:
        return self.palette[index % len(self.palette)]

    def font(self, scale: float = 1.0, bold: bool = False) -> QtGui.QFont:
        font = QtGui.QFont()
        font.setPointSizeF(self.font_size * scale)
        font.setBold(bold)
        return font

    def diverging_lut(self, n: int = 256) -> np.ndarray:
        """(n, 4) uint8 colours from −vmax (row 0) to +vmax (row n − 1)."""
        return diverging_rgba(np.linspace(-1.0, 1.0, n), 1.0, self)

    def qpalette(self) -> QtGui.QPalette:
        """A widget palette matching the plots, for labels and small tool bars in panels."""
        pal = QtGui.QPalette()
        bg, fg = QtGui.QColor(self.background), QtGui.QColor(self.foreground)
        base = bg.lighter(130) if bg.lightness() < 128 else bg.darker(104)
        roles = QtGui.QPalette.ColorRole
        for role, color in (
            (roles.Window, bg),
            (roles.WindowText, fg),
            (roles.Base, base),
            (roles.AlternateBase, bg),
            (roles.Text, fg),
            (roles.Button, base),
            (roles.ButtonText, fg),
            (roles.ToolTipBase, base),
            (roles.ToolTipText, fg),
            (roles.Highlight, QtGui.QColor(self.accent)),
            (roles.PlaceholderText, QtGui.QColor(self.muted)),
        ):
            pal.setColor(role, color)
        pal.setColor(QtGui.QPalette.ColorGroup.Disabled, roles.WindowText, QtGui.QColor(self.muted))
        pal.setColor(QtGui.QPalette.ColorGroup.Disabled, roles.Text, QtGui.QColor(self.muted))
        pal.setColor(QtGui.QPalette.ColorGroup.Disabled, roles.ButtonText, QtGui.QColor(self.muted))
        return pal


def _stops_rgb(stops: tuple[str, ...]) -> np.ndarray:
    return np.array([QtGui.QColor(s).getRgb()[:3] for s in stops], dtype=float)


def diverging_rgba(values: np.ndarray, vmax: float, theme: Theme | None = None) -> np.ndarray:
    """(N, 4) uint8 colours of ``values`` on the diverging map over [−vmax, vmax].

    Values beyond ±vmax take the end colours; non-finite values take the middle colour.
    """
    stops = _stops_rgb((theme or DARK).diverging)
    v = np.asarray(values, dtype=float).ravel()
    scale = float(vmax) if np.isfinite(vmax) and vmax > 0 else 1.0
    t = np.clip(np.nan_to_num(v / scale, nan=0.0, posinf=1.0, neginf=-1.0), -1.0, 1.0)
    position = (t + 1.0) * 0.5 * (len(stops) - 1)
    low = np.minimum(position.astype(int), len(stops) - 2)
    frac = (position - low)[:, None]
    rgb = stops[low] * (1.0 - frac) + stops[low + 1] * frac
    out = np.empty((len(v), 4), dtype=np.uint8)
    out[:, :3] = np.rint(rgb)
    out[:, 3] = 255
    return out


def diverging_color(value: float, vmax: float, theme: Theme | None = None) -> QtGui.QColor:
    """The diverging-map colour of one ``value`` over [−vmax, vmax]."""
    r, g, b, a = diverging_rgba(np.array([value]), vmax, theme)[0]
    return QtGui.QColor(int(r), int(g), int(b), int(a))


def blend(color: str, other: str, weight: float) -> QtGui.QColor:
    """``color`` mixed with ``other``; weight 1 gives ``color``, 0 gives ``other``."""
    a, b = QtGui.QColor(color), QtGui.QColor(other)
    w = min(max(weight, 0.0), 1.0)
    return QtGui.QColor.fromRgbF(
        a.redF() * w + b.redF() * (1 - w),
        a.greenF() * w + b.greenF() * (1 - w),
        a.blueF() * w + b.blueF() * (1 - w),
    )


DARK = Theme(
    name="dark",
    background="#1e1f22",
    foreground="#e6e6e6",
    muted="#9a9ca3",
    grid="#3a3c42",
    accent="#56B4E9",
    palette=(
        OKABE_ITO["sky_blue"],
        OKABE_ITO["orange"],
        OKABE_ITO["green"],
        OKABE_ITO["purple"],
        OKABE_ITO["yellow"],
        OKABE_ITO["vermillion"],
        OKABE_ITO["blue"],
        "#c8c8c8",
    ),
    diverging=_RD_BU_DARK,
    line_width=1.6,
    font_size=9.0,
)

LIGHT = Theme(
    name="light",
    background="#ffffff",
    foreground="#202124",
    muted="#6b6e76",
    grid="#d9dbe0",
    accent="#0072B2",
    palette=(
        OKABE_ITO["blue"],
        OKABE_ITO["orange"],
        OKABE_ITO["green"],
        OKABE_ITO["purple"],
        OKABE_ITO["vermillion"],
        OKABE_ITO["sky_blue"],
        "#b8a800",
        OKABE_ITO["black"],
    ),
    diverging=_RD_BU,
    line_width=1.6,
    font_size=9.0,
)

SLIDE = Theme(
    name="slide",
    background="#ffffff",
    foreground="#111111",
    muted="#555555",
    grid="#cccccc",
    accent="#0072B2",
    palette=LIGHT.palette,
    diverging=_RD_BU,
    line_width=3.0,
    font_size=14.0,
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (DARK, LIGHT, SLIDE)}
