"""Make Qt's SVG output read the same in other programs (browsers, Inkscape, slide software).

``QSvgGenerator`` writes pyqtgraph's cosmetic pens as strokes in data coordinates with
``vector-effect="non-scaling-stroke"``; programs without that SVG 1.2 feature (librsvg,
Inkscape, most slide software) draw such a line thousands of pixels wide. It also names fonts by
fontconfig aliases ("Sans Serif") that other systems replace with a serif face, and gives the
size in millimetres. ``portable_svg`` moves those strokes' coordinates into the page's own
pixels (where the stroke width is already right), names real font families with a generic
fallback, and states the size in pixels. Zero-length line pieces, which Qt leaves out but SVG
draws as square dots, are dropped. Text with Korean in it becomes the outlines of its glyphs,
drawn with the bundled Korean font, so that a slide made here shows 한글 on a machine without
Korean fonts; other text stays text, editable in Inkscape.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from PySide6 import QtGui

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
PAIR = re.compile(rf"({NUMBER}),({NUMBER})")
SHAPES = {f"{{{SVG}}}{tag}" for tag in ("path", "polyline", "polygon", "rect")}
Matrix = tuple[float, float, float, float, float, float]
HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
"""Jamo, compatibility jamo and syllables: what a machine without Korean fonts draws as boxes."""


def portable_svg(svg: bytes, size: tuple[int, int]) -> bytes:
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    root = ET.fromstring(svg)
    root.set("width", str(size[0]))
    root.set("height", str(size[1]))
    fonts: dict[str, str] = {}
    for element in root.iter():
        family = element.get("font-family")
        if family is not None:
            if family not in fonts:
                fonts[family] = _real_family(family)
            element.set("font-family", fonts[family])
    for group in root.iter(f"{{{SVG}}}g"):
        _bake(group)
    _outline_text(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


OUTLINE_SIZE = 100.0
"""Glyph outlines are made at this pixel size and scaled to the text's own."""


def _outline_text(root: ET.Element) -> None:
    """Replace each ``<text>`` holding Korean by a ``<path>`` of its glyphs."""
    for parent in list(root.iter()):
        for index, element in enumerate(list(parent)):
            if element.tag != f"{{{SVG}}}text":
                continue
            text = "".join(element.itertext())
            if not HANGUL.search(text):
                continue
            parent.remove(element)
            parent.insert(index, _outlined(element, text, _inherited(parent, element)))


def _inherited(parent: ET.Element, element: ET.Element) -> dict[str, str]:
    keys = ("font-family", "font-size", "font-weight", "font-style")
    found = {k: parent.get(k) for k in keys if parent.get(k) is not None}
    found.update({k: element.get(k) for k in keys if element.get(k) is not None})
    return found


def _outlined(element: ET.Element, text: str, font_keys: dict[str, str]) -> ET.Element:
    from gui.i18n import korean_font_family

    families = [f.strip() for f in font_keys.get("font-family", "").split(",") if f.strip()]
    korean = korean_font_family()
    font = QtGui.QFont()
    font.setFamilies([f for f in (*families, korean) if f and f != "sans-serif"])
    font.setPixelSize(int(OUTLINE_SIZE))
    font.setWeight(QtGui.QFont.Weight(int(float(font_keys.get("font-weight", 400)))))
    font.setItalic(font_keys.get("font-style") == "italic")
    path = QtGui.QPainterPath()
    path.addText(0.0, 0.0, font, text)
    scale = float(font_keys.get("font-size", 12)) / OUTLINE_SIZE
    x, y = float(element.get("x", 0)), float(element.get("y", 0))
    outline = ET.Element(f"{{{SVG}}}path")
    for key in ("fill", "fill-opacity"):
        if element.get(key) is not None:
            outline.set(key, element.get(key))
    outline.set("stroke", "none")
    outline.set("transform", f"translate({x:g},{y:g}) scale({scale:.6g})")
    outline.set("d", _path_data(path))
    title = ET.SubElement(outline, f"{{{SVG}}}title")
    title.text = text  # the words stay findable and readable to screen readers
    return outline


def _path_data(path: QtGui.QPainterPath) -> str:
    parts: list[str] = []
    kinds = QtGui.QPainterPath.ElementType
    i, n = 0, path.elementCount()
    while i < n:
        e = path.elementAt(i)
        if e.type == kinds.MoveToElement:
            parts.append(f"M{e.x:.2f} {e.y:.2f}")
        elif e.type == kinds.LineToElement:
            parts.append(f"L{e.x:.2f} {e.y:.2f}")
        elif e.type == kinds.CurveToElement and i + 2 < n:
            c2, end = path.elementAt(i + 1), path.elementAt(i + 2)
            parts.append(f"C{e.x:.2f} {e.y:.2f} {c2.x:.2f} {c2.y:.2f} {end.x:.2f} {end.y:.2f}")
            i += 2
        i += 1
    return "".join(parts) + ("Z" if parts else "")


def _real_family(family: str) -> str:
    resolved = QtGui.QFontInfo(QtGui.QFont(family)).family() if family else ""
    generic = "monospace" if "mono" in family.lower() else "sans-serif"
    return ", ".join(dict.fromkeys(name for name in (resolved, generic) if name))


def _bake(group: ET.Element) -> None:
    """Map a group of non-scaling strokes into page coordinates and drop its transform."""
    shapes = list(group)
    if not shapes or any(s.get("vector-effect") != "non-scaling-stroke" for s in shapes):
        return
    if any(s.tag not in SHAPES for s in shapes):
        return
    matrix = _matrix(group.get("transform", ""))
    if matrix is None:
        return
    for shape in shapes:
        if shape.tag == f"{{{SVG}}}rect":
            x, y = float(shape.get("x", 0)), float(shape.get("y", 0))
            w, h = float(shape.get("width", 0)), float(shape.get("height", 0))
            for key in ("x", "y", "width", "height"):
                shape.attrib.pop(key, None)
            shape.tag = f"{{{SVG}}}polygon"
            shape.set("points", f"{x},{y} {x + w},{y} {x + w},{y + h} {x},{y + h}")
        key = "d" if shape.tag == f"{{{SVG}}}path" else "points"
        shape.set(key, _map(shape.get(key, ""), matrix))
        del shape.attrib["vector-effect"]
        if shape.tag == f"{{{SVG}}}polyline" and len(set(shape.get(key).split())) == 1:
            group.remove(shape)  # zero length: Qt draws nothing, SVG a square cap
    group.attrib.pop("transform")


def _matrix(text: str) -> Matrix | None:
    match = re.fullmatch(rf"\s*matrix\(({NUMBER}(?:\s*,\s*{NUMBER}){{5}})\)\s*", text)
    if match is None:
        return None
    a, b, c, d, e, f = (float(v) for v in match.group(1).split(","))
    return a, b, c, d, e, f


def _map(coordinates: str, m: Matrix) -> str:
    a, b, c, d, e, f = m

    def point(match: re.Match[str]) -> str:
        x, y = float(match.group(1)), float(match.group(2))
        return f"{a * x + c * y + e:.7g},{b * x + d * y + f:.7g}"

    return PAIR.sub(point, coordinates)
