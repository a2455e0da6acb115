"""The engine's messages go through ``engine.text.tr``: translated when a program installs a
translator, the same English as ever without one, and every template one lupdate can read."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from engine import ConfigError, DataError, Trainer
from engine.loaders import load_csv
from engine.presets import load_lesson
from engine.text import set_translator, tr
from engine.worked import to_html, to_markdown, worked_example

ENGINE = Path(__file__).resolve().parent.parent / "engine"
FILES = sorted(ENGINE.glob("*.py"))

# Raised for a programming mistake inside nnlens, never for anything a user typed or loaded.
NOT_FOR_USERS = {("history_series.py", "capacity must be an even number ≥ 2")}


def wrap(template: str) -> str:
    return "[[" + template + "]]"


@pytest.fixture
def translated():
    """Install a translator for one test; English comes back afterwards whatever happens."""

    def install(translator):
        set_translator(translator)

    yield install
    set_translator(None)


def diverged_reason() -> str:
    config = load_lesson("xor").config.with_changes(
        {"optimizer.name": "sgd", "optimizer.lr": 1e12, "model.activation": "tanh"}
    )
    trainer = Trainer(config)
    trainer.run(200)
    assert trainer.diverged
    return trainer.diverged


def config_error(**changes) -> str:
    with pytest.raises(ConfigError) as info:
        load_lesson("xor").config.with_changes(changes)
    return str(info.value)


def data_error(tmp_path: Path) -> str:
    path = tmp_path / "bad.csv"
    path.write_text("x1,x2,label\n0.5,0.1,0\n0.2,abc,1\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_csv(path)
    return str(info.value)


# ---------------------------------------------------------------------- behaviour
def test_divergence_reason_comes_out_translated_with_its_numbers(translated):
    english = diverged_reason()
    korean = {
        "loss exploded to {loss:.3g} at step {step}": "{step} 스텝에서 손실이 {loss:.3g}로 폭증",
        "loss became infinite at step {step}": "{step} 스텝에서 손실이 무한대가 됨",
        "loss became NaN at step {step}": "{step} 스텝에서 손실이 NaN이 됨",
        "learning rate {lr:g} is too large for {setup}": "{setup}에는 학습률 {lr:g}이 너무 큼",
        "{what}: {advice}; lower it and reset": "{what}: {advice}. 낮추고 초기화하세요",
    }
    translated(lambda t: korean.get(t, t))
    reason = diverged_reason()
    step = re.search(r"at step (\d+)", english).group(1)
    assert f"{step} 스텝에서 손실이" in reason
    assert "학습률 1e+12이 너무 큼" in reason and reason.endswith("낮추고 초기화하세요")
    assert "tanh + sigmoid with binary cross-entropy, sgd" in reason  # untranslated part stays


def test_config_error_is_translated_and_keeps_its_field(translated):
    translated(wrap)
    assert config_error(**{"data.n_samples": 2}) == "data.n_samples: [[need at least 4 samples]]"
    message = config_error(**{"data.dataset": "nope"})
    assert message.startswith("data.dataset: [[unknown dataset 'nope'; choose one of xor, ")
    assert message.endswith("]]")


def test_data_error_values_are_filled_in(translated, tmp_path):
    translated(wrap)
    assert data_error(tmp_path) == "[[bad.csv line 3, column 2: 'abc' is not a number]]"


def test_no_translator_restores_the_exact_english(translated, tmp_path):
    before = (diverged_reason(), config_error(**{"model.l2": -1}), data_error(tmp_path))
    assert before[1] == "model.l2: λ must be at least 0"
    assert before[2] == "bad.csv line 3, column 2: 'abc' is not a number"
    translated(wrap)
    during = (diverged_reason(), config_error(**{"model.l2": -1}), data_error(tmp_path))
    assert all("[[" in text for text in during)
    set_translator(None)
    assert (diverged_reason(), config_error(**{"model.l2": -1}), data_error(tmp_path)) == before


def test_a_translation_that_would_break_format_falls_back_to_english(translated):
    translated(lambda t: "{오타} 샘플" if t.startswith("need at least") else t)
    assert config_error(**{"data.n_samples": 2}) == "data.n_samples: need at least 4 samples"
    translated(lambda t: "{ 깨짐")
    assert tr("step {n}").format(n=3) == "step 3"


def test_the_handout_goes_through_tr(translated):
    trainer = Trainer(load_lesson("xor").config)
    trainer.run(3)
    example = worked_example(trainer, sample=1)
    english = to_markdown(example)
    translated(wrap)
    lines = [line for line in to_markdown(example).splitlines() if line]
    # The numbers-only lines (u = …, w1[1,1]: …, y = (…), E = …) have no prose to translate.
    prose = [line for line in lines if not re.match(r"- [uwb]\d|y = \(", line)]
    assert len(prose) >= 10
    assert [line for line in prose if "[[" not in line] == []
    assert "<title>[[nnlens worked example]]</title>" in to_html(example)
    set_translator(None)
    assert to_markdown(example) == english


# ---------------------------------------------------------------------- the source itself
def _calls(tree: ast.AST, name: str):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
            yield node


def _is_tr(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"


def _untranslated_text(node: ast.AST) -> list[str]:
    """Literal text in ``node`` that does not go through ``tr()``. A ``.format()``'s keyword
    values are the values that fill a template's blanks (names, separators), so they count."""
    if _is_tr(node):
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [ast.unparse(node)]
    found = []
    if isinstance(node, ast.Call):
        is_format = isinstance(node.func, ast.Attribute) and node.func.attr == "format"
        found += _untranslated_text(node.func)
        for arg in node.args:
            found += _untranslated_text(arg)
        if not is_format:
            for keyword in node.keywords:
                found += _untranslated_text(keyword.value)
        return found
    for child in ast.iter_child_nodes(node):
        found += _untranslated_text(child)
    return found


