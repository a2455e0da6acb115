"""Lessons: ready experiments stored as TOML in ``assets/lessons/``.

A lesson file is an experiment config (see ``engine.config``) with a ``[lesson]`` table::

    [lesson]
    title = "XOR needs a hidden layer"
    explanation = "What to look at, what to try next."
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from engine.config import ExperimentConfig
from engine.errors import ConfigError

LESSON_DIR = Path(__file__).resolve().parent.parent / "assets" / "lessons"


@dataclass(frozen=True)
class Lesson:
    name: str
    title: str
    explanation: str
    config: ExperimentConfig
    path: Path


def lesson_names() -> list[str]:
    return sorted(p.stem for p in LESSON_DIR.glob("*.toml"))


def load_lesson(name_or_path: str | Path) -> Lesson:
    """A lesson by name (``"xor"``) or by the path of a lesson/config TOML file."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = LESSON_DIR / f"{name_or_path}.toml"
        if not path.exists():
            raise ConfigError(
                "preset",
                f"no lesson called {str(name_or_path)!r}; available: " + ", ".join(lesson_names()),
            )
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read the file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path.name, f"not valid TOML ({exc})") from None
    meta = raw.get("lesson", {})
    if not isinstance(meta, dict):
        raise ConfigError("lesson", "expected a table with title and explanation")
    for key in meta:
        if key not in ("title", "explanation"):
            raise ConfigError(f"lesson.{key}", "unknown setting; expected title, explanation")
    config = ExperimentConfig.from_dict(raw)
    return Lesson(
        path.stem,
        str(meta.get("title", config.name)),
        str(meta.get("explanation", "")).strip(),
        config,
        path,
    )


def list_lessons() -> list[Lesson]:
    return [load_lesson(name) for name in lesson_names()]
