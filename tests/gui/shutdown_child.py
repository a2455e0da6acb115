"""Run the app as ``python main.py --preset xor`` does and close its window mid-task.

``python tests/gui/shutdown_child.py SCENARIO OUT_DIR`` opens the xor lesson (its comparison
window trains beside the dashboard), presses play at full speed, and then:

- ``play``: closes the window after about a second of training;
- ``export``: writes the dashboard as a 4K PNG into OUT_DIR through ``export_dashboard`` (what
  the Export dialog calls), with the window's close requested while it renders;
- ``record``: opens the Export dialog, records a GIF of the next steps into OUT_DIR from it and
  closes the window while the recording runs.

The process exits with ``main.py``'s code; ``tests/gui/test_shutdown.py`` checks it and stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import main
from gui.app import application
from gui.export import export_dashboard
from gui.export_dialog import ExportDialog
from gui.window import MainWindow

CLOSE_AFTER_MS = 1000


def _window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def _say(text: str) -> None:
    print(text, flush=True)


def play(window: MainWindow, out: Path) -> None:
    QTimer.singleShot(CLOSE_AFTER_MS, window.close)


def export(window: MainWindow, out: Path) -> None:
    def run() -> None:
        QTimer.singleShot(0, window.close)  # requested now, handled when the export yields
        path = export_dashboard(
            window.newest_snapshot,
            out / "dashboard.png",
            size=(3840, 2160),
            panels=window.panels,
            screen_theme=window.theme,
        )
        _say(f"exported {path.name}")

    QTimer.singleShot(CLOSE_AFTER_MS, run)


def record(window: MainWindow, out: Path) -> None:
    def start() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ExportDialog))
        box = dialog.animation
        box.setChecked(True)
        box.path.setText(str(out / "run.gif"))
        box.count.setValue(100_000)
        box.every.setValue(500)
        QTimer.singleShot(CLOSE_AFTER_MS, window.close)
        _say("recording")
        box.record_button.click()
        _say("recording returned")

    def open_dialog() -> None:
        QTimer.singleShot(0, start)
        window.extras.export_figure(None)
        _say("dialog returned")

    QTimer.singleShot(300, open_dialog)


SCENARIOS = {"play": play, "export": export, "record": record}


def arm(scenario: str, out: Path) -> None:
    """Once the window is up: play at full speed, then run the scenario."""
    window = _window()
    window.transport.play.trigger()
    SCENARIOS[scenario](window, out)


if __name__ == "__main__":
    scenario, out = sys.argv[1], Path(sys.argv[2])
    application()
    QTimer.singleShot(0, lambda: arm(scenario, out))
    code = main.main(["--preset", "xor"])
    _say(f"exit {code}")
    sys.exit(code)
