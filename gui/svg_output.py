"""Make Qt's SVG output read the same in other programs (browsers, Inkscape, slide software).

``QSvgGenerator`` writes pyqtgraph's cosmetic pens as strokes in data coordinates with
``vector-effect="non-scaling-stroke"``; programs without that SVG 1.2 feature (librsvg,
Inkscape, most slide software) draw such a line thousands of pixels wide. It also names fonts by
fontconfig aliases ("Sans Serif") that other systems replace with a serif face, and gives the
size in millimetres. ``portable_svg`` moves those strokes' coordinates into the page's own
pixels (where the stroke width is already right), names real font families with a generic
fallback, and states the size in pixels. Zero-length line pieces, which Qt leaves out but SVG
draws as square dots, are dropped.
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
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


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
