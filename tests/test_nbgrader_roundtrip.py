"""Every assignment survives nbgrader's whole workflow, and learners get the marks they earn.

For each assignment under ``source/``, one cycle runs in a temporary course with the
course's own ``nbgrader_config.py`` (see ``nbgrader_harness.py``): generate, release,
then several learners fetch, answer and submit; the instructor collects, autogrades,
generates and releases feedback; one learner fetches feedback; grades are exported to CSV.

Each learner answers the way a real one might (right, untouched, right in other words,
typical mistakes, wrong kinds of value, a typo that raises ``NameError``). The expected
score of every graded cell is worked out from the points in the source notebook and the
list of exercises each learner gets wrong, and checked in the gradebook, the CSV and the
feedback. Each week's learners are in ``tests/plan_week_N.py``; a week without one fails.
"""

from __future__ import annotations

import csv
import html
import importlib
import importlib.util
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader_harness import (
    ROOT,
    Course,
    answer_release,
    autograded_points,
    cells_by_grade_id,
    error_message,
    error_text,
    make_release,
    manual_points,
    marked_variables,
)
from roundtrip_plan import EVERY_TEST, Learner, Plan

ASSIGNMENTS = make_release.assignments()

#: How many nbgrader runs go at once where steps are independent (learners, autograde batches).
WORKERS = 1  # one autograde at a time: concurrent kernels were seen to hang nbclient here


def plan_for(assignment: str) -> Plan:
    """The learners for ``assignment`` from ``tests/plan_week_N.py``; fails clearly if missing."""
    module = "plan_" + assignment.replace("-", "_")
    if importlib.util.find_spec(module) is None:
        pytest.fail(
            f"source/{assignment} has no learners: write tests/{module}.py with a function "
            f"plan() like the one in tests/plan_week_1.py, answering every ✏️ line (right, "
            f"untouched, typical mistakes, wrong kinds of value...)."
        )
    return importlib.import_module(module).plan()


def source_notebooks(assignment: str) -> list[Path]:
    """The assignment's notebooks in source/, in order."""
    return sorted((ROOT / "source" / assignment).glob("*.ipynb"))


def expected_scores(assignment: str, learner: Learner) -> dict[tuple[str, str], float]:
    """The score each autograded test cell must get, from the source's points."""
    return {
        (nb.stem, grade_id): 0.0
        if learner.fails == EVERY_TEST or grade_id in learner.fails
        else points
        for nb in source_notebooks(assignment)
        for grade_id, points in autograded_points(nb).items()
    }


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_assignment_has_learners(assignment: str) -> None:
    """Each week's learners answer real variables and name real cells; one answers everything."""
    plan = plan_for(assignment)
    variables: dict[str, str] = {}
    tests: set[str] = set()
    grade_ids: set[str] = set()
    for nb in source_notebooks(assignment):
        variables |= marked_variables(nb)
        tests |= autograded_points(nb).keys()
        grade_ids |= cells_by_grade_id(nbformat.read(nb, as_version=4)).keys()
    assert variables, f"source/{assignment} has no answer lines marked ✏️"
    assert "solution" in plan.learners, "every plan needs a 'solution' learner with full marks"
    assert set(plan.learners["solution"].answers) == set(variables), (
        "the 'solution' learner must answer every ✏️ line, and nothing else"
    )
    assert plan.feedback_for in plan.learners
    for name, learner in plan.learners.items():
        assert set(learner.answers) <= set(variables), f"{name} answers unknown variables"
        if learner.fails != EVERY_TEST:
            assert set(learner.fails) <= tests, f"{name}: fails names cells that are not tests"
        assert set(learner.says) <= grade_ids, f"{name}: says names unknown cells"


# --- The round trip --------------------------------------------------------------------


@dataclass
class RoundTrip:
    """What one cycle left behind, read into plain values."""

    assignment: str
    plan: Plan
    course: Course
    #: learner -> (notebook, grade_id) -> score, max_score, auto_score, needs_manual_grade
    grades: dict[str, dict[tuple[str, str], dict[str, object]]]
    #: learner -> notebook -> autograded notebook
    autograded: dict[str, dict[str, nbformat.NotebookNode]]
    csv_rows: list[dict[str, str]]
    feedback: list[Path]


