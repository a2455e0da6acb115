"""Korean and English: Qt's translation machinery, the bundled Korean font and live switching.

The catalogue is ``assets/i18n/nnlens_<lang>.ts``, made by ``pyside6-lupdate`` from the ``tr()``
calls in ``gui/`` and ``main.py`` (``python -m gui.i18n update``) and compiled by
``pyside6-lrelease`` into the user's cache the first time it is needed (and again whenever the
``.ts`` changes), then loaded by a ``QTranslator``.

A second translator answers what the compiled one cannot: PySide's ``self.tr()`` looks strings
up under the *runtime* class name, so a string written in a base class (``Panel``) and shown by a
subclass (``LossPanel``) is missed under ``lupdate``'s context; the fallback finds it by its source
text. The engine writes its messages (divergence reasons, config errors, the worked example)
through ``engine.text.tr``, to which ``set_language`` hands the catalogue; ``translate_text``
translates finished text, templates and all (``"step 12"`` through ``"step {n}"``), which a live
switch uses to relabel what is already on screen.

The bundled font (a Hangul subset of Noto Sans CJK KR, SIL OFL 1.1, ``assets/fonts``) is
registered with every QApplication, so Qt's font fallback renders Korean text with it on
machines without Korean fonts, in the window and in exported figures alike.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QStandardPaths,
    QTranslator,
)

from engine import text as engine_text

ASSETS = Path(__file__).resolve().parent.parent / "assets"
TS_DIR = ASSETS / "i18n"
FONT_FILE = ASSETS / "fonts" / "NotoSansCJKkr-Hangul.otf"
LANGUAGES = {"en": "English", "ko": "한국어"}
"""Language code → its name in that language (as the Language menu shows it)."""
SETTING = "view/language"
SOURCE_LANGUAGE = "en"

_PLACEHOLDER = re.compile(r"\{(\w*)(?::[^{}]*)?\}")


def ts_path(lang: str) -> Path:
    return TS_DIR / f"nnlens_{lang}.ts"


# ---------------------------------------------------------------------- the catalogue
@dataclass
class Catalog:
    """One language's finished translations, by context and by source text alone."""

    lang: str
    by_context: dict[tuple[str, str], str] = field(default_factory=dict)
    by_source: dict[str, str] = field(default_factory=dict)
    unfinished: list[tuple[str, str]] = field(default_factory=list)

    def get(self, source: str, context: str | None = None) -> str | None:
        if context is not None:
            found = self.by_context.get((context, source))
            if found:
                return found
        return self.by_source.get(source)


def read_catalog(path: Path, lang: str) -> Catalog:
    """Parse a Qt ``.ts`` file. Entries marked unfinished, vanished or obsolete are not used."""
    catalog = Catalog(lang)
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            node = message.find("translation")
            kind = node.get("type") if node is not None else "unfinished"
            text = (node.text or "") if node is not None else ""
            if kind in ("vanished", "obsolete"):
                continue
            if kind == "unfinished" or not text:
                catalog.unfinished.append((name, source))
                continue
            catalog.by_context[(name, source)] = text
            catalog.by_source.setdefault(source, text)
    return catalog


@cache
def catalog(lang: str) -> Catalog:
    """The catalogue of ``lang`` (empty for English, the source language)."""
    path = ts_path(lang)
    if lang == SOURCE_LANGUAGE or not path.exists():
        return Catalog(lang)
    return read_catalog(path, lang)


class CatalogTranslator(QTranslator):
    """Finds a string by its source text when the compiled catalogue's context misses it."""

    def __init__(self, table: Catalog) -> None:
        super().__init__()
        self.table = table

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None is Qt's null string: "not here, ask the next translator". An empty string
        # would count as the translation and blank Qt's own texts (page sizes, dialogs).
        return self.table.get(source, context) or None

    def isEmpty(self) -> bool:
        return not self.table.by_source

    def language(self) -> str:
        return self.table.lang


def lrelease() -> Path | None:
    """The ``lrelease`` that ships inside PySide6 (``pyside6-lrelease`` runs it)."""
    import PySide6

    for name in ("lrelease", "lrelease.exe"):
        path = Path(PySide6.__file__).parent / name
        if path.exists():
            return path
    return None


