"""The course's lessons and exercises, found on disk and put in course order.

Nothing here is listed by hand: a lesson is any ``notebooks/masterclass/masterclass-N-*.ipynb``
or ``notebooks/foundations/week-N-*.ipynb``, an exercise any notebook in ``release/week-N/``.
Course order is masterclass 1, 2, 3..., then foundations week 1, 2, 3... (by number, so
week 10 would come after week 9). Adding a lesson to those folders adds it to the site.

Only ``release/`` is read for exercises, never ``source/``, which holds the solutions and
hidden tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat


class SiteBuildError(Exception):
    """The notebooks cannot be published as they are; the message says which and why."""


@dataclass(frozen=True)
class Programme:
    """One of the course's two programmes, and where its lessons live."""

    key: str
    name: str
    folder: str
    prefix: str
    label: str


MASTERCLASS = Programme(
    "masterclass", "AI Masterclass", "notebooks/masterclass", "masterclass", "Masterclass"
)
FOUNDATIONS = Programme("foundations", "AI Foundations", "notebooks/foundations", "week", "Week")
PROGRAMMES: tuple[Programme, ...] = (MASTERCLASS, FOUNDATIONS)

#: The line each lesson carries near its top: ``*Policy content checked as of November 2026.*``
POLICY_LINE = re.compile(
    r"Policy content checked as of\s+(?P<date>[^*_\n]+?)\s*\.?\s*[*_]*\s*$", re.MULTILINE
)
#: Pages the site itself writes; no notebook may be named like them.
RESERVED = frozenset({"index", "contents", "glossary"})
_HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*$", re.MULTILINE)
_NUMBERED = re.compile(r"^(?P<prefix>[a-z]+)-(?P<number>\d+)(?:-.*)?$")


@dataclass(frozen=True)
class Lesson:
    """A lesson notebook, published as one page."""

    path: Path
    programme: Programme
    number: int
    title: str
    summary: str
    policy_checked: str

    @property
    def slug(self) -> str:
        """The page's name without ``.html``: the notebook's own name."""
        return self.path.stem

    @property
    def page(self) -> str:
        return f"{self.slug}.html"

    @property
    def label(self) -> str:
        """``Masterclass 2`` or ``Week 3``."""
        return f"{self.programme.label} {self.number}"

    @property
    def short_title(self) -> str:
        """The title without its ``Masterclass 2:`` or ``Week 3:`` prefix, for menus."""
        prefix = f"{self.label}:"
        return self.title[len(prefix) :].strip() if self.title.startswith(prefix) else self.title


@dataclass(frozen=True)
class Exercise:
    """A student version of a week's graded exercises (from ``release/``): a page and a download."""

    path: Path
    week: int
    title: str

    @property
    def slug(self) -> str:
        return self.path.stem

    @property
    def page(self) -> str:
        return f"{self.slug}.html"

    @property
    def download(self) -> str:
        """Where the notebook itself is offered, relative to the site's root."""
        return f"downloads/{self.path.parent.name}/{self.path.name}"


@dataclass(frozen=True)
class Course:
    """Everything the site publishes, in course order."""

    lessons: tuple[Lesson, ...]
    exercises: tuple[Exercise, ...]

    def in_programme(self, programme: Programme) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if lesson.programme == programme)

    def exercises_for(self, week: int) -> tuple[Exercise, ...]:
        return tuple(exercise for exercise in self.exercises if exercise.week == week)

    def lesson_for_week(self, week: int) -> Lesson | None:
        return next((x for x in self.in_programme(FOUNDATIONS) if x.number == week), None)

    def policy_dates(self) -> list[str]:
        """The distinct policy-check dates, in course order."""
        return list(dict.fromkeys(lesson.policy_checked for lesson in self.lessons))


def _markdown(nb: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def read_title(nb: nbformat.NotebookNode, where: Path) -> str:
    """The notebook's title: the first ``# `` heading."""
    for source in _markdown(nb):
        match = _HEADING.search(source)
        if match:
            return match["title"]
    raise SiteBuildError(f"{where}: no title (a '# ' heading) in any markdown cell.")


def read_summary(nb: nbformat.NotebookNode, programme: Programme) -> str:
    """The line under the title that gives the audience and time (Markdown), for menus.

    ``**AI Masterclass** · for senior leaders · 90 minutes`` gives ``for senior leaders · 90
    minutes``: the programme's name is dropped, as the menus already show it.
    """
    first = _markdown(nb)[0] if _markdown(nb) else ""
    line = next((line.strip() for line in first.splitlines() if line.startswith("**")), "")
    parts = [part.strip() for part in line.split("\u00b7")]
    return " \u00b7 ".join(part for part in parts if part != f"**{programme.name}**")


def read_policy_date(nb: nbformat.NotebookNode, where: Path) -> str:
    """The date in the lesson's ``Policy content checked as of ...`` line: ``November 2026``."""
    dates = {m["date"] for source in _markdown(nb) for m in POLICY_LINE.finditer(source)}
    if not dates:
        raise SiteBuildError(
            f"{where}: the lesson has no 'Policy content checked as of <month year>.' line. "
            "Every lesson says near its top when its policy content was last checked; add the "
            "line to the first cell and build again."
        )
    if len(dates) > 1:
        raise SiteBuildError(
            f"{where}: the policy content is dated twice, differently: "
            f"{sorted(dates)}. Keep one line."
        )
    return dates.pop()


def _numbered(folder: Path, prefix: str) -> list[tuple[int, Path]]:
    """Notebooks (or folders) named ``<prefix>-<number>...`` in ``folder``, by number."""
    found = []
    for path in folder.glob(f"{prefix}-*"):
        match = _NUMBERED.match(path.stem if path.is_file() else path.name)
        if match and match["prefix"] == prefix and (path.is_dir() or path.suffix == ".ipynb"):
            found.append((int(match["number"]), path))
    return sorted(found, key=lambda item: (item[0], item[1].name))


def find_lessons(root: Path) -> list[Lesson]:
    """Every lesson notebook under ``root``, in course order."""
    lessons = []
    for programme in PROGRAMMES:
        for number, path in _numbered(root / programme.folder, programme.prefix):
            nb = nbformat.read(path, as_version=4)
            where = path.relative_to(root)
            lessons.append(
                Lesson(
                    path,
                    programme,
                    number,
                    read_title(nb, where),
                    read_summary(nb, programme),
                    read_policy_date(nb, where),
                )
            )
    return lessons


def find_exercises(root: Path) -> list[Exercise]:
    """Every student-version notebook under ``root/release``, by week then by name."""
    exercises = []
    for week, folder in _numbered(root / "release", "week"):
        for path in sorted(folder.glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            exercises.append(Exercise(path, week, read_title(nb, path.relative_to(root))))
    return exercises


def discover(root: Path) -> Course:
    """The course under ``root`` (a checkout of this repository), in course order."""
    lessons, exercises = find_lessons(root), find_exercises(root)
    if not lessons:
        raise SiteBuildError(
            f"{root}: no lessons found in notebooks/masterclass or notebooks/foundations."
        )
    slugs = [item.slug for item in [*lessons, *exercises]]
    clashes = sorted({slug for slug in slugs if slugs.count(slug) > 1} | (RESERVED & set(slugs)))
    if clashes:
        raise SiteBuildError(
            f"These notebook names would give a page the same name as another "
            f"page: {clashes}. Rename the notebook."
        )
    return Course(tuple(lessons), tuple(exercises))
