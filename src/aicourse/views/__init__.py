"""Widget views: thin wiring from controls to a concept core, and a drawing of the result.

Each view builds its controls (every one with a visible description, which screen readers
read), calls its core once on build, and again whenever a control changes. The last result
is kept on the view (``result``) and a one-line reading of it is shown in ``readout``, so
tests can drive a view without a browser. Display a view by making it the last line of a
cell. One module per topic; the common ones are re-exported here.
"""

from aicourse.views.base import View
from aicourse.views.quiz import QuizView
from aicourse.views.text import ConfidenceView, LearningCurveView, SortMessageView
from aicourse.views.value import BenefitView

__all__ = [
    "BenefitView",
    "ConfidenceView",
    "LearningCurveView",
    "QuizView",
    "SortMessageView",
    "View",
]
