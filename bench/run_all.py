"""Run every bench and write ``bench/RESULTS.md``: the machine, one summary table of targets,
then the engine against its peers, the GUI, export, how the cost grows and the long runs.

Each bench runs as a subprocess of this interpreter, offscreen, with one BLAS thread, and hands
its figures back through ``--json``. A bench that fails is reported in RESULTS.md and makes the
exit status non-zero; the others still run.

    python bench/run_all.py [--quick] [--out bench/RESULTS.md]

``--quick`` is a smoke run (short timings, a minute or two); its figures are not to quote.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from results_md import render  # noqa: E402

# name, script, arguments of a full run, arguments of a quick run
BENCHES = (
    ("engine", "engine_bench.py", [], ["--quick", "--rounds", "2"]),
    ("gui", "gui_bench.py", [], ["--seconds", "2"]),
    ("export", "export_bench.py", [], ["--rounds", "1"]),
    ("scaling", "scaling_bench.py", [], ["--quick"]),
    ("longrun", "longrun_bench.py", [], ["--quick"]),
)
TIMEOUT = 3600


def bench_env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[variable] = "1"
    return env


def run_bench(name: str, script: Path, args: list[str], folder: Path) -> dict:
    """The bench's JSON figures, or {"error": one line} / {"missing": one line}."""
    if not script.exists():
        return {"missing": f"`bench/{script.name}` does not exist yet: no figures."}
    out = folder / f"{name}.json"
    command = [sys.executable, str(script), *args, "--json", str(out)]
    try:
        done = subprocess.run(
            command, env=bench_env(), capture_output=True, text=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {TIMEOUT} s"}
    if done.returncode != 0 or not out.exists():
        lines = (done.stderr or done.stdout).strip().splitlines()
        return {"error": f"exit status {done.returncode}: {lines[-1] if lines else 'no output'}"}
    try:
        return json.loads(out.read_text())
    except (OSError, ValueError) as exc:
        return {"error": f"unreadable JSON ({exc})"}


def machine() -> dict[str, str]:
    """CPU model, cores, RAM, OS and the versions that matter, for the report's header."""
    info = {"CPU": _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "?"}
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    cores = os.cpu_count()
    info["cores"] = f"{cores}" + (f" ({usable} usable)" if usable and usable != cores else "")
    mem = _proc_field("/proc/meminfo", "MemTotal")
    if mem and mem.split()[0].isdigit():
        info["RAM"] = f"{int(mem.split()[0]) / 2**20:.1f} GiB"
    info["OS"] = platform.platform()
    info["Python"] = platform.python_version()
    for package, label in (
        ("numpy", "NumPy"),
        ("PySide6", "PySide6"),
        ("pyqtgraph", "pyqtgraph"),
        ("sklearn", "scikit-learn"),
        ("torch", "PyTorch"),
    ):
        info[label] = _version(package)
    return info


def load_now() -> float | None:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else None


def load_note(loads: list[float | None], cores: int) -> str:
    """A warning paragraph when other work kept more than every core busy during the run."""
    if None in loads or max(loads) <= cores:
        return ""
    return (
        f"**Other work loaded the machine during this run** (1-minute load average up to "
        f"{max(loads):.1f} on {cores} cores), so the wall-clock figures (engine µs per step, "
        "the snapshot, the GUI, export) came out slower than on a quiet machine. The scaling "
        "tables and the export bench's CPU column count CPU time and are less affected."
    )


def _proc_field(path: str, field: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                key, _, value = line.partition(":")
                if key.strip() == field:
                    return value.strip()
    except OSError:
        return None
    return None


def _version(package: str) -> str:
    code = f"import {package}; print({package}.__version__)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return done.stdout.strip() or "not installed"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: short timings")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md", help="where to write")
    args = parser.parse_args()
    if not args.out.parent.is_dir():
        print(f"run_all: {args.out.parent} is not a folder", file=sys.stderr)
        return 2
    when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    info = machine()
    figures: dict[str, dict] = {}
    loads = [load_now()]
    with tempfile.TemporaryDirectory(prefix="nnlens-bench-") as folder:
        for name, script, full, quick in BENCHES:
            start = time.perf_counter()
            print(f"{name} bench …", end=" ", flush=True)
            chosen = quick if args.quick else full
            figures[name] = run_bench(name, BENCH / script, chosen, Path(folder))
            status = figures[name].get("error") or figures[name].get("missing") or "done"
            print(f"{status} ({time.perf_counter() - start:.0f} s)", flush=True)
            loads.append(load_now())
    note = load_note(loads, os.cpu_count() or 1)
    if loads[0] is not None:
        info["1-minute load average during the run"] = f"{min(loads):.1f}–{max(loads):.1f}"
    try:
        args.out.write_text(render(figures, info, when, args.quick, note), encoding="utf-8")
    except OSError as exc:
        print(f"run_all: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}")
    failed = [name for name, part in figures.items() if "error" in part]
    if failed:
        print(f"run_all: these benches failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
