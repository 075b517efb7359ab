"""Week 2 exercises: data-quality problems, an honest test score, and privacy principles.

Question 1's answers are worked out from the exercise's table by the same quality checks
the lesson uses (:func:`aicourse.quality.quality_report`), so they are right by
construction. Question 2's score comes from :func:`aicourse.fitting.scoring_three_ways`.
Choice answers are stored as salted digests.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from aicourse.checks import (
    Verdict,
    as_number,
    check_choice,
    check_percentage,
    check_whole_number,
)
from aicourse.data.messy import (
    CLIENT_COLUMNS,
    EXERCISE_PROBLEMS,
    EXERCISE_SEED,
    N_CLIENT_ROWS,
    make_client_records,
)
from aicourse.exercises import ChoiceExercise, Exercise, register
from aicourse.fitting import HONEST_WAY, WAYS, scoring_three_ways
from aicourse.quality import QualityReport, quality_report

# --- Question 1: data-quality problems ---------------------------------------------------


def exercise_records() -> pd.DataFrame:
    """The exercise's table of 16 client records (different people and problems from the
    lesson's)."""
    return make_client_records(EXERCISE_SEED, EXERCISE_PROBLEMS)


@cache
def _report() -> QualityReport:
    return quality_report(exercise_records())


#: Other ways of writing a column's name that mean the same column.
COLUMN_ALIASES: dict[str, str] = {
    "id": "client_id",
    "client id": "client_id",
    "suburb": "area",
    "income": "weekly_income",
    "household": "household_size",
    "contact method": "contact",
}

COLUMN_HINTS: dict[str, str] = {
    "missing": 'An empty cell shows as NaN ("not a number"). Look down each column for '
    "NaN: which column is it in?",
    "spelling": "Look for one value written in different ways, for example with different "
    "capital letters. Which column has that?",
}


def _check_column(answer: object, correct: str, hint: str) -> Verdict:
    """A column name, with a hint for any other column."""
    return check_choice(
        answer,
        CLIENT_COLUMNS,
        correct,
        why=f'"{correct}" is right.',
        hints={c: hint for c in CLIENT_COLUMNS},
        aliases=COLUMN_ALIASES,
    )


def check_missing_column(answer: object) -> Verdict:
    """1a: the column with a missing value."""
    return _check_column(answer, _report().missing[0][1], COLUMN_HINTS["missing"])


def check_inconsistent_column(answer: object) -> Verdict:
    """1d: the column where one value is spelt in different ways."""
    return _check_column(answer, _report().spellings[0][1], COLUMN_HINTS["spelling"])


def _check_row(answer: object, correct: int, what: str, hint: str) -> Verdict:
    """A row number from 1 to 16, with a plain message for a number that is not a row."""
    verdict = check_whole_number(answer, correct, what=what, hint=hint)
    value = as_number(answer)
    if verdict.status == "not yet" and value is not None and not 1 <= value <= N_CLIENT_ROWS:
        return Verdict(
            "not yet",
            f"{value:g} is not a row number: the rows are numbered 1 to {N_CLIENT_ROWS}, "
            "down the left-hand side of the table.",
        )
    return verdict


def check_duplicate_row(answer: object) -> Verdict:
    """1b: the row that is an exact copy of an earlier row (the later of the two)."""
    row, first = _report().duplicates[0]
    value = as_number(answer)
    if value is not None and value == first:
        return Verdict(
            "not yet",
            f"Row {first} is the first copy. Which later row repeats it exactly? "
            "Give the later row's number.",
        )
    return _check_row(
        answer,
        int(row),
        "the row that repeats an earlier row",
        "Look for two rows with the same client ID and name, then check every other column.",
    )


def check_impossible_row(answer: object) -> Verdict:
    """1c: the row with a value no person could have."""
    row, _column, _value = _report().impossible[0]
    return _check_row(
        answer,
        int(row),
        "the row with the impossible value",
        "Go along each row and ask whether a real person could have each number: their "
        "age, their household size, their income.",
    )


# --- Question 2: an honest test score ----------------------------------------------------

#: The letters of the three ways of scoring (see ``aicourse.fitting.WAYS``).
WAY_LETTERS: tuple[str, ...] = tuple(WAYS)
WAY_ALIASES: dict[str, str] = {f"{w} {x}": x for x in WAY_LETTERS for w in ("way", "option")}
WAY_HINTS: dict[str, str] = {
    "A": "In A the model is scored on the very messages it learned from, so it has seen "
    "every answer. Which way scores it on messages it never saw?",
    "C": "In C the 750 messages were picked after training, from the 3,000 it learned "
    "from, so it has seen them all. Which way kept messages aside before training?",
}


