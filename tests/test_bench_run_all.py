"""bench/run_all.py: the RESULTS.md it writes from the benches' figures, and how it runs them.

The benches themselves take minutes, so these tests feed the writer hand-made figures and the
runner tiny stand-in scripts.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    import results_md
    import run_all

    return results_md, run_all


def engine_case(title: str, nnlens: float, plain: float, sklearn: float, torch: float) -> dict:
    return {
        "case": title,
        "us_per_step": {
            "nnlens": nnlens,
            "nnlens (eval every 50)": nnlens * 1.1,
            "plain NumPy": plain,
            "scikit-learn": sklearn,
            "PyTorch CPU": torch,
        },
    }


def figures() -> dict:
    """Every target met except the GUI redraws (20 < 25) and the XOR floor ratio (1.25×)."""
    gui = {
        "redraws": 20.0,
        "stall": 30.0,
        "fraction": 0.55,
        "first_frame_xor": 1.0,
        "first_frame_digits": 1.2,
        "gui_rate": 440.0,
        "headless_rate": 800.0,
        "frame_cost": 0.014,
        "busy": 0.024,
        "snapshot_cost": 0.007,
        "rounds": [[20.0, 440, 800]],
        "hidden": [],
        "costs": {"graph": 2.0},
        "paint": {"graph": 4.0},
        "seconds": 10.0,
    }
    export = {"size": [3840, 2160], "rounds": 5, "panel_png_s": 0.3}
    for fmt, t in (("png", 0.8), ("svg", 0.7), ("pdf", 0.5)):
        export[fmt] = {"median_s": t, "fastest_s": t, "cpu_s": t, "mb": 1.0}
    row = {"nnlens_us": 200.0, "plain_us": 100.0}
    scaling = {
        "rounds": 5,
        "width": [{"size": w, **row} for w in (16, 1024)],
        "depth": [{"size": d, **row} for d in (1, 10)],
        "probe": [{"probe": 3000, "rows_forward": 3000, "full_ms": 12.0, "live_ms": 9.0}],
        "growth": {
            "width_exponent": 1.0,
            "width_ns_per_unit": 3.0,
            "depth_us_per_layer": 100.0,
            "depth_exponent": 0.9,
        },
    }
    return {
        "engine": {
            "rounds": 7,
            "cases": [
                engine_case("XOR", 125.0, 100.0, 300.0, 600.0),
                engine_case("digits", 600.0, 600.0, 800.0, 1200.0),
            ],
            "snapshot_ms": 7.0,
        },
        "gui": gui,
        "export": export,
        "scaling": scaling,
        "longrun": {
            "headless_steps": 100_000,
            "headless_rss_start_mb": 100.0,
            "headless_rss_peak_mb": 104.0,
            "headless_rss_at_50000_mb": 103.0,
            "headless_rss_at_10000_mb": 101.0,
            "gui_steps": 20_000,
            "gui_rss_start_mb": 200.0,
            "gui_rss_peak_mb": 230.0,
            "bound_mb": 25.0,
        },
    }


def summary_rows(text: str) -> dict[str, list[str]]:
    table = text.split("## Summary")[1].split("\n\n")[1]
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows}


def test_summary_has_a_row_per_target_and_says_no_where_missed(bench):
    results_md, _ = bench
    text = results_md.render(figures(), {"CPU": "Test CPU", "cores": "2"}, "today")
    rows = summary_rows(text)
    # 2 rows per engine case, snapshot, 5 GUI, 3 export, 2 long-run
    assert len(rows) == 2 * 2 + 1 + 5 + 3 + 2
    assert rows["engine step, XOR: nnlens ÷ plain NumPy floor"] == ["1.25×", "≤ 1.2×", "**no**"]
    assert (
        rows["engine step, XOR: nnlens ÷ fastest peer (below 1: faster than both)"][0]
        == f"{125 / 300:.2f}×"
    )
    assert rows["engine step, digits: nnlens ÷ plain NumPy floor"][-1] == "yes"
    assert rows["dashboard redraws per second while training"] == ["20.0", "≥ 25", "**no**"]
    assert rows["dashboard export PNG at 3840×2160 (median)"][-1] == "yes"
    assert rows["headless RSS growth over the long run (peak − start)"][:2] == ["4.0 MB", "≤ 25 MB"]
    assert rows["GUI RSS growth over the long run (peak − start)"][-1] == "**no**"
    missed = text.split("Targets missed in this run:")[1].split("##")[0]
    assert "redraws" in missed and "XOR" in missed and "GUI RSS" in missed
    assert "stall" not in missed
    long_runs = text.split("## Long runs")[1]
    assert "| window | 20,000 | — | 200.0 → 230.0 → — | — | 30.0 |" in long_runs
    assert "| 10,000: 101.0, 50,000: 103.0 | 4.0 |" in long_runs
    assert "Test CPU" in text


def test_a_missing_or_failed_bench_is_named_and_its_targets_not_judged(bench):
    results_md, _ = bench
    data = figures()
    data["longrun"] = {"missing": "`bench/longrun_bench.py` does not exist yet: no figures."}
    data["export"] = {"error": "exit status 1: ValueError: boom"}
    text = results_md.render(data, {}, "today", quick=True)
    rows = summary_rows(text)
    assert rows["dashboard export SVG at 3840×2160 (median)"] == ["not measured", "< 1 s", "—"]
    assert rows["GUI RSS growth over the long run (peak − start)"][0] == "not measured"
    assert "does not exist yet" in text.split("## Long runs")[1]
    assert "ValueError: boom" in text.split("## Export")[1]
    assert "Quick smoke run" in text


def test_every_target_met_says_so(bench):
    results_md, _ = bench
    data = figures()
    data["gui"]["redraws"] = 30.0
    data["engine"]["cases"][0]["us_per_step"]["nnlens"] = 90.0
    data["longrun"]["gui_rss_peak_mb"] = 210.0
    text = results_md.render(data, {}, "today")
    assert "**no**" not in text
    assert "Every measured target was met" in text


def test_runner_collects_json_reports_failures_and_missing_scripts(bench, tmp_path):
    _, run_all = bench
    good = tmp_path / "good.py"
    good.write_text(
        textwrap.dedent(
            """
            import json, os, sys
            figures = {"offscreen": os.environ["QT_QPA_PLATFORM"], "args": sys.argv[1:-2]}
            open(sys.argv[-1], "w").write(json.dumps(figures))
            """
        )
    )
    bad = tmp_path / "bad.py"
    bad.write_text("import sys\nprint('noise')\nsys.exit('bench broke: no display')\n")
    assert run_all.run_bench("good", good, ["--quick"], tmp_path) == {
        "offscreen": "offscreen",
        "args": ["--quick"],
    }
    assert run_all.run_bench("bad", bad, [], tmp_path) == {
        "error": "exit status 1: bench broke: no display"
    }
    assert "does not exist" in run_all.run_bench("x", tmp_path / "none.py", [], tmp_path)["missing"]


def test_a_run_on_an_overloaded_machine_says_so(bench):
    results_md, run_all = bench
    assert run_all.load_note([0.5, 1.9, 1.2], cores=2) == ""
    note = run_all.load_note([1.0, 5.3, 4.0], cores=2)
    assert "5.3 on 2 cores" in note
    assert note in results_md.render(figures(), {}, "today", note=note)


def test_an_unusable_out_path_gives_one_line_and_no_traceback(tmp_path):
    out = tmp_path / "no such folder" / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run_all.py"), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "is not a folder" in done.stderr
    assert not out.parent.exists()
