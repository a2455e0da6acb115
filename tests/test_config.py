"""ExperimentConfig: validation names the bad field; TOML round trips exactly."""

from __future__ import annotations

import pytest

from engine import ConfigError, ExperimentConfig
from engine.presets import lesson_names, load_lesson


def test_default_config_is_valid_and_round_trips_through_toml(tmp_path):
    config = ExperimentConfig(name="demo", seed=4)
    config.optimizer.hyper["beta1"] = 0.8
    path = tmp_path / "demo.toml"
    config.save(path)
    loaded = ExperimentConfig.load(path)
    assert loaded == config
    assert "[optimizer]" in path.read_text() and "beta1 = 0.8" in path.read_text()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"model.activation": "swish"}, "model.activation"),
        ({"model.hidden": [4, 0]}, "model.hidden[1]"),
        ({"model.hidden": "4"}, "model.hidden"),
        ({"model.dropout": 1.0}, "model.dropout"),
        ({"model.init": "glorot"}, "model.init"),
        ({"model.l2": -0.1}, "model.l2"),
        ({"model.task": "multiclass", "data.dataset": "sine"}, "model.task"),
        ({"optimizer.name": "lbfgs"}, "optimizer.name"),
        ({"optimizer.lr": 0}, "optimizer.lr"),
        ({"optimizer.lr": "fast"}, "optimizer.lr"),
        ({"optimizer.gamma": 0.5}, "optimizer.gamma"),
        ({"data.dataset": "mnist-online"}, "data.dataset"),
        ({"data.dataset": "csv"}, "data.path"),
        ({"data.noise": -1}, "data.noise"),
        ({"data.validation_fraction": 0.6, "data.test_fraction": 0.5}, "data.validation_fraction"),
        ({"data.n_samples": True}, "data.n_samples"),
        ({"training.batch_size": -3}, "training.batch_size"),
        ({"training.batch_size": 2.5}, "training.batch_size"),
        ({"model.activation": "step"}, "model.activation"),
        ({"seed": -1}, "seed"),
    ],
)
def test_invalid_fields_are_named(changes, field):
    with pytest.raises(ConfigError) as caught:
        ExperimentConfig().with_changes(changes)
    assert caught.value.field == field
    assert str(caught.value).startswith(field + ":")


def test_unknown_keys_and_bad_toml_are_reported(tmp_path):
    with pytest.raises(ConfigError, match=r"model\.hiden: unknown setting"):
        ExperimentConfig.from_toml("[model]\nhiden = [3]\n")
    with pytest.raises(ConfigError, match="unknown setting"):
        ExperimentConfig.from_toml("colour = 'red'\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        ExperimentConfig.from_toml("[model\n")
    with pytest.raises(ConfigError, match="cannot read"):
        ExperimentConfig.load(tmp_path / "missing.toml")
    binary = tmp_path / "garbage.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError):
        ExperimentConfig.load(binary)


def test_save_to_an_unwritable_place_keeps_the_old_file(tmp_path):
    path = tmp_path / "keep.toml"
    ExperimentConfig(name="old").save(path)
    before = path.read_text()
    with pytest.raises(ConfigError, match="cannot write"):
        ExperimentConfig(name="new").save(tmp_path / "no-such-dir" / "x.toml")
    assert path.read_text() == before


def test_with_changes_returns_a_new_validated_config():
    base = ExperimentConfig()
    changed = base.with_changes({"optimizer.lr": 0.5, "model.hidden": [8]})
    assert changed.optimizer.lr == 0.5 and changed.model.hidden == [8]
    assert base.optimizer.lr == 0.01


def test_binary_data_may_be_trained_as_two_classes_or_values():
    ExperimentConfig().with_changes({"model.task": "multiclass"})
    ExperimentConfig().with_changes({"model.task": "regression"})


def test_every_shipped_lesson_loads():
    assert {"xor", "digits"} <= set(lesson_names())
    for name in lesson_names():
        lesson = load_lesson(name)
        assert lesson.title and lesson.explanation
        assert lesson.config.name == name


def test_unknown_lesson_lists_the_available_ones():
    with pytest.raises(ConfigError, match=r"available: .*xor"):
        load_lesson("nope")


def test_changing_the_optimizer_drops_the_old_ones_settings_but_keeps_the_rate():
    adam = ExperimentConfig().with_changes(
        {"optimizer.name": "adam", "optimizer.lr": 0.05, "optimizer.beta1": 0.8}
    )
    sgd = adam.with_changes({"optimizer.name": "sgd"})
    assert sgd.optimizer.name == "sgd"
    assert sgd.optimizer.lr == 0.05
    assert sgd.optimizer.hyper == {}
    momentum = adam.with_changes({"optimizer.name": "momentum", "optimizer.momentum": 0.5})
    assert momentum.optimizer.hyper == {"momentum": 0.5}
    # the same optimizer keeps its settings
    assert adam.with_changes({"optimizer.lr": 0.1}).optimizer.hyper == {"beta1": 0.8}


def test_compare_across_optimizers_from_an_adam_experiment():
    from engine.compare import vary

    base = ExperimentConfig().with_changes({"optimizer.name": "adam", "optimizer.beta2": 0.99})
    variants = vary(base, "optimizer.name", ["sgd", "adam"])
    assert [v.config.optimizer.name for v in variants] == ["sgd", "adam"]
    assert variants[0].config.optimizer.hyper == {}
