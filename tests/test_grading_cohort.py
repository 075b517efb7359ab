"""One command grades a cohort safely: hostile or broken work neither leaks nor stops anyone.

A week-1 cohort of synthetic learners submits through a temporary course (see
``nbgrader_harness.py``), then the instructor runs ``python -m aicourse.grading grade
week-1`` once, and again to show it is safe to repeat. Among the learners: full marks,
blank, typical mistakes, an endless loop, ``os._exit``, a memory bomb, one who tries to read
the solutions and others' work, one who tries to write the gradebook and the solutions, a
damaged notebook, a tampered locked cell, a renamed notebook, a late one and one who never
submits. Each must get exactly the score or the reported failure they earned, and nobody's
feedback may contain a hidden test.
"""

from __future__ import annotations

import csv
import html
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader_harness import (
    Course,
    answer_release,
    autograded_points,
    cells_by_grade_id,
    environ_without_shared_jupyter,
    error_message,
)
from plan_week_1 import plan as week1_plan

from aicourse.grading.sandbox import sandbox_problem

pytestmark = pytest.mark.nbgrader

ASSIGNMENT = "week-1"
NOTEBOOK = "week-1-exercises"
SOURCE_NB = Path(__file__).resolve().parents[1] / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
DUE = "2027-03-01 17:00:00+13:00"
LATE_STAMP = "2027-03-01 19:00:00.000000+13:00"

#: A cell a learner adds to look for the solutions, others' work and the gradebook.
READER = """
import glob, os
here = os.path.realpath(os.getcwd())
found = [p for pattern in ["../../../source/**/*.ipynb", "../../*/week-1/*.ipynb",
                           "{exchange}/**/*.ipynb", "{root}/**/*.ipynb"]
         for p in glob.glob(pattern, recursive=True)
         if not os.path.realpath(p).startswith(here)]
print("FOUND", found)
try:
    print("GRADEBOOK", open("{gradebook}", "rb").read(16))
except OSError as err:
    print("GRADEBOOK", type(err).__name__)
"""

#: A cell a learner adds to change the gradebook, the solutions and another's work.
WRITER = """
results = []
for path in ["{gradebook}", "../../../source/week-1/week-1-exercises.ipynb",
             "../../full/week-1/week-1-exercises.ipynb", "{exchange}/planted.txt",
             "{root}/planted.txt"]:
    try:
        with open(path, "a") as f:
            f.write("x")
        results.append("WROTE " + path)
    except OSError as err:
        results.append("BLOCKED " + type(err).__name__)
print(results)
"""

#: Cells in notebook order, so "every test cell after the one that killed the kernel" is known.
TESTS = list(autograded_points(SOURCE_NB))
POINTS = autograded_points(SOURCE_NB)


def hidden_test_lines() -> list[str]:
    """Every line inside a HIDDEN TESTS region of the source: none may reach a learner."""
    lines: list[str] = []
    for cell in nbformat.read(SOURCE_NB, as_version=4).cells:
        for block in re.findall(
            r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", cell.source, flags=re.S
        ):
            lines += [ln.strip() for ln in block.splitlines() if len(ln.strip()) > 12]
    assert lines, "the source has hidden tests to protect"
    return lines


@dataclass(frozen=True)
class Cohort:
    """The course after grading, with what each learner did."""

    course: Course
    right: dict[str, str]
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    grades_before_repeat: dict[str, dict[str, float]]
    grade_rows_before_repeat: int


def _added_cell(code: str):
    """An edit that adds a code cell of the learner's own just after the setup cell."""

    def edit(nb: nbformat.NotebookNode) -> None:
        nb.cells.insert(2, nbformat.v4.new_code_cell(code.strip()))

    return edit


