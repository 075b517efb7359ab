"""Run nbgrader's whole workflow in a temporary course, as an instructor and as learners.

The round-trip tests use this to play every role on one machine with one unix account,
following the recipe in the course's tech notes:

- :class:`Course` copies ``source/`` and the repository's ``nbgrader_config.py`` into a
  temporary folder and appends overrides (course root, a temporary sqlite gradebook, a
  temporary exchange, ``check_owner=False``), so what is tested is the configuration
  instructors use, pointed at throwaway paths.
- :meth:`Course.instructor` runs an nbgrader command in the course folder;
  :meth:`Course.learner` runs one in a learner's own folder. Each role has its own working
  folder and ``HOME`` (nbgrader keeps the learner's submit cache under ``HOME``, and
  ``fetch_feedback`` finds nothing without it). A command that exits non-zero fails the
  test with its stderr.
- :func:`answer_release` plays a learner: it changes exactly the marked ``name = ...``
  lines of a release notebook, the way the assignment tells learners to answer.

Every subprocess gets this interpreter's ``bin`` folder first on ``PATH`` (nbgrader runs
``alembic``), through ``venv_env`` from ``tools/make_release.py``.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import nbformat
from nbconvert.filters import strip_ansi
from nbformat import NotebookNode
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parents[1]
NBGRADER = Path(sys.executable).with_name("nbgrader")

#: Environment variables that would make every role share one Jupyter config or data folder.
_SHARED_JUPYTER_VARS = (
    "JUPYTER_CONFIG_DIR",
    "JUPYTER_DATA_DIR",
    "JUPYTER_RUNTIME_DIR",
    "IPYTHONDIR",
)

#: Thread counts for numerical libraries (OpenMP, OpenBLAS, MKL) in each subprocess.
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _load_make_release() -> ModuleType:
    """Import ``tools/make_release.py`` by path (``tools`` is not a package)."""
    path = ROOT / "tools" / "make_release.py"
    spec = importlib.util.spec_from_file_location("make_release", path)
    assert spec is not None and spec.loader is not None, f"cannot import {path}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_release = _load_make_release()
venv_env = make_release.venv_env


def environ_without_shared_jupyter() -> dict[str, str]:
    """``venv_env()`` without variables that point every role at one Jupyter folder."""
    env = venv_env()
    for name in _SHARED_JUPYTER_VARS:
        env.pop(name, None)
    return env


def course_config() -> Config:
    """The repository's ``nbgrader_config.py``, loaded the way nbgrader loads it."""
    return PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()


def course_id() -> str:
    """The course id set in the repository's ``nbgrader_config.py``."""
    return str(course_config().CourseDirectory.course_id)


class NbgraderCommandFailed(AssertionError):
    """An nbgrader command exited non-zero; the message carries its stderr."""


