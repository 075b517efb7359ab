"""Benchmark: autograding a cohort for one week, with and without the sandbox.

Usage: python benchmarks/grading.py [--learners 50] [--assignment week-1] [--workers 1 2]

Builds a temporary course from ``source/`` with the course's ``nbgrader_config.py``, puts
``--learners`` submissions straight into ``submitted/`` (the exchange is not what is being
measured), and times ``aicourse.grading.cohort.grade_cohort`` for each setting: sandboxed
and plain, with each number of workers. Prints one row per run: seconds for the cohort and
per learner. Every learner submits the solution, so every run does the same work.
``make bench`` uses :func:`measure`; this script's own ``main`` is for trying settings.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def make_course(base: Path, assignment: str, learners: int) -> Path:
    """A course folder with ``learners`` submissions of the source solution."""
    from aicourse.grading.cohort import course_api

    course = base / "course"
    course.mkdir(parents=True)
    shutil.copytree(ROOT / "source", course / "source")
    config = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    config += (
        f"\nc.CourseDirectory.root = {str(course)!r}\n"
        f"c.CourseDirectory.db_url = 'sqlite:///{base / 'gradebook.db'}'\n"
        f"c.Exchange.root = {str(base / 'exchange')!r}\n"
    )
    (course / "nbgrader_config.py").write_text(config, encoding="utf-8")
    (base / "exchange").mkdir()
    api = course_api(course, {})
    result = api.generate_assignment(assignment)
    if not result["success"]:
        raise RuntimeError(f"{result.get('log')}\n{result.get('error')}")
    solutions = sorted((course / "source" / assignment).glob("*.ipynb"))
    for n in range(learners):
        folder = course / "submitted" / f"learner{n:03d}" / assignment
        folder.mkdir(parents=True)
        for nb in solutions:
            notebook = nbformat.read(nb, as_version=4)
            nbformat.write(notebook, folder / nb.name)
        (folder / "timestamp.txt").write_text("2026-11-01 09:00:00.000000+13:00")
    return course


def run(course: Path, assignment: str, sandboxed: bool, workers: int) -> float:
    """Seconds to grade the whole cohort once, from scratch."""
    from aicourse.grading import cohort

    for folder in ("autograded", "feedback"):
        shutil.rmtree(course / folder, ignore_errors=True)
    cohort._WORKER_API.clear()
    config = course / "nbgrader_config.py"
    text = config.read_text(encoding="utf-8")
    switch = f"\nc.SandboxedExecute.sandboxed = {sandboxed}\n"
    config.write_text(text + switch, encoding="utf-8")
    try:
        start = time.perf_counter()
        summary = cohort.grade_cohort(
            course, assignment, regrade=True, workers=workers, progress=lambda _: None
        )
        seconds = time.perf_counter() - start
    finally:
        config.write_text(text, encoding="utf-8")
    failed = summary.by_status("failed")
    if failed:
        raise RuntimeError(f"{len(failed)} learners failed: {failed[0].line()}")
    return seconds


#: The cohort issues 5 and 9 ask for, and issue 5's aim for grading it.
COHORT = 50
COHORT_MINUTES = 3.0
SECTION = "grading"


def cores() -> int:
    """Cores this process may use: ``make grade``'s default number of workers."""
    return len(os.sched_getaffinity(0))


def measure(quick: bool = False, log=print) -> list:
    """Table rows: seconds per submission for each assignment, and for a whole cohort.

    Full: a cohort of 50 learners for week 1, graded three ways side by side: with the
    sandbox one learner at a time, with the sandbox on every core (``make grade``'s
    default), and without the sandbox on every core (the sandbox's overhead is the
    difference); then three learners for every other assignment. Quick: one learner for
    week 1. A row says so when the sandbox cannot run here.
    """
    from table import MET, MISSED, NA, Row

    from aicourse.grading.sandbox import sandbox_problem

    problem = sandbox_problem()
    sandbox = "sandbox on" if problem is None else "sandbox OFF: " + str(problem)
    assignments = sorted(p.name for p in (ROOT / "source").iterdir() if p.is_dir())
    if quick:
        plan = [("week-1", 1, [(problem is None, 1)])]
    else:
        settings = [(problem is None, 1), (problem is None, cores()), (False, cores())]
        plan = [("week-1", COHORT, settings)]
        plan += [(a, 3, [(problem is None, 1)]) for a in assignments if a != "week-1"]
    rows = []
    cohort_seconds: dict[tuple[bool, int], float] = {}
    for assignment, learners, runs in plan:
        with tempfile.TemporaryDirectory() as tmp:
            course = make_course(Path(tmp), assignment, learners)
            for sandboxed, workers in runs:
                how = sandbox if sandboxed else "sandbox off"
                log(f"grading: {assignment}, {learners} learners, {workers} at a time, {how}")
                seconds = run(course, assignment, sandboxed, workers)
                item = f"{assignment}, {learners} learners, {workers} at a time, {how}"
                per = Row(SECTION, item, "autograde per submission", seconds / learners, "s")
                rows.append(per)
                if learners == COHORT or quick:
                    cohort_seconds[sandboxed, workers] = seconds
                    minutes = seconds / 60
                    verdict = NA if quick else (MET if minutes < COHORT_MINUTES else MISSED)
                    target = f"< {COHORT_MINUTES:.0f} min (issue 5's aim)"
                    rows.append(
                        Row(
                            SECTION,
                            item,
                            "autograde the whole cohort",
                            minutes,
                            "min",
                            target,
                            verdict,
                        )
                    )
    on, off = cohort_seconds.get((True, cores())), cohort_seconds.get((False, cores()))
    if on is not None and off is not None:
        item = f"week-1, {COHORT} learners, {cores()} at a time, on against off"
        rows.append(Row(SECTION, item, "sandbox overhead", 100 * (on - off) / off, "%"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--assignment", default="week-1")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        course = make_course(Path(tmp), args.assignment, args.learners)
        print(f"Grading {args.learners} learners, {args.assignment}")
        print(f"{'sandbox':<8} {'workers':>7} {'cohort s':>9} {'per learner s':>14}")
        for workers in args.workers:
            for sandboxed in (True, False):
                seconds = run(course, args.assignment, sandboxed, workers)
                print(
                    f"{'on' if sandboxed else 'off':<8} {workers:>7} {seconds:>9.1f} "
                    f"{seconds / args.learners:>14.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