def _submit(course: Course, name: str, answers: dict[str, str], edit=None) -> None:
    course.learner(name, "fetch_assignment", ASSIGNMENT)
    path = course.learner_dir(name) / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    nb = answer_release(path, answers)
    if edit is not None:
        edit(nb)
    nbformat.write(nb, path)
    course.learner(name, "submit", ASSIGNMENT, "--student", name)


def _grade(course: Course) -> subprocess.CompletedProcess[str]:
    env = environ_without_shared_jupyter()
    env["HOME"] = str(course.base / "instructor-home")
    cmd = [
        sys.executable,
        "-m",
        "aicourse.grading",
        "--course",
        str(course.root),
        "grade",
        ASSIGNMENT,
    ]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1500)


def _grades(course: Course) -> dict[str, dict[str, float]]:
    with Gradebook(course.db_url, course_id=course.course_id) as gb:
        return {
            s.student.id: {g.name: g.score for nb in s.notebooks for g in nb.grades}
            for s in gb.find_assignment(ASSIGNMENT).submissions
        }


def _grade_rows(course: Course) -> int:
    with sqlite3.connect(course.db_url.removeprefix("sqlite:///")) as db:
        return int(db.execute("select count(*) from grade").fetchone()[0])


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Cohort:
    problem = sandbox_problem()
    if problem:
        pytest.fail(f"the grading sandbox must work where the tests run: {problem}")
    course = Course.create(tmp_path_factory.mktemp("cohort"))
    # A short cell time limit keeps the endless loop quick; the mechanism is the course's own.
    with (course.root / "nbgrader_config.py").open("a", encoding="utf-8") as f:
        f.write("c.Execute.timeout = 15\n")
    course.instructor("db", "assignment", "add", ASSIGNMENT, f"--duedate={DUE}")
    course.instructor("db", "student", "add", "ghost", "--first-name=Never", "--last-name=Came")
    course.instructor("generate_assignment", ASSIGNMENT, "--force")
    course.instructor("release_assignment", ASSIGNMENT, "--force")

    learners = week1_plan().learners
    right = dict(learners["solution"].answers)
    gradebook = course.db_url.removeprefix("sqlite:///")
    _submit(course, "full", right)
    _submit(course, "blank", {})
    _submit(course, "mistakes", dict(learners["mistakes"].answers))
    endless = '"rules" if print("looping") else [0 for _ in iter(int, 1) if False]'
    _submit(course, "looper", right | {"scenario_b": endless})
    _submit(course, "exiter", right | {"scenario_c": '__import__("os")._exit(1)'})
    bomb = "[bytearray(10**8) for _ in range(10**4)]"
    _submit(course, "bomb", right | {"scenario_d": bomb})
    _submit(
        course,
        "reader",
        right,
        edit=_added_cell(
            READER.format(exchange=course.exchange, gradebook=gradebook, root=course.root)
        ),
    )
    _submit(
        course,
        "writer",
        right,
        edit=_added_cell(
            WRITER.format(exchange=course.exchange, gradebook=gradebook, root=course.root)
        ),
    )

    def tamper(nb: nbformat.NotebookNode) -> None:
        cells_by_grade_id(nb)["w1-1a-test"].source = "# 🔒 marks please\n1"

    _submit(course, "tamperer", right | {"scenario_a": '"generative AI"'}, edit=tamper)
    _submit(course, "damaged", right)
    _submit(course, "renamer", right)
    _submit(course, "latecomer", right)
    inbound = course.exchange / course.course_id / "inbound"
    for folder in inbound.iterdir():
        student = folder.name.split("+")[0]
        if student == "damaged":
            (folder / f"{NOTEBOOK}.ipynb").write_text('{"cells": [', encoding="utf-8")
        if student == "renamer":
            (folder / f"{NOTEBOOK}.ipynb").rename(folder / "my answers.ipynb")
        if student == "latecomer":
            (folder / "timestamp.txt").write_text(LATE_STAMP, encoding="utf-8")

    first = _grade(course)
    before, rows = _grades(course), _grade_rows(course)
    second = _grade(course)
    return Cohort(course, right, first, second, before, rows)


