"""A learner's nbgrader journey in JupyterLab, on one machine: list, fetch, validate, submit.

The instructor side is set up as in ``test_nbgrader_roundtrip.py`` (a temporary course from
the repository's ``source/`` and ``nbgrader_config.py``, a temporary exchange), and week 1 is
released. The learner has their own JupyterLab and folder, and uses only the browser:
Nbgrader > Assignments lists week 1; Fetch brings it; Validate on a right answer says it
passes, and on a wrong one shows the check's plain-words reason; Submit puts it in the
exchange. The answers are typed into the notebook file as the round trip's learners do
(their one marked line), then the notebook is reopened from disk.
"""

from __future__ import annotations

import nbformat
import pytest
from conftest import TOKEN, write_lab_settings
from lab import menu
from nbgrader_harness import _SHARED_JUPYTER_VARS as SHARED_JUPYTER_VARS
from nbgrader_harness import Course, answer_release
from plan_week_1 import plan
from playwright.sync_api import expect
from servers import jupyter_lab

ASSIGNMENT = "week-1"
LEARNER = "learner"


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    course = Course.create(tmp_path_factory.mktemp("nbgrader"))
    course.instructor("generate_assignment", ASSIGNMENT, "--force")
    course.instructor("release_assignment", ASSIGNMENT, "--force")
    return course


@pytest.fixture(scope="module")
def learner_lab(course, monkeypatch_module):
    """The learner's JupyterLab: their own folder and HOME, the course's exchange."""
    home = course.learner_dir(LEARNER)
    config = home / ".jupyter" / "nbgrader_config.py"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        f"c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {course.course_id!r}\n"
        f"c.Exchange.root = {str(course.exchange)!r}\n"
        f"c.Exchange.assignment_dir = {str(home)!r}\n"
    )
    for name in SHARED_JUPYTER_VARS:
        monkeypatch_module.delenv(name, raising=False)
    monkeypatch_module.setenv("USER", LEARNER)
    settings = f"--LabApp.user_settings_dir={write_lab_settings(home / 'lab-settings')}"
    workspaces = f"--LabApp.workspaces_dir={home / 'workspaces'}"
    with jupyter_lab(home, home, TOKEN, settings, workspaces) as base:
        yield base


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def answer(course: Course, answers: dict[str, str]) -> None:
    """Write the learner's answers into their fetched copy of week 1 (their marked lines)."""
    (fetched,) = (course.learner_dir(LEARNER) / ASSIGNMENT).glob("*.ipynb")
    nbformat.write(answer_release(fetched, answers), fetched)


def validate(page) -> str:
    """Click Validate on the open notebook; the text of nbgrader's answer, once it comes."""
    page.get_by_role("button", name="Validate").click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_be_visible(timeout=180_000)  # nbgrader runs the notebook, then answers
    text = dialog.inner_text()
    dialog.get_by_role("button").last.click()
    expect(dialog).to_have_count(0)
    return text


def test_learner_fetches_validates_and_submits_week_1(course, learner_lab, page, artifacts):
    learners = plan().learners
    page.goto(f"{learner_lab}/lab?token={TOKEN}&reset")
    page.wait_for_selector("#jp-main-statusbar", timeout=120_000)
    menu(page, "Nbgrader", "Assignment List")
    released = page.locator("#released_assignments_list")
    expect(released).to_contain_text(ASSIGNMENT, timeout=60_000)
    page.screenshot(path=str(artifacts / "nbgrader-assignments.png"))

    released.get_by_role("button", name="Fetch").click()
    fetched = page.locator("#fetched_assignments_list")
    expect(fetched).to_contain_text(ASSIGNMENT, timeout=60_000)
    assert list((course.learner_dir(LEARNER) / ASSIGNMENT).glob("*.ipynb")), "nothing fetched"

    answer(course, dict(learners["solution"].answers))
    (notebook,) = (course.learner_dir(LEARNER) / ASSIGNMENT).glob("*.ipynb")
    page.goto(f"{learner_lab}/lab/tree/{ASSIGNMENT}/{notebook.name}?token={TOKEN}&reset")
    page.wait_for_selector("#jp-main-statusbar >> text=Idle", timeout=120_000)
    passed = validate(page)
    assert "Success" in passed and "passes all the tests" in passed, passed

    wrong = dict(learners["solution"].answers) | {"training_examples": "400"}
    answer(course, wrong)
    page.reload()
    page.wait_for_selector("#jp-main-statusbar >> text=Idle", timeout=120_000)
    failed = validate(page)
    assert "failed" in failed.lower() and "400" in failed, failed
    helpful = learners["mistakes"].says["w1-3-test"]
    assert all(words in failed for words in helpful), failed

    answer(course, dict(learners["solution"].answers))
    page.goto(f"{learner_lab}/lab?token={TOKEN}&reset")
    page.wait_for_selector("#jp-main-statusbar", timeout=120_000)
    menu(page, "Nbgrader", "Assignment List")
    fetched = page.locator("#fetched_assignments_list")
    expect(fetched).to_contain_text(ASSIGNMENT, timeout=60_000)
    fetched.get_by_role("button", name="Submit").click()
    submitted = page.locator("#submitted_assignments_list")
    expect(submitted).to_contain_text(ASSIGNMENT, timeout=60_000)
    page.screenshot(path=str(artifacts / "nbgrader-submitted.png"))
    inbound = list((course.exchange / course.course_id / "inbound").glob(f"*+{ASSIGNMENT}+*"))
    assert inbound, "the submission is not in the exchange"
