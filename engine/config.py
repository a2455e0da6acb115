"""``ExperimentConfig``: everything that defines a run, validated, with a TOML round trip.

A config file has four tables besides ``name`` and ``seed``::

    name = "xor"
    seed = 0
    [data]       # dataset, n_samples, noise, splits, …
    [model]      # hidden sizes, activation, task, init, batch_norm, dropout, l1, l2
    [optimizer]  # name, lr and that optimizer's other hyper-parameters (beta1 = 0.9, …)
    [training]   # batch_size (0 = full batch), probe_size, eval_every, grid_size

Lesson files add a ``[lesson]`` table (title, explanation); it is read by ``engine.presets``.
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from engine import activations, init, losses, optimizers
from engine.datasets import DATASET_NAMES, Dataset, dataset_task, make_dataset
from engine.errors import ConfigError
from engine.text import tr

TASKS = ("auto", *losses.TASKS)
FILE_DATASETS = ("csv", "npz", "idx")


@dataclass
class DataConfig:
    dataset: str = "xor"
    seed: int = 0
    n_samples: int = 400
    noise: float = 0.1
    n_classes: int = 3
    n_features: int = 100
    path: str = ""
    labels_path: str = ""
    validation_fraction: float = 0.2
    test_fraction: float = 0.0
    standardize: bool = False

    def build(self) -> Dataset:
        """The data set these settings describe (generated, bundled or read from a file)."""
        return make_dataset(
            self.dataset,
            n_samples=self.n_samples,
            noise=self.noise,
            seed=self.seed,
            n_classes=self.n_classes,
            path=self.path,
            labels_path=self.labels_path,
            n_features=self.n_features,
        )


@dataclass
class ModelConfig:
    hidden: list[int] = field(default_factory=lambda: [4, 4])
    activation: str = "tanh"
    task: str = "auto"
    init: str = "xavier"
    init_std: float = 0.01
    batch_norm: bool = False
    dropout: float = 0.0
    l1: float = 0.0
    l2: float = 0.0
    leaky_slope: float = 0.1
    elu_alpha: float = 1.0


@dataclass
class OptimizerConfig:
    name: str = "adam"
    lr: float = 0.01
    hyper: dict[str, float | bool] = field(default_factory=dict)


@dataclass
class TrainingConfig:
    batch_size: int = 32
    probe_size: int = 500
    eval_every: int = 50
    grid_size: int = 60


SECTIONS = {
    "data": DataConfig,
    "model": ModelConfig,
    "optimizer": OptimizerConfig,
    "training": TrainingConfig,
}


@dataclass
class ExperimentConfig:
    """One experiment. ``validate()`` raises ``ConfigError`` naming the first bad field."""

    name: str = "untitled"
    seed: int = 0
    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    optimizer: OptimizerConfig = field(default_factory=OptimizerConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)

    # ------------------------------------------------------------ validation
    def validate(self) -> ExperimentConfig:
        _check_types(self)
        d, m, o, t = self.data, self.model, self.optimizer, self.training
        if d.dataset not in DATASET_NAMES:
            raise ConfigError(
                "data.dataset",
                tr("unknown dataset {name}; choose one of {choices}").format(
                    name=repr(d.dataset), choices=", ".join(DATASET_NAMES)
                ),
            )
        if d.dataset in FILE_DATASETS and not d.path:
            raise ConfigError(
                "data.path", tr("dataset {name} needs a file path").format(name=repr(d.dataset))
            )
        if d.dataset == "idx" and not d.labels_path:
            raise ConfigError("data.labels_path", tr("IDX images need their labels file too"))
        _require(d.seed >= 0, "data.seed", tr("the seed must be at least 0"))
        _require(d.n_samples >= 4, "data.n_samples", tr("need at least 4 samples"))
        _require(d.noise >= 0, "data.noise", tr("noise is a standard deviation, at least 0"))
        _require(d.n_classes >= 2, "data.n_classes", tr("need at least 2 classes"))
        _require(1 <= d.n_features <= 10_000, "data.n_features", tr("1 to 10000 input features"))
        _require(d.validation_fraction >= 0, "data.validation_fraction", tr("must be at least 0"))
        _require(d.test_fraction >= 0, "data.test_fraction", tr("must be at least 0"))
        _require(
            d.validation_fraction + d.test_fraction < 1,
            "data.validation_fraction",
            tr("validation and test fractions together must leave some training data"),
        )
        for i, width in enumerate(m.hidden):
            _require(
                1 <= width <= 4096, f"model.hidden[{i}]", tr("a layer needs 1 to 4096 neurons")
            )
        _require(len(m.hidden) <= 32, "model.hidden", tr("at most 32 hidden layers"))
        if m.activation not in activations.NAMES:
            raise ConfigError(
                "model.activation",
                tr("unknown activation {name}; choose one of {choices}").format(
                    name=repr(m.activation), choices=", ".join(activations.NAMES)
                ),
            )
        if m.activation == "step" and m.hidden:
            raise ConfigError(
                "model.activation",
                tr(
                    "the step function has zero slope everywhere, "
                    "so backpropagation cannot train it; use sigmoid, its smooth version"
                ),
            )
        if m.task not in TASKS:
            raise ConfigError(
                "model.task",
                tr("unknown task {name}; choose one of {choices}").format(
                    name=repr(m.task), choices=", ".join(TASKS)
                ),
            )
        implied = dataset_task(d.dataset, d.n_classes)
        if implied and m.task != "auto" and not _task_fits(implied, m.task):
            raise ConfigError(
                "model.task",
                tr("a {implied} dataset cannot be trained as {task}").format(
                    implied=implied, task=m.task
                ),
            )
        if m.init not in init.NAMES:
            raise ConfigError(
                "model.init",
                tr("unknown init {name}; choose one of {choices}").format(
                    name=repr(m.init), choices=", ".join(init.NAMES)
                ),
            )
        _require(m.init_std > 0, "model.init_std", tr("the weight std must be positive"))
        _require(0 <= m.dropout < 1, "model.dropout", tr("the dropout ratio must be in [0, 1)"))
        _require(m.l1 >= 0, "model.l1", tr("λ must be at least 0"))
        _require(m.l2 >= 0, "model.l2", tr("λ must be at least 0"))
        _require(0 <= m.leaky_slope < 1, "model.leaky_slope", tr("the slope must be in [0, 1)"))
        _require(m.elu_alpha > 0, "model.elu_alpha", tr("α must be positive"))
        optimizers.create(o.name, lr=o.lr, **o.hyper)
        _require(t.batch_size >= 0, "training.batch_size", tr("0 means full batch; else ≥ 1"))
        _require(1 <= t.probe_size <= 100_000, "training.probe_size", tr("1 to 100000 samples"))
        _require(t.eval_every >= 0, "training.eval_every", tr("0 (off) or a number of steps"))
        _require(8 <= t.grid_size <= 400, "training.grid_size", tr("8 to 400 points a side"))
        return self

    def resolved_task(self, dataset: Dataset) -> str:
        """The task to train: the model's own choice, or the dataset's when it says auto.

        A classifier asked of labels that do not fit it (decimal labels, or more than two
        classes for ``binary``) raises ``ConfigError("model.task", …)`` naming the data.
        """
        task = self.model.task
        if task == "auto":
            return dataset.task
        source = Path(self.data.path).name if self.data.dataset in FILE_DATASETS else dataset.name
        if task in ("binary", "multiclass") and dataset.task == "regression":
            raise ConfigError(
                "model.task",
                tr(
                    "{source} has labels that are not whole numbers (regression targets); "
                    "it cannot be trained as {task}"
                ).format(source=source, task=task),
            )
        if task == "binary" and dataset.task == "multiclass":
            raise ConfigError(
                "model.task",
                tr("{source} has {n} classes; binary needs 2 (use multiclass)").format(
                    source=source, n=dataset.n_classes
                ),
            )
        return task

    # ------------------------------------------------------------ conversion
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "seed": self.seed}
        for section in SECTIONS:
            values = dataclasses.asdict(getattr(self, section))
            if section == "optimizer":
                values.update(values.pop("hyper"))
            out[section] = values
        return out

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ExperimentConfig:
        """Build and validate; unknown keys are errors (a typo must not pass silently)."""
        raw = dict(raw)
        raw.pop("lesson", None)
        raw.pop("variants", None)
        raw.pop("race", None)
        raw.pop("search", None)
        kwargs: dict[str, Any] = {}
        for key, value in raw.items():
            if key in ("name", "seed"):
                kwargs[key] = value
            elif key in SECTIONS:
                kwargs[key] = _section_from_dict(key, value)
            else:
                raise ConfigError(
                    key,
                    tr("unknown setting; expected name, seed, {sections}").format(
                        sections=", ".join(f"[{s}]" for s in SECTIONS)
                    ),
                )
        return cls(**kwargs).validate()

    def to_toml(self) -> str:
        return tomli_w.dumps(self.to_dict())

    @classmethod
    def from_toml(cls, text: str, source: str = "config") -> ExperimentConfig:
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(source, tr("not valid TOML ({error})").format(error=exc)) from None
        return cls.from_dict(raw)

    @classmethod
    def load(cls, path: str | Path) -> ExperimentConfig:
        return cls.from_dict(read_toml(path))

    def save(self, path: str | Path) -> None:
        """Write TOML atomically: a failed write leaves any previous file intact."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        try:
            tmp.write_text(self.to_toml(), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            why = tr("cannot write the file ({error})").format(error=exc.strerror or exc)
            raise ConfigError(str(path), why) from None

    def with_changes(self, changes: dict[str, Any]) -> ExperimentConfig:
        """A validated copy with dotted fields changed, e.g. ``{"optimizer.lr": 0.1}``. A new
        optimizer starts from its own defaults: the old one's settings (Adam's beta1, …) are
        dropped unless ``changes`` names them too; the learning rate is kept."""
        raw = self.to_dict()
        name = changes.get("optimizer.name")
        if name is not None and name != self.optimizer.name:
            named = {d.partition(".")[2] for d in changes if d.startswith("optimizer.")}
            raw["optimizer"] = {
                k: v for k, v in raw["optimizer"].items() if k in ("name", "lr") or k in named
            }
        for dotted, value in changes.items():
            section, _, key = dotted.rpartition(".")
            target = raw[section] if section else raw
            if section and section not in SECTIONS:
                raise ConfigError(dotted, tr("unknown setting"))
            target[key] = value
        return ExperimentConfig.from_dict(raw)


def read_toml(path: str | Path) -> dict[str, Any]:
    """The tables of an experiment or lesson file; ``ConfigError`` naming the file when it
    cannot be read, is not UTF-8 text, is not TOML or holds no settings at all."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            str(path),
            tr("cannot read the file ({kind}: {error})").format(
                kind=exc.__class__.__name__, error=exc.strerror or exc
            ),
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(path.name, tr("not a text file (cannot decode it as UTF-8)")) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path.name, tr("not valid TOML ({error})").format(error=exc)) from None
    if not raw:
        if not text.strip():
            raise ConfigError(path.name, tr("the file is empty"))
        raise ConfigError(path.name, tr("the file holds only comments, no settings"))
    return raw


def _section_from_dict(section: str, value: Any) -> Any:
    kind = SECTIONS[section]
    if not isinstance(value, dict):
        raise ConfigError(section, tr("expected a table of settings"))
    names = {f.name for f in dataclasses.fields(kind)}
    values = dict(value)
    if section == "optimizer":
        hyper = {k: values.pop(k) for k in list(values) if k not in names}
        return kind(**values, hyper=hyper)
    for key in values:
        if key not in names:
            raise ConfigError(
                f"{section}.{key}",
                tr("unknown setting; expected one of {choices}").format(
                    choices=", ".join(sorted(names))
                ),
            )
    return kind(**values)


def _check_types(config: ExperimentConfig) -> None:
    """Every field has the type its default has (ints may stand for floats)."""
    _check_value("name", config.name, "x")
    _check_value("seed", config.seed, 0)
    if config.seed < 0:
        raise ConfigError("seed", tr("the seed must be at least 0"))
    for section, kind in SECTIONS.items():
        obj = getattr(config, section)
        for f in dataclasses.fields(kind):
            value = getattr(obj, f.name)
            default = getattr(kind(), f.name)
            where = f"{section}.{f.name}"
            if f.name == "hidden":
                if not isinstance(value, list):
                    raise ConfigError(where, tr("expected a list of layer widths, e.g. [4, 4]"))
                for i, width in enumerate(value):
                    _check_value(f"{where}[{i}]", width, 0)
            elif f.name == "hyper":
                for key, v in value.items():
                    if isinstance(v, str) or not isinstance(v, int | float | bool):
                        raise ConfigError(f"optimizer.{key}", tr("expected a number or true/false"))
            else:
                _check_value(where, value, default)


def _check_value(where: str, value: Any, default: Any) -> None:
    kind = type(default)
    if kind is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and not math.isfinite(value):
            raise ConfigError(where, tr("expected a finite number"))
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, kind)
    if not ok:
        expected = {
            float: tr("expected a number, got {value}"),
            int: tr("expected a whole number, got {value}"),
            bool: tr("expected true or false, got {value}"),
            str: tr("expected text, got {value}"),
        }
        message = expected.get(kind, tr("expected {kind}, got {value}"))
        raise ConfigError(where, message.format(kind=kind.__name__, value=repr(value)))


def _require(ok: bool, where: str, message: str) -> None:
    if not ok:
        raise ConfigError(where, message)


def _task_fits(implied: str, task: str) -> bool:
    """Binary labels can also be fitted as two classes or as 0/1 values."""
    if implied == task:
        return True
    return implied == "binary" and task in ("multiclass", "regression")
