"""Turn the benches' JSON figures into ``bench/RESULTS.md`` (used by ``run_all.py``).

``render(figures, machine, when, quick)`` takes ``figures``, a dict from bench name
(``engine``, ``gui``, ``export``, ``scaling``, ``longrun``) to that bench's ``--json`` output,
or to ``{"error": "one line"}`` when it failed, or ``{"missing": "one line"}`` when it does not
exist. A bench absent from ``figures`` was not run. Targets come from the issue and README.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

ENGINE_CASE = "digits 64-(100×5)-10, batch 100"
PEERS = ("scikit-learn", "PyTorch CPU")
RUN_COMMANDS = (
    'pip install -e ".[test,bench]"   # the peers: scikit-learn and PyTorch CPU\n'
    "python bench/run_all.py           # every bench, a few minutes; writes bench/RESULTS.md\n"
    "python bench/run_all.py --quick --out /tmp/RESULTS.md   # smoke run, a minute or two"
)


COMPARE = {"≤": float.__le__, "<": float.__lt__, "≥": float.__ge__}


class Target(NamedTuple):
    """One summary row: a figure read from one bench's JSON, shown as ``shown.format(value)``,
    met when ``value <op> limit``."""

    bench: str
    measure: str
    get: Callable[[dict], float]
    shown: str
    op: str
    limit: float | None
    unit: str = ""

    def row(self, figures: dict) -> tuple[str, str, str, str, bool | None]:
        """(measure, value, target, met, ok) with ok None when the figure is missing."""
        goal = f"{self.op} {self.limit:g}{self.unit}" if self.limit is not None else "—"
        try:
            value = float(self.get(figures[self.bench]))
            ok = COMPARE[self.op](value, float(self.limit)) if math.isfinite(value) else None
        except (KeyError, IndexError, StopIteration, TypeError, ValueError, ZeroDivisionError):
            ok = None
        if ok is None:
            return self.measure, "not measured", goal, "—", None
        return self.measure, self.shown.format(value), goal, "yes" if ok else "**no**", ok


def _case(engine: dict, title: str) -> dict[str, float]:
    return next(c["us_per_step"] for c in engine["cases"] if c["case"] == title)


def _fastest_peer(us: dict[str, float]) -> float:
    peers = [us[p] for p in PEERS if p in us]
    return us["nnlens"] / min(peers) if peers else math.nan


def targets(figures: dict) -> list[Target]:
    """The summary rows: a target per measure (engine cases as the engine bench ran them)."""
    rows = []
    cases = [c["case"] for c in figures.get("engine", {}).get("cases", [])] or [ENGINE_CASE]
    for t in cases:
        rows += [
            Target(
                "engine",
                f"engine step, {t}: nnlens ÷ plain NumPy floor",
                lambda e, t=t: _case(e, t)["nnlens"] / _case(e, t)["plain NumPy"],
                "{:.2f}×",
                "≤",
                1.2,
                "×",
            ),
            Target(
                "engine",
                f"engine step, {t}: nnlens ÷ fastest peer (below 1: faster than both)",
                lambda e, t=t: _fastest_peer(_case(e, t)),
                "{:.2f}×",
                "<",
                1.0,
                "×",
            ),
        ]
    rows += [
        Target(
            "engine",
            "full snapshot, digits 64-(100×5)-10, probe 1,000",
            lambda e: e["snapshot_ms"],
            "{:.1f} ms",
            "≤",
            10,
            " ms",
        ),
        Target(
            "gui",
            "dashboard redraws per second while training",
            lambda g: g["redraws"],
            "{:.1f}",
            "≥",
            25,
        ),
        Target("gui", "event-loop stall p99", lambda g: g["stall"], "{:.1f} ms", "≤", 50, " ms"),
        Target(
            "gui",
            "training speed in the window ÷ headless",
            lambda g: g["fraction"],
            "{:.3f}",
            "≥",
            0.5,
        ),
    ]
    for lesson in ("xor", "digits"):
        rows.append(
            Target(
                "gui",
                f"process start → first frame ({lesson})",
                lambda g, k=f"first_frame_{lesson}": g[k],
                "{:.2f} s",
                "≤",
                1.5,
                " s",
            )
        )
    for fmt in ("png", "svg", "pdf"):
        rows.append(
            Target(
                "export",
                f"dashboard export {fmt.upper()} at 3840×2160 (median)",
                lambda x, f=fmt: x[f]["median_s"],
                "{:.2f} s",
                "<",
                1,
                " s",
            )
        )
    bound = figures.get("longrun", {}).get("bound_mb")
    bound = bound if isinstance(bound, int | float) else None
    for part, label in (("headless", "headless"), ("gui", "GUI")):
        rows.append(
            Target(
                "longrun",
                f"{label} RSS growth over the long run (peak − start)",
                lambda r, p=part: r[f"{p}_rss_peak_mb"] - r[f"{p}_rss_start_mb"],
                "{:.1f} MB",
                "≤",
                bound,
                " MB",
            )
        )
    return rows


def _num(value: object, spec: str) -> str:
    if isinstance(value, int | float) and math.isfinite(value):
        return format(value, spec)
    return "—"


def summary(figures: dict) -> tuple[list[str], list[str]]:
    """The summary table's lines and the measures whose target was missed."""
    lines = ["| measure | value | target | met |", "|---|---|---|---|"]
    missed = []
    for target in targets(figures):
        measure, value, goal, met, ok = target.row(figures)
        lines.append(f"| {measure} | {value} | {goal} | {met} |")
        if ok is False:
            missed.append(f"{measure} ({value}, target {goal})")
    return lines, missed


