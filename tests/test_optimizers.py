"""engine.optimizers against the update rules and defaults documented for torch.optim."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import ConfigError
from engine.optimizers import OPTIMIZERS, create

G1 = np.array([1.0, -2.0])
G2 = np.array([0.5, 0.5])
G3 = np.array([-1.0, 0.0])


def run(name: str, grads: list[np.ndarray], W0: np.ndarray | None = None, **hyper) -> list:
    """Step a fresh optimizer with the given gradient sequence; return W after each step."""
    opt = create(name, **hyper)
    params = {"W": np.zeros(2) if W0 is None else W0.copy()}
    path = []
    for g in grads:
        opt.step(params, {"W": g.copy()})
        path.append(params["W"].copy())
    return path


def close(actual: np.ndarray, expected: list[float] | np.ndarray) -> None:
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-15)


# --- hand-computed steps of each documented rule -------------------------------------------


def test_sgd_is_w_minus_lr_g() -> None:
    W1, W2 = run("sgd", [G1, G2], lr=0.1)
    close(W1, [-0.1, 0.2])
    close(W2, [-0.15, 0.15])


def test_sgd_weight_decay_adds_lambda_w() -> None:
    W1, W2 = run(
        "sgd", [np.zeros(2), np.zeros(2)], W0=np.array([1.0, -2.0]), lr=0.1, weight_decay=0.1
    )
    close(W1, [0.99, -1.98])
    close(W2, [0.9801, -1.9602])


def test_momentum_matches_course_form() -> None:
    # v ← αv − ηg, W ← W + v with α = 0.9, η = 0.1, v₀ = 0
    W1, W2, W3 = run("momentum", [G1, G2, G3], lr=0.1)
    v1 = [-0.1, 0.2]
    v2 = [0.9 * -0.1 - 0.1 * 0.5, 0.9 * 0.2 - 0.1 * 0.5]
    v3 = [0.9 * v2[0] + 0.1, 0.9 * v2[1]]
    close(W1, v1)
    close(W2, [v1[0] + v2[0], v1[1] + v2[1]])
    close(W3, [v1[0] + v2[0] + v3[0], v1[1] + v2[1] + v3[1]])
    close(W3, [-0.266, 0.447])


def test_sgd_dampening_scales_later_gradients() -> None:
    # b₁ = g₁, b₂ = αb₁ + (1 − τ)g₂, W ← W − ηb
    W1, W2 = run("sgd", [G1, G2], lr=0.1, momentum=0.9, dampening=0.5)
    close(W1, [-0.1, 0.2])
    close(W2, [-0.1 - 0.1 * (0.9 + 0.25), 0.2 - 0.1 * (-1.8 + 0.25)])


def test_nesterov_matches_course_form() -> None:
    # v ← αv − ηg, W ← W + αv − ηg
    W1, W2 = run("nesterov", [G1, G2], lr=0.1)
    close(W1, [0.9 * -0.1 - 0.1, 0.9 * 0.2 + 0.2])
    v2 = [-0.14, 0.13]
    close(W2, [-0.19 + 0.9 * v2[0] - 0.05, 0.38 + 0.9 * v2[1] - 0.05])
    close(W2, run("sgd", [G1, G2], lr=0.1, momentum=0.9, nesterov=True)[1])


def test_adagrad() -> None:
    eps = 1e-10
    W1, W2 = run("adagrad", [G1, np.array([3.0, 0.0])], lr=0.5)
    close(W1, [-0.5 * 1 / (1 + eps), 0.5 * 2 / (2 + eps)])
    close(W2, [W1[0] - 0.5 * 3 / (math.sqrt(10) + eps), W1[1]])


def test_adagrad_lr_decay_and_initial_accumulator() -> None:
    eps = 1e-10
    W1, W2 = run("adagrad", [G1, G2], lr=0.5, lr_decay=0.1, initial_accumulator_value=1.0)
    h1 = np.array([2.0, 5.0])
    close(W1, -0.5 * G1 / (np.sqrt(h1) + eps))
    h2 = h1 + np.array([0.25, 0.25])
    close(W2, W1 - 0.5 / 1.1 * G2 / (np.sqrt(h2) + eps))


def test_rmsprop() -> None:
    eps = 1e-8
    W1, W2 = run("rmsprop", [G1, G2], lr=0.01, alpha=0.9)
    s1 = np.array([0.1, 0.4])
    close(W1, -0.01 * G1 / (np.sqrt(s1) + eps))
    s2 = np.array([0.09 + 0.025, 0.36 + 0.025])
    close(W2, W1 - 0.01 * G2 / (np.sqrt(s2) + eps))


def test_rmsprop_centered() -> None:
    eps = 1e-8
    (W1,) = run("rmsprop", [G1], lr=0.01, alpha=0.9, centered=True)
    # s₁ = [0.1, 0.4], ḡ₁ = [0.1, −0.2], s̃₁ = s₁ − ḡ₁² = [0.09, 0.36]
    close(W1, [-0.01 * 1 / (0.3 + eps), 0.01 * 2 / (0.6 + eps)])


def test_rmsprop_momentum() -> None:
    eps = 1e-8
    W1, W2 = run("rmsprop", [G1, G2], lr=0.01, alpha=0.9, momentum=0.5)
    b1 = G1 / (np.sqrt([0.1, 0.4]) + eps)
    b2 = 0.5 * b1 + G2 / (np.sqrt([0.115, 0.385]) + eps)
    close(W1, -0.01 * b1)
    close(W2, -0.01 * (b1 + b2))


def test_adadelta() -> None:
    eps, rho = 1e-6, 0.9
    W1, W2 = run("adadelta", [G1, G2], lr=1.0)
    s1 = (1 - rho) * G1**2
    d1 = np.sqrt(0.0 + eps) / np.sqrt(s1 + eps) * G1
    u1 = (1 - rho) * d1**2
    close(W1, -d1)
    s2 = rho * s1 + (1 - rho) * G2**2
    d2 = np.sqrt(u1 + eps) / np.sqrt(s2 + eps) * G2
    close(W2, W1 - d2)


def test_adam() -> None:
    eps = 1e-8
    W1, W2 = run("adam", [G1, G2], lr=0.1)
    # step 1: m̂ = g, v̂ = g², so W₁ = −η g / (|g| + ε)
    close(W1, -0.1 * G1 / (np.abs(G1) + eps))
    m2 = np.array([0.14, -0.13])
    v2 = np.array([0.000999 + 0.00025, 0.003996 + 0.00025])
    m_hat, v_hat = m2 / (1 - 0.9**2), v2 / (1 - 0.999**2)
    close(W2, W1 - 0.1 * m_hat / (np.sqrt(v_hat) + eps))


def test_adam_amsgrad_keeps_the_largest_second_moment() -> None:
    eps = 1e-8
    _, W2 = run("adam", [G1, np.zeros(2)], lr=0.1, amsgrad=True)
    W1 = -0.1 * G1 / (np.abs(G1) + eps)
    m_hat = 0.9 * 0.1 * G1 / (1 - 0.9**2)
    v_hat = 0.001 * G1**2 / (1 - 0.999**2)
    close(W2, W1 - 0.1 * m_hat / (np.sqrt(v_hat) + eps))


# --- defaults and torch.optim ---------------------------------------------------------------

TORCH_DOC_DEFAULTS = {
    "sgd": {"lr": 1e-3, "momentum": 0, "dampening": 0, "weight_decay": 0, "nesterov": False},
    "momentum": {"lr": 1e-3, "momentum": 0.9, "dampening": 0, "weight_decay": 0},
    "nesterov": {"lr": 1e-3, "momentum": 0.9, "weight_decay": 0},
    "adagrad": {
        "lr": 1e-2,
        "lr_decay": 0,
        "weight_decay": 0,
        "initial_accumulator_value": 0,
        "eps": 1e-10,
    },
    "rmsprop": {
        "lr": 1e-2,
        "alpha": 0.99,
        "eps": 1e-8,
        "weight_decay": 0,
        "momentum": 0,
        "centered": False,
    },
    "adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0},
    "adam": {
        "lr": 1e-3,
        "beta1": 0.9,
        "beta2": 0.999,
        "eps": 1e-8,
        "weight_decay": 0,
        "amsgrad": False,
    },
}


@pytest.mark.parametrize("name", sorted(TORCH_DOC_DEFAULTS))
def test_defaults_match_torch_documentation(name: str) -> None:
    assert OPTIMIZERS[name] == TORCH_DOC_DEFAULTS[name]
    opt = create(name)
    assert opt.name == name
    assert opt.hyper == TORCH_DOC_DEFAULTS[name]


def test_registry_names() -> None:
    assert set(OPTIMIZERS) == {
        "sgd",
        "momentum",
        "nesterov",
        "adagrad",
        "rmsprop",
        "adadelta",
        "adam",
    }


TORCH_CASES = [
    ("sgd", {"lr": 0.05}, "SGD", {}),
    ("sgd", {"lr": 0.05, "momentum": 0.8, "dampening": 0.3, "weight_decay": 0.1}, "SGD", {}),
    ("momentum", {"lr": 0.05}, "SGD", {"momentum": 0.9}),
    ("nesterov", {"lr": 0.05, "weight_decay": 0.01}, "SGD", {"momentum": 0.9, "nesterov": True}),
    ("adagrad", {"lr": 0.1}, "Adagrad", {}),
    (
        "adagrad",
        {"lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1, "weight_decay": 0.01},
        "Adagrad",
        {},
    ),
    ("rmsprop", {"lr": 0.01}, "RMSprop", {}),
    (
        "rmsprop",
        {"lr": 0.01, "alpha": 0.9, "momentum": 0.5, "centered": True, "weight_decay": 0.1},
        "RMSprop",
        {},
    ),
    ("adadelta", {}, "Adadelta", {}),
    ("adadelta", {"lr": 0.5, "rho": 0.8, "eps": 1e-5, "weight_decay": 0.1}, "Adadelta", {}),
    ("adam", {"lr": 0.01}, "Adam", {}),
    (
        "adam",
        {"lr": 0.01, "beta1": 0.8, "beta2": 0.99, "weight_decay": 0.1, "amsgrad": True},
        "Adam",
        {},
    ),
]


def _torch_kwargs(hyper: dict, extra: dict) -> dict:
    kwargs = {k: v for k, v in hyper.items() if k not in ("beta1", "beta2")}
    if "beta1" in hyper:
        kwargs["betas"] = (hyper["beta1"], hyper["beta2"])
    return {**kwargs, **extra}


@pytest.mark.parametrize("name", sorted(TORCH_DOC_DEFAULTS))
def test_defaults_match_installed_torch(name: str) -> None:
    torch = pytest.importorskip("torch")
    cls = {"adagrad": "Adagrad", "rmsprop": "RMSprop", "adadelta": "Adadelta", "adam": "Adam"}
    defaults = getattr(torch.optim, cls.get(name, "SGD"))([torch.zeros(1)]).defaults
    if "betas" in defaults:
        defaults = {**defaults, "beta1": defaults["betas"][0], "beta2": defaults["betas"][1]}
    fixed_by_name = {"momentum", "nesterov"} if name in ("momentum", "nesterov") else set()
    for key, value in OPTIMIZERS[name].items():
        if key not in fixed_by_name:
            assert defaults[key] == value, key


@pytest.mark.parametrize(("name", "hyper", "torch_cls", "extra"), TORCH_CASES)
def test_twenty_steps_match_torch(name: str, hyper: dict, torch_cls: str, extra: dict) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    M = rng.normal(size=(9, 9))
    A, c = M @ M.T + np.eye(9), rng.normal(size=9)
    start = {"W": rng.normal(size=(2, 3)), "b": rng.normal(size=3)}

    def grad(W: np.ndarray, bias: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        g = A @ np.concatenate([W.ravel(), bias]) - c  # ∇ of ½θᵀAθ − cᵀθ
        return g[:6].reshape(2, 3), g[6:]

    opt = create(name, **hyper)
    params = {k: v.copy() for k, v in start.items()}
    tparams = [torch.tensor(start["W"].copy()), torch.tensor(start["b"].copy())]
    topt = getattr(torch.optim, torch_cls)(tparams, **_torch_kwargs(hyper, extra))
    for _ in range(20):
        gW, gb = grad(params["W"], params["b"])
        opt.step(params, {"W": gW, "b": gb})
        tgW, tgb = grad(tparams[0].numpy(), tparams[1].numpy())
        tparams[0].grad, tparams[1].grad = torch.from_numpy(tgW), torch.from_numpy(tgb)
        topt.step()
    assert not np.allclose(params["W"], start["W"], atol=1e-3)
    np.testing.assert_allclose(params["W"], tparams[0].numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(params["b"], tparams[1].numpy(), rtol=1e-12, atol=1e-14)


# --- state, live hyper-parameters, flat vectors ---------------------------------------------

FULL_CASES = [
    ("sgd", {"lr": 0.05, "momentum": 0.5, "dampening": 0.2, "weight_decay": 0.01}),
    ("momentum", {"lr": 0.05}),
    ("nesterov", {"lr": 0.05, "weight_decay": 0.01}),
    ("adagrad", {"lr": 0.2, "lr_decay": 0.05, "initial_accumulator_value": 0.1}),
    ("rmsprop", {"lr": 0.01, "momentum": 0.3, "centered": True, "weight_decay": 0.01}),
    ("adadelta", {"weight_decay": 0.01}),
    ("adam", {"lr": 0.01, "amsgrad": True, "weight_decay": 0.01}),
]


def _params(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4), "W2": rng.normal(size=(4, 2))}


def _grads(params: dict[str, np.ndarray], t: int) -> dict[str, np.ndarray]:
    return {k: np.sin(3.0 * W + t) + 0.1 * W**2 for k, W in params.items()}


def _train(opt, params: dict[str, np.ndarray], steps: int, t0: int = 0) -> None:
    for t in range(t0, t0 + steps):
        opt.step(params, _grads(params, t))


@pytest.mark.parametrize(("name", "hyper"), FULL_CASES)
def test_state_dict_resumes_bit_for_bit(name: str, hyper: dict) -> None:
    opt, params = create(name, **hyper), _params()
    _train(opt, params, 5)
    saved, saved_params = opt.state_dict(), {k: v.copy() for k, v in params.items()}
    assert all(s["step"] == 5 for s in saved["state"].values())
    _train(opt, params, 7, t0=5)
    expected = {k: v.copy() for k, v in params.items()}

    opt.load_state_dict(saved)
    params = {k: v.copy() for k, v in saved_params.items()}
    _train(opt, params, 7, t0=5)
    for k in expected:
        assert np.array_equal(params[k], expected[k])

    fresh = create(name)
    fresh.load_state_dict(saved)
    assert fresh.hyper == opt.hyper
    params = {k: v.copy() for k, v in saved_params.items()}
    _train(fresh, params, 7, t0=5)
    for k in expected:
        assert np.array_equal(params[k], expected[k])


def test_state_dict_is_a_deep_copy() -> None:
    opt, params = create("adam", lr=0.1), _params()
    _train(opt, params, 2)
    saved = opt.state_dict()
    snapshot = saved["state"]["W1"]["exp_avg"].copy()
    _train(opt, params, 2, t0=2)
    assert np.array_equal(saved["state"]["W1"]["exp_avg"], snapshot)
    assert saved["state"]["W1"]["step"] == 2
    opt.load_state_dict(saved)
    saved["state"]["W1"]["exp_avg"][:] = 99.0
    assert opt.state_dict()["state"]["W1"]["exp_avg"][0, 0] != 99.0


def test_load_state_dict_of_another_optimizer_is_refused() -> None:
    with pytest.raises(ConfigError) as err:
        create("sgd").load_state_dict(create("adam").state_dict())
    assert err.value.field == "optimizer.name"


@pytest.mark.parametrize(("name", "hyper"), FULL_CASES)
def test_reset_behaves_like_a_fresh_optimizer(name: str, hyper: dict) -> None:
    opt, params = create(name, **hyper), _params()
    _train(opt, params, 4)
    opt.reset()
    again, fresh_params = _params(), _params()
    _train(opt, again, 4)
    _train(create(name, **hyper), fresh_params, 4)
    for k in again:
        assert np.array_equal(again[k], fresh_params[k])


def test_set_hyper_applies_from_the_next_step() -> None:
    opt = create("sgd", lr=0.1)
    params = {"W": np.zeros(2)}
    opt.step(params, {"W": G1})
    close(params["W"], [-0.1, 0.2])
    opt.set_hyper(lr=0.5)
    assert opt.hyper["lr"] == 0.5
    opt.step(params, {"W": G1})
    close(params["W"], [-0.6, 1.2])


def test_set_hyper_validates_and_leaves_values_unchanged_on_error() -> None:
    opt = create("momentum", lr=0.1)
    with pytest.raises(ConfigError) as err:
        opt.set_hyper(lr=0.2, momentum=1.5)
    assert err.value.field == "optimizer.momentum"
    assert opt.hyper["lr"] == 0.1
    with pytest.raises(ConfigError) as err:
        opt.set_hyper(beta1=0.5)
    assert err.value.field == "optimizer.beta1"


def test_step_leaves_gradients_untouched() -> None:
    for name, hyper in FULL_CASES:
        opt, params = create(name, **hyper), _params()
        grads = _grads(params, 0)
        before = {k: g.copy() for k, g in grads.items()}
        opt.step(params, grads)
        opt.step(params, grads)
        for k in grads:
            assert np.array_equal(grads[k], before[k]), name


@pytest.mark.parametrize(("name", "hyper"), FULL_CASES)
def test_flat_vector_equals_per_array_dict(name: str, hyper: dict) -> None:
    params = _params()
    flat = {"theta": np.concatenate([W.ravel() for W in params.values()])}
    per_array, single = create(name, **hyper), create(name, **hyper)
    for t in range(15):
        grads = _grads(params, t)
        per_array.step(params, grads)
        single.step(flat, {"theta": np.concatenate([g.ravel() for g in grads.values()])})
    assert np.array_equal(np.concatenate([W.ravel() for W in params.values()]), flat["theta"])


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(sorted(OPTIMIZERS)),
    sizes=st.lists(st.integers(1, 6), min_size=1, max_size=4),
    seed=st.integers(0, 2**16),
)
def test_flat_vector_equals_any_split(name: str, sizes: list[int], seed: int) -> None:
    rng = np.random.default_rng(seed)
    parts = {f"p{i}": rng.normal(size=n) for i, n in enumerate(sizes)}
    flat = {"all": np.concatenate(list(parts.values()))}
    a, b = create(name, lr=0.05), create(name, lr=0.05)
    for _ in range(4):
        noise = rng.normal(size=flat["all"].size)
        a.step(flat, {"all": flat["all"] * 2.0 + noise})
        split = np.split(noise, np.cumsum(sizes)[:-1])
        b.step(parts, {k: W * 2.0 + n for (k, W), n in zip(parts.items(), split, strict=True)})
    assert np.array_equal(flat["all"], np.concatenate(list(parts.values())))


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "hyper", "field"),
    [
        ("sgd", {"lr": 0.0}, "optimizer.lr"),
        ("adam", {"lr": -0.1}, "optimizer.lr"),
        ("adam", {"lr": float("nan")}, "optimizer.lr"),
        ("sgd", {"lr": float("inf")}, "optimizer.lr"),
        ("sgd", {"lr": "0.1"}, "optimizer.lr"),
        ("sgd", {"lr": True}, "optimizer.lr"),
        ("momentum", {"momentum": 1.0}, "optimizer.momentum"),
        ("sgd", {"momentum": -0.1}, "optimizer.momentum"),
        ("adam", {"beta1": 1.0}, "optimizer.beta1"),
        ("adam", {"beta2": -0.01}, "optimizer.beta2"),
        ("adam", {"eps": 0.0}, "optimizer.eps"),
        ("adagrad", {"weight_decay": -1e-4}, "optimizer.weight_decay"),
        ("adam", {"amsgrad": 1}, "optimizer.amsgrad"),
        ("sgd", {"nesterov": True}, "optimizer.nesterov"),
        ("sgd", {"nesterov": True, "momentum": 0.9, "dampening": 0.1}, "optimizer.dampening"),
        ("nesterov", {"momentum": 0.0}, "optimizer.momentum"),
        ("nesterov", {"dampening": 0.0}, "optimizer.dampening"),
        ("adam", {"momentum": 0.9}, "optimizer.momentum"),
        ("adam", {"betas": (0.9, 0.99)}, "optimizer.betas"),
    ],
)
def test_invalid_hyper_names_the_field(name: str, hyper: dict, field: str) -> None:
    with pytest.raises(ConfigError) as err:
        create(name, **hyper)
    assert err.value.field == field
    assert "\n" not in str(err.value)


def test_unknown_hyper_lists_allowed_ones() -> None:
    with pytest.raises(ConfigError, match="allowed: lr, beta1, beta2, eps"):
        create("adam", momentum=0.9)


def test_unknown_name_lists_valid_names() -> None:
    with pytest.raises(ConfigError) as err:
        create("adamw")
    assert err.value.field == "optimizer.name"
    for name in OPTIMIZERS:
        assert name in str(err.value)
