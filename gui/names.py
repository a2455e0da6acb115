"""What the controls call the engine's names (``"relu"`` → "ReLU"), translatable in one place.

Each label is a literal ``QCoreApplication.translate("names", …)`` call so that
``pyside6-lupdate`` finds it.

Each function returns ``(engine name, label)`` pairs in the order the controls list them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def datasets() -> list[tuple[str, str]]:
    return [
        ("xor", QCoreApplication.translate("names", "XOR")),
        ("circles", QCoreApplication.translate("names", "Circles")),
        ("spirals", QCoreApplication.translate("names", "Spirals")),
        ("moons", QCoreApplication.translate("names", "Moons")),
        ("blobs", QCoreApplication.translate("names", "Blobs (3 classes)")),
        ("linear", QCoreApplication.translate("names", "Line (regression)")),
        ("sine", QCoreApplication.translate("names", "Sine (regression)")),
        ("digits", QCoreApplication.translate("names", "Digits 8×8 (10 classes)")),
    ]


def activations() -> list[tuple[str, str]]:
    return [
        ("sigmoid", QCoreApplication.translate("names", "Sigmoid")),
        ("tanh", QCoreApplication.translate("names", "tanh")),
        ("relu", QCoreApplication.translate("names", "ReLU")),
        ("leaky_relu", QCoreApplication.translate("names", "Leaky ReLU")),
        ("elu", QCoreApplication.translate("names", "ELU")),
        ("identity", QCoreApplication.translate("names", "Identity")),
        ("step", QCoreApplication.translate("names", "Step")),
    ]


def tasks() -> list[tuple[str, str]]:
    return [
        ("auto", QCoreApplication.translate("names", "Follows the data")),
        ("binary", QCoreApplication.translate("names", "Sigmoid + cross-entropy")),
        ("multiclass", QCoreApplication.translate("names", "Softmax + cross-entropy")),
        ("regression", QCoreApplication.translate("names", "Identity + MSE")),
    ]


def inits() -> list[tuple[str, str]]:
    return [
        ("xavier", QCoreApplication.translate("names", "Xavier (1/√n)")),
        ("xavier_uniform", QCoreApplication.translate("names", "Xavier uniform")),
        ("he", QCoreApplication.translate("names", "He (√(2/n))")),
        ("he_uniform", QCoreApplication.translate("names", "He uniform")),
        ("normal", QCoreApplication.translate("names", "Normal with std…")),
        ("zeros", QCoreApplication.translate("names", "Zeros")),
    ]


def optimizers() -> list[tuple[str, str]]:
    return [
        ("sgd", QCoreApplication.translate("names", "SGD")),
        ("momentum", QCoreApplication.translate("names", "Momentum")),
        ("nesterov", QCoreApplication.translate("names", "Nesterov")),
        ("adagrad", QCoreApplication.translate("names", "AdaGrad")),
        ("rmsprop", QCoreApplication.translate("names", "RMSProp")),
        ("adadelta", QCoreApplication.translate("names", "AdaDelta")),
        ("adam", QCoreApplication.translate("names", "Adam")),
    ]


def surfaces() -> dict[str, str]:
    """The optimizer race's surfaces (``engine.surfaces``) by name."""
    return {
        "book": QCoreApplication.translate("names", "The course's bowl"),
        "rosenbrock": QCoreApplication.translate("names", "Rosenbrock"),
        "beale": QCoreApplication.translate("names", "Beale"),
        "himmelblau": QCoreApplication.translate("names", "Himmelblau"),
        "saddle": QCoreApplication.translate("names", "Saddle"),
        "booth": QCoreApplication.translate("names", "Booth"),
    }


def hyper_parameter(key: str) -> str:
    """The label of an optimizer setting besides the learning rate."""
    return {
        "momentum": QCoreApplication.translate("names", "Momentum α"),
        "alpha": QCoreApplication.translate("names", "Decay rate α"),
        "rho": QCoreApplication.translate("names", "Decay rate ρ"),
        "beta1": QCoreApplication.translate("names", "β₁ (momentum)"),
        "beta2": QCoreApplication.translate("names", "β₂ (squares)"),
    }[key]


def setting(key: str) -> str:
    """A config field (``"model.activation"``) as the "applies on Reset" banner lists it."""
    labels = {
        "data.dataset": QCoreApplication.translate("names", "dataset"),
        "data.n_samples": QCoreApplication.translate("names", "samples"),
        "data.noise": QCoreApplication.translate("names", "noise"),
        "data.validation_fraction": QCoreApplication.translate("names", "validation split"),
        "data.seed": QCoreApplication.translate("names", "data"),
        "model.hidden": QCoreApplication.translate("names", "hidden layers"),
        "model.activation": QCoreApplication.translate("names", "activation"),
        "model.task": QCoreApplication.translate("names", "output/loss"),
        "model.init": QCoreApplication.translate("names", "weight init"),
        "model.init_std": QCoreApplication.translate("names", "weight std"),
        "model.batch_norm": QCoreApplication.translate("names", "batch norm"),
        "model.dropout": QCoreApplication.translate("names", "dropout"),
        "model.l1": QCoreApplication.translate("names", "L1 λ"),
        "model.l2": QCoreApplication.translate("names", "L2 λ"),
        "training.batch_size": QCoreApplication.translate("names", "batch size"),
        "seed": QCoreApplication.translate("names", "seed"),
    }
    return labels.get(key) or QCoreApplication.translate("names", "optimizer")