def _messages(tree: ast.AST):
    """(line, message expression) of every raised error and every ``_require`` message."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            call = node.exc
            name = call.func.id if isinstance(call.func, ast.Name) else ""
            # ConfigError(field, message): the field is a setting's name, not translated.
            for arg in call.args[1:] if name == "ConfigError" else call.args:
                yield node.lineno, arg
    for call in _calls(tree, "_require"):
        yield call.lineno, call.args[2]


def test_every_raised_message_goes_through_tr():
    leaks = []
    for path in FILES:
        for line, message in _messages(ast.parse(path.read_text(encoding="utf-8"))):
            for text in _untranslated_text(message):
                if (path.name, text) not in NOT_FOR_USERS:
                    leaks.append(f"{path.name}:{line}: {text!r}")
    assert leaks == []


def test_the_scan_catches_an_english_message():
    tree = ast.parse(
        'raise ConfigError("a.b", f"bad {x}")\n'
        'raise DataError("{name}: oops".format(name=n))\n'
        'raise DataError(tr("{name}: fine").format(name=", ".join(n)))\n'
        'raise ConfigError("model.l2", tr("fine"))\n'
    )
    found = [(line, _untranslated_text(m)) for line, m in _messages(tree)]
    assert found == [(1, ["f'bad {x}'"]), (2, ["{name}: oops"]), (3, []), (4, [])]


def _templates():
    for path in FILES:
        for call in _calls(ast.parse(path.read_text(encoding="utf-8")), "tr"):
            yield path.name, call


def test_templates_are_literal_and_have_only_named_blanks():
    templates = list(_templates())
    assert len(templates) > 150
    problems = []
    for name, call in templates:
        arg = call.args[0] if len(call.args) == 1 and not call.keywords else None
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            problems.append(
                f"{name}:{call.lineno}: not one literal string (lupdate cannot read it)"
            )
            continue
        try:
            fields = [(f, c) for _, f, _, c in string.Formatter().parse(arg.value) if f is not None]
        except ValueError as exc:
            problems.append(f"{name}:{call.lineno}: {exc}")
            continue
        for field, conversion in fields:
            if not field.isidentifier() or conversion:
                problems.append(f"{name}:{call.lineno}: blank {{{field}}} in {arg.value!r}")
    assert problems == []
