"""What the X-ray writes at each phase: the diagram's numbers, the banner and the scope line
(the inspector's formulas are in ``gui.xray_inspector``).

Notation as in the course: u = z_prev W + b, z = f(u), δ = y − t at the output,
δ = f′(u) · Σₖ wₖ δₖ below it, ∂E/∂w = z_prev · δ.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from engine.xray import number
from gui.xray_layout import DiagramFrame, Label
from gui.xray_steps import PhaseStepper

MAX_TERMS = 4
translate = QCoreApplication.translate  # literal translate("XrayView", …) calls, for lupdate


def diagram_frame(st: PhaseStepper) -> DiagramFrame:
    """The numbers each node and edge shows at the stepper's phase."""
    ray, model = st.ray, st.trainer.model
    kind, at = st.phase
    L = model.n_layers
    v = st.sample_values
    headers = [translate("XrayView", "input x")]
    headers += [
        translate("XrayView", "layer {l} · {f}").format(l=l, f=ray.activation) for l in range(1, L)
    ]
    headers.append(translate("XrayView", "output · {f}").format(f=model.output_loss.output))
    nodes = {(0, i): Label((("x", x),), x) for i, x in enumerate(v(ray.x))}
    forward_done = {"ready": 0, "forward": at}.get(kind, L)
    delta_from = {"backward": at, "update": 1}.get(kind, L + 1)
    updates = st.updates() if kind == "update" else None
    edges = {}
    for l, lx in enumerate(ray.layers, start=1):
        u, z, slope, delta = v(lx.u), v(lx.z), v(lx.slope), v(lx.delta)
        dW = lx.dW(st.pick)
        for j in range(len(u)):
            if updates is not None:
                up = updates[l - 1]
                change = up.b_new[j] - up.b[j]
                values = (("b", up.b_new[j]), ("Δ", change))
                nodes[(l, j)] = Label(values, change)
            elif l >= delta_from:
                first = ("f′", slope[j]) if l < L else ("y", z[j])
                shown = (first, ("δ", delta[j])) if l == at else (("δ", delta[j]),)
                nodes[(l, j)] = Label(shown, delta[j])
            elif kind == "loss" and l == L:
                nodes[(l, j)] = Label((("y", z[j]), ("t", v(ray.t)[j])), z[j] - v(ray.t)[j])
            elif l < forward_done or (l == forward_done and kind != "forward"):
                nodes[(l, j)] = Label((("z", z[j]),), z[j])
            elif l == forward_done:
                nodes[(l, j)] = Label((("u", u[j]), ("z", z[j])), z[j])
        for i in range(lx.W.shape[0]):
            for j in range(lx.W.shape[1]):
                if updates is not None:
                    up = updates[l - 1]
                    change = up.W_new[i, j] - up.W[i, j]
                    label = Label((("w", up.W_new[i, j]), ("Δ", change)), change)
                elif l >= delta_from:
                    label = Label((("", dW[i, j]),), dW[i, j])
                else:
                    label = Label((("", lx.W[i, j]),), lx.W[i, j])
                edges[(l, i, j)] = label
    current = {"forward": {at}, "backward": {at}, "loss": {L}}.get(kind, set())
    numbered = {"forward": {at}, "backward": {at}, "update": set(range(1, L + 1))}.get(kind, set())
    return DiagramFrame(
        tuple(model.layer_sizes),
        tuple(headers),
        nodes,
        edges,
        frozenset(current),
        frozenset(numbered),
    )


def banner(st: PhaseStepper) -> str:
    """One line saying what this phase computes and what the numbers are."""
    kind, at = st.phase
    model, L = st.trainer.model, st.trainer.model.n_layers
    step = st.trainer.step_count + 1
    if kind == "ready":
        return translate(
            "XrayView", "Update {k} has not started: press Phase step (.) for the forward pass"
        ).format(k=step)
    if kind == "forward" and at < L:
        return translate("XrayView", "Forward · layer {l}: u = z_prev W + b, z = {f}(u)").format(
            l=at, f=st.ray.activation
        )
    if kind == "forward":
        return translate(
            "XrayView", "Forward · output layer {l}: u = z_prev W + b, y = {f}(u); edges show w"
        ).format(l=at, f=model.output_loss.output)
    if kind == "loss":
        loss = st.ray.loss[0] if not st.mean else st.ray.loss.mean()
        return translate(
            "XrayView", "Loss: E = {e} ({cost}); y is the output, t the target"
        ).format(e=number(loss), cost=model.output_loss.cost)
    if kind == "backward" and at == L:
        return translate(
            "XrayView", "Backward · output layer {l}: δ = y − t; edges show ∂E/∂w = z_prev · δ"
        ).format(l=at)
    if kind == "backward":
        return translate(
            "XrayView", "Backward · layer {l}: δ = f′(u) · Σₖ wₖ δₖ; edges show ∂E/∂w = z_prev · δ"
        ).format(l=at)
    o = st.trainer.optimizer
    return translate(
        "XrayView",
        "Update {k} by {opt} (η = {lr}): each weight's new value (and its change Δw), "
        "each neuron's new bias b and Δb",
    ).format(k=step, opt=o.name, lr=number(o.hyper["lr"]))


def scope(st: PhaseStepper) -> str:
    """Which numbers are shown: one training row, or the mean over the next mini-batch."""
    text = _scope(st)
    model = st.trainer.model
    if model.dropout or model.batch_norm:
        text += translate(
            "XrayView",
            " (values in evaluation mode: without dropout, batch norm with its running "
            "statistics; the real step trains with them)",
        )
    return text


def _scope(st: PhaseStepper) -> str:
    nxt = st.next
    batch = len(nxt.X) if nxt is not None else 0
    if st.mean and nxt is not None:
        text = translate("XrayView", "Mean over the mini-batch of update {k} ({n} rows)").format(
            k=nxt.step, n=batch
        )
        if st.phase[0] == "update":
            text += translate("XrayView", " — the real training step")
        return text
    x = ", ".join(number(a) for a in st.ray.x[0])
    t = ", ".join(number(a) for a in np.atleast_1d(st.trainer.split.train.y[st.row]))
    text = translate("XrayView", "Training row {row}: x = ({x}), target {t}").format(
        row=st.row, x=x, t=t
    )
    if st.phase[0] == "update":
        text += translate(
            "XrayView", " — the update this sample alone would make (as in the handout); "
        )
        text += translate("XrayView", "the real step averages its mini-batch of {n} rows").format(
            n=batch
        )
    return text
