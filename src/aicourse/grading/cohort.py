"""Grade a whole cohort for one assignment with one call, on top of nbgrader's own API.

``grade_cohort`` does what an instructor would otherwise type once per step: collect the
submissions from the exchange, check each one, autograde each learner in the sandbox,
generate and release feedback, and export the grades to CSV. It never stops for one
learner: a submission that cannot be graded is reported with the reason, by learner id,
and the others are graded. Running it again is safe: nbgrader skips learners already graded
(unless they resubmitted), and grades live in nbgrader's gradebook, one row per learner and
cell, so nothing is duplicated or lost.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sys
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps.api import NbGraderAPI
from nbgrader.plugins.export import CsvExportPlugin
from sqlalchemy.exc import SAWarning
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from aicourse.grading.sandbox import sandbox_problem

Progress = Callable[[str], None]


def load_course_config(course_dir: Path, **overrides: object) -> Config:
    """The course's ``nbgrader_config.py``, as nbgrader's own commands load it.

    ``overrides`` are dotted names such as ``SandboxedExecute__allow_unsandboxed`` (``__``
    for the dot) set after the file, the way a command-line flag would.
    """
    course_dir = Path(course_dir).resolve()
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()
    config.CourseDirectory.root = str(course_dir)
    for name, value in overrides.items():
        section, trait = name.split("__", 1)
        config[section][trait] = value
    return config


@dataclass
class LearnerResult:
    """How grading went for one learner: the score, or why there is none."""

    student: str
    status: str  # "graded", "failed" or "missing"
    score: float | None = None
    max_score: float | None = None
    seconds_late: float = 0.0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line for the summary."""
        if self.status == "graded":
            text = f"{self.student}: graded, {self.score:g} / {self.max_score:g}"
            if self.seconds_late > 0:
                text += f", late by {_duration(self.seconds_late)}"
        elif self.status == "missing":
            text = f"{self.student}: missing, nothing submitted"
        else:
            text = f"{self.student}: FAILED"
        return "; ".join([text, *self.notes])


@dataclass
class CohortSummary:
    """Everything one ``grade_cohort`` run found, learner by learner."""

    assignment: str
    results: list[LearnerResult]
    grades_csv: Path | None = None
    problems: list[str] = field(default_factory=list)

    def by_status(self, status: str) -> list[LearnerResult]:
        """The learners with ``status`` ("graded", "failed" or "missing")."""
        return [r for r in self.results if r.status == status]

    def text(self) -> str:
        """The summary an instructor reads at the end of the run."""
        graded, failed, missing = (self.by_status(s) for s in ("graded", "failed", "missing"))
        late = [r for r in graded if r.seconds_late > 0]
        lines = [
            f"Assignment {self.assignment}: {len(graded)} graded, {len(failed)} failed, "
            f"{len(late)} late, {len(missing)} missing.",
        ]
        noted = [r for r in graded if r.notes]
        for title, group in (
            ("Failed", failed),
            ("Graded, with notes", noted),
            ("Late", late),
            ("Missing", missing),
        ):
            if group:
                lines.append(f"{title}:")
                lines += [f"  - {r.line()}" for r in group]
        lines += [f"Note: {p}" for p in self.problems]
        if self.grades_csv is not None:
            lines.append(f"Grades exported to {self.grades_csv}")
        return "\n".join(lines)


def _duration(seconds: float) -> str:
    hours = seconds / 3600
    return f"{hours:.1f} hours" if hours < 48 else f"{hours / 24:.1f} days"


