"""Worked-example handouts: the JSON's numbers are checked against an independent computation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def _forward(layers_W, layers_b, x, hidden=np.tanh):
    z = np.asarray(x)
    for i, (W, b) in enumerate(zip(layers_W, layers_b, strict=True)):
        u = z @ W + b
        z = hidden(u) if i < len(layers_W) - 1 else 1 / (1 + np.exp(-u))
    return z


def _cost(Ws, bs, x, t):
    y = _forward(Ws, bs, x)[0]
    return -(t * np.log(y) + (1 - t) * np.log(1 - y))


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("handout") / "xor.json"
    result = run(
        "worked-example", "--preset", "xor", "--sample", "3", "--steps", "5", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text())


def test_json_gradients_match_central_differences(example):
    Ws = [np.array(layer["W"]) for layer in example["layers"]]
    bs = [np.array(layer["b"]) for layer in example["layers"]]
    x, t = np.array(example["x"]), example["t"][0]
    assert _cost(Ws, bs, x, t) == pytest.approx(example["loss"])
    h = 1e-6
    for layer, W in zip(example["layers"], Ws, strict=True):
        numeric = np.zeros_like(W)
        for index in np.ndindex(W.shape):
            old = W[index]
            W[index] = old + h
            plus = _cost(Ws, bs, x, t)
            W[index] = old - h
            minus = _cost(Ws, bs, x, t)
            W[index] = old
            numeric[index] = (plus - minus) / (2 * h)
        np.testing.assert_allclose(layer["dW"], numeric, atol=1e-8)


def test_json_forward_values_follow_the_formulas(example):
    first = example["layers"][0]
    u = np.array(example["x"]) @ np.array(first["W"]) + np.array(first["b"])
    np.testing.assert_allclose(first["u"], u)
    np.testing.assert_allclose(first["z"], np.tanh(u))
    assert example["optimizer"]["name"] == "adam" and example["step"] == 5


def test_first_adam_update_moves_each_weight_by_lr_against_its_gradient(tmp_path):
    out = tmp_path / "first.json"
    assert run("worked-example", "--preset", "xor", "--out", str(out)).returncode == 0
    example = json.loads(out.read_text())
    lr = example["optimizer"]["lr"]
    for layer in example["layers"]:
        g = np.array(layer["dW"])
        moved = np.array(layer["W_new"]) - np.array(layer["W"])
        # Adam's first step: m̂ = g, v̂ = g², so Δw = −η g / (|g| + ε) ≈ −η sign(g).
        np.testing.assert_allclose(moved, -lr * g / (np.abs(g) + 1e-8), rtol=1e-6, atol=1e-12)


def test_markdown_html_and_pdf_handouts(tmp_path):
    for suffix in ("md", "html", "pdf"):
        out = tmp_path / f"h.{suffix}"
        result = run("worked-example", "--preset", "xor", "--out", str(out))
        assert result.returncode == 0, result.stderr
    text = (tmp_path / "h.md").read_text()
    assert "## Forward pass" in text and "## Backward pass" in text and "δ = y − t" in text
    assert "<h2>Backward pass</h2>" in (tmp_path / "h.html").read_text()
    pdf = (tmp_path / "h.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ")


def test_large_networks_and_bad_paths_are_refused_with_one_line(tmp_path):
    result = run("worked-example", "--preset", "digits", "--out", str(tmp_path / "d.md"))
    assert result.returncode == 2 and "too large to print" in result.stderr
    result = run("worked-example", "--preset", "xor", "--out", str(tmp_path / "no" / "x.pdf"))
    assert result.returncode == 2 and "cannot write" in result.stderr
    assert not list(tmp_path.glob("**/*.tmp"))
    result = run("worked-example", "--preset", "xor", "--out", str(tmp_path / "x.docx"))
    assert result.returncode == 2 and ".md" in result.stderr
