"""Feedback that tells learners what to fix without showing the hidden tests or answers.

nbgrader's feedback page shows every graded cell as it ran, hidden tests included, and an
error's traceback quotes the failing line: often the right answer (nbgrader issues #917 and
#1363). The course's ``nbgrader_config.py`` adds nbgrader's own ``ClearHiddenTests`` and
:class:`PlainFeedback` to ``GenerateFeedback.preprocessors``, so ``nbgrader
generate_feedback`` and the formgrader both produce safe pages.

In every autograded test cell, each error keeps only its plain-words message (the sentence
``require_correct`` raises); a bare ``assert`` in a hidden test becomes a general sentence.
Errors in any other cell (the learner's own answer, or a cell they broke) keep one line, the
error's name and message: a page of traceback frightens people who do not code, and the
learner can rerun the cell in their own notebook to see the detail.
"""

from __future__ import annotations

from typing import Any

from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

#: What a learner reads when a check failed without a message of its own.
GENERAL_MESSAGE = (
    "This check did not pass. Run the instant check under your answer to see what to change."
)

#: What a learner reads when their own cell stopped with an error that carries no message.
OWN_CELL_MESSAGE = (
    "this cell stopped with an error. Run it in your own notebook to see where, then fix it."
)


def _is_test_cell(cell: NotebookNode) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution") and cell.cell_type == "code"


def plain_error(output: NotebookNode) -> NotebookNode:
    """The error ``output`` with its traceback reduced to the learner-facing message."""
    message = str(output.get("evalue") or "").strip() or GENERAL_MESSAGE
    name = str(output.get("ename") or "Error")
    shown = message if name in {"AssertionError", "CheckFailed"} else f"{name}: {message}"
    return NotebookNode(output_type="error", ename=name, evalue=message, traceback=[shown])


def own_cell_error(output: NotebookNode) -> NotebookNode:
    """The error ``output`` of a learner's own cell, as one line: its name and message."""
    message = str(output.get("evalue") or "").strip() or OWN_CELL_MESSAGE
    name = str(output.get("ename") or "Error")
    return NotebookNode(
        output_type="error", ename=name, evalue=message, traceback=[f"{name}: {message}"]
    )


class PlainFeedback(NbGraderPreprocessor):
    """Replace every traceback with a plain-words line; test cells keep only their message."""

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """Keep each cell's verdict and message; drop the code lines a traceback quotes."""
        if cell.cell_type != "code":
            return cell, resources
        reduce = plain_error if _is_test_cell(cell) else own_cell_error
        cell.outputs = [
            reduce(out) if out.get("output_type") == "error" else out
            for out in cell.get("outputs", [])
        ]
        return cell, resources
