"""The X-ray inspector: a neuron's or a weight's formulas written with their numbers, for the
phases of the update already shown, and the chain-rule factors behind them.

Notation as in the course: u = Σᵢ zᵢ wᵢ + b (u = z_prev W + b), z = f(u), δ = y − t at the
output, δ = f′(u) · Σₖ wₖ δₖ below it, ∂E/∂w = z_prev · δ.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QCoreApplication

from engine.xray import edge_formula, factor, neuron_formula, number
from gui.xray_steps import PhaseStepper

MAX_TERMS = 4
translate = QCoreApplication.translate  # literal translate("XrayView", …) calls, for lupdate


def _sum(weights: np.ndarray, inputs: np.ndarray, bias: float) -> str:
    terms = [f"{factor(a)}·{factor(w)}" for a, w in zip(inputs, weights, strict=True)]
    shown = " + ".join(terms[:MAX_TERMS]) + (" + …" if len(terms) > MAX_TERMS else "")
    return f"{shown} + {factor(bias)}"


def neuron_details(st: PhaseStepper, l: int, j: int) -> str:
    """HTML: the neuron's formulas with its numbers, for the phases already shown."""
    ray, v = st.ray, st.sample_values
    L = len(ray.layers)
    if l == 0:
        return _html(
            [(translate("XrayView", "Input x{i}").format(i=j + 1), [f"x = {number(v(ray.x)[j])}"])]
        )
    lx = ray.layers[l - 1]
    bar = "̄" if st.mean else ""
    name = (
        translate("XrayView", "output neuron {j}")
        if l == L
        else translate("XrayView", "layer {l}, neuron {j}")
    )
    parts = []
    if st.reached("forward", l):
        f = st.trainer.model.output_loss.output if l == L else ray.activation
        u, z = v(lx.u)[j], v(lx.z)[j]
        lines = [
            f"u{bar} = Σᵢ z{bar}ᵢ wᵢ + b = {_sum(lx.W[:, j], v(lx.z_prev), lx.b[j])} = {number(u)}"
        ]
        if st.mean:
            lines.append(
                translate("XrayView", "z̄ = mean over the mini-batch of {f}(u) = {z}").format(
                    f=f, z=number(z)
                )
            )
        else:
            lines.append(f"z = {f}(u) = {f}({number(u)}) = {number(z)}")
        parts.append((translate("XrayView", "Forward"), lines))
    if l == L and st.reached("loss", L):
        y, t = v(ray.y)[j], v(ray.t)[j]
        lines = [f"y = {number(y)}, t = {number(t)}", _loss_line(st)]
        parts.append((translate("XrayView", "Loss"), lines))
    if st.reached("backward", l):
        lines = [neuron_formula(ray, l, j, st.pick)]
        if l == L:
            lines.append(
                translate(
                    "XrayView",
                    "Chain rule: δ = ∂E/∂u = y − t, because the output function and the "
                    "cost are matched ({cost})",
                ).format(cost=st.trainer.model.output_loss.cost)
            )
        else:
            lines.append(
                translate(
                    "XrayView",
                    "Chain rule: δⱼ = ∂E/∂uⱼ = ∂zⱼ/∂uⱼ · Σₖ ∂E/∂uₖ · ∂uₖ/∂zⱼ "
                    "= f′(uⱼ) · Σₖ wⱼₖ δₖ, with f′(u) = {s}",
                ).format(s=number(v(lx.slope)[j]))
            )
        parts.append((translate("XrayView", "Backward"), lines))
    if st.phase[0] == "update":
        up = st.updates()[l - 1]
        parts.append(
            (
                translate("XrayView", "Update"),
                [_update_line(st, up.b[j], up.db[j], up.b_new[j], "b")],
            )
        )
    return _html([(name.format(l=l, j=j + 1), []), *parts])


