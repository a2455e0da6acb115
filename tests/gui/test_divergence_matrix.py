"""Every optimizer × hidden activation with a huge learning rate, in the real window: the run
pauses itself, the status bar says why, the GUI keeps running and no NaN or inf reaches a plot.

The learning rates were checked to make every case diverge (``Trainer`` headless, the xor
lesson): 1e6 for all but Adadelta, whose step is η times the ratio of two running averages and
stays finite for sigmoid and tanh at 1e6; 1e12 makes it diverge too. 1e300 additionally puts
weights near the float64 limit into the last drawn snapshot, where any square overflows.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from engine.activations import NAMES
from engine.errors import ConfigError
from engine.optimizers import OPTIMIZERS
from engine.trainer import Trainer
from gui.transport import SPEEDS
from tests.gui.plot_data import non_finite_items

HUGE = {"adadelta": 1e12}
TRAINABLE = [name for name in NAMES if name != "step"]
CASES = [(o, a, HUGE.get(o, 1e6)) for o in OPTIMIZERS for a in TRAINABLE]
CASES += [("sgd", "relu", 1e300), ("adam", "sigmoid", 1e300)]
CAUSES = ("loss became", "loss exploded", "gradients became", "weights became")
STEPS = 20_000


@pytest.mark.parametrize(("optimizer", "activation", "lr"), CASES)
def test_huge_learning_rate_pauses_with_a_reason_and_plots_stay_finite(
    qtbot, open_window, xor_config, optimizer, activation, lr
):
    config = xor_config.with_changes(
        {"optimizer.name": optimizer, "optimizer.lr": lr, "model.activation": activation}
    )
    headless = Trainer(config)
    headless.run(STEPS)
    assert headless.diverged, f"{optimizer} {activation} η {lr:g} stayed finite"

    window = open_window(config)
    drawn, bad = [], []
    window.frame_drawn.connect(lambda snapshot: bad.extend(non_finite_items(window)))
    window.frame_drawn.connect(drawn.append)
    ticks = []
    probe = QTimer(window)
    probe.setInterval(1)
    probe.timeout.connect(lambda: ticks.append(1))
    probe.start()
    window.transport.play.trigger()
    qtbot.waitUntil(lambda: bool(drawn and drawn[-1].diverged), timeout=10_000)
    probe.stop()

    assert not window.transport.play.isChecked()
    assert window.status_alarm.isVisible()
    text = window.status_alarm.text()
    assert headless.diverged in text  # same step, same cause, same advice as the engine's
    assert any(cause in text for cause in CAUSES), text
    assert f"at step {headless.step_count + 1}" in text
    assert f"learning rate {lr:g}" in text and optimizer in text
    assert ticks, "the GUI's event loop did not run between play and the pause"
    assert drawn[-1].step == headless.step_count  # the last finite weights are what is shown
    assert bad == []  # in any frame drawn

    window.transport.step.trigger()  # a diverged run stays put until reset
    qtbot.wait(50)
    assert window.training.worker.trainer.step_count == headless.step_count


def test_the_step_activation_is_refused_rather_than_trained(xor_config):
    with pytest.raises(ConfigError, match="step function"):
        xor_config.with_changes({"model.activation": "step"})


def test_a_long_diverging_run_keeps_the_window_drawing(qtbot, open_window, xor_config):
    """SGD with sigmoid at η 1e6 trains 570 steps before its loss explodes; at 200 steps/s on
    the speed slider (about 3 s, so a loaded machine still draws many frames on the way) the
    window draws frames and its timers fire while that runs, and no frame holds a NaN."""
    config = xor_config.with_changes({"optimizer.name": "sgd", "optimizer.lr": 1e6})
    config = config.with_changes({"model.activation": "sigmoid"})
    window = open_window(config)
    window.transport.speed.setValue(SPEEDS.index(200))
    drawn, bad, ticks = [], [], []
    window.frame_drawn.connect(lambda snapshot: bad.extend(non_finite_items(window)))
    window.frame_drawn.connect(drawn.append)
    probe = QTimer(window)
    probe.setInterval(1)
    probe.timeout.connect(lambda: ticks.append(window.transport.play.isChecked()))
    probe.start()
    window.transport.play.trigger()
    qtbot.waitUntil(lambda: bool(drawn and drawn[-1].diverged), timeout=30_000)
    probe.stop()
    assert "at step 571" in window.status_alarm.text()
    assert [s for s in drawn if 1 < s.step < 570], [s.step for s in drawn]
    assert ticks.count(True) >= 10
    assert bad == []


def test_the_plot_walk_finds_a_nan_in_each_kind_of_item(qtbot):
    import numpy as np
    import pyqtgraph as pg

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    nan = np.array([0.0, np.nan, 1.0])
    widget.addItem(pg.PlotDataItem([0.0, 1.0, 2.0], nan))
    widget.addItem(pg.ScatterPlotItem(x=[0.0, np.inf], y=[0.0, 1.0]))
    widget.addItem(pg.BarGraphItem(x=[0.0, 1.0], height=nan[:2], width=0.5))
    widget.addItem(pg.ImageItem(np.array([[np.nan, 1.0], [0.0, 1.0]])))
    found = non_finite_items(widget)
    kinds = {line.split(": ")[1].split(".")[0] for line in found}
    assert kinds >= {"BarGraphItem", "ImageItem", "PlotDataItem", "ScatterPlotItem"}, found

    finite = pg.PlotWidget()
    qtbot.addWidget(finite)
    finite.addItem(pg.PlotDataItem([0.0, 1.0], [1.0, 2.0]))
    finite.addItem(pg.ImageItem(np.eye(2)))
    assert non_finite_items(finite) == []
