"""Lessons: ready experiments stored as TOML in ``assets/lessons/``.

A lesson file is an experiment config (see ``engine.config``) with a ``[lesson]`` table, and
optionally variants to compare and an optimizer race on a 2-D surface::

    [lesson]
    title = "XOR needs a hidden layer"
    explanation = "What to look at, what to try next."
    panels = ["decision", "curves"]     # the panels that make the point (all when omitted)
    steps = 2000                         # how long the lesson is meant to train

    [lesson.ko]                          # the same text in another language (any code)
    title = "XOR에는 은닉층이 필요하다"
    explanation = "무엇을 보고, 다음에 무엇을 해 볼지."

    [[variants]]                         # same experiment, a few fields changed
    label = "no hidden layer"
    label_ko = "은닉층 없음"
    model = { hidden = [] }

    [race]                               # optimizers on a test surface (engine.surfaces)
    surface = "book"
    steps = 30
    runners = [{ label = "SGD", optimizer = "sgd", lr = 0.95 }]

English is ``[lesson]``'s own title and explanation; a lesson may give English, another
language, or both, and ``Lesson.title_in(lang)`` falls back to English, then to any language
given. Variant and runner labels take ``label_<code>`` beside ``label`` the same way.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from engine import surfaces
from engine.compare import Variant, make_variants
from engine.config import ExperimentConfig, read_toml
from engine.errors import ConfigError
from engine.race import SurfaceRace
from engine.search import SearchSpec
from engine.text import tr

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
TEXT_KEYS = ("title", "explanation")
LANGUAGE_CODE = re.compile(r"[a-z]{2}(?:[-_][A-Za-z]{2,4})?")
LABEL_KEY = re.compile(r"label_([a-z]{2}(?:[-_][A-Za-z]{2,4})?)")


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
    titles: Mapping[str, str] = field(default_factory=dict)  # language code → text
    explanations: Mapping[str, str] = field(default_factory=dict)
    variant_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    runner_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the lesson's title or explanation is written in, English first."""
        codes = {*self.titles, *self.explanations}
        return tuple(sorted(codes, key=lambda code: (code != "en", code)))

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` (``"ko"``, ``"ko_KR"``), else English, else any given."""
        return _pick(self.titles, lang) or self.title

    def explanation_in(self, lang: str) -> str:
        return _pick(self.explanations, lang) or self.explanation

    def variant_label_in(self, label: str, lang: str) -> str:
        """The variant called ``label`` (its ``Variant.label``) as named in ``lang``; a label
        the lesson does not know (a variant made in the app) comes back as it is."""
        return _pick(self.variant_labels.get(label, {}), lang) or label

    def runner_label_in(self, label: str, lang: str) -> str:
        """The race runner called ``label`` (a key of ``race.runners``) as named in ``lang``."""
        return _pick(self.runner_labels.get(label, {}), lang) or label


def _pick(texts: Mapping[str, str], lang: str) -> str:
    """``texts[lang]``, else its base language's, else English, else the first one given."""
    base = re.split(r"[-_]", lang, maxsplit=1)[0].lower()
    for code in (lang, base, "en", *texts):
        if texts.get(code):
            return texts[code]
    return ""


def _text(table: Mapping, key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise ConfigError(f"{where}.{key}", tr("expected text"))
    return value.strip()


def _lesson_texts(meta: Mapping) -> tuple[dict[str, str], dict[str, str]]:
    """Titles and explanations by language: English from ``[lesson]``, others from
    ``[lesson.<code>]`` tables; empty texts are left out (so they fall back)."""
    tables: dict[str, tuple[Mapping, str]] = {"en": (meta, "lesson")}
    for key, table in meta.items():
        if key in LESSON_KEYS:
            continue
        if not LANGUAGE_CODE.fullmatch(key):
            raise ConfigError(
                f"lesson.{key}",
                tr(
                    "unknown setting; expected {keys} or a language table such as [lesson.ko]"
                ).format(keys=", ".join(LESSON_KEYS)),
            )
        if key == "en":
            raise ConfigError("lesson.en", tr("English is [lesson]'s own title and explanation"))
        if not isinstance(table, dict):
            raise ConfigError(f"lesson.{key}", tr("expected a table with title and explanation"))
        for name in table:
            if name not in TEXT_KEYS:
                raise ConfigError(
                    f"lesson.{key}.{name}", tr("unknown setting; expected title, explanation")
                )
        tables[key] = (table, f"lesson.{key}")
    titles, explanations = {}, {}
    for lang, (table, where) in tables.items():
        if title := _text(table, "title", where):
            titles[lang] = title
        if explanation := _text(table, "explanation", where):
            explanations[lang] = explanation
    return titles, explanations


def _split_labels(spec: object, where: str) -> tuple[object, dict[str, str]]:
    """A variant or runner table without its ``label_<code>`` keys, and its labels by language
    (``"en"`` for ``label``); with no ``label``, the first translated one becomes the label."""
    if not isinstance(spec, dict):
        return spec, {}
    labels = {}
    for key in spec:
        if match := LABEL_KEY.fullmatch(key):
            if not isinstance(spec[key], str):
                raise ConfigError(f"{where}.{key}", tr("expected text"))
            if spec[key].strip():
                labels[match.group(1)] = spec[key].strip()
    rest = {k: v for k, v in spec.items() if not LABEL_KEY.fullmatch(k)}
    if isinstance(rest.get("label"), str):
        labels["en"] = rest["label"]
    elif "label" not in rest and labels:
        rest["label"] = next(iter(labels.values()))
    return rest, labels


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
                tr("no lesson called {name}; available: {choices}").format(
                    name=repr(str(name_or_path)), choices=", ".join(lesson_names())
                ),
            )
    raw = read_toml(path)
    meta = raw.get("lesson", {})
    if not isinstance(meta, dict):
        raise ConfigError("lesson", tr("expected a table with title and explanation"))
    titles, explanations = _lesson_texts(meta)
    panels = meta.get("panels", list(PANEL_KEYS))
    if not isinstance(panels, list) or any(p not in PANEL_KEYS for p in panels):
        raise ConfigError(
            "lesson.panels",
            tr("expected a list of {choices}").format(choices=", ".join(PANEL_KEYS)),
        )
    steps = meta.get("steps", 0)
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 0:
        raise ConfigError("lesson.steps", tr("expected a whole number of steps, at least 0"))
    config = ExperimentConfig.from_dict(raw)
    specs = raw.get("variants", [])
    if not isinstance(specs, list):
        raise ConfigError("variants", tr("expected [[variants]] tables"))
    split = [_split_labels(spec, f"variants[{i}]") for i, spec in enumerate(specs)]
    variants = make_variants(config, [spec for spec, _ in split])
    race, runner_labels = _race(raw.get("race"))
    return Lesson(
        path.stem,
        _pick(titles, "en") or config.name,
        _pick(explanations, "en"),
        config,
        path,
        tuple(variants),
        tuple(panels),
        steps,
        race,
        _search(raw.get("search")),
        titles,
        explanations,
        {v.label: labels for v, (_, labels) in zip(variants, split, strict=True) if labels},
        runner_labels,
    )


def _search(raw: object) -> SearchSpec | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ConfigError("search", tr("expected a table with trials, steps, lr, weight_decay"))
    fields = {"trials", "steps", "lr", "weight_decay", "seed"}
    for key, value in raw.items():
        if key not in fields:
            raise ConfigError(
                f"search.{key}",
                tr("unknown setting; expected {choices}").format(choices=", ".join(sorted(fields))),
            )
        if key in ("lr", "weight_decay"):
            if not (
                isinstance(value, list)
                and len(value) == 2
                and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
            ):
                raise ConfigError(f"search.{key}", tr("expected [low, high] exponents of 10"))
        elif not isinstance(value, int) or isinstance(value, bool):
            raise ConfigError(f"search.{key}", tr("expected a whole number"))
    values = {k: tuple(float(x) for x in v) if isinstance(v, list) else v for k, v in raw.items()}
    return SearchSpec(**values).validate()


def _race(raw: object) -> tuple[RaceSpec | None, dict[str, dict[str, str]]]:
    """The race, and its runners' labels by language (runner label → {code: text})."""
    if raw is None:
        return None, {}
    if not isinstance(raw, dict):
        raise ConfigError("race", tr("expected a table with surface, steps and runners"))
    for key in raw:
        if key not in ("surface", "start", "steps", "runners"):
            raise ConfigError(
                f"race.{key}", tr("unknown setting; expected surface, start, steps, runners")
            )
    surface = raw.get("surface", "book")
    try:
        surfaces.get(surface)
    except ConfigError as exc:
        raise ConfigError("race.surface", exc.message) from None
    start = raw.get("start")
    if start is not None and (
        not isinstance(start, list)
        or len(start) != 2
        or not all(isinstance(v, int | float) for v in start)
    ):
        raise ConfigError("race.start", tr("expected [x, y]"))
    steps = raw.get("steps", 30)
    if not isinstance(steps, int) or isinstance(steps, bool) or not 1 <= steps <= 100_000:
        raise ConfigError("race.steps", tr("expected a whole number from 1 to 100000"))
    runners: dict[str, tuple[str, dict]] = {}
    translated: dict[str, dict[str, str]] = {}
    for i, runner in enumerate(raw.get("runners", [])):
        runner, labels = _split_labels(runner, f"race.runners[{i}]")
        if not isinstance(runner, dict) or "optimizer" not in runner:
            message = tr("expected {{ label, optimizer, lr, … }}").format()
            raise ConfigError(f"race.runners[{i}]", message)
        hyper = {k: v for k, v in runner.items() if k not in ("label", "optimizer")}
        label = str(runner.get("label", runner["optimizer"]))
        runners[label] = (str(runner["optimizer"]), hyper)
        if labels:
            translated[label] = labels
    if not runners:
        raise ConfigError("race.runners", tr("a race needs at least one runner"))
    spec = RaceSpec(surface, tuple(start) if start else None, steps, runners)
    make_race(spec)
    return spec, translated


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
