"""Benchmark: a fresh top-to-bottom run of every lesson and every assignment solution.

Usage: python benchmarks/notebook_runs.py [--quick] [NOTEBOOK ...]

Each notebook runs in a new kernel (the environment's own ``python3``, with the course's
patient kernel client, as ``make execute`` runs it) from its own folder. The run is split
into kernel start-up (start the process, wait until it answers), imports (the first code
cell, which loads the course's helpers) and the notebook's own work (every other cell).
The kernel's peak resident memory is VmHWM from ``/proc/<kernel pid>/status``, read after
the last cell. Notebooks are found with globs, so new ones are measured without changes.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
LESSONS = "notebooks/**/*.ipynb"
SOLUTIONS = "source/*/*.ipynb"

#: Targets from issue 9.
LESSON_SECONDS = 15.0
PEAK_MB = 300.0
COURSE_SECONDS = 120.0

SECTION = "notebooks"


@dataclass(frozen=True)
class NotebookRun:
    """Seconds for each part of one fresh run, and the kernel's peak memory."""

    path: Path
    startup: float
    imports: float
    own_work: float
    peak_mb: float

    @property
    def total(self) -> float:
        return self.startup + self.imports + self.own_work

    @property
    def own_share(self) -> float:
        """The notebook's own work as a share of the whole run (0 to 1)."""
        return self.own_work / self.total

    @property
    def name(self) -> str:
        return str(self.path.relative_to(ROOT).with_suffix(""))


def discover(quick: bool = False) -> list[Path]:
    """Every lesson and solution notebook; in quick mode, the first of each."""
    lessons = sorted(p for p in ROOT.glob(LESSONS) if ".ipynb_checkpoints" not in p.parts)
    solutions = sorted(p for p in ROOT.glob(SOLUTIONS) if ".ipynb_checkpoints" not in p.parts)
    if quick:
        return lessons[:1] + solutions[:1]
    return lessons + solutions


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size (VmHWM) in MB (10^6 bytes)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            kib = int(line.split()[1])
            return kib * 1024 / 1e6
    raise RuntimeError(f"no VmHWM for process {pid}")


async def _run(path: Path, timeout: int) -> NotebookRun:
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from traitlets.config import Config

    nb = nbformat.read(path, as_version=4)
    config = Config()
    config.AsyncKernelManager.client_class = "aicourse.patient_client.PatientKernelClient"
    client = NotebookClient(
        nb,
        config=config,
        kernel_manager_class=AsyncKernelManager,
        kernel_name="python3",
        timeout=timeout,
        resources={"metadata": {"path": str(path.parent)}},
    )
    code = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    start = time.perf_counter()
    async with client.async_setup_kernel():
        startup = time.perf_counter() - start
        assert client.km is not None
        pid = client.km.provisioner.process.pid  # type: ignore[union-attr]
        seconds = []
        for n, index in enumerate(code, start=1):
            began = time.perf_counter()
            await client.async_execute_cell(nb.cells[index], index, execution_count=n)
            seconds.append(time.perf_counter() - began)
        peak = peak_rss_mb(pid)
    return NotebookRun(path, startup, seconds[0] if seconds else 0.0, sum(seconds[1:]), peak)


def run_notebook(path: Path, timeout: int = 600) -> NotebookRun:
    """One fresh top-to-bottom run of ``path`` in a new kernel.

    The run happens in a copy of the notebook's folder, so files a notebook writes (the
    capstone saves the learner's brief) do not land in the repository.
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / path.parent.name
        shutil.copytree(path.parent, folder)
        run = asyncio.run(_run(folder / path.name, timeout))
    return NotebookRun(path, run.startup, run.imports, run.own_work, run.peak_mb)


def measure(quick: bool = False, log=print) -> list:
    """Table rows for every notebook, and for the whole course."""
    from table import MET, MISSED, NA, Row, judged

    paths = discover(quick)
    rows: list[Row] = []
    runs: list[NotebookRun] = []
    for path in paths:
        log(f"notebooks: running {path.relative_to(ROOT)}")
        r = run_notebook(path)
        runs.append(r)
        lesson = path.is_relative_to(ROOT / "notebooks")
        rows += [
            Row(SECTION, r.name, "kernel start-up", r.startup, "s"),
            Row(SECTION, r.name, "imports (first cell)", r.imports, "s"),
            Row(SECTION, r.name, "own work (other cells)", r.own_work, "s"),
            Row(
                SECTION,
                r.name,
                "fresh run, total",
                r.total,
                "s",
                f"< {LESSON_SECONDS:.0f} s" if lesson else "none set (solution)",
                judged(r.total, LESSON_SECONDS, reduced=quick) if lesson else NA,
            ),
            Row(SECTION, r.name, "own work / total", 100 * r.own_share, "%", "report (small)"),
            Row(
                SECTION,
                r.name,
                "kernel peak RSS (VmHWM)",
                r.peak_mb,
                "MB",
                f"< {PEAK_MB:.0f} MB",
                judged(r.peak_mb, PEAK_MB, reduced=quick),
            ),
        ]
    course = sum(r.total for r in runs)
    what = f"all {len(runs)} notebooks, one at a time"
    if quick:
        what = f"{len(runs)} notebooks only (quick mode)"
    verdict = NA if quick else (MET if course < COURSE_SECONDS else MISSED)
    rows.append(
        Row(SECTION, what, "whole course, sum of fresh runs", course, "s", "< 120 s", verdict)
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    paths = [p.resolve() for p in args.notebooks] or discover(args.quick)
    print(f"{'notebook':<48} {'start':>6} {'imports':>8} {'own':>6} {'total':>6} {'MB':>5}")
    for path in paths:
        r = run_notebook(path)
        print(
            f"{r.name:<48} {r.startup:>6.1f} {r.imports:>8.1f} {r.own_work:>6.1f} "
            f"{r.total:>6.1f} {r.peak_mb:>5.0f}",
            flush=True,
        )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
