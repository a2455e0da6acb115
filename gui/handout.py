"""Worked-example handouts written to disk: Markdown, HTML, JSON, or PDF through Qt."""

from __future__ import annotations

import json
import os
from pathlib import Path

from engine.errors import NnlensError
from engine.trainer import Trainer
from engine.worked import to_html, to_markdown, worked_example

FORMATS = (".md", ".html", ".pdf", ".json")


def write_handout(trainer: Trainer, sample: int, out: str | Path) -> Path:
    """Write the handout for ``sample`` in the format ``out``'s suffix names; atomic: a failed
    write leaves no partial file and keeps any previous one."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise NnlensError(
            _tr("{name}: the handout is written as {formats}").format(
                name=path.name, formats=", ".join(FORMATS)
            )
        )
    example = worked_example(trainer, sample)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if suffix == ".json":
            tmp.write_text(json.dumps(example, indent=1, ensure_ascii=False), encoding="utf-8")
        elif suffix == ".md":
            tmp.write_text(to_markdown(example), encoding="utf-8")
        elif suffix == ".html":
            tmp.write_text(to_html(example), encoding="utf-8")
        else:
            _write_pdf(to_html(example), tmp)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise NnlensError(
            _tr("{path}: cannot write the handout ({error})").format(
                path=path, error=exc.strerror or exc
            )
        ) from None
    return path


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("handout", text)


def _write_pdf(html_text: str, path: Path) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    from gui.i18n import install_font

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a headless command: no window
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (fonts need it)
    install_font()
    if not path.parent.is_dir():
        raise FileNotFoundError(2, "No such file or directory", str(path.parent))
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
        )
    )
    writer.setTitle("nnlens worked example")
    writer.setResolution(96)  # the text document lays out in screen pixels at this density
    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(9.5)
    document.setDefaultFont(font)
    document.setHtml(html_text)
    document.setPageSize(writer.pageLayout().paintRectPixels(96).size().toSizeF())
    document.print_(writer)
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(5, "the PDF writer produced no file")
