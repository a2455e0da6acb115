"""Figures exported in Korean show 한글 wherever they are opened.

PNG and GIF are pixels drawn with the bundled font; the PDF embeds it; the SVG carries Korean
text as glyph outlines (a machine without Korean fonts would draw boxes for SVG text).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from engine.presets import load_lesson
from gui import i18n
from gui.export_cli import run_export

HANGUL = re.compile(r"[\uac00-\ud7a3]")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def korean_figures(qapp, tmp_path):
    i18n.set_language("ko")
    try:
        code = run_export(
            load_lesson("xor"), 40, tmp_path, "curves", "png,svg,pdf", "960x540", "slide", True
        )
    finally:
        i18n.set_language("en")
    assert code == 0
    return tmp_path


def test_svg_draws_korean_labels_as_outlines_and_keeps_latin_text(korean_figures):
    root = ET.parse(korean_figures / "curves.svg").getroot()
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert texts, "Latin-only labels (tick numbers) stay text"
    assert not [t for t in texts if HANGUL.search(t)]
    outlined = [p for p in root.iter(f"{SVG}path") if p.find(f"{SVG}title") is not None]
    words = {p.find(f"{SVG}title").text.strip() for p in outlined}
    assert "스텝" in words and "손실" in words, words
    assert all(len(p.get("d", "")) > 100 for p in outlined)


def test_svg_outline_matches_the_bundled_font_rendering(korean_figures, qapp):
    """The outlined word, drawn by Qt's SVG renderer, has the ink of the same word drawn with
    the bundled font (boxes of a missing font would have far less, in the wrong places)."""
    root = ET.parse(korean_figures / "curves.svg").getroot()
    path = next(
        p
        for p in root.iter(f"{SVG}path")
        if p.find(f"{SVG}title") is not None and p.find(f"{SVG}title").text.strip() == "스텝"
    )
    scale = float(re.search(r"scale\(([\d.]+)\)", path.get("transform")).group(1))
    single = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
        f'<path fill="#000" transform="translate(20,70) scale({scale * 3})" d="{path.get("d")}"/>'
        "</svg>"
    )
    outline = _paint(lambda p: QSvgRenderer(single.encode()).render(p, QRectF(0, 0, 200, 100)))
    font = QFont(i18n.korean_font_family())
    font.setPixelSize(round(i18n_size(path) * 3))

    def text(p: QPainter) -> None:
        p.setFont(font)
        p.drawText(20, 70, "스텝")

    reference = _paint(text)
    ink_outline, ink_reference = (outline < 128).sum(), (reference < 128).sum()
    assert ink_reference > 200
    assert abs(ink_outline - ink_reference) < 0.15 * ink_reference
    overlap = ((outline < 128) & (reference < 128)).sum()
    assert overlap > 0.7 * ink_reference


def i18n_size(path: ET.Element) -> float:
    from gui.svg_output import OUTLINE_SIZE

    scale = float(re.search(r"scale\(([\d.]+)\)", path.get("transform")).group(1))
    return scale * OUTLINE_SIZE


def _paint(draw) -> np.ndarray:
    image = QImage(200, 100, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("black"))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    draw(painter)
    painter.end()
    stride = image.bytesPerLine()
    return np.array(image.constBits(), dtype=np.uint8).reshape(100, stride)[:, :200].copy()


def test_pdf_embeds_the_bundled_korean_font(korean_figures):
    data = (korean_figures / "curves.pdf").read_bytes()
    assert re.search(rb"/BaseFont\s*/[A-Z]*\+?NotoSansCJKkr", data)


def test_png_in_korean_differs_from_english_only_in_its_words(korean_figures, qapp, tmp_path):
    english = tmp_path / "en"
    assert (
        run_export(load_lesson("xor"), 40, english, "curves", "png", "960x540", "slide", True) == 0
    )
    ko, en = _gray(korean_figures / "curves.png"), _gray(english / "curves.png")
    assert ko.shape == en.shape
    changed = (ko != en).mean()
    assert 0.001 < changed < 0.2  # labels changed, the plot did not


def _gray(path) -> np.ndarray:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.array(image.constBits(), dtype=np.uint8).reshape(image.height(), -1)
    return rows[:, : image.width()].copy()
