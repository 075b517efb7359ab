"""The grading tools' parts, without running nbgrader: sandbox plan, config, feedback, report."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.preprocessors import ClearHiddenTests, Execute

from aicourse.grading.config import autograde_preprocessors, feedback_preprocessors
from aicourse.grading.execute import SandboxedExecute
from aicourse.grading.feedback import (
    GENERAL_MESSAGE,
    OWN_CELL_MESSAGE,
    PlainFeedback,
    plain_error,
)
from aicourse.grading.report import COMPLETION_COLUMNS, completion, missed_cells, report_html
from aicourse.grading.sandbox import (
    ENV_VAR,
    KERNEL_NAME,
    SandboxPlan,
    bwrap_argv,
    install_kernelspec,
    kernelspec,
    launch,
)

# --- sandbox ------------------------------------------------------------------------------


def _plan(tmp_path: Path) -> SandboxPlan:
    course = tmp_path / "course"
    own = course / "autograded" / "ana" / "week-1"
    own.mkdir(parents=True)
    (tmp_path / "gradebook.db").write_text("", encoding="utf-8")
    return SandboxPlan(
        writable=str(own),
        hidden=(str(course), str(tmp_path)),
        hidden_files=(str(tmp_path / "gradebook.db"),),
        readable=(),
    )


def test_a_plan_survives_the_trip_through_the_environment(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    assert SandboxPlan.from_env(plan.to_env()) == plan


@pytest.mark.parametrize(
    "text",
    ["not json", json.dumps({"hidden": []}), json.dumps({"writable": "relative/path"})],
)
def test_a_bad_plan_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(ValueError, match="sandbox"):
        SandboxPlan.from_env(text)


def test_mounts_hide_first_then_give_back_python_then_the_learners_folder(tmp_path: Path) -> None:
    """bwrap applies mounts in order: a later mount inside a hidden folder shows through."""
    plan = _plan(tmp_path)
    argv = bwrap_argv(plan, ["python", "-m", "ipykernel_launcher"], str(tmp_path / "k.json"))
    pairs = [(argv[i], argv[i + 1]) for i in range(len(argv) - 1)]
    hide_course = pairs.index(("--tmpfs", plan.hidden[0]))
    hide_db = argv.index(plan.hidden_files[0])
    own = pairs.index(("--bind", plan.writable))
    assert argv[:3] == ["bwrap", "--ro-bind", "/"]
    assert hide_course < hide_db < own
    assert argv[argv.index("--") + 1 :] == ["python", "-m", "ipykernel_launcher"]
    for flag in ("--unshare-pid", "--unshare-ipc", "--die-with-parent"):
        assert flag in argv
    assert ("--unsetenv", "JPY_PARENT_PID") in pairs
    assert ("--chdir", plan.writable) in pairs
    # Nothing but the learner's own folder is writable.
    assert [b for a, b in pairs if a == "--bind"] == [plan.writable]


def test_python_is_given_back_only_where_a_hidden_folder_covers_it(tmp_path: Path) -> None:
    prefix = sys.prefix
    plan = SandboxPlan(writable=str(tmp_path), hidden=(str(Path(prefix).parent),))
    argv = bwrap_argv(plan, ["k"], str(tmp_path / "k.json"))
    assert ("--ro-bind", prefix) in zip(argv, argv[1:], strict=False)
    elsewhere = SandboxPlan(writable=str(tmp_path), hidden=(str(tmp_path / "nothing"),))
    argv = bwrap_argv(elsewhere, ["k"], str(tmp_path / "k.json"))
    if not prefix.startswith("/tmp"):
        assert prefix not in argv


def test_the_kernelspec_runs_the_launcher_and_interrupts_by_message(tmp_path: Path) -> None:
    spec = kernelspec()
    assert spec["argv"][:3] == [sys.executable, "-m", "aicourse.grading.sandbox"]
    assert spec["interrupt_mode"] == "message"
    path = install_kernelspec(str(tmp_path))
    assert path == tmp_path / "share" / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json"
    assert json.loads(path.read_text(encoding="utf-8")) == spec


def test_the_launcher_refuses_to_run_outside_the_grader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    with pytest.raises(SystemExit, match="only runs under the course's grader"):
        launch(["-f", "/nonexistent.json"])


# --- configuration ------------------------------------------------------------------------


def test_autograde_swaps_only_the_execute_step() -> None:
    ours, theirs = autograde_preprocessors(), Autograde.autograde_preprocessors.default()
    assert len(ours) == len(theirs)
    assert [b for a, b in zip(ours, theirs, strict=True) if a is not b] == [Execute]
    assert ours[theirs.index(Execute)] is SandboxedExecute
    assert issubclass(SandboxedExecute, Execute)


def test_feedback_clears_hidden_tests_before_rendering() -> None:
    steps = feedback_preprocessors()
    assert set(GenerateFeedback.preprocessors.default()) <= set(steps)
    css = steps.index(CSSHTMLHeaderPreprocessor)
    assert steps.index(ClearHiddenTests) < steps.index(PlainFeedback) < css


def test_the_course_config_uses_both() -> None:
    from traitlets.config.loader import PyFileConfigLoader

    root = Path(__file__).resolve().parents[1]
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    assert config.Autograde.autograde_preprocessors == autograde_preprocessors()
    assert config.GenerateFeedback.preprocessors == feedback_preprocessors()
    assert config.OverwriteCells.add_missing_cells is True
    assert config.AsyncKernelManager.client_class == "aicourse.patient_client.PatientKernelClient"


# --- feedback -----------------------------------------------------------------------------


def _cell(grade: bool, solution: bool, outputs: list) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("require_correct('w1-1a')\nassert scenario_a == 'rules'")
    cell.metadata["nbgrader"] = {"grade": grade, "solution": solution, "grade_id": "x"}
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return cell


ERROR = {
    "output_type": "error",
    "ename": "AssertionError",
    "evalue": "Not yet. Did someone write this rule?",
    "traceback": ["Traceback", "----> 2 assert scenario_a == 'rules'", "AssertionError: Not yet"],
}


def test_a_test_cell_keeps_its_message_and_loses_its_traceback() -> None:
    cell = _cell(True, False, [{"output_type": "stream", "name": "stdout", "text": "hi"}, ERROR])
    out, _ = PlainFeedback().preprocess_cell(cell, {}, 0)
    assert out.outputs[0]["text"] == "hi"
    assert out.outputs[1]["traceback"] == ["Not yet. Did someone write this rule?"]
    assert "rules'" not in json.dumps(out.outputs)


def test_a_bare_assert_gets_a_general_sentence() -> None:
    bare = plain_error(nbformat.from_dict(ERROR | {"evalue": ""}))
    assert bare["traceback"] == [GENERAL_MESSAGE]
    named = plain_error(nbformat.from_dict(ERROR | {"ename": "NameError", "evalue": "x"}))
    assert named["traceback"] == ["NameError: x"]


def test_answer_cells_keep_one_plain_line_of_their_error() -> None:
    cell = _cell(False, True, [ERROR])
    out, _ = PlainFeedback().preprocess_cell(cell, {}, 0)
    assert out.outputs[0]["traceback"] == ["AssertionError: Not yet. Did someone write this rule?"]
    silent = _cell(False, True, [ERROR | {"ename": "MemoryError", "evalue": ""}])
    out, _ = PlainFeedback().preprocess_cell(silent, {}, 0)
    assert out.outputs[0]["traceback"] == [f"MemoryError: {OWN_CELL_MESSAGE}"]


# --- report -------------------------------------------------------------------------------


def _submissions() -> pd.DataFrame:
    rows = [
        ("ana", "Ana", "Lee", "week-1", True, 10.0, 13.0, 0.0),
        ("ben", "Ben", "Ng", "week-1", True, 5.0, 13.0, 7200.0),
        ("cai", "<script>alert(1)</script>", "Ora", "week-1", False, 0.0, 13.0, 0.0),
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "student_id",
            "first_name",
            "last_name",
            "assignment",
            "submitted",
            "score",
            "max_score",
            "seconds_late",
        ],
    ).assign(duedate=None)


def _cells() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("week-1", "nb", "w1-1a-test", "ana", 1.0, 1.0, True),
            ("week-1", "nb", "w1-1a-test", "ben", 0.0, 1.0, True),
            ("week-1", "nb", "w1-4-test", "ana", 0.0, 2.0, True),
            ("week-1", "nb", "w1-4-test", "ben", 0.0, 2.0, True),
        ],
        columns=["assignment", "notebook", "cell", "student_id", "score", "max_score", "auto"],
    )


def test_completion_has_numbers_and_ids_only() -> None:
    table = completion(_submissions())
    assert list(table.columns) == list(COMPLETION_COLUMNS)
    assert table["submitted"].tolist() == ["yes", "yes", "no"]
    assert table["late"].tolist() == ["no", "yes", "no"]
    assert table["hours_late"].tolist() == [0.0, 2.0, 0.0]
    assert table.loc[0, "percent"] == pytest.approx(76.9)
    assert pd.isna(table.loc[2, "percent"])


def test_the_most_missed_cell_comes_first() -> None:
    missed = missed_cells(_cells())
    assert missed["exercise"].tolist() == ["week-1 · w1-4-test", "week-1 · w1-1a-test"]
    assert missed["share_missed"].tolist() == [1.0, 0.5]


def test_the_report_is_self_contained_and_escapes_names() -> None:
    page = report_html(_submissions(), _cells(), "ai-foundations")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.count('src="data:image/png;base64,') == 3
    assert "http://" not in page and "https://" not in page
    assert "cai" in page.split("Missing submissions")[1]
    assert "ben" in page.split("Late submissions")[1].split("Missing submissions")[0]


def test_a_hidden_folder_inside_another_is_hidden_after_it(tmp_path: Path) -> None:
    """A course under /tmp: /tmp's stand-in first, then the course's, which is read-only."""
    course = tmp_path / "course"
    own = course / "autograded" / "ana" / "week-1"
    own.mkdir(parents=True)
    plan = SandboxPlan(writable=str(own), hidden=(str(course), "/tmp"))
    argv = bwrap_argv(plan, ["k"], str(tmp_path / "k.json"))
    pairs = list(zip(argv, argv[1:], strict=False))
    assert pairs.index(("--tmpfs", "/tmp")) < pairs.index(("--tmpfs", str(course)))
    assert ("--remount-ro", str(course)) in pairs
    assert ("--remount-ro", "/tmp") not in pairs  # the kernel's private scratch space