def compiled(lang: str, cache_dir: Path | None = None) -> Path | None:
    """``nnlens_<lang>.qm`` compiled from the ``.ts`` by lrelease, cached by the ``.ts``'s hash;
    None when lrelease is missing or fails (the fallback translator still translates)."""
    source = ts_path(lang)
    tool = lrelease()
    if tool is None or not source.exists():
        return None
    digest = hashlib.sha1(source.read_bytes()).hexdigest()[:12]
    folder = cache_dir or Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    )
    target = folder / "i18n" / f"nnlens_{lang}-{digest}.qm"
    if target.exists():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial.qm")
        subprocess.run(
            [str(tool), "-silent", str(source), "-qm", str(partial)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        partial.replace(target)
    except (OSError, subprocess.SubprocessError):
        return None
    return target


# ---------------------------------------------------------------------- the language in use
_current = SOURCE_LANGUAGE
_installed: list[QTranslator] = []


def current_language() -> str:
    return _current


def system_language() -> str:
    """Korean when the system's locale is Korean, English otherwise."""
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else SOURCE_LANGUAGE


def startup_language(settings: QSettings | None, requested: str | None = None) -> str:
    """``--lang`` if given, else the language chosen last time, else the system's."""
    if requested in LANGUAGES:
        return requested
    saved = str(settings.value(SETTING, "")) if settings is not None else ""
    return saved if saved in LANGUAGES else system_language()


def set_language(lang: str, cache_dir: Path | None = None) -> None:
    """Install ``lang``'s translators on the running application; Qt then sends every widget a
    ``LanguageChange`` event (the main window retranslates itself on it)."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QCoreApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = lang
    engine_text.set_translator(None if lang == SOURCE_LANGUAGE else _engine_translator(lang))
    if lang == SOURCE_LANGUAGE:
        return
    fallback = CatalogTranslator(catalog(lang))
    app.installTranslator(fallback)  # asked last: Qt asks the newest translator first
    _installed.append(fallback)
    qt_own = QTranslator()  # Qt's own dialogs and buttons (OK, Cancel, the file dialog)
    if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    qm = compiled(lang, cache_dir)
    if qm is not None:
        translator = QTranslator()
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)


def _engine_translator(lang: str) -> Callable[[str], str]:
    """The engine's templates (context ``""``) in ``lang``; English where there is none."""
    table = catalog(lang)

    def translate(template: str) -> str:
        return table.get(template, "") or template

    return translate


# ---------------------------------------------------------------------- text made outside Qt
@dataclass(frozen=True)
class _Template:
    source: str
    pattern: re.Pattern[str]


def _template(text: str) -> _Template | None:
    names = tuple(m.group(1) for m in _PLACEHOLDER.finditer(text))
    if not names or any(not n for n in names):
        return None
    pattern, seen = "", set()
    for i, part in enumerate(_PLACEHOLDER.split(text)):
        if i % 2 == 0:
            pattern += re.escape(part)
        else:  # a blank that comes again must hold the same text
            pattern += f"(?P={part})" if part in seen else f"(?P<{part}>.+?)"
            seen.add(part)
    try:
        return _Template(text, re.compile(f"^{pattern}$", re.DOTALL))
    except re.error:
        return None


@cache
def _templates(lang: str, reverse: bool) -> tuple[tuple[_Template, str], ...]:
    """(template to match, its counterpart) pairs, the longest literal text first so that a
    specific template wins over a general one (``"{a}: {b}"``)."""
    table = catalog(lang)
    pairs = []
    for source, translation in table.by_source.items():
        match, other = (translation, source) if reverse else (source, translation)
        template = _template(match)
        if template is not None:
            pairs.append((template, other))
    pairs.sort(key=lambda pair: -len(_PLACEHOLDER.sub("", pair[0].source)))
    return tuple(pairs)


def translate_text(text: str, lang: str | None = None) -> str:
    """``text`` (English, as the engine or a template wrote it) in ``lang`` (default: the
    current language): an exact catalogue entry, or a template whose blanks are translated in
    turn (``"Training stopped: {reason}"``). Unknown text comes back unchanged."""
    lang = lang or _current
    if lang == SOURCE_LANGUAGE:
        return text
    return _convert(text, catalog(lang).by_source, _templates(lang, False))


def source_text(text: str, lang: str) -> str:
    """The English text that ``text`` (shown in ``lang``) was translated from, or ``text``."""
    if lang == SOURCE_LANGUAGE:
        return text
    return _convert(text, _inverse(lang), _templates(lang, True))


def _convert(
    text: str,
    exact: dict[str, str],
    templates: tuple[tuple[_Template, str], ...],
    depth: int = 3,
) -> str:
    """``text`` through ``exact``, else through the first template it fills (its blanks
    converted in turn, ``depth`` levels deep)."""
    found = exact.get(text) if text else None
    if found or not text or depth <= 0:
        return found or text
    for template, other in templates:
        match = template.pattern.match(text)
        if match:
            values = {
                k: _convert(v, exact, templates, depth - 1) for k, v in match.groupdict().items()
            }
            return _fill(other, values)
    return text


@cache
def _inverse(lang: str) -> dict[str, str]:
    table = catalog(lang)
    inverse: dict[str, str] = {}
    for source, translation in table.by_source.items():
        inverse.setdefault(translation, source)
    return inverse


def retranslated(text: str, old: str, new: str) -> str:
    """``text`` shown in language ``old``, as language ``new`` shows it."""
    if old == new:
        return text
    english = source_text(text, old)
    return translate_text(english, new) if new != SOURCE_LANGUAGE else english


def _fill(template: str, values: dict[str, str]) -> str:
    def value(m: re.Match[str]) -> str:
        return values.get(m.group(1), m.group(0))

    return _PLACEHOLDER.sub(value, template)


# ---------------------------------------------------------------------- the bundled font
_font_family: str | None = None


def korean_font_family() -> str | None:
    """Register the bundled Korean font with the running application (once); its family."""
    global _font_family
    if _font_family is None:
        from PySide6.QtGui import QFontDatabase

        font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _font_family = families[0] if families else ""
    return _font_family or None


def install_font() -> None:
    """Register the bundled Korean font with the running application: Qt's font fallback then
    draws Hangul with it wherever the system font has no Korean glyphs (window, exports,
    clipboard). Registering is enough; naming it as a fallback family or a substitute made
    every label's text layout slower (a sixth of the dashboard's frame time)."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        korean_font_family()


# ---------------------------------------------------------------------- keeping the .ts current
def sources() -> list[Path]:
    """The files whose ``tr()`` calls make the catalogue (the engine marks its messages with
    ``engine.text.tr``, which writes English; ``translate_text`` translates them)."""
    root = Path(__file__).resolve().parent.parent
    files = [*sorted(root.glob("gui/**/*.py")), *sorted(root.glob("engine/*.py")), root / "main.py"]
    return [f for f in files if "__pycache__" not in f.parts]


def update(lang: str = "ko", target: Path | None = None) -> int:
    """Run ``pyside6-lupdate`` over the sources into ``assets/i18n/nnlens_<lang>.ts`` (or
    ``target``): new strings come in unfinished; translations of unchanged strings are kept."""
    import PySide6

    tool = Path(PySide6.__file__).parent / "lupdate"
    root = Path(__file__).resolve().parent.parent
    args = [str(tool), "-tr-function-alias", "tr+=_tr", "-locations", "none", "-no-obsolete"]
    args += [str(f.relative_to(root)) for f in sources()]
    args += ["-target-language", lang, "-ts", str(target or ts_path(lang))]
    return subprocess.run(args, cwd=root, check=False, capture_output=target is not None).returncode


def untranslated(lang: str = "ko") -> Iterator[tuple[str, str]]:
    """(context, source) of every entry the ``.ts`` leaves unfinished."""
    yield from read_catalog(ts_path(lang), lang).unfinished


if __name__ == "__main__":
    if sys.argv[1:2] == ["update"]:
        sys.exit(update(*sys.argv[2:3]))
    missing = list(untranslated(*sys.argv[1:2]))
    for context, source in missing:
        print(f"{context}: {source}")
    sys.exit(1 if missing else 0)
