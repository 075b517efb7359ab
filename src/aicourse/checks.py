"""Turn a learner's answer into a plain-words verdict.

Every exercise in the course answers a question by setting one value. The functions here
look at that value and say, in plain words, one of four things:

- **correct**: right, with a short reason;
- **not yet**: the right kind of answer but not the right one, with a hint;
- **wrong kind**: for example text where a number was expected, with what was expected;
- **not answered**: the value is still the ``...`` placeholder, or an empty string.

They never raise for an ordinary mistake, so a learner sees a sentence, not a traceback.
Assignments show a verdict under each answer (instant feedback), and the graded test
cells call :func:`require`, which turns a verdict that is not correct into an
``AssertionError`` carrying the same plain message.
"""

from __future__ import annotations

import html
import math
import numbers
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

Status = Literal["correct", "not yet", "wrong kind", "not answered"]

_ICONS: dict[str, str] = {
    "correct": "✅",
    "not yet": "🔁",
    "wrong kind": "⚠️",
    "not answered": "✏️",
}
_HEADINGS: dict[str, str] = {
    "correct": "Correct.",
    "not yet": "Not yet.",
    "wrong kind": "That is not the kind of answer expected.",
    "not answered": "Not answered yet.",
}
_COLOURS: dict[str, tuple[str, str]] = {  # dark enough for WCAG AA contrast on the pale backgrounds
    "correct": ("#0B5D3B", "#E6F4EC"),
    "not yet": ("#7A4100", "#FFF4E0"),
    "wrong kind": ("#8A1C00", "#FDECE6"),
    "not answered": ("#1F3A5F", "#EAF1FA"),
}


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one answer: a status and a plain-words message."""

    status: Status
    message: str

    @property
    def correct(self) -> bool:
        """True only when the answer is right."""
        return self.status == "correct"

    def __str__(self) -> str:
        return f"{_ICONS[self.status]} {_HEADINGS[self.status]} {self.message}"

    def _repr_html_(self) -> str:
        fg, bg = _COLOURS[self.status]
        return (
            f'<div role="status" style="border-left:4px solid {fg};background:{bg};'
            f'color:{fg};padding:6px 10px;margin:4px 0;font-size:1.05em">'
            f"{_ICONS[self.status]} <strong>{_HEADINGS[self.status]}</strong> "
            f"{html.escape(self.message)}</div>"
        )

    def __repr__(self) -> str:
        return str(self)


def is_unanswered(answer: object) -> bool:
    """True for the placeholders a learner has not replaced yet: ``...``, ``None`` or blank text."""
    if answer is ... or answer is None:
        return True
    return isinstance(answer, str) and answer.strip() in {"", "...", "…"}


def normalise_text(answer: str) -> str:
    """Lower-case, trim, and fold runs of spaces, hyphens and underscores into one space."""
    return re.sub(r"[\s_\-]+", " ", answer.strip().lower())


def check_choice(
    answer: object,
    options: Sequence[str],
    correct: str,
    *,
    why: str = "",
    hints: Mapping[str, str] | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Verdict:
    """Check an answer that should be one of a few words, such as "rules" or "generative AI".

    Matching ignores case and extra spaces. ``aliases`` maps other accepted spellings to
    an option (for example "ml" to "machine learning"). ``hints`` maps a wrong option to a
    hint shown for that choice; ``why`` is shown when the answer is right.
    """
    if correct not in options:
        raise ValueError(f"correct answer {correct!r} is not one of the options {list(options)}")
    listed = ", ".join(f'"{o}"' for o in options)
    if is_unanswered(answer):
        return Verdict(
            "not answered", f"Type one of {listed} between the quotes, then run the cell."
        )
    if not isinstance(answer, str):
        return Verdict(
            "wrong kind",
            f"Expected one of the words {listed}, in quotes; got {answer!r} "
            f"({_kind(answer)}). Put your answer between the quotes.",
        )
    lookup = {normalise_text(o): o for o in options}
    lookup.update({normalise_text(k): v for k, v in (aliases or {}).items()})
    chosen = lookup.get(normalise_text(answer))
    if chosen is None:
        return Verdict(
            "wrong kind",
            f'"{answer}" is not one of the options. Use one of {listed}.',
        )
    if chosen == correct:
        return Verdict("correct", why or f'"{correct}" is right.')
    hint = (hints or {}).get(
        chosen, "Read the scenario again and think about how the system works."
    )
    return Verdict("not yet", f'"{chosen}" is not the best fit. {hint}')


def as_number(answer: object) -> float | None:
    """Read a number from an answer, or return None if it is not one.

    Accepts any real number, numpy's included (not True/False). Text is never read as a
    number: a learner who typed "87.5" in quotes is told to remove them, so they learn the
    difference.
    """
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, numbers.Real):
        return None
    value = float(answer)
    return value if math.isfinite(value) else None


def check_percentage(
    answer: object,
    expected: float,
    *,
    tolerance: float = 0.5,
    what: str = "the accuracy",
    hint: str = "",
) -> Verdict:
    """Check a percentage such as an accuracy. ``expected`` is a fraction between 0 and 1.

    Accepts the percentage (87.5) or the same value as a fraction (0.875), within
    ``tolerance`` percentage points, so rounding to one decimal place is fine.
    """
    if not 0.0 <= expected <= 1.0:
        raise ValueError(f"expected must be a fraction between 0 and 1, got {expected}")
    if is_unanswered(answer):
        return Verdict(
            "not answered", f"Replace the ... with {what} as a number, then run the cell."
        )
    value = as_number(answer)
    if value is None and isinstance(answer, numbers.Real) and not isinstance(answer, bool):
        return Verdict("wrong kind", f"{answer!r} is not a usable number; type one such as 87.5.")
    if value is None:
        typed = f'"{answer}"' if isinstance(answer, str) else repr(answer)
        return Verdict(
            "wrong kind",
            f"Expected a number such as 87.5 (no quotes, no % sign); "
            f"got {typed} ({_kind(answer)}).",
        )
    if not 0.0 <= value <= 100.0:
        return Verdict(
            "not yet", f"{value:g} cannot be a percentage: it must be between 0 and 100."
        )
    as_percent = value * 100 if value <= 1.0 and expected * 100 > 1.0 else value
    if abs(as_percent - expected * 100) <= tolerance:
        return Verdict("correct", f"{what.capitalize()} is {expected * 100:.1f}%.")
    return Verdict(
        "not yet",
        f"{value:g} is not {what} for this setting. {hint}".strip(),
    )


def check_text(answer: object, *, min_words: int = 5, what: str = "your answer") -> Verdict:
    """Check that a written answer is there and long enough; an instructor grades its quality."""
    if is_unanswered(answer):
        return Verdict("not answered", f"Write {what} between the quotes, then run the cell.")
    if not isinstance(answer, str):
        return Verdict("wrong kind", f"Expected words in quotes; got {answer!r} ({_kind(answer)}).")
    words = len(answer.split())
    if words < min_words:
        return Verdict(
            "not yet",
            f"{what.capitalize()} has {words} word{'s' if words != 1 else ''}; "
            f"write at least {min_words} so your instructor can follow your thinking.",
        )
    return Verdict("correct", f"Thanks: {what} is ready for your instructor to read.")


def require(verdict: Verdict) -> None:
    """Used in graded test cells: do nothing if right, else fail with the verdict's message."""
    if not verdict.correct:
        raise AssertionError(str(verdict))


def _kind(value: object) -> str:
    """A plain name for the kind of a value, for messages."""
    if isinstance(value, bool):
        return "True/False"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, dict):
        return "a dictionary"
    return type(value).__name__


def check_whole_number(
    answer: object, expected: int, *, what: str = "the number", hint: str = ""
) -> Verdict:
    """Check an answer that should be one whole number, such as a setting."""
    if is_unanswered(answer):
        return Verdict("not answered", f"Replace the ... with {what}, then run the cell.")
    value = as_number(answer)
    if value is None:
        typed = f'"{answer}"' if isinstance(answer, str) else repr(answer)
        return Verdict(
            "wrong kind",
            f"Expected a whole number such as 100 (no quotes); got {typed} ({_kind(answer)}).",
        )
    if value != int(value):
        return Verdict("wrong kind", f"Expected a whole number; {value:g} has a fraction.")
    if int(value) == expected:
        return Verdict("correct", f"{what.capitalize()} is {expected:,}.")
    return Verdict("not yet", f"{int(value):,} is not {what}. {hint}".strip())