def _autograded(cohort: Cohort, name: str) -> nbformat.NotebookNode:
    path = cohort.course.root / "autograded" / name / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    return nbformat.read(path, as_version=4)


def _printed(nb: nbformat.NotebookNode, marker: str) -> str:
    """What the learner's own added cell (found by a line of its code) printed."""
    (cell,) = [c for c in nb.cells if c.cell_type == "code" and marker in c.source]
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def _expected(fails: set[str]) -> dict[str, float]:
    return {gid: 0.0 if gid in fails else pts for gid, pts in POINTS.items()}


def test_every_learner_gets_the_marks_earned(cohort: Cohort) -> None:
    """Hostile or broken cells cost only their own checks; everyone else is unaffected."""
    grades = _grades(cohort.course)
    auto = {name: {g: s for g, s in cells.items() if g in POINTS} for name, cells in grades.items()}
    after_exit = set(TESTS[TESTS.index("w1-1c-test") :])
    assert auto["full"] == _expected(set())
    assert auto["blank"] == _expected(set(POINTS))
    assert auto["mistakes"] == _expected(set(POINTS))
    assert auto["looper"] == _expected({"w1-1b-test"})
    assert auto["exiter"] == _expected(after_exit)
    assert auto["bomb"] == _expected({"w1-1d-test"})
    assert auto["reader"] == _expected(set())
    assert auto["writer"] == _expected(set())
    assert auto["tamperer"] == _expected({"w1-1a-test"})
    assert auto["latecomer"] == _expected(set())
    assert "damaged" not in auto, "a notebook that cannot be opened has no grades to record"
    assert "renamer" not in auto, "no notebook of the assignment was submitted"
    assert "ghost" not in auto


def test_the_reasons_are_recorded(cohort: Cohort) -> None:
    """Each broken submission is reported by learner id, with the reason, and the run goes on."""
    out = cohort.first.stdout
    assert cohort.first.returncode == 1, cohort.first.stderr[-3000:]  # some learners failed
    assert "10 graded, 2 failed, 1 late, 1 missing" in out, out
    assert re.search(r"damaged: FAILED; week-1-exercises.ipynb is damaged", out), out
    assert re.search(r"renamer: FAILED; no notebook to grade: .*found my answers.ipynb", out), out
    assert re.search(r"tamperer: graded, 9 / 13; .*locked cell w1-1a-test was changed", out), out
    assert "latecomer: graded, 10 / 13, late by 2.0 hours" in out, out
    assert "ghost: missing, nothing submitted" in out, out
    progress = cohort.first.stderr
    assert progress.count("] ") >= 13 and "[####################] 13/13" in progress
    stopped = cells_by_grade_id(_autograded(cohort, "exiter"))
    assert "Python stopped while running this cell" in error_message(stopped["w1-1c-answer"])
    assert "did not run" in error_message(stopped["w1-2a-test"])
    timed_out = cells_by_grade_id(_autograded(cohort, "looper"))["w1-1b-answer"]
    assert "CellTimeoutError" in error_message(timed_out) or "KeyboardInterrupt" in error_message(
        timed_out
    )
    bomb = cells_by_grade_id(_autograded(cohort, "bomb"))["w1-1d-answer"]
    assert "MemoryError" in error_message(bomb)


