"""Week 3 exercises: read a confusion table, choose a threshold, compare with the baseline.

Question 1 reads the confusion table of the week's risk model at a threshold of 20%
(``EXERCISE_THRESHOLD``) and asks for its precision and recall. Question 2 asks for a
threshold that meets two conditions at once (catch at least ``TARGET_RECALL`` of real
problems, flag no more than ``MAX_SHARE_FLAGGED`` of applications): it is graded by that
property, so any threshold in the band is right. Question 3 compares an invented vendor's
model (``VENDOR``) with the rule that flags nobody.
"""

from __future__ import annotations

import pandas as pd

from aicourse.checks import Verdict, as_number, check_percentage, is_unanswered
from aicourse.evaluation import (
    Metrics,
    check_threshold,
    compare_with_baseline,
    metrics_at_threshold,
    metrics_from_counts,
    standard_scores,
    threshold_band,
)
from aicourse.exercises import ChoiceExercise, Exercise, register

#: Question 1: the threshold whose confusion table the learner reads.
EXERCISE_THRESHOLD: float = 0.2

#: Question 2: the share of real problems the team must catch...
TARGET_RECALL: float = 0.7
#: ...and the most applications it can check, as a share of all of them.
MAX_SHARE_FLAGGED: float = 0.4

#: Question 3: an invented vendor's fraud model, tested on 1,000 claims of which 50 were
#: fraudulent. It is right about 940 of them (94%); flagging nobody is right about 950.
VENDOR: Metrics = metrics_from_counts(
    correctly_flagged=15, wrongly_flagged=25, missed=35, correctly_cleared=925
)

#: Percentage points either side of a right answer that still count (rounding to a whole
#: percentage is fine; a different measure is not).
TOLERANCE: float = 0.5

#: Other spellings accepted for question 3b.
YES_NO_ALIASES: dict[str, str] = {"y": "yes", "yep": "yes", "n": "no", "nope": "no"}

#: Hints for question 3b (what to look at, for each wrong answer).
BASELINE_HINTS: dict[str, str] = {
    "yes": "Compare the vendor's 94% with your answer to 3a: how often is a rule that flags "
    "nobody right? Which number is bigger?",
}


def exercise_metrics() -> Metrics:
    """Question 1: the week's risk model on the 1,200 test applications, at a 20% threshold."""
    scores, truth = standard_scores()
    return metrics_at_threshold(scores, truth, EXERCISE_THRESHOLD)


def exercise_table() -> pd.DataFrame:
    """Question 1's confusion table: what was really true (rows) by what was decided."""
    return exercise_metrics().table()


def _percent(answer: object, expected: float) -> float | None:
    """The learner's number as a percentage, read the way ``check_percentage`` reads it."""
    value = as_number(answer)
    if value is None or not 0.0 <= value <= 100.0:
        return None
    return value * 100 if value <= 1.0 and expected * 100 > 1.0 else value


def _near(value: float | None, share: float) -> bool:
    return value is not None and abs(value - 100 * share) <= TOLERANCE


def check_precision(answer: object) -> Verdict:
    """Question 1a: precision = correctly flagged / everything flagged."""
    m = exercise_metrics()
    value = _percent(answer, m.precision)
    if _near(value, m.recall):
        hint = (
            "That is the recall (the share of real problems that were flagged). Precision "
            "looks at the flags instead: correctly flagged divided by everything in the "
            '"Flagged for a check" column.'
        )
    elif _near(value, m.accuracy):
        hint = (
            "That is the accuracy (all decisions that were right). Precision looks only at "
            'the "Flagged for a check" column.'
        )
    elif _near(value, m.correctly_flagged / m.n):
        hint = (
            "You divided by all the applications. Precision divides by the applications that "
            'were flagged: add up the "Flagged for a check" column.'
        )
    else:
        hint = (
            'Precision = correctly flagged divided by everything flagged (the "Flagged for a '
            'check" column added up), as a percentage.'
        )
    return check_percentage(
        answer, m.precision, tolerance=TOLERANCE, what="the precision", hint=hint
    )


def check_recall(answer: object) -> Verdict:
    """Question 1b: recall = correctly flagged / all real problems."""
    m = exercise_metrics()
    value = _percent(answer, m.recall)
    if _near(value, m.precision):
        hint = (
            "That is the precision (the share of flags that found a problem). Recall looks at "
            'the real problems instead: correctly flagged divided by the "Had a problem" row.'
        )
    elif _near(value, m.accuracy):
        hint = (
            "That is the accuracy (all decisions that were right). Recall looks only at the "
            '"Had a problem" row.'
        )
    elif _near(value, m.missed / m.problems):
        hint = (
            "That is the share of problems that were missed. Recall is the share that were "
            "caught: correctly flagged divided by all real problems."
        )
    else:
        hint = (
            'Recall = correctly flagged divided by all real problems (the "Had a problem" row '
            "added up), as a percentage."
        )
    return check_percentage(answer, m.recall, tolerance=TOLERANCE, what="the recall", hint=hint)


