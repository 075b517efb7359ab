"""The pieces of the course's ``nbgrader_config.py`` that replace nbgrader's defaults.

Kept here, tested, rather than written out in the config file, so the config stays short and
follows nbgrader's own default lists if a later nbgrader changes them.
"""

from __future__ import annotations

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.preprocessors import ClearHiddenTests, Execute

from aicourse.grading.execute import SandboxedExecute
from aicourse.grading.feedback import PlainFeedback


def autograde_preprocessors() -> list[type]:
    """nbgrader's autograde steps, with its Execute replaced by :class:`SandboxedExecute`."""
    steps = list(Autograde.autograde_preprocessors.default())
    if Execute not in steps:
        raise RuntimeError("nbgrader's autograde steps no longer include Execute; update this")
    return [SandboxedExecute if step is Execute else step for step in steps]


def feedback_preprocessors() -> list[type]:
    """nbgrader's feedback steps, with hidden tests and their tracebacks removed first."""
    steps = list(GenerateFeedback.preprocessors.default())
    if CSSHTMLHeaderPreprocessor not in steps:
        raise RuntimeError("nbgrader's feedback steps changed; update this")
    at = steps.index(CSSHTMLHeaderPreprocessor)
    return [*steps[:at], ClearHiddenTests, PlainFeedback, *steps[at:]]
