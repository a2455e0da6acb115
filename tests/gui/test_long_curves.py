"""Loss curves of a long run: the thinned history is drawn at its own steps, to the last one."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

pytest.importorskip("pytestqt")
pg = pytest.importorskip("pyqtgraph")

from PySide6 import QtWidgets  # noqa: E402

from engine.history_series import Curves  # noqa: E402
from engine.presets import load_lesson  # noqa: E402
from engine.snapshot import Snapshot  # noqa: E402
from engine.trainer import Trainer  # noqa: E402
from gui.panels.curves import LossPanel  # noqa: E402
from gui.panels.overlay import OverlayCurvesPanel  # noqa: E402

STEPS = 100_000


def long_run(snapshot: Snapshot, steps: int = STEPS) -> Snapshot:
    """``snapshot`` as if it came after ``steps`` steps of a slowly falling loss."""
    curves = Curves(len(snapshot.layer_sizes) - 1)
    for step in range(1, steps + 1):
        curves.losses.append(step, 1.0 / np.sqrt(step))
        if step % 50 == 0:
            curves.evals.append(step, (0.9 / np.sqrt(step), 0.8, 1.0 / np.sqrt(step), 0.7), [1.0])
    return dataclasses.replace(snapshot, step=steps, history=curves.history())


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    config = load_lesson("xor").config.with_changes({"model.hidden": []})
    trainer = Trainer(config)
    trainer.run(10)
    return trainer.snapshot()


def drawn(panel, name: str) -> tuple[np.ndarray, np.ndarray]:
    for view in panel.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if isinstance(item, pg.PlotDataItem) and item.name() == name:
                return item.xData, item.yData  # as set, before on-screen downsampling
    raise LookupError(name)


def test_the_loss_panel_draws_a_thinned_history_at_its_steps(qtbot, snapshot):
    panel = LossPanel()
    qtbot.addWidget(panel)
    late = long_run(snapshot)
    panel.show_snapshot(late)
    x, y = drawn(panel, "mini-batch loss")
    assert x[0] == 8 and x[-1] == STEPS and len(x) == STEPS // 8
    assert y[-1] == pytest.approx(np.mean(1 / np.sqrt(np.arange(STEPS - 7, STEPS + 1))))
    labels = " ".join(w.text() for w in panel.findChildren(QtWidgets.QLabel))
    assert f"step {STEPS}" in labels

    panel.show_snapshot(long_run(snapshot, 30_000))  # rewound: the curve starts over
    x, _ = drawn(panel, "mini-batch loss")
    assert x[-1] == 30_000 and len(x) == 15_000


def test_the_comparison_curves_span_the_long_run(qtbot, snapshot):
    panel = OverlayCurvesPanel()
    qtbot.addWidget(panel)
    panel.show_snapshot(long_run(snapshot))
    spans = [
        (x[0], x[-1])
        for view in panel.findChildren(pg.GraphicsView)
        for item in view.scene().items()
        if isinstance(item, pg.PlotDataItem)
        for x in [item.xData]
        if x is not None and len(x)
    ]
    assert (8, STEPS) in spans  # the smoothed mini-batch loss, at the thinned steps
