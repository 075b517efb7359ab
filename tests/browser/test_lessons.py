"""Every lesson in JupyterLab, as a learner meets it: Run All, no errors, the demos answer.

Each lesson notebook (found by glob, so a new one is covered) is opened in a JupyterLab
served on loopback, its outputs cleared, and every cell run from the top in a fresh kernel.
The tests then look at what the page shows. A picture of each whole lesson after its run is
saved to ``test-artifacts/browser/`` for a person to look over.
"""

from __future__ import annotations

from conftest import LESSONS
from lab import demos, drive, error_outputs


def test_there_are_lessons_to_check():
    assert len(LESSONS) >= 8, [p.name for p in LESSONS]


def test_runs_without_errors_or_warnings(lesson):
    assert error_outputs(lesson) == []


def test_every_demo_answers_its_controls(lesson):
    shown = demos(lesson)
    assert shown, "this lesson shows no demo"
    silent = []
    for i, demo in enumerate(shown):
        demo.scroll_into_view_if_needed()
        if drive(demo) is None:
            silent.append(i)
    assert silent == [], f"demos (by position) whose result did not change: {silent}"


def test_no_prose_is_set_as_maths(lesson):
    """JupyterLab sets text between two dollar signs as maths: "$300 ... $1,500" must not be,
    in a text cell or in an output."""
    maths = lesson.locator(".jp-Notebook mjx-container, .jp-Notebook .MathJax")
    assert maths.count() == 0, maths.all_inner_texts()[:3]