def run_nbgrader(
    args: Sequence[str], *, cwd: Path, home: Path, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run ``nbgrader ARGS`` in ``cwd`` with ``HOME=home``; fail with stderr on a non-zero exit."""
    env = environ_without_shared_jupyter()
    env["HOME"] = str(home)
    # The tests run several commands, and their kernels, at once on a small machine: with
    # one maths thread each, model training in the kernels does not fight over the cores.
    for name in _THREAD_VARS:
        env.setdefault(name, "1")
    cmd = [str(NBGRADER), *args]
    result = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise NbgraderCommandFailed(
            f"`nbgrader {' '.join(args)}` in {cwd} exited with {result.returncode}.\n"
            f"--- stderr ---\n{result.stderr}\n--- stdout ---\n{result.stdout}"
        )
    return result


@dataclass
class Course:
    """A temporary nbgrader course: instructor folder, exchange and learners' folders.

    Layout under ``base``: ``course/`` (the instructor's course folder, also its working
    folder), ``instructor-home/``, ``gradebook.db``, ``exchange/`` and ``learners/<name>/``
    (each learner's working folder and ``HOME``).
    """

    base: Path

    @property
    def root(self) -> Path:
        """The instructor's course folder (source/, release/, submitted/, autograded/...)."""
        return self.base / "course"

    @property
    def exchange(self) -> Path:
        """The exchange folder shared by instructor and learners."""
        return self.base / "exchange"

    @property
    def db_url(self) -> str:
        """The temporary gradebook's SQLAlchemy URL."""
        return f"sqlite:///{self.base / 'gradebook.db'}"

    @property
    def course_id(self) -> str:
        """The course id from the repository's configuration."""
        return course_id()

    @classmethod
    def create(cls, base: Path) -> Course:
        """Make the course folder from the repository's source/ and nbgrader_config.py."""
        course = cls(Path(base).resolve())
        course.root.mkdir(parents=True)
        (course.base / "instructor-home").mkdir()
        course.exchange.mkdir()
        course.exchange.chmod(0o777)  # as on a shared server; release_assignment expects it
        shutil.copytree(ROOT / "source", course.root / "source")
        overrides = "\n".join(
            [
                "",
                "# --- Overrides appended by tests/nbgrader_harness.py ---",
                f"c.CourseDirectory.root = {str(course.root)!r}",
                f"c.CourseDirectory.db_url = {course.db_url!r}",
                f"c.Exchange.root = {str(course.exchange)!r}",
                "c.ExchangeCollect.check_owner = False",
                "",
            ]
        )
        config = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
        (course.root / "nbgrader_config.py").write_text(config + overrides, encoding="utf-8")
        return course

    def instructor(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        """Run an nbgrader command as the instructor, in the course folder."""
        return run_nbgrader(
            args, cwd=self.root, home=self.base / "instructor-home", timeout=timeout
        )

    def learner_dir(self, name: str) -> Path:
        """A learner's working folder and HOME (created on first use)."""
        path = self.base / "learners" / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def learner(
        self, name: str, *args: str, timeout: float = 600
    ) -> subprocess.CompletedProcess[str]:
        """Run an nbgrader command as learner ``name``, in their own folder.

        Adds ``--course`` and ``--Exchange.root``, since learners have no course config.
        Pass ``--student NAME`` yourself where the command needs it (submit, fetch_feedback).
        """
        home = self.learner_dir(name)
        extra = ["--course", self.course_id, f"--Exchange.root={self.exchange}"]
        return run_nbgrader([*args, *extra], cwd=home, home=home, timeout=timeout)


# --- Notebooks: reading grade cells, answering as a learner, reading errors --------------


def _nbgrader_meta(cell: NotebookNode) -> Mapping[str, object]:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_answer_cell(cell: NotebookNode) -> bool:
    """A code cell the learner writes in (an nbgrader solution cell)."""
    return cell.cell_type == "code" and bool(_nbgrader_meta(cell).get("solution"))


def autograded_points(nb_path: Path) -> dict[str, float]:
    """Points of each autograded test cell (graded, not a solution), by grade_id."""
    nb = nbformat.read(nb_path, as_version=4)
    return {
        str(meta["grade_id"]): float(meta["points"])
        for meta in map(_nbgrader_meta, nb.cells)
        if meta.get("grade") and not meta.get("solution")
    }


def manual_points(nb_path: Path) -> dict[str, float]:
    """Points of each manually graded answer cell (graded and a solution), by grade_id."""
    nb = nbformat.read(nb_path, as_version=4)
    return {
        str(meta["grade_id"]): float(meta["points"])
        for meta in map(_nbgrader_meta, nb.cells)
        if meta.get("grade") and meta.get("solution")
    }


_MARKED_LINE = re.compile(r"^([A-Za-z_]\w*) = ")


def marked_variables(nb_path: Path) -> dict[str, str]:
    """Learners' variables (``name = ...`` lines marked ✏️), each mapped to its cell's grade_id."""
    nb = nbformat.read(nb_path, as_version=4)
    names: dict[str, str] = {}
    for cell in filter(is_answer_cell, nb.cells):
        for line in cell.source.splitlines():
            match = _MARKED_LINE.match(line)
            if match and "✏️" in line:
                names[match.group(1)] = str(_nbgrader_meta(cell).get("grade_id"))
    return names


def answer_release(release_nb_path: Path, answers: Mapping[str, str]) -> NotebookNode:
    """A learner's copy of a release notebook with the marked answer lines changed.

    For each ``variable: source`` in ``answers``, the one line in an answer cell that starts
    with ``variable = `` becomes ``variable = source``: the learner edits exactly that line
    and nothing else. ``source`` is Python text, so ``'"rules"'`` is text, ``'800'`` a
    number and ``'"91.2%"'`` text that looks like a number. Fails if a variable's line is
    missing or appears more than once, or if ``source`` spans several lines.
    """
    nb = nbformat.read(release_nb_path, as_version=4)
    for variable, source in answers.items():
        if "\n" in source:
            raise ValueError(f"the answer for {variable} must be one line, got {source!r}")
        prefix = f"{variable} = "
        places = [
            (cell, i)
            for cell in filter(is_answer_cell, nb.cells)
            for i, line in enumerate(cell.source.split("\n"))
            if line.startswith(prefix)
        ]
        if len(places) != 1:
            raise ValueError(
                f"expected one line starting {prefix!r} in the answer cells of "
                f"{release_nb_path}, found {len(places)}"
            )
        cell, i = places[0]
        lines = cell.source.split("\n")
        lines[i] = f"{prefix}{source}"
        cell.source = "\n".join(lines)
    return nb


def cells_by_grade_id(nb: NotebookNode) -> dict[str, NotebookNode]:
    """The cells of a notebook that have an nbgrader grade_id, by grade_id."""
    return {str(m["grade_id"]): c for c in nb.cells if (m := _nbgrader_meta(c)).get("grade_id")}


def error_message(cell: NotebookNode) -> str:
    """The one-line messages of a cell's errors (``Name: message``): what a learner reads first."""
    return "\n".join(
        f"{out.ename}: {out.evalue}"
        for out in cell.get("outputs", [])
        if out.output_type == "error"
    )


def error_text(cell: NotebookNode) -> str:
    """Everything a code cell reported as an error: error outputs and stderr, without colours."""
    parts: list[str] = []
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            parts.append(f"{output.ename}: {output.evalue}")
            parts.append(strip_ansi("\n".join(output.traceback)))
        elif output.output_type == "stream" and output.name == "stderr":
            parts.append(output.text)
    return "\n".join(parts)


__all__ = [
    "Course",
    "NbgraderCommandFailed",
    "ROOT",
    "answer_release",
    "autograded_points",
    "cells_by_grade_id",
    "course_config",
    "course_id",
    "environ_without_shared_jupyter",
    "error_message",
    "error_text",
    "make_release",
    "manual_points",
    "marked_variables",
    "run_nbgrader",
    "venv_env",
]
