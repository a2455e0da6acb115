"""The headless command line as a user runs it: exit codes, one-line errors, JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_presets_lists_the_lessons():
    result = run("presets")
    assert result.returncode == 0
    assert "xor" in result.stdout and "digits" in result.stdout


def test_train_xor_writes_a_json_history(tmp_path):
    out = tmp_path / "xor.json"
    result = run("train", "--preset", "xor", "--steps", "2000", "--json", str(out))
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    variants = {v["label"]: v for v in report["variants"]}
    assert set(variants) == {"no hidden layer", "hidden 4-4 tanh"}
    solved = variants["hidden 4-4 tanh"]
    assert solved["steps"] == 2000 and len(solved["history"]["loss"]) == 2000
    assert solved["final"]["validation_accuracy"] >= 0.97
    assert variants["no hidden layer"]["final"]["validation_accuracy"] < 0.7
    assert solved["history"]["eval_steps"][-1] == 2000
    assert len(solved["layers"]["activations"]) == 2
    assert solved["changes"] == {} and variants["no hidden layer"]["changes"] == {
        "model.hidden": []
    }
    assert "hidden 4-4 tanh: 2000 steps" in result.stdout


def test_train_a_race_lesson_writes_each_optimizers_path(tmp_path):
    out = tmp_path / "race.json"
    result = run("train", "--preset", "optimizer-race", "--steps", "30", "--json", str(out))
    assert result.returncode == 0, result.stderr
    race = json.loads(out.read_text())["race"]
    assert set(race["paths"]) == {"SGD", "Momentum", "AdaGrad", "Adam"}
    assert race["paths"]["SGD"][0] == [-7.0, 2.0]
    assert race["paths"]["SGD"][1] == [-7 + 0.95 * 0.7, 2 - 0.95 * 4]
    assert len(race["paths"]["Adam"]) == 31


def test_train_from_a_config_file(tmp_path):
    config = tmp_path / "moons.toml"
    config.write_text('name = "moons"\n[data]\ndataset = "moons"\n[model]\nhidden = [8]\n')
    result = run("train", "--config", str(config), "--steps", "300")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("moons: 300 steps")


def test_bad_input_gives_one_clear_line_and_a_nonzero_exit(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[optimizer]\nlr = -1\n")
    for args in (
        ("train", "--config", str(bad), "--steps", "5"),
        ("train", "--preset", "no-such-lesson", "--steps", "5"),
        ("train", "--config", str(tmp_path / "missing.toml"), "--steps", "5"),
    ):
        result = run(*args)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("nnlens: error:"), result.stderr
        assert "Traceback" not in result.stderr
    assert "optimizer.lr" in run("train", "--config", str(bad), "--steps", "5").stderr


def test_diverging_training_says_why_and_exits_nonzero(tmp_path):
    config = tmp_path / "boom.toml"
    config.write_text(
        '[model]\nactivation = "sigmoid"\n[optimizer]\nname = "sgd"\nlr = 1e9\n'
        '[data]\ndataset = "sine"\n'
    )
    result = run("train", "--config", str(config), "--steps", "500")
    assert result.returncode == 3
    assert "diverged" in result.stderr and "learning rate 1e+09" in result.stderr
    assert "Traceback" not in result.stderr


def test_unwritable_json_path_is_reported(tmp_path):
    result = run(
        "train",
        "--preset",
        "xor",
        "--steps",
        "5",
        "--json",
        str(tmp_path / "missing-dir" / "out.json"),
    )
    assert result.returncode == 2 and "cannot write" in result.stderr


def test_a_bad_setting_in_a_file_names_the_file_and_the_field(tmp_path, capsys):
    import main

    lesson = tmp_path / "my-lesson.toml"
    lesson.write_text(
        '[lesson]\ntitle = "t"\nexplanation = "e"\n[optimizer]\nlr = "fast"\n', encoding="utf-8"
    )
    assert main.main(["train", "--config", str(lesson), "--steps", "1"]) == 2
    line = capsys.readouterr().err.strip()
    assert line.startswith("nnlens: error: my-lesson.toml: optimizer.lr:"), line
