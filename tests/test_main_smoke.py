"""`python main.py` starts the real app offscreen, trains through its thread, quits cleanly."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def run_main(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_main_trains_screenshots_and_quits(tmp_path):
    shot = tmp_path / "tmp.png"
    result = run_main(
        tmp_path, "--preset", "xor", "--steps", "20", "--screenshot", str(shot), "--quit"
    )
    assert result.returncode == 0, result.stderr
    assert "QThread: Destroyed while thread is still running" not in result.stderr
    assert "Traceback" not in result.stderr
    assert shot.exists()
    assert png_size(shot) == (1600, 1000)


def test_unwritable_screenshot_fails_with_a_message(tmp_path):
    result = run_main(
        tmp_path, "--steps", "1", "--screenshot", str(tmp_path / "missing" / "shot.png"), "--quit"
    )
    assert result.returncode == 1
    assert "cannot write the screenshot" in result.stderr
    assert "QThread" not in result.stderr


def test_bad_config_file_fails_before_the_window(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[model\n", encoding="utf-8")
    result = run_main(tmp_path, "--config", str(bad), "--quit")
    assert result.returncode == 2
    assert "not valid TOML" in result.stderr
