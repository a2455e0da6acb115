"""Every malformed file in tests/bad_files.py through the real command line: a non-zero exit,
one line on stderr that names the problem, and no traceback.

``main.main(argv)`` is the code path ``python main.py`` runs, so most cases call it in process
(an exception escaping it is what a user would see as a traceback); two cases also run the real
interpreter to check what reaches the terminal.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from bad_files import CASES, BadFile

ROOT = Path(__file__).resolve().parent.parent


def _main_module():
    spec = importlib.util.spec_from_file_location("nnlens_main", ROOT / "main.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAIN = _main_module()


def _assert_one_clear_line(stderr: str, case: BadFile) -> None:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("nnlens: error: "), stderr
    for word in case.words:
        assert word in lines[0], f"{word!r} missing from {lines[0]!r}"


@pytest.mark.parametrize("command", ["train", "worked-example"])
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_file_gives_one_line_and_a_nonzero_exit(tmp_path, capsys, case, command):
    path = case.make(tmp_path)
    argv = [command, "--config", str(path), "--steps", "2"]
    if command == "worked-example":
        argv += ["--out", str(tmp_path / "handout.md")]
    try:
        code = MAIN.main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    captured = capsys.readouterr()
    assert code not in (0, None)
    assert captured.out == ""
    _assert_one_clear_line(captured.err, case)
    assert not (tmp_path / "handout.md").exists()


def test_a_preset_that_does_not_exist_names_the_lessons(capsys):
    assert MAIN.main(["train", "--preset", "mnist", "--steps", "2"]) == 2
    line = capsys.readouterr().err.strip()
    assert line.startswith("nnlens: error: preset: no lesson called 'mnist'")
    assert "xor" in line


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.id in ("toml-binary-garbage", "npz-truncated")],
    ids=lambda case: case.id,
)
def test_the_real_interpreter_prints_no_traceback(tmp_path, case):
    path = case.make(tmp_path)
    result = subprocess.run(
        [sys.executable, "main.py", "train", "--config", str(path), "--steps", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    _assert_one_clear_line(result.stderr, case)
