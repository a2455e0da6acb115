"""Shared test setup. Qt runs offscreen, and settings never touch the user's own files.

The environment is set here, before anything imports Qt; fixtures import Qt lazily so the
engine's tests stay Qt-free.
"""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # as main.py: BLAS threads fight the training thread
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="nnlens-test-config-")


@pytest.fixture
def settings(tmp_path):
    """A QSettings file of the test's own."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "nnlens.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def xor_config():
    from engine.presets import load_lesson

    return load_lesson("xor").config


@pytest.fixture
def open_window(qtbot, settings, xor_config):
    """``open_window(config=None, **options)``: the real window at 1600×1000, shown, with its
    first snapshot drawn. Every window is closed after the test and its thread checked ended."""
    from gui.window import MainWindow

    windows = []

    def make(config=None, **options):
        window = MainWindow(config or xor_config, settings=settings, **options)
        qtbot.addWidget(window)
        window.resize(1600, 1000)
        with qtbot.waitSignal(window.frame_drawn, timeout=10_000):
            window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        assert window.training.qthread.isFinished()
