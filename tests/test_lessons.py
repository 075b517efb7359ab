"""Lessons reach each learner's home and never overwrite what the learner has."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aicourse.lessons import deliver, lesson_files, main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    source = tmp_path / "course"
    (source / "foundations").mkdir(parents=True)
    (source / "foundations" / "week-1.ipynb").write_text("week 1 from the course")
    (source / "masterclass").mkdir()
    (source / "masterclass" / "mc-1.ipynb").write_text("masterclass 1 from the course")
    (source / "foundations" / ".ipynb_checkpoints").mkdir()
    (source / "foundations" / ".ipynb_checkpoints" / "week-1-checkpoint.ipynb").write_text("x")
    return source


def test_first_login_gets_every_lesson_and_nothing_else(course: Path, tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    copied = deliver(course, home / "lessons")
    assert copied == [Path("foundations/week-1.ipynb"), Path("masterclass/mc-1.ipynb")]
    assert (home / "lessons/foundations/week-1.ipynb").read_text() == "week 1 from the course"
    assert not (home / "lessons/foundations/.ipynb_checkpoints").exists()


def test_a_learners_own_copy_is_never_overwritten(course: Path, tmp_path: Path):
    dest = tmp_path / "lessons"
    deliver(course, dest)
    (dest / "foundations/week-1.ipynb").write_text("my answers and notes")
    (course / "foundations/week-1.ipynb").write_text("week 1, corrected by the course")
    assert deliver(course, dest) == []
    assert (dest / "foundations/week-1.ipynb").read_text() == "my answers and notes"


def test_a_new_lesson_arrives_and_a_deleted_one_comes_back(course: Path, tmp_path: Path):
    dest = tmp_path / "lessons"
    deliver(course, dest)
    (course / "foundations" / "week-2.ipynb").write_text("week 2")
    (dest / "masterclass/mc-1.ipynb").unlink()
    copied = deliver(course, dest)
    assert copied == [Path("foundations/week-2.ipynb"), Path("masterclass/mc-1.ipynb")]


def test_a_link_in_the_learners_folder_is_never_written_through(course: Path, tmp_path: Path):
    dest = tmp_path / "lessons"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    dest.mkdir()
    os.symlink(elsewhere, dest / "foundations")  # a folder link
    (dest / "masterclass").mkdir()
    os.symlink(elsewhere / "target.ipynb", dest / "masterclass" / "mc-1.ipynb")  # dangling
    assert deliver(course, dest) == []
    assert list(elsewhere.iterdir()) == []


def test_the_course_lessons_are_what_gets_delivered():
    files = lesson_files(ROOT / "notebooks")
    assert Path("foundations/week-1-what-ai-is.ipynb") in files
    assert all(p.suffix == ".ipynb" for p in files), files


def test_command_line_reports_and_fails_clearly(course: Path, tmp_path: Path, capsys):
    assert main(["--from", str(course), "--to", str(tmp_path / "lessons")]) == 0
    assert "Delivered 2 new lesson file(s)" in capsys.readouterr().out
    assert main(["--from", str(tmp_path / "missing"), "--to", str(tmp_path / "x")]) == 1
    assert "Lessons not delivered: no lessons at" in capsys.readouterr().err