def _cells_by_id(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    return {
        str(c.metadata["nbgrader"]["grade_id"]): c
        for c in nb.cells
        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    }


def check_submission(release: Path, submitted: Path) -> tuple[list[str], bool]:
    """What is wrong with one learner's submitted folder, compared with the release.

    Returns plain-words notes and whether the submission can be graded at all. A missing
    or renamed notebook, changed or deleted locked cells are noted, and nbgrader grades the
    rest (it puts locked cells back from the master copy and scores a missing notebook 0).
    A notebook that is not valid JSON cannot be graded: nbgrader would stop on it.
    """
    notes: list[str] = []
    gradable = True
    expected = {p.name for p in release.glob("*.ipynb")}
    present = {p.name for p in submitted.glob("*.ipynb")}
    extra = sorted(present - expected)
    hint = f" (found {', '.join(extra)}: was it renamed?)" if extra else ""
    if not expected & present:
        return [f"no notebook to grade: {', '.join(sorted(expected))} missing{hint}"], False
    for name in sorted(expected - present):
        notes.append(f"{name} is missing{hint}; it scores 0")
    for name in sorted(expected & present):
        try:
            theirs = nbformat.read(submitted / name, as_version=4)
        except (json.JSONDecodeError, nbformat.reader.NotJSONError, ValueError) as err:
            notes.append(f"{name} is damaged and cannot be opened ({type(err).__name__})")
            gradable = False
            continue
        ours = nbformat.read(release / name, as_version=4)
        their_cells = _cells_by_id(theirs)
        for grade_id, cell in _cells_by_id(ours).items():
            locked = cell.metadata["nbgrader"].get("locked")
            if grade_id not in their_cells:
                notes.append(f"{name}: cell {grade_id} was deleted; nbgrader put it back")
            elif locked and their_cells[grade_id].source != cell.source:
                notes.append(f"{name}: locked cell {grade_id} was changed; nbgrader restored it")
    return notes, gradable


def _scores(gb: Gradebook, assignment: str, student: str) -> tuple[float, float, float]:
    sub = gb.find_submission(assignment, student)
    return float(sub.score), float(sub.max_score), float(sub.total_seconds_late)


def _reason(result: dict[str, object]) -> str:
    """The most telling line of a failed nbgrader step, for the summary."""
    text = "\n".join(str(result.get(k) or "") for k in ("log", "error"))
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    telling = [ln for ln in lines if re.search(r"\w+(Error|Exception|Exit): ", ln)]
    errors = [ln for ln in lines if ln.startswith("[ERROR]") and "see the the above" not in ln]
    return (telling or errors or lines or ["nbgrader gave no reason"])[-1][:300]


def _bar(done: int, total: int, width: int = 20) -> str:
    filled = round(width * done / total) if total else width
    return f"[{'#' * filled}{'-' * (width - filled)}] {done}/{total}"


def grade_cohort(
    course_dir: Path,
    assignment: str,
    **options: object,
) -> CohortSummary:
    """Collect, check, autograde, give feedback and export grades for ``assignment``.

    Learners in the gradebook who submitted nothing are reported as missing. With
    ``regrade=True`` everyone is autograded again (nbgrader's ``--force``); otherwise only
    new or resubmitted work is graded. Refuses to run if the sandbox cannot start, unless
    ``allow_unsandboxed=True``. ``grades_csv`` is where grades are exported (default
    ``grades.csv`` in the course folder); ``progress`` receives one line per learner.
    ``workers`` learners are autograded at once, each in its own process (default 1).
    """
    with warnings.catch_warnings():
        # nbgrader's gradebook code trips a harmless SQLAlchemy warning on every learner.
        warnings.simplefilter("ignore", SAWarning)
        return _grade_cohort(Path(course_dir), assignment, **options)  # type: ignore[arg-type]


_WORKER_API: dict[tuple[str, tuple[tuple[str, object], ...]], NbGraderAPI] = {}


def _tools_on_path() -> None:
    """Put this environment's scripts first on PATH: nbgrader runs ``alembic`` by name."""
    scripts = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    if scripts not in path.split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([scripts, path]) if path else scripts


def course_api(course_dir: Path, overrides: dict[str, object]) -> NbGraderAPI:
    """nbgrader's API for the course in ``course_dir``, one per process (building it is slow)."""
    _tools_on_path()
    key = (str(course_dir), tuple(sorted(overrides.items())))
    if key not in _WORKER_API:
        _WORKER_API[key] = NbGraderAPI(config=load_course_config(course_dir, **overrides))
    return _WORKER_API[key]


def _autograde(
    course_dir: Path, overrides: dict[str, object], assignment: str, student: str, regrade: bool
) -> dict[str, object]:
    """Autograde one learner (in this process or a worker); nbgrader's result dictionary."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        api = course_api(course_dir, overrides)
        return dict(api.autograde(assignment, student, force=regrade, create=True))


def _grade_cohort(
    course_dir: Path,
    assignment: str,
    *,
    allow_unsandboxed: bool = False,
    regrade: bool = False,
    grades_csv: Path | None = None,
    progress: Progress | None = None,
    workers: int = 1,
) -> CohortSummary:
    say = progress or (lambda text: print(text, file=sys.stderr, flush=True))
    course_dir = Path(course_dir).resolve()
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a whole number of at least 1, got {workers!r}")
    problem = sandbox_problem()
    if problem and not allow_unsandboxed:
        raise RuntimeError(
            f"Not grading: the sandbox cannot start ({problem}). Learners' code would run "
            "as you and could read the solutions. Install the sandbox (docs/instructor-guide.md)"
            " or, only if you trust every submission, pass --allow-unsandboxed."
        )
    overrides: dict[str, object] = (
        {"SandboxedExecute__allow_unsandboxed": True} if allow_unsandboxed else {}
    )
    api = course_api(course_dir, overrides)
    summary = CohortSummary(assignment, [])
    if problem:
        summary.problems.append(f"graded WITHOUT the sandbox: {problem}")

    collected = api.collect(assignment)
    if not collected["success"]:
        summary.problems.append(
            f"collect failed, grading what is already collected: {_reason(collected)}"
        )
    coursedir = api.coursedir
    release = Path(coursedir.format_path(coursedir.release_directory, ".", assignment))
    submitted = set(api.get_submitted_students(assignment))
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        roster = sorted({s.id for s in gb.students} | submitted)

    results = {student: LearnerResult(student, "missing") for student in roster}
    summary.results = list(results.values())
    to_grade: list[str] = []
    for student in sorted(submitted):
        folder = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
        results[student].notes, gradable = check_submission(release, folder)
        if gradable:
            to_grade.append(student)
        else:
            results[student].status = "failed"
            # Known to the gradebook, so the export and the report list them too.
            with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
                gb.update_or_create_student(student)

    done = 0

    def finish(student: str, graded: dict[str, object] | None) -> None:
        nonlocal done
        result = results[student]
        if graded is not None:
            if graded["success"]:
                result.status = "graded"
            else:
                result.status = "failed"
                result.notes.append(f"autograde failed: {_reason(graded)}")
        if student in submitted:
            try:
                with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
                    result.score, result.max_score, result.seconds_late = _scores(
                        gb, assignment, student
                    )
            except MissingEntry:
                if result.status == "graded":
                    result.status = "failed"
                    result.notes.append("no grade was recorded")
        done += 1
        say(f"{_bar(done, len(roster))} {result.line()}")

    for student in roster:
        if student not in to_grade:
            finish(student, None)
    if workers == 1:
        for student in to_grade:
            finish(student, _autograde(course_dir, overrides, assignment, student, regrade))
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {
                pool.submit(_autograde, course_dir, overrides, assignment, s, regrade): s
                for s in to_grade
            }
            for future in as_completed(futures):
                student = futures[future]
                try:
                    graded = future.result()
                except Exception as err:  # a worker that died: report it, grade the rest
                    graded = {"success": False, "error": f"grading worker failed: {err!r}"}
                finish(student, graded)

    if summary.by_status("graded"):
        for step, call in (
            ("generate feedback", api.generate_feedback),
            ("release feedback", api.release_feedback),
        ):
            outcome = call(assignment)
            if not outcome["success"]:
                summary.problems.append(f"{step} failed: {_reason(outcome)}")
    summary.grades_csv = Path(grades_csv or course_dir / "grades.csv").resolve()
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        CsvExportPlugin(parent=api, to=str(summary.grades_csv)).export(gb)
    return summary
