"""Helpers the window tests share: wait for a drawn step, compare two sets of weights."""

from __future__ import annotations

import numpy as np


def drawn_at(qtbot, window, step, action, timeout=10_000):
    """Run ``action`` and wait until the window has drawn the snapshot of ``step``."""
    with qtbot.waitSignal(
        window.frame_drawn, timeout=timeout, check_params_cb=lambda snapshot: snapshot.step == step
    ) as blocker:
        action()
    return blocker.args[0]


def assert_same_params(a, b):
    assert a.keys() == b.keys()
    for name in a:
        np.testing.assert_array_equal(a[name], b[name], err_msg=name)
