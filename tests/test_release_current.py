"""The committed student versions in release/ match source/, and both are fit to hand out.

For every assignment under ``source/``:

- ``release/<name>`` is byte for byte what ``nbgrader generate_assignment`` makes from
  ``source/<name>`` today (``tools/make_release.py``), so nobody hands out a stale copy;
- source notebooks are committed without outputs, and every graded or solution cell has
  its own grade_id;
- the release has no ``raise NotImplementedError`` stub, and every answer cell has exactly
  one line marked ✏️ for the learner to change;
- nbgrader's validator passes the source (the solutions pass every test) and, inverted,
  the release (the blank release passes none).
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import nbformat
import pytest
from nbconvert.filters import strip_ansi
from nbgrader.validator import Validator
from nbgrader_harness import ROOT, course_config, make_release, venv_env

ASSIGNMENTS = make_release.assignments()
FIX = "Run `make release` (or `python tools/make_release.py`) and commit release/."


def notebooks(folder: Path) -> list[Path]:
    """The notebooks in an assignment folder, in order."""
    return sorted(folder.glob("*.ipynb"))


def files_under(folder: Path) -> set[str]:
    """Every file under ``folder``, as paths relative to it."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def fresh_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What nbgrader generates from source/ now, for every assignment, in a temporary folder."""
    into = tmp_path_factory.mktemp("fresh-release")
    make_release.generate(ASSIGNMENTS, into)
    return into


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_is_current(assignment: str, fresh_release: Path) -> None:
    """release/<name> holds exactly the files nbgrader makes from source/<name>, unchanged."""
    committed = ROOT / "release" / assignment
    fresh = fresh_release / assignment
    assert committed.is_dir(), f"release/{assignment} is missing. {FIX}"
    assert files_under(fresh), f"nbgrader generated nothing for {assignment}"
    assert files_under(committed) == files_under(fresh), (
        f"release/{assignment} has different files from a fresh release: "
        f"extra {sorted(files_under(committed) - files_under(fresh))}, "
        f"missing {sorted(files_under(fresh) - files_under(committed))}. {FIX}"
    )
    stale = [
        name
        for name in sorted(files_under(fresh))
        if not filecmp.cmp(committed / name, fresh / name, shallow=False)
    ]
    assert not stale, f"release/{assignment} is out of date with source/: {stale}. {FIX}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_is_committed_clean(assignment: str) -> None:
    """Source notebooks have no outputs, and graded/solution cells have unique grade_ids."""
    found = notebooks(ROOT / "source" / assignment)
    assert found, f"source/{assignment} has no notebooks"
    for path in found:
        nb = nbformat.read(path, as_version=4)
        with_output = [
            i
            for i, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
        ]
        assert not with_output, (
            f"{path.relative_to(ROOT)}: cells {with_output} have outputs or execution counts; "
            "clear all outputs before committing"
        )
        ids: list[str] = []
        for i, cell in enumerate(nb.cells):
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") or meta.get("solution"):
                assert meta.get("grade_id"), f"{path.relative_to(ROOT)} cell {i} has no grade_id"
            if meta.get("grade_id"):
                ids.append(meta["grade_id"])
        duplicates = sorted({g for g in ids if ids.count(g) > 1})
        assert not duplicates, f"{path.relative_to(ROOT)}: grade_ids used twice: {duplicates}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_answer_cells_are_friendly(assignment: str) -> None:
    """No NotImplementedError stub, and one ✏️ line in every answer cell of the release."""
    found = notebooks(ROOT / "release" / assignment)
    assert found, f"release/{assignment} has no notebooks. {FIX}"
    for path in found:
        nb = nbformat.read(path, as_version=4)
        stubs = [i for i, cell in enumerate(nb.cells) if "raise NotImplementedError" in cell.source]
        assert not stubs, f"{path.relative_to(ROOT)}: cells {stubs} raise NotImplementedError"
        answers = [
            (i, cell)
            for i, cell in enumerate(nb.cells)
            if cell.metadata.get("nbgrader", {}).get("solution")  # code or written answer
        ]
        assert answers, f"{path.relative_to(ROOT)} has no answer cells"
        for i, cell in answers:
            marked = [line for line in cell.source.splitlines() if "✏️" in line]
            assert len(marked) == 1, (
                f"{path.relative_to(ROOT)} cell {i} ({cell.metadata.nbgrader.get('grade_id')}) "
                f"should have exactly one line marked ✏️, has {len(marked)}:\n{cell.source}"
            )


@pytest.fixture
def validator_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """This interpreter's bin folder first on PATH, as nbgrader and its kernels expect."""
    monkeypatch.setenv("PATH", venv_env()["PATH"])


def summary(result: dict[str, list[dict[str, str]]]) -> str:
    """A validator result in a few lines: each cell's grade check and the last line of its error."""
    lines = []
    for kind, cells in result.items():
        for cell in cells:
            code = [
                ln
                for ln in cell.get("source", "").splitlines()
                if not ln.startswith(("#", "from ", "import "))
            ]
            error = strip_ansi(cell.get("raw_error", "")).strip().splitlines()
            lines.append(
                f"  {kind}: {code[0] if code else cell}" + (f" -> {error[-1]}" if error else "")
            )
    return "\n".join(lines)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_validator_passes_source_and_fails_release(assignment: str, validator_env: None) -> None:
    """The solutions pass every test; the release as handed out passes none."""
    config = course_config()
    for path in notebooks(ROOT / "source" / assignment):
        result = Validator(config=config).validate(str(path))
        assert result == {}, (
            f"{path.relative_to(ROOT)} does not pass nbgrader validate:\n{summary(result)}"
        )
    for path in notebooks(ROOT / "release" / assignment):
        result = Validator(config=config, invert=True).validate(str(path))
        assert result == {}, (
            f"{path.relative_to(ROOT)} passes tests before any answer is given:\n{summary(result)}"
        )
