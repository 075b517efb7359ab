"""Benchmarks: how fast and how small the course is, as one table of figures and targets.

Usage: python benchmarks/run.py [--quick] [--only SECTION ...] [--rows FILE]
(or ``make bench``, ``make bench QUICK=1``)

Sections, each in ``benchmarks/``:
  notebooks  every lesson and assignment solution, run fresh: kernel start-up, imports,
             own work, their ratio, the kernel's peak memory; the whole course
             (notebook_runs.py)
  widgets    every interactive demo: control change to result ready, figure render
             included, over a sweep of every control (widgets.py, in its own process)
  grading    autograding with the sandbox, per submission and for a cohort of 50 (grading.py)
  setup      ``make env`` from an empty and from a warm pip cache (setup_env.py; full only)

``--quick`` runs a reduced size (one lesson and one solution, one change per control,
one learner, no setup) that CI uses to check the benchmark runs; its figures are not
judged against the targets. Benchmarks are not timed tests: the machine is described at
the top (its load average is sampled during the run), so figures can be read against it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from table import Row, loads, markdown  # noqa: E402

SECTIONS = ("notebooks", "widgets", "grading", "setup")
PACKAGES = (
    "ipykernel",
    "ipython",
    "ipywidgets",
    "jupyter-client",
    "matplotlib",
    "nbclient",
    "nbgrader",
    "numpy",
    "pandas",
    "scikit-learn",
)


class LoadSampler(threading.Thread):
    """Samples the 1-minute load average every few seconds while the benchmark runs."""

    def __init__(self, every: float = 5.0) -> None:
        super().__init__(daemon=True)
        self.every = every
        self.samples: list[float] = [os.getloadavg()[0]]
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            self.samples.append(os.getloadavg()[0])

    def summary(self) -> str:
        s = self.samples
        return f"min {min(s):.2f}, mean {sum(s) / len(s):.2f}, max {max(s):.2f}"


def _field(path: str, name: str) -> str:
    for line in Path(path).read_text().splitlines():
        if line.startswith(name):
            return line.split(":", 1)[1].strip()
    return "unknown"


def machine() -> list[str]:
    """Lines that describe the machine and the software the figures were measured with."""
    cores = len(os.sched_getaffinity(0))
    ram_gb = int(_field("/proc/meminfo", "MemTotal").split()[0]) / 1024**2
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in PACKAGES)
    return [
        f"Date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}",
        f"CPU: {_field('/proc/cpuinfo', 'model name')}, {cores} cores usable "
        f"({os.cpu_count()} in the machine)",
        f"RAM: {ram_gb:.1f} GB; OS: {platform.platform()}",
        f"Python {platform.python_version()}; {versions}",
    ]


def run_widgets(quick: bool, log) -> list[Row]:
    """The widget section, in its own process so its IPython shell stays out of the rest."""
    with tempfile.TemporaryDirectory() as tmp:
        rows_file = Path(tmp) / "rows.json"
        command = [sys.executable, str(HERE / "widgets.py"), "--rows", str(rows_file)]
        subprocess.run(command + (["--quick"] if quick else []), check=True)
        return loads(rows_file.read_text())


def run_section(name: str, quick: bool, log) -> list[Row]:
    if name == "notebooks":
        import notebook_runs

        return notebook_runs.measure(quick, log)
    if name == "widgets":
        return run_widgets(quick, log)
    if name == "grading":
        import grading

        return grading.measure(quick, log)
    if name == "setup":
        import setup_env

        return setup_env.measure(quick, log)
    raise ValueError(f"no section {name!r}; the sections are {', '.join(SECTIONS)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="reduced size, as CI runs it")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--rows", type=Path, help="also write the rows here as JSON")
    args = parser.parse_args()

    def log(message: str) -> None:
        print(f"  ... {message}", file=sys.stderr, flush=True)

    sampler = LoadSampler()
    sampler.start()
    began = time.perf_counter()
    rows: list[Row] = []
    for name in args.only:
        rows += run_section(name, args.quick, log)
    sampler.stopped.set()
    minutes = (time.perf_counter() - began) / 60
    mode = "quick (reduced size: figures not judged)" if args.quick else "full"
    print(f"# Benchmark ({mode}), {minutes:.1f} min")
    for line in machine():
        print(line)
    print(f"Load average (1 min) during the run: {sampler.summary()}")
    print()
    print(markdown(rows))
    if args.rows:
        from table import dumps

        args.rows.write_text(dumps(rows))


if __name__ == "__main__":
    main()
