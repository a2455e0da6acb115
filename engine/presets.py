"""Lessons: ready experiments stored as TOML in ``assets/lessons/``.

A lesson file is an experiment config (see ``engine.config``) with a ``[lesson]`` table, and
optionally variants to compare and an optimizer race on a 2-D surface::

    [lesson]
    title = "XOR needs a hidden layer"
    explanation = "What to look at, what to try next."
    panels = ["decision", "curves"]     # the panels that make the point (all when omitted)
    steps = 2000                         # how long the lesson is meant to train

    [[variants]]                         # same experiment, a few fields changed
    label = "no hidden layer"
    model = { hidden = [] }

    [race]                               # optimizers on a test surface (engine.surfaces)
    surface = "book"
    steps = 30
    runners = [{ label = "SGD", optimizer = "sgd", lr = 0.95 }]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from engine import surfaces
from engine.compare import Variant, make_variants
from engine.config import ExperimentConfig
from engine.errors import ConfigError
from engine.race import SurfaceRace
from engine.search import SearchSpec

LESSON_DIR = Path(__file__).resolve().parent.parent / "assets" / "lessons"


PANEL_KEYS = (
    "graph",
    "weights",
    "activations",
    "race",
    "curves",
    "decision",
    "gradients",
    "landscape",
)
LESSON_KEYS = ("title", "explanation", "panels", "steps")


@dataclass(frozen=True)
class RaceSpec:
    """Optimizers descending one surface: ``runners`` maps label → (optimizer, hyper)."""

    surface: str
    start: tuple[float, float] | None
    steps: int
    runners: dict[str, tuple[str, dict]]


@dataclass(frozen=True)
class Lesson:
    name: str
    title: str
    explanation: str
    config: ExperimentConfig
    path: Path
    variants: tuple[Variant, ...] = ()
    panels: tuple[str, ...] = PANEL_KEYS
    steps: int = 0
    race: RaceSpec | None = None
    search: SearchSpec | None = None


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
        if key not in LESSON_KEYS:
            raise ConfigError(
                f"lesson.{key}", "unknown setting; expected " + ", ".join(LESSON_KEYS)
            )
    panels = meta.get("panels", list(PANEL_KEYS))
    if not isinstance(panels, list) or any(p not in PANEL_KEYS for p in panels):
        raise ConfigError("lesson.panels", "expected a list of " + ", ".join(PANEL_KEYS))
    steps = meta.get("steps", 0)
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 0:
        raise ConfigError("lesson.steps", "expected a whole number of steps, at least 0")
    config = ExperimentConfig.from_dict(raw)
    specs = raw.get("variants", [])
    if not isinstance(specs, list):
        raise ConfigError("variants", "expected [[variants]] tables")
    return Lesson(
        path.stem,
        str(meta.get("title", config.name)),
        str(meta.get("explanation", "")).strip(),
        config,
        path,
        tuple(make_variants(config, specs)),
        tuple(panels),
        steps,
        _race(raw.get("race")),
        _search(raw.get("search")),
    )


def _search(raw: object) -> SearchSpec | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ConfigError("search", "expected a table with trials, steps, lr, weight_decay")
    fields = {"trials", "steps", "lr", "weight_decay", "seed"}
    for key, value in raw.items():
        if key not in fields:
            raise ConfigError(
                f"search.{key}", "unknown setting; expected " + ", ".join(sorted(fields))
            )
        if key in ("lr", "weight_decay"):
            if not (
                isinstance(value, list)
                and len(value) == 2
                and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
            ):
                raise ConfigError(f"search.{key}", "expected [low, high] exponents of 10")
        elif not isinstance(value, int) or isinstance(value, bool):
            raise ConfigError(f"search.{key}", "expected a whole number")
    values = {k: tuple(float(x) for x in v) if isinstance(v, list) else v for k, v in raw.items()}
    return SearchSpec(**values).validate()


def _race(raw: object) -> RaceSpec | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ConfigError("race", "expected a table with surface, steps and runners")
    for key in raw:
        if key not in ("surface", "start", "steps", "runners"):
            raise ConfigError(
                f"race.{key}", "unknown setting; expected surface, start, steps, runners"
            )
    surface = raw.get("surface", "book")
    surfaces.get(surface)
    start = raw.get("start")
    if start is not None and (
        not isinstance(start, list)
        or len(start) != 2
        or not all(isinstance(v, int | float) for v in start)
    ):
        raise ConfigError("race.start", "expected [x, y]")
    steps = raw.get("steps", 30)
    if not isinstance(steps, int) or isinstance(steps, bool) or not 1 <= steps <= 100_000:
        raise ConfigError("race.steps", "expected a whole number from 1 to 100000")
    runners: dict[str, tuple[str, dict]] = {}
    for i, runner in enumerate(raw.get("runners", [])):
        if not isinstance(runner, dict) or "optimizer" not in runner:
            raise ConfigError(f"race.runners[{i}]", "expected { label, optimizer, lr, … }")
        hyper = {k: v for k, v in runner.items() if k not in ("label", "optimizer")}
        label = str(runner.get("label", runner["optimizer"]))
        runners[label] = (str(runner["optimizer"]), hyper)
    if not runners:
        raise ConfigError("race.runners", "a race needs at least one runner")
    spec = RaceSpec(surface, tuple(start) if start else None, steps, runners)
    make_race(spec)
    return spec


def make_race(spec: RaceSpec) -> SurfaceRace:
    """A fresh ``SurfaceRace`` for the lesson's race (it validates the runners)."""
    return SurfaceRace(spec.surface, spec.runners, spec.start)


def is_lesson_file(path: str | Path) -> bool:
    """Whether a TOML file is a lesson (has [lesson], [[variants]] or [race]); False when it
    cannot be read, so that the config loader reports the problem."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return any(key in raw for key in ("lesson", "variants", "race"))


def list_lessons() -> list[Lesson]:
    return [load_lesson(name) for name in lesson_names()]
