"""The engine's messages in the user's language, without Qt.

Every sentence the engine writes for a user (config and data errors, divergence reasons, the
worked-example handout) is a template marked with ``tr``::

    tr("loss became {value} at step {step}").format(value=word, step=step)

``pyside6-lupdate`` collects these literal templates into the catalogue (context ``""``), and
the running program (the GUI or the CLI) installs a function that looks a template up in the
chosen language with ``set_translator``. Without one, ``tr`` returns the English template, so
the engine on its own writes exactly the English it always wrote.

Templates use named placeholders only (``{step}``, ``{loss:.3g}``), never ``{}`` or ``{0}``:
Korean puts the values in another order. Values (field names, file names, numbers) fill the
blanks; they are not part of the template.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from functools import lru_cache


def _english(text: str) -> str:
    return text


_translator: Callable[[str], str] = _english


def tr(text: str) -> str:
    """Mark ``text`` (a message template, with named {blanks}) for translation: returns it in
    the language the running program chose with ``set_translator``; English by default."""
    translated = _translator(text)
    if translated != text and _blanks(translated) != _blanks(text):
        return text  # a translation whose blanks differ would break .format(): keep English
    return translated


def set_translator(translator: Callable[[str], str] | None) -> None:
    """Send every later ``tr`` through ``translator`` (template → template in the chosen
    language); ``None`` restores English."""
    global _translator
    _translator = translator or _english


@lru_cache(maxsize=4096)
def _blanks(template: str) -> frozenset[str] | None:
    """The names of ``template``'s placeholders; None when it is not a valid format string."""
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)
    except ValueError:
        return None