def _failed(figures: dict, bench: str) -> str | None:
    part = figures.get(bench)
    if part is None:
        return "Not run."
    if "error" in part:
        return f"Not measured: the bench failed ({part['error']})."
    if "missing" in part:
        return part["missing"]
    return None


def engine_section(figures: dict) -> list[str]:
    out = ["## Engine against its peers", ""]
    if reason := _failed(figures, "engine"):
        return [*out, reason, ""]
    e = figures["engine"]
    out += [
        "µs per training step (Adam, float64, ReLU, softmax cross-entropy), median of "
        f"{e['rounds']} interleaved rounds; a ratio below 1 means nnlens is faster.",
        "",
        "| case | nnlens | eval every 50 | plain NumPy | scikit-learn | PyTorch CPU | "
        "nnlens ÷ plain | nnlens ÷ scikit-learn | nnlens ÷ PyTorch |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for case in e["cases"]:
        us = case["us_per_step"]
        n = us["nnlens"]
        cells = [_num(us.get(k), ".0f") for k in ("nnlens (eval every 50)", "plain NumPy", *PEERS)]
        ratios = [_num(n / us[k], ".2f") + "×" if k in us else "—" for k in ("plain NumPy", *PEERS)]
        out.append(f"| {case['case']} | {n:.0f} | " + " | ".join(cells + ratios) + " |")
    out += [
        "",
        f"A full `Trainer.snapshot()` (digits 64-(100×5)-10, probe 1,000): "
        f"{_num(e.get('snapshot_ms'), '.1f')} ms.",
        "",
    ]
    return out


def gui_section(figures: dict) -> list[str]:
    out = ["## GUI", ""]
    if reason := _failed(figures, "gui"):
        return [*out, reason, ""]
    g = figures["gui"]
    stretches = ", ".join(f"({a:g}, {b:g}, {c:g})" for a, b, c in g.get("rounds", []))
    out += [
        f"The real window offscreen at 1600×1000, digits 64-(100×5)-10 training at full speed "
        f"for {_num(g.get('seconds'), 'g')} s in stretches; {_num(g.get('gui_rate'), '.0f')} of "
        f"{_num(g.get('headless_rate'), '.0f')} headless steps/s. One dashboard frame costs the "
        f"GUI thread {_num(1000 * g.get('frame_cost', math.nan), '.1f')} ms; the GUI was busy "
        f"{_num(1000 * g.get('busy', math.nan), '.1f')} ms per redraw; a snapshot costs "
        f"{_num(1000 * g.get('snapshot_cost', math.nan), '.1f')} ms. Per stretch (redraws/s, "
        f"GUI steps/s, headless steps/s): {stretches or '—'}. Hidden docks: "
        f"{g.get('hidden') or 'none'}.",
        "",
        "| panel | show_snapshot ms (mean) | full repaint ms |",
        "|---|---:|---:|",
    ]
    for key, cost in g.get("costs", {}).items():
        out.append(f"| {key} | {_num(cost, '.1f')} | {_num(g.get('paint', {}).get(key), '.1f')} |")
    return [*out, ""]


def export_section(figures: dict) -> list[str]:
    out = ["## Export", ""]
    if reason := _failed(figures, "export"):
        return [*out, reason, ""]
    x = figures["export"]
    w, h = x.get("size", ("?", "?"))
    out += [
        f"The xor lesson's dashboard at step 300, {w}×{h}, slide theme; the whole call (build "
        f"the panels offscreen, lay out, paint, encode, write); rounds: {x.get('rounds')}.",
        "",
        "| format | median s | fastest s | CPU s | MB |",
        "|---|---:|---:|---:|---:|",
    ]
    for fmt in ("png", "svg", "pdf"):
        f = x.get(fmt, {})
        cells = [_num(f.get(k), ".2f") for k in ("median_s", "fastest_s", "cpu_s", "mb")]
        out.append(f"| {fmt.upper()} | " + " | ".join(cells) + " |")
    out += ["", f"One panel (curves) as PNG: {_num(x.get('panel_png_s'), '.2f')} s.", ""]
    return out


def scaling_section(figures: dict) -> list[str]:
    out = ["## How the cost grows", ""]
    if reason := _failed(figures, "scaling"):
        return [*out, reason, ""]
    s = figures["scaling"]
    g = s["growth"]
    out += [
        "µs per step on digits, Adam, batch 100, ReLU, no evaluations; the plain NumPy floor "
        f"beside it. CPU time of the bench process (waiting for a core on the shared machine "
        f"does not count), median of {s['rounds']} interleaved rounds.",
        "",
    ]
    for title, key in (("hidden width (1 layer)", "width"), ("hidden layers of 64", "depth")):
        out += [
            f"| {title} | nnlens µs | plain NumPy µs | nnlens ÷ plain |",
            "|---:|---:|---:|---:|",
        ]
        for r in s[key]:
            ratio = r["nnlens_us"] / r["plain_us"]
            out.append(
                f"| {r['size']} | {r['nnlens_us']:.0f} | {r['plain_us']:.0f} | {ratio:.2f}× |"
            )
        out.append("")
    out += [
        f"From width 256 to 1024 the step time grows as width^{_num(g['width_exponent'], '.2f')} "
        f"({_num(g['width_ns_per_unit'], '.0f')} ns per unit of width at 1024): an exponent "
        "near 1 is linear, near 2 quadratic. From 3 to 10 layers each added layer of 64 costs "
        f"{_num(g['depth_us_per_layer'], '.0f')} µs (depth^{_num(g['depth_exponent'], '.2f')}).",
        "",
        "`Trainer.snapshot()` against the probe size, 100-(64×3)-3 net on 4,000 training rows "
        "of the gaussian data set. The forward pass covers max(probe, 1,000) rows, so below "
        "1,000 samples the cost hardly moves; `evaluate=False` is what the window asks for "
        "while training runs (no validation pass).",
        "",
        "| probe samples | rows run forward | snapshot() ms | snapshot(evaluate=False) ms |",
        "|---:|---:|---:|---:|",
    ]
    for r in s["probe"]:
        out.append(
            f"| {r['probe']} | {r['rows_forward']} | {r['full_ms']:.2f} | {r['live_ms']:.2f} |"
        )
    if "probe_us_per_row" in g:
        out += ["", f"Above 1,000 samples: {_num(g['probe_us_per_row'], '.1f')} µs per sample."]
    return [*out, ""]


def longrun_section(figures: dict) -> list[str]:
    out = ["## Long runs", ""]
    if reason := _failed(figures, "longrun"):
        return [*out, reason, ""]
    r = figures["longrun"]
    out += [
        "`bench/longrun_bench.py`: the xor lesson trained headless and in the real window "
        "offscreen, the process's resident memory (RSS) sampled along the way. Growth is peak "
        f"minus start; the bound ({_num(r.get('bound_mb'), 'g')} MB) is twice the histories' "
        "documented size plus slack for the allocators (see the script's docstring).",
        "",
        "| run | steps | seconds | RSS start → peak → end (MB) | RSS along the run (step: MB) "
        "| growth (MB) |",
        "|---|---:|---:|---|---|---:|",
    ]
    for part, label in (("headless", "headless"), ("gui", "window")):
        rss = " → ".join(_num(r.get(f"{part}_rss_{k}_mb"), ".1f") for k in ("start", "peak", "end"))
        grown = r.get(f"{part}_rss_peak_mb", math.nan) - r.get(f"{part}_rss_start_mb", math.nan)
        out.append(
            f"| {label} | {_num(r.get(f'{part}_steps'), ',')} | "
            f"{_num(r.get(f'{part}_seconds'), '.1f')} | {rss} | {_along(r, part)} | "
            f"{_num(grown, '.1f')} |"
        )
    out += ["", "Every figure the script reported:", "", "| figure | value |", "|---|---:|"]
    for key, value in r.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            shown = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
        else:
            shown = str(value)
        out.append(f"| {key} | {shown} |")
    return [*out, ""]


def _along(longrun: dict, part: str) -> str:
    """The RSS checkpoints ``<part>_rss_at_<step>_mb`` in step order, e.g. "2,000: 143.6"."""
    prefix = f"{part}_rss_at_"
    marks = sorted(
        (int(key[len(prefix) : -3]), value)
        for key, value in longrun.items()
        if key.startswith(prefix) and key.endswith("_mb") and key[len(prefix) : -3].isdigit()
    )
    return ", ".join(f"{step:,}: {_num(mb, '.1f')}" for step, mb in marks) or "—"


def render(
    figures: dict, machine: dict[str, str], when: str, quick: bool = False, note: str = ""
) -> str:
    """The whole RESULTS.md text; ``note`` (a paragraph) follows the introduction."""
    table, missed = summary(figures)
    lines = ["# nnlens benchmark results", ""]
    if quick:
        lines += ["**Quick smoke run: short timings, not figures to quote.**", ""]
    lines += [
        f"Measured {when} by `python bench/run_all.py{' --quick' if quick else ''}`. The "
        "machine is shared with other work, so the figures are noisy (runs differ by 10–30%); "
        "comparisons inside one bench are interleaved in rounds and report medians.",
        "",
        *([note, ""] if note else []),
        "Machine: " + "; ".join(f"{k} {v}" for k, v in machine.items()) + ".",
        "",
        "## Summary",
        "",
        *table,
        "",
    ]
    if missed:
        lines += ["Targets missed in this run:", "", *(f"- {m}" for m in missed), ""]
    else:
        lines += ["Every measured target was met in this run.", ""]
    for section in (engine_section, gui_section, export_section, scaling_section, longrun_section):
        lines += section(figures)
    lines += ["## Re-running", "", "```", RUN_COMMANDS, "```", ""]
    return "\n".join(lines)
