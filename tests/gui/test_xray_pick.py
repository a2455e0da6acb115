"""Picking the X-ray's sample by clicking a point on the decision-boundary panel."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from gui.panels.decision import CLICK_RADIUS


def _points_on_screen(panel, X):
    """Each row of ``X`` (N, 2) where the panel draws it, in its canvas's viewport pixels."""
    canvas, vb = panel._canvases[0], panel._plots[0].vb
    return np.array(
        [
            (p.x(), p.y())
            for p in (canvas.mapFromScene(vb.mapViewToScene(QPointF(*xy))) for xy in X)
        ],
        dtype=float,
    )


def _click(qtbot, panel, xy):
    canvas = panel._canvases[0]
    pos = canvas.mapFromScene(panel._plots[0].vb.mapViewToScene(QPointF(*xy)))
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _isolated(pixels, others, inside):
    """The index of the point of ``pixels`` (among those ``inside``) farthest from every other
    drawn point."""
    everything = np.vstack([pixels, others])
    gaps = np.hypot(*(everything[None, :, :] - pixels[:, None, :]).transpose(2, 0, 1))
    gaps[np.arange(len(pixels)), np.arange(len(pixels))] = np.inf
    gaps = np.where(inside[:, None], gaps, -1.0)
    k = int(np.argmax(gaps.min(axis=1)))
    assert gaps[k].min() > CLICK_RADIUS, "no point stands apart from the rest"
    return k


def _window(open_window):
    window = open_window()
    decision = window.extras.decision
    assert window.docks["decision"].isVisible()
    data = window.newest_snapshot.data
    canvas = decision._canvases[0]
    train = _points_on_screen(decision, data.X_train)
    val = _points_on_screen(decision, data.X_val)
    view = canvas.viewport().rect().adjusted(20, 20, -20, -20)
    inside = np.array([view.contains(int(x), int(y)) for x, y in train])
    return window, decision, data, train, val, inside


def test_clicking_a_training_point_makes_the_xray_follow_it(qtbot, open_window):
    window, decision, data, train, val, inside = _window(open_window)
    row = _isolated(train, val, inside)
    assert not window.docks["xray"].isVisible()
    _click(qtbot, decision, data.X_train[row])
    xray = window.extras.xray
    qtbot.waitUntil(lambda: xray.stepper is not None, timeout=10_000)
    assert window.docks["xray"].isVisible()
    assert xray.stepper.row == row and xray.sample.value() == row
    np.testing.assert_array_equal(xray.stepper.ray.x[0], data.X_train[row])

    # A second point while the X-ray is open: it follows at once, in one-sample mode.
    xray.mode.setCurrentIndex(1)
    second = _isolated(np.delete(train, row, axis=0), val, np.delete(inside, row))
    second += second >= row
    _click(qtbot, decision, data.X_train[second])
    assert xray.stepper.row == second and not xray.stepper.mean
    np.testing.assert_array_equal(xray.stepper.ray.x[0], data.X_train[second])


def test_the_followed_sample_is_ringed_while_the_xray_shows_it(qtbot, open_window):
    window, decision, data, train, val, inside = _window(open_window)
    row = _isolated(train, val, inside)
    canvas = decision._canvases[0]
    ratio = canvas.devicePixelRatioF()
    ink = QColor(window.theme.foreground)

    def ring_pixels():
        """Pixels of the foreground colour 6 to 12 px from the point's centre."""
        image = canvas.viewport().grab().toImage()
        (x, y), *_ = _points_on_screen(decision, data.X_train[[row]])  # docks may have moved
        count = 0
        for dx in range(-12, 13):
            for dy in range(-12, 13):
                if 6 <= np.hypot(dx, dy) <= 12:
                    c = image.pixelColor(int((x + dx) * ratio), int((y + dy) * ratio))
                    diff = abs(c.red() - ink.red()) + abs(c.green() - ink.green())
                    count += diff + abs(c.blue() - ink.blue()) < 60
        return count

    assert ring_pixels() < 5
    _click(qtbot, decision, data.X_train[row])
    qtbot.waitUntil(lambda: window.extras.xray.stepper is not None, timeout=10_000)
    qtbot.waitUntil(lambda: ring_pixels() > 30, timeout=5000)
    window.extras.xray.mode.setCurrentIndex(1)  # the batch mean follows no single sample
    qtbot.waitUntil(lambda: ring_pixels() < 5, timeout=5000)
    window.extras.xray.mode.setCurrentIndex(0)
    qtbot.waitUntil(lambda: ring_pixels() > 30, timeout=5000)
    window.docks["xray"].hide()
    qtbot.waitUntil(lambda: ring_pixels() < 5, timeout=5000)


def test_a_click_far_from_every_point_changes_nothing(qtbot, open_window):
    window, decision, data, train, val, _ = _window(open_window)
    canvas = decision._canvases[0]
    everything = np.vstack([train, val])
    vb_rect = canvas.mapFromScene(decision._plots[0].vb.sceneBoundingRect()).boundingRect()
    empty = None
    for px in range(vb_rect.left() + 5, vb_rect.right() - 5, 4):
        for py in range(vb_rect.top() + 5, vb_rect.bottom() - 5, 4):
            if np.hypot(*(everything - (px, py)).T).min() > 3 * CLICK_RADIUS:
                empty = (px, py)
                break
        if empty:
            break
    assert empty is not None
    seen = []
    decision.training_point_clicked.connect(seen.append)
    decision.validation_point_clicked.connect(seen.append)
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPointF(*empty).toPoint())
    qtbot.wait(100)
    assert seen == []
    assert not window.docks["xray"].isVisible() and window.extras.xray.stepper is None

    # With the X-ray open on a sample, an empty click keeps that sample.
    row = _isolated(train, val, np.ones(len(train), bool))
    _click(qtbot, decision, data.X_train[row])
    qtbot.waitUntil(lambda: window.extras.xray.stepper is not None, timeout=10_000)
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPointF(*empty).toPoint())
    assert window.extras.xray.stepper.row == row


def test_a_validation_point_is_not_a_training_sample(qtbot, open_window):
    window, decision, data, train, val, _ = _window(open_window)
    view = decision._canvases[0].viewport().rect().adjusted(20, 20, -20, -20)
    inside = np.array([view.contains(int(x), int(y)) for x, y in val])
    k = _isolated(val, train, inside)
    _click(qtbot, decision, data.X_val[k])
    assert "Validation point" in window.statusBar().currentMessage()
    assert not window.docks["xray"].isVisible() and window.extras.xray.stepper is None