def check_honest_score(answer: object) -> Verdict:
    """2b: the accuracy from the honest way of scoring (way B), as a percentage."""
    table = scoring_three_ways()
    honest = float(table.loc[HONEST_WAY, "accuracy (%)"])
    verdict = check_percentage(
        answer,
        honest / 100,
        tolerance=0.2,
        what="the honest test score",
        hint=f"Copy the accuracy of way {HONEST_WAY} from the table, for example 87.5.",
    )
    value = as_number(answer)
    if verdict.status == "not yet" and value is not None:
        percent = value * 100 if value <= 1.0 else value
        for way, score in table["accuracy (%)"].items():
            if way != HONEST_WAY and abs(percent - float(score)) <= 0.2:
                return Verdict(
                    "not yet",
                    f"{value:g} is the score for way {way}, where the model was scored on "
                    "messages it had learned from. Report the score from the honest way.",
                )
    return verdict


# --- Question 3: privacy principles ------------------------------------------------------

#: The short names learners type, and the principle number each stands for.
PRINCIPLES: dict[str, int] = {
    "purpose": 1,
    "source": 2,
    "telling": 3,
    "manner": 4,
    "security": 5,
    "access": 6,
    "correction": 7,
    "overseas": 12,
    "identifiers": 13,
}
PRINCIPLE_NAMES: tuple[str, ...] = tuple(PRINCIPLES)

PRINCIPLE_ALIASES: dict[str, str] = {
    **{f"{prefix}{n}": name for name, n in PRINCIPLES.items() for prefix in ("", "ipp")},
    **{f"{prefix} {n}": name for name, n in PRINCIPLES.items() for prefix in ("ipp", "principle")},
    "storage": "security",
    "storage and security": "security",
    "unique identifiers": "identifiers",
    "disclosure overseas": "overseas",
    "outside new zealand": "overseas",
    "tell": "telling",
}

#: What each principle is about, in plain words (principles 1 to 7 as the Privacy
#: Commissioner summarises them; 12 and 13 as summarised in secondary sources).
ABOUT: dict[str, str] = {
    "purpose": "Purpose (principle 1) is about why information is collected: only for a "
    "lawful purpose connected to what the agency does, and only if it is needed.",
    "source": "Source (principle 2) is about who the information comes from: the person "
    "themselves, unless an exception applies.",
    "telling": "Telling (principle 3) is about what the person is told when their "
    "information is collected: why, and who will receive it.",
    "manner": "Manner (principle 4) is about how information is collected: lawfully, "
    "fairly and not unreasonably intrusively.",
    "security": "Security (principle 5) is about keeping information safe from loss, "
    "misuse or disclosure.",
    "access": "Access (principle 6) is about people asking to see their information.",
    "correction": "Correction (principle 7) is about people asking for their information "
    "to be corrected.",
    "overseas": "Overseas (principle 12) is about sending information outside New Zealand.",
    "identifiers": "Identifiers (principle 13) is about assigning and using unique "
    "identifiers, such as client numbers.",
}


def _principle(
    question_id: str, variable: str, answer_digest: str, why: str, look: str
) -> ChoiceExercise:
    """A privacy-principle question: hints say what each wrong principle is about."""
    return ChoiceExercise(
        question_id,
        variable,
        PRINCIPLE_NAMES,
        answer_digest,
        why=why,
        hints={name: f"{about} {look}" for name, about in ABOUT.items()},
        aliases=PRINCIPLE_ALIASES,
    )


register(
    Exercise("w2-1a", "missing_column", check_missing_column),
    Exercise("w2-1b", "duplicate_row", check_duplicate_row),
    Exercise("w2-1c", "impossible_row", check_impossible_row),
    Exercise("w2-1d", "inconsistent_column", check_inconsistent_column),
    ChoiceExercise(
        "w2-2a",
        "honest_way",
        WAY_LETTERS,
        "3a5df675243823b4d390dab9f8bb4d9a64e2561b918f828d843213365df0bcbd",
        why="Only way B scores the model on messages it never saw while learning.",
        hints=WAY_HINTS,
        aliases=WAY_ALIASES,
    ),
    Exercise("w2-2b", "honest_score", check_honest_score),
    _principle(
        "w2-3a",
        "scenario_a",
        "ce51adafe69d5d52463fdd94cf6cf6951b5a5a196974562d1c3d42941bdddce8",
        "Collecting information 'in case it is useful one day' fails the test of a clear, "
        "necessary purpose (principle 1).",
        "Here, look at why the information would be collected.",
    ),
    _principle(
        "w2-3b",
        "scenario_b",
        "f5689ffad6e5de8432475a9d492029b0d18e2f22e4a1e1b279b689be22733dc2",
        "Records anyone can open are not protected against misuse (principle 5).",
        "Here, look at where the copy is kept and who can open it.",
    ),
    _principle(
        "w2-3c",
        "scenario_c",
        "3970a0675d5b38c446bc802226be39c92fef6aeee9f03ba0fad178e1d3622a4c",
        "Sending personal information to another country engages principle 12.",
        "Here, look at where the records would go.",
    ),
    _principle(
        "w2-3d",
        "scenario_d",
        "6815a57db6fd48e56b4052ad4e24a1d768bb959cd32749df4870f8e59ba11180",
        "People can ask to see the information an agency holds about them (principle 6).",
        "Here, look at what the client is asking for.",
    ),
)


def show_ways() -> pd.DataFrame:
    """Question 2's table: the learned model scored three ways (takes a few seconds once)."""
    return scoring_three_ways()