def edge_details(st: PhaseStepper, l: int, i: int, j: int) -> str:
    """HTML: the weight's part in the forward pass, its gradient and its update."""
    ray, v = st.ray, st.sample_values
    lx = ray.layers[l - 1]
    source = (
        translate("XrayView", "input x{i}").format(i=i + 1)
        if l == 1
        else translate("XrayView", "neuron {i} of layer {l}").format(i=i + 1, l=l - 1)
    )
    target = translate("XrayView", "neuron {j} of layer {l}").format(j=j + 1, l=l)
    w, a = lx.W[i, j], v(lx.z_prev)[i]
    parts = [
        (
            translate("XrayView", "Weight w from {a} to {b}").format(a=source, b=target),
            [f"w = {number(w)}"],
        )
    ]
    if st.reached("forward", l):
        parts.append(
            (
                translate("XrayView", "Forward"),
                [
                    translate("XrayView", "adds z_prev · w = {a} · {w} = {p} to u").format(
                        a=factor(a), w=factor(w), p=number(a * w)
                    )
                ],
            )
        )
    if st.reached("backward", l):
        lines = [edge_formula(ray, l, i, j, st.pick)]
        lines.append(
            translate(
                "XrayView",
                "Chain rule: ∂E/∂w = ∂E/∂uⱼ · ∂uⱼ/∂w = δⱼ · z_prev,ᵢ "
                "(u = … + z_prev · w + …, so ∂u/∂w = z_prev)",
            )
        )
        parts.append((translate("XrayView", "Backward"), lines))
    if st.phase[0] == "update":
        up = st.updates()[l - 1]
        parts.append(
            (
                translate("XrayView", "Update"),
                [_update_line(st, w, up.dW[i, j], up.W_new[i, j], "w")],
            )
        )
    return _html(parts)


def _update_line(st: PhaseStepper, old: float, grad: float, new: float, name: str) -> str:
    model = st.trainer.model
    penalty = (
        translate("XrayView", " (with the weight-decay term)")
        if name == "w" and (model.l1 or model.l2)
        else ""
    )
    eta = st.simple_sgd()
    if eta is not None:
        return (
            f"{name} ← {name} − η ∂E/∂{name} = {number(old)} − {number(eta)}·{factor(grad)}"
            f" = {number(new)}{penalty}"
        )
    return translate(
        "XrayView",
        "Δ{n} = new − old = {new} − {old} = {d} ({opt}'s rule with its running state; "
        "∂E/∂{n} = {g}{p})",
    ).format(
        n=name,
        new=number(new),
        old=factor(old),
        d=number(new - old),
        opt=st.trainer.optimizer.name,
        g=number(grad),
        p=penalty,
    )


def _html(parts: list[tuple[str, list[str]]]) -> str:
    out = []
    for heading, lines in parts:
        out.append(f"<p><b>{html.escape(heading)}</b></p>")
        out += [f"<p style='margin-left:8px'>{html.escape(line)}</p>" for line in lines]
    return "\n".join(out)


def _loss_line(st: PhaseStepper) -> str:
    """The cost written with its numbers (one sample), or the mini-batch mean."""
    ray, task = st.ray, st.trainer.model.task
    if st.mean:
        return translate("XrayView", "E = mean over the mini-batch of the cost = {e}").format(
            e=number(ray.loss.mean())
        )
    y, t, e = ray.y[0], ray.t[0], number(ray.loss[0])
    if task == "binary":
        return (
            f"E = −t log y − (1 − t) log(1 − y) = −{factor(t[0])}·log({number(y[0])})"
            f" − {factor(1 - t[0])}·log({number(1 - y[0])}) = {e}"
        )
    if task == "multiclass":
        k = int(np.argmax(t))
        return f"E = −Σₖ tₖ log yₖ = −log(y{k + 1}) = −log({number(y[k])}) = {e}"
    terms = " + ".join(f"({number(a)} − {factor(b)})²" for a, b in zip(y, t, strict=True))
    return f"E = ½ Σ (y − t)² = ½·({terms}) = {e}"