def read_threshold(answer: object) -> float | None:
    """A threshold typed as a share (0.15) or a percentage (15), as a share; None if neither.

    Numbers from 0 to 1 are read as shares, numbers above 1 and up to 100 as percentages.
    """
    value = as_number(answer)
    if value is None or not 0.0 <= value <= 100.0:
        return None
    return value if value <= 1.0 else value / 100


def _kind(value: object) -> str:
    """A plain name for the kind of a value, for messages."""
    if isinstance(value, bool):
        return "True/False"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    return type(value).__name__


def _band_text() -> str:
    scores, truth = standard_scores()
    band = threshold_band(scores, truth, TARGET_RECALL, MAX_SHARE_FLAGGED)
    if band is None:  # pragma: no cover - the data world always leaves a band (tested)
        return ""
    low, high = band
    return f" Any threshold from just above {100 * low:.1f}% up to {100 * high:.1f}% works."


def check_threshold_answer(answer: object) -> Verdict:
    """Question 2: right if the threshold meets the recall target AND the checking limit."""
    if is_unanswered(answer):
        return Verdict(
            "not answered", "Replace the ... with your threshold as a number, then run the cell."
        )
    if as_number(answer) is None:
        typed = f'"{answer}"' if isinstance(answer, str) else repr(answer)
        return Verdict(
            "wrong kind",
            f"Expected a number such as 0.15 or 15 (no quotes, no % sign); got {typed} "
            f"({_kind(answer)}).",
        )
    threshold = read_threshold(answer)
    if threshold is None:
        return Verdict(
            "not yet",
            f"{answer:g} cannot be a threshold: type a share from 0 to 1 (such as 0.15) or a "
            "percentage from 0 to 100 (such as 15).",
        )
    scores, truth = standard_scores()
    c = check_threshold(scores, truth, threshold, TARGET_RECALL, MAX_SHARE_FLAGGED)
    m = c.metrics
    at = (
        f"At {100 * threshold:g}% the model catches {m.recall:.1%} of real problems and flags "
        f"{m.share_flagged:.1%} of applications."
    )
    if c.ok:
        return Verdict(
            "correct",
            f"{at} Both conditions are met.{_band_text()} The highest of them flags the "
            "fewest people with no problem.",
        )
    if not c.meets_recall:
        return Verdict(
            "not yet",
            f"{at} That misses the target of catching {TARGET_RECALL:.0%}: lower the "
            "threshold so more applications are flagged.",
        )
    return Verdict(
        "not yet",
        f"{at} That is more than the {MAX_SHARE_FLAGGED:.0%} the team can check: raise the "
        "threshold a little, and check the recall still meets the target.",
    )


def threshold_report(threshold: object) -> str:
    """What question 2 shows under the learner's threshold: recall and share flagged there."""
    if is_unanswered(threshold):
        return "Set my_threshold in the cell above (replace the ...), then run this cell."
    value = read_threshold(threshold)
    if value is None:
        return (
            "my_threshold must be a number: a share from 0 to 1 (such as 0.15) or a "
            f"percentage from 0 to 100 (such as 15); got {threshold!r}."
        )
    scores, truth = standard_scores()
    m = metrics_at_threshold(scores, truth, value)
    return (
        f"At a threshold of {100 * value:g}%, the model flags {m.flagged:,} of {m.n:,} "
        f"applications ({m.share_flagged:.1%}) and catches {m.correctly_flagged:,} of the "
        f"{m.problems:,} real problems (recall {m.recall:.1%})."
    )


def check_nobody_accuracy(answer: object) -> Verdict:
    """Question 3a: the accuracy of a rule that flags nobody, on the vendor's test claims."""
    base = compare_with_baseline(VENDOR).baseline
    value = _percent(answer, base.accuracy)
    if _near(value, VENDOR.problem_rate):
        hint = (
            "That is the share of claims that were fraudulent. A rule that flags nobody is "
            "right about every claim that was not fraudulent."
        )
    elif _near(value, VENDOR.accuracy):
        hint = (
            "That is the vendor model's accuracy. The question asks about a rule that flags "
            "nobody: how many of the 1,000 claims would it get right?"
        )
    else:
        hint = (
            "A rule that flags nobody is right about every claim that was not fraudulent. "
            "How many of the 1,000 is that, as a percentage?"
        )
    return check_percentage(
        answer,
        base.accuracy,
        tolerance=TOLERANCE,
        what="the accuracy of flagging nobody",
        hint=hint,
    )


register(
    Exercise("w3-1a", "my_precision", check_precision),
    Exercise("w3-1b", "my_recall", check_recall),
    Exercise("w3-2", "my_threshold", check_threshold_answer),
    Exercise("w3-3a", "nobody_accuracy", check_nobody_accuracy),
    ChoiceExercise(
        "w3-3b",
        "beats_baseline",
        ("yes", "no"),
        "75c9f5c29b415a5427d895b8a361044be5f2ad28c8eb6f01b73087564861b896",
        why="Flagging nobody is right about 95% of the claims; the vendor's model about 94%. "
        "So 94% accurate is worse than doing nothing, on accuracy. The model does catch 15 of "
        "the 50 frauds, which the baseline never does: ask for recall and precision, not "
        "just accuracy.",
        hints=BASELINE_HINTS,
        aliases=YES_NO_ALIASES,
    ),
)