def _learner_turn(course: Course, assignment: str, name: str, learner: Learner) -> None:
    """Fetch the assignment, change the marked lines as this learner would, and submit."""
    course.learner(name, "fetch_assignment", assignment)
    folder = course.learner_dir(name) / assignment
    used: set[str] = set()
    for nb_path in sorted(folder.glob("*.ipynb")):
        here = {k: v for k, v in learner.answers.items() if k in marked_variables(nb_path)}
        if here:
            nbformat.write(answer_release(nb_path, here), nb_path)
        used |= here.keys()
    assert used == set(learner.answers), (
        f"{name}: no ✏️ line for {sorted(set(learner.answers) - used)} in the fetched notebooks"
    )
    course.learner(name, "submit", assignment, "--student", name)


def _at_once(*calls: Callable[[], object]) -> None:
    """Run independent steps at the same time (each is mostly a slow-starting subprocess)."""
    with ThreadPoolExecutor(max_workers=min(len(calls), WORKERS)) as pool:
        for done in [pool.submit(call) for call in calls]:
            done.result()


def run_round_trip(assignment: str, plan: Plan, base: Path) -> RoundTrip:
    """One full nbgrader cycle for ``assignment`` with every learner in ``plan``."""
    course = Course.create(base)
    course.instructor("generate_assignment", assignment, "--force")
    course.instructor("release_assignment", assignment, "--force")
    # Learners work at the same time, each in their own folder and HOME, as in a class.
    _at_once(
        *(
            partial(_learner_turn, course, assignment, name, learner)
            for name, learner in plan.learners.items()
        )
    )
    course.instructor("collect", assignment)
    # Autograde in WORKERS batches at once, to save time: each run leaves out the other
    # batches' learners (student_id_exclude); SQLite makes concurrent writers wait their turn.
    names = list(plan.learners)
    batches = [names[i::WORKERS] for i in range(min(WORKERS, len(names)))]
    _at_once(
        *(
            partial(
                course.instructor,
                "autograde",
                assignment,
                "--CourseDirectory.student_id_exclude=" + ",".join(sorted(set(names) - set(batch))),
            )
            for batch in batches
        )
    )
    course.instructor("generate_feedback", assignment)
    course.instructor("release_feedback", assignment)
    who = plan.feedback_for
    grades_csv = base / "grades.csv"
    _at_once(
        partial(course.learner, who, "fetch_feedback", assignment, "--student", who),
        partial(course.instructor, "export", "--to", str(grades_csv)),
    )

    notebooks = [nb.stem for nb in source_notebooks(assignment)]
    grades: dict[str, dict[tuple[str, str], dict[str, object]]] = {}
    with Gradebook(course.db_url, course_id=course.course_id) as gb:
        for name in plan.learners:
            grades[name] = {
                (nb, g.name): {
                    "score": g.score,
                    "max_score": g.max_score,
                    "auto_score": g.auto_score,
                    "needs_manual_grade": g.needs_manual_grade,
                }
                for nb in notebooks
                for g in gb.find_submission_notebook(nb, assignment, name).grades
            }
    autograded = {
        name: {
            nb: nbformat.read(
                course.root / "autograded" / name / assignment / f"{nb}.ipynb", as_version=4
            )
            for nb in notebooks
        }
        for name in plan.learners
    }
    with grades_csv.open(newline="", encoding="utf-8") as f:
        csv_rows = list(csv.DictReader(f))
    feedback = sorted((course.learner_dir(who) / assignment / "feedback").glob("*/*.html"))
    return RoundTrip(assignment, plan, course, grades, autograded, csv_rows, feedback)


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def trip(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> RoundTrip:
    """One nbgrader cycle per assignment, shared by the checks below."""
    assignment = request.param
    plan = plan_for(assignment)
    return run_round_trip(assignment, plan, tmp_path_factory.mktemp(f"nbgrader-{assignment}"))


@pytest.mark.nbgrader
def test_each_graded_check_gives_the_marks_earned(trip: RoundTrip) -> None:
    """Every autograded test cell scores its full points, or 0 where the learner is wrong."""
    actual = {
        name: {
            f"{nb}/{gid}": trip.grades[name][(nb, gid)]["score"]
            for (nb, gid) in expected_scores(trip.assignment, learner)
        }
        for name, learner in trip.plan.learners.items()
    }
    expected = {
        name: {
            f"{nb}/{gid}": s for (nb, gid), s in expected_scores(trip.assignment, learner).items()
        }
        for name, learner in trip.plan.learners.items()
    }
    assert actual == expected, _why_cells_failed(trip, actual, expected)
    full = expected_scores(trip.assignment, Learner({}))  # nobody fails: every test's points
    for name in trip.plan.learners:
        for key, points in full.items():
            assert trip.grades[name][key]["max_score"] == points, f"{name} {key}: max_score"


def _why_cells_failed(trip: RoundTrip, actual: dict, expected: dict) -> str:
    """For an assertion message: each unexpected score and the error the cell showed."""
    lines = []
    for name in expected:
        for key, want in expected[name].items():
            if actual[name].get(key) != want:
                nb, gid = key.split("/", 1)
                cell = cells_by_grade_id(trip.autograded[name][nb])[gid]
                shown = error_text(cell).strip().splitlines()
                lines.append(
                    f"{name} {key}: got {actual[name].get(key)}, expected {want}; "
                    f"cell error: {shown[0] if shown else '(none)'}"
                )
    return "\n".join(lines)


@pytest.mark.nbgrader
def test_written_answers_wait_for_the_instructor(trip: RoundTrip) -> None:
    """A changed written answer needs manual grading; an untouched one scores 0 automatically."""
    for nb in source_notebooks(trip.assignment):
        owner = marked_variables(nb)
        for gid, points in manual_points(nb).items():
            cell_vars = {v for v, cell in owner.items() if cell == gid}
            for name, learner in trip.plan.learners.items():
                grade = trip.grades[name][(nb.stem, gid)]
                assert grade["max_score"] == points, f"{name} {gid}"
                if cell_vars & set(learner.answers):
                    assert grade["auto_score"] is None, f"{name} {gid}: {grade}"
                    assert grade["needs_manual_grade"] is True, f"{name} {gid}: {grade}"
                else:
                    assert grade["auto_score"] == 0, f"{name} {gid}: {grade}"
                    assert grade["needs_manual_grade"] is False, f"{name} {gid}: {grade}"


@pytest.mark.nbgrader
def test_failed_checks_say_why_in_plain_words(trip: RoundTrip) -> None:
    """The autograded notebook shows each learner the message meant for their mistake."""
    checked = 0
    for name, learner in trip.plan.learners.items():
        for gid, texts in learner.says.items():
            found = [
                error_message(cells[gid])
                for cells in map(cells_by_grade_id, trip.autograded[name].values())
                if gid in cells
            ]
            message = "\n".join(found)
            for text in texts:
                assert text in message, (
                    f"{name} {gid}: expected {text!r} in the error, got:\n{message or '(none)'}"
                )
                checked += 1
    assert checked > 0 or not any(p.says for p in trip.plan.learners.values())


def _plain(markup: str) -> str:
    """HTML as the text a reader sees (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.nbgrader
def test_feedback_reaches_the_learner(trip: RoundTrip) -> None:
    """fetch_feedback brings one HTML page per notebook, with the score and the error messages."""
    who = trip.plan.feedback_for
    learner = trip.plan.learners[who]
    notebooks = source_notebooks(trip.assignment)
    assert sorted(p.stem for p in trip.feedback) == sorted(nb.stem for nb in notebooks), (
        f"{who} fetched {[str(p) for p in trip.feedback]}"
    )
    scores = expected_scores(trip.assignment, learner)
    for nb in notebooks:
        page = next(p for p in trip.feedback if p.stem == nb.stem).read_text(encoding="utf-8")
        earned = sum(s for (stem, _), s in scores.items() if stem == nb.stem)
        total = sum(autograded_points(nb).values()) + sum(manual_points(nb).values())
        assert f"{nb.stem} (Score: {earned:.1f} / {total:.1f})" in _plain(page)
        # Only the error outputs: the same hints also appear in the instant checks' output.
        errors = _plain(
            "\n".join(
                re.findall(r'<div class="[^"]*output_error[^"]*">(.*?)</div>', page, flags=re.S)
            )
        )
        here = cells_by_grade_id(nbformat.read(nb, as_version=4))
        for gid, texts in learner.says.items():
            if gid not in here:
                continue  # a cell of the assignment's other notebook, with its own page
            for snippet in texts:
                assert snippet in errors, f"{who}'s feedback: no error says {snippet!r} ({gid})"


@pytest.mark.nbgrader
def test_exported_grades(trip: RoundTrip) -> None:
    """The CSV export has one row per learner with the autograded score and the full total."""
    rows = {row["student_id"]: row for row in trip.csv_rows if row["assignment"] == trip.assignment}
    assert sorted(rows) == sorted(trip.plan.learners)
    assert len(trip.csv_rows) == len(trip.plan.learners)
    total = sum(
        sum(autograded_points(nb).values()) + sum(manual_points(nb).values())
        for nb in source_notebooks(trip.assignment)
    )
    for name, learner in trip.plan.learners.items():
        earned = sum(expected_scores(trip.assignment, learner).values())
        row = rows[name]
        assert (float(row["score"]), float(row["max_score"])) == (earned, total), (name, row)