def test_the_sandbox_hid_and_protected_everything(cohort: Cohort) -> None:
    """The reader saw nothing outside its folder; the writer changed nothing outside it."""
    printed = _printed(_autograded(cohort, "reader"), 'print("FOUND"')
    assert printed.startswith("FOUND []\nGRADEBOOK "), printed  # not one notebook found
    assert printed.split("GRADEBOOK ")[1].strip() in {"b''", "PermissionError"}, printed
    printed = _printed(_autograded(cohort, "writer"), "results = []")
    assert printed.startswith("[") and "WROTE" not in printed, printed
    assert printed.count("BLOCKED") == 5, printed
    assert not (cohort.course.exchange / "planted.txt").exists()
    assert not (cohort.course.root / "planted.txt").exists()
    full = cohort.course.root / "autograded" / "full" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    assert not full.read_text(encoding="utf-8").endswith("x")
    source = cohort.course.root / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    nbformat.validate(nbformat.read(source, as_version=4))
    assert not source.read_text(encoding="utf-8").endswith("x")
    with sqlite3.connect(cohort.course.db_url.removeprefix("sqlite:///")) as db:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_no_feedback_shows_a_hidden_test(cohort: Cohort) -> None:
    """Learners read which checks passed and why others failed, never the hidden tests."""
    pages = sorted((cohort.course.root / "feedback").glob(f"*/{ASSIGNMENT}/*.html"))
    assert len(pages) == 10, pages  # every graded learner, nobody else
    secret = hidden_test_lines()
    for page in pages:
        text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
        for line in secret:
            assert line not in text, f"{page}: shows the hidden test line {line!r}"
        for sign in ("most recent call last", "Cell In[", "HIDDEN TESTS", "BEGIN SOLUTION"):
            assert sign not in text, f"{page} shows {sign!r}"
    mistakes = cohort.course.root / "feedback" / "mistakes" / ASSIGNMENT / f"{NOTEBOOK}.html"
    text = html.unescape(re.sub(r"<[^>]+>", "", mistakes.read_text(encoding="utf-8")))
    assert "Not yet" in text  # the plain-words message is still there
    released = list((cohort.course.exchange / cohort.course.course_id / "feedback").rglob("*.html"))
    assert len(released) == 10


def test_grading_again_changes_nothing(cohort: Cohort) -> None:
    """Running the command twice keeps every grade, adds no rows, and exports the same CSV."""
    assert _grades(cohort.course) == cohort.grades_before_repeat
    assert _grade_rows(cohort.course) == cohort.grade_rows_before_repeat
    assert cohort.second.stdout.splitlines()[0] == cohort.first.stdout.splitlines()[0]
    with (cohort.course.root / "grades.csv").open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["assignment"] == ASSIGNMENT]
    assert sorted(r["student_id"] for r in rows) == sorted(
        [*cohort.grades_before_repeat, "damaged", "renamer", "ghost"]
    )


def test_the_cohort_report(cohort: Cohort) -> None:
    """The report renders from the gradebook; the CSV has a row per learner and no free text."""
    out = cohort.course.base / "reports"
    env = environ_without_shared_jupyter()
    cmd = [
        sys.executable,
        "-m",
        "aicourse.grading",
        "--course",
        str(cohort.course.root),
        "report",
        "--out",
        str(out),
    ]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    page = (out / "cohort-report.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 3
    missing = page.split("Missing submissions")[1]
    assert "ghost" in missing and "damaged" in missing and "full" not in missing
    assert "latecomer" in page.split("Late submissions")[1].split("Missing submissions")[0]
    with (out / "completion.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_id = {r["student_id"]: r for r in rows}
    assert sorted(by_id) == sorted([*cohort.grades_before_repeat, "damaged", "renamer", "ghost"])
    assert len(rows) == len(by_id)
    assert by_id["full"]["submitted"] == "yes" and float(by_id["full"]["score"]) == 10
    assert by_id["ghost"]["submitted"] == "no" and by_id["ghost"]["score"] == ""
    assert by_id["latecomer"]["late"] == "yes" and by_id["latecomer"]["hours_late"] == "2.0"
    written = week1_plan().learners["solution"].answers["my_task"].strip('"')
    csv_text = (out / "completion.csv").read_text(encoding="utf-8")
    assert written[:30] not in csv_text
    allowed = re.compile(r"^[\w .\-]*$")
    assert all(allowed.match(value) for row in rows for value in row.values()), rows
