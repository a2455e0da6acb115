"""Closing the window mid-task ends the app cleanly: exit code 0 and no Qt thread or timer
warning, no traceback. Each case runs ``tests/gui/shutdown_child.py`` (the app as
``python main.py --preset xor`` starts it, the xor lesson's comparison training beside the
dashboard) in a process of its own, so its exit code and stderr can be read."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

CHILD = Path(__file__).with_name("shutdown_child.py")
FORBIDDEN = (
    "QThread: Destroyed while thread is still running",
    "QObject::",
    "QBasicTimer",
    "Traceback",
    "Fatal Python error",
)


def run_child(scenario: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    out = tmp_path / "out"
    out.mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # settings and autosave of its own
    }
    return subprocess.run(
        [sys.executable, str(CHILD), scenario, str(out)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_clean_exit(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stderr
    assert "exit 0" in result.stdout
    for warning in FORBIDDEN:
        assert warning not in result.stderr, result.stderr


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_closing_while_training_at_full_speed(tmp_path):
    assert_clean_exit(run_child("play", tmp_path))


def test_closing_during_a_4k_export_finishes_the_file_then_exits(tmp_path):
    """The export runs in the GUI thread, so the close (requested as it starts) is handled
    once the file is written: a complete 4K PNG and a clean exit, training going on beside."""
    result = run_child("export", tmp_path)
    assert_clean_exit(result)
    assert "exported dashboard.png" in result.stdout
    assert png_size(tmp_path / "out" / "dashboard.png") == (3840, 2160)
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["dashboard.png"]


def test_closing_during_an_animation_recording_cancels_it_and_exits(tmp_path):
    """The recording (started from the Export dialog) is cancelled: no GIF, no partial file
    left behind, and the app does not wait on the dialog it ran in."""
    result = run_child("record", tmp_path)
    assert_clean_exit(result)
    assert "recording returned" in result.stdout and "dialog returned" in result.stdout
    assert list((tmp_path / "out").iterdir()) == []
