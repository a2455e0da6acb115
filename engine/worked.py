"""Worked-example handouts: one complete update of a small network, written out by hand.

For one training sample: the forward pass neuron by neuron (u = Σ w z + b, z = f(u)), the
cost, the backward pass (δ = y − t at the output, δ = f′(u) · Σₖ wₖ δₖ below), every weight's
gradient ∂E/∂w = z_prev · δ, and the optimizer's update. The same numbers go to JSON so they
can be checked independently.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np

from engine import optimizers
from engine.errors import NnlensError
from engine.losses import cost_name
from engine.text import tr
from engine.trainer import Trainer
from engine.xray import factor, neuron_formula, number, xray

MAX_LAYERS = 4
MAX_WIDTH = 6


def worked_example(trainer: Trainer, sample: int = 0) -> dict[str, Any]:
    """The update that training sample ``sample`` alone would make from the trainer's
    current weights and optimizer state (the trainer itself is not changed)."""
    model = trainer.model
    sizes = model.layer_sizes
    if model.n_layers > MAX_LAYERS or max(sizes) > MAX_WIDTH:
        raise NnlensError(
            tr(
                "worked example: the network {network} is too large to print; "
                "a handout shows at most {layers} layers of at most {width} neurons "
                "(try --preset xor)"
            ).format(network="-".join(map(str, sizes)), layers=MAX_LAYERS, width=MAX_WIDTH)
        )
    if model.batch_norm:
        raise NnlensError(tr("worked example: handouts cover networks without batch norm"))
    train = trainer.split.train
    if not 0 <= sample < len(train.X):
        message = tr("worked example: --sample must be 0 to {last}")
        raise NnlensError(message.format(last=len(train.X) - 1))
    x, t = train.X[sample], train.y[sample]
    ray = xray(model, x[None], np.atleast_1d(t))
    grad = np.zeros_like(model.theta)
    for lx in ray.layers:
        grad[model.slices[f"W{lx.layer}"]] = lx.dW(0).ravel()
        grad[model.slices[f"b{lx.layer}"]] = lx.db(0)
    weights = np.zeros_like(model.theta)
    for lx in ray.layers:
        weights[model.slices[f"W{lx.layer}"]] = lx.W.ravel()
    grad += model.l1 * np.sign(weights) + model.l2 * weights
    updated = model.theta.copy()
    optimizer = optimizers.create(trainer.optimizer.name, **trainer.optimizer.hyper)
    optimizer.load_state_dict(trainer.optimizer.state_dict())
    optimizer.step({"theta": updated}, {"theta": grad})
    layers = []
    for lx in ray.layers:
        W_new = updated[model.slices[f"W{lx.layer}"]].reshape(lx.W.shape)
        b_new = updated[model.slices[f"b{lx.layer}"]]
        layers.append(
            {
                "layer": lx.layer,
                "W": lx.W.tolist(),
                "b": lx.b.tolist(),
                "input": lx.z_prev[0].tolist(),
                "u": lx.u[0].tolist(),
                "z": lx.z[0].tolist(),
                "slope": lx.slope[0].tolist(),
                "delta": lx.delta[0].tolist(),
                "dW": (grad[model.slices[f"W{lx.layer}"]].reshape(lx.W.shape)).tolist(),
                "db": grad[model.slices[f"b{lx.layer}"]].tolist(),
                "W_new": W_new.tolist(),
                "b_new": b_new.tolist(),
            }
        )
    cost = model.output_loss
    return {
        "network": list(sizes),
        "activation": model.activation.name,
        "task": model.task,
        "output": cost.output,
        "cost": cost.cost,
        "l1": model.l1,
        "l2": model.l2,
        "optimizer": {"name": optimizer.name, **optimizer.hyper},
        "step": trainer.step_count,
        "sample": sample,
        "x": x.tolist(),
        "t": np.atleast_1d(ray.t[0]).tolist(),
        "y": ray.y[0].tolist(),
        "loss": float(ray.loss[0]),
        "layers": layers,
        "formulas": {
            f"{lx.layer}.{j}": neuron_formula(ray, lx.layer, j, 0)
            for lx in ray.layers
            for j in range(lx.u.shape[1])
        },
    }


def _sum(weights: list[float], inputs: list[float], bias: float, name: str) -> str:
    terms = " + ".join(f"{factor(w)}·{factor(a)}" for w, a in zip(weights, inputs, strict=True))
    value = float(np.dot(weights, inputs) + bias)
    return f"{name} = {terms} + {factor(bias)} = {number(value)}"


def to_markdown(ex: dict[str, Any]) -> str:
    """The handout as Markdown (also the source of the HTML and PDF versions)."""
    L = len(ex["layers"])
    f = ex["activation"]
    network = "-".join(map(str, ex["network"]))
    lines = [
        "# " + tr("One update by hand: network {network}").format(network=network),
        "",
        tr(
            "Hidden activation **{activation}**, output **{output}**, cost **{cost}**, "
            "optimizer **{optimizer}** (learning rate η = {lr}), "
            "training sample {sample} at step {step}."
        ).format(
            activation=f,
            output=ex["output"],
            cost=cost_name(ex["cost"]),
            optimizer=ex["optimizer"]["name"],
            lr=number(ex["optimizer"]["lr"]),
            sample=ex["sample"],
            step=ex["step"],
        ),
        "",
        tr("Input x = ({x}), target t = ({t}).").format(
            x=", ".join(number(v) for v in ex["x"]), t=", ".join(number(v) for v in ex["t"])
        ),
        "",
        "## " + tr("Forward pass"),
    ]
    for layer in ex["layers"]:
        l = layer["layer"]
        if l == L:
            heading = tr("Layer {l} (output layer)").format(l=l)
        else:
            heading = tr("Layer {l} (hidden layer {l})").format(l=l)
        lines += ["", "### " + heading, ""]
        act = ex["output"] if l == L else f
        for j in range(len(layer["u"])):
            W_col = [row[j] for row in layer["W"]]
            lines.append(
                f"- {_sum(W_col, layer['input'], layer['b'][j], f'u{l}.{j + 1}')}, "
                f"z{l}.{j + 1} = {act}(u) = {number(layer['z'][j])}"
            )
    lines += [
        "",
        "## " + tr("Cost"),
        "",
        f"y = ({', '.join(number(v) for v in ex['y'])}), E = {number(ex['loss'])} "
        f"({cost_name(ex['cost'])})",
        "",
        "## " + tr("Backward pass"),
        "",
    ]
    for layer in reversed(ex["layers"]):
        l = layer["layer"]
        for j in range(len(layer["delta"])):
            lines.append(
                "- "
                + tr("layer {l}, neuron {j}: {formula}").format(
                    l=l, j=j + 1, formula=ex["formulas"][f"{l}.{j}"]
                )
            )
    lines += ["", "## " + tr("Gradients and update"), ""]
    if ex["l1"] or ex["l2"]:
        lines += [
            tr(
                "Each ∂E/∂w includes the penalty terms λ₁ sign(w) + λ₂ w (λ₁ = {l1}, λ₂ = {l2})."
            ).format(l1=number(ex["l1"]), l2=number(ex["l2"])),
            "",
        ]
    if ex["optimizer"]["name"] == "sgd" and not ex["optimizer"].get("momentum"):
        rule = tr(
            "Each weight from neuron i below to neuron j: ∂E/∂w = z_prev,i · δ_j; "
            "new value by w ← w − η ∂E/∂w."
        )
    else:
        rule = tr(
            "Each weight from neuron i below to neuron j: ∂E/∂w = z_prev,i · δ_j; "
            "new value by {optimizer}'s update rule."
        )
    lines += [rule.format(optimizer=ex["optimizer"]["name"]), ""]
    for layer in ex["layers"]:
        l = layer["layer"]
        for i, row in enumerate(layer["W"]):
            for j, w in enumerate(row):
                lines.append(
                    f"- w{l}[{i + 1},{j + 1}]: ∂E/∂w = {factor(layer['input'][i])} · "
                    f"{factor(layer['delta'][j])} = {number(layer['dW'][i][j])}; "
                    f"{number(w)} → {number(layer['W_new'][i][j])}"
                )
        for j, b in enumerate(layer["b"]):
            lines.append(
                f"- b{l}[{j + 1}]: ∂E/∂b = δ = {number(layer['db'][j])}; "
                f"{number(b)} → {number(layer['b_new'][j])}"
            )
    return "\n".join(lines) + "\n"


def to_html(ex: dict[str, Any]) -> str:
    """A self-contained HTML page of the handout (headings, lists, monospace numbers)."""
    body = []
    in_list = False
    for line in to_markdown(ex).splitlines():
        if line.startswith("- "):
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li><code>{html.escape(line[2:])}</code></li>")
            continue
        if in_list:
            body.append("</ul>")
            in_list = False
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            body.append(f"<h{level}>{html.escape(line[level + 1 :])}</h{level}>")
        elif line:
            text = html.escape(line).replace("**", "")
            body.append(f"<p>{text}</p>")
    if in_list:
        body.append("</ul>")
    style = (
        "body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
        "code{font-family:monospace;font-size:0.95em}li{margin:0.15em 0}"
    )
    title = html.escape(tr("nnlens worked example"))
    return (
        f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>{title}"
        f"</title><style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
