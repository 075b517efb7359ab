"""Week 1 exercises: kinds of AI, benefit areas, and the accuracy of a model you trained."""

from __future__ import annotations

from functools import partial

from aicourse.checks import Verdict, check_percentage, check_text, check_whole_number
from aicourse.exercises import ChoiceExercise, Exercise, register
from aicourse.learning import accuracy_with_examples

#: The three kinds of system learners tell apart in Week 1.
AI_KINDS: tuple[str, ...] = ("rules", "machine learning", "generative AI")

KIND_ALIASES = {
    "rule": "rules",
    "rules based": "rules",
    "rule based": "rules",
    "rules-based": "rules",
    "ml": "machine learning",
    "predictive": "machine learning",
    "generative": "generative AI",
    "gen ai": "generative AI",
    "genai": "generative AI",
    "gen AI": "generative AI",
}

KIND_HINTS = {
    "rules": "A rules-based system only does what a person wrote down in advance. "
    "Did someone write this rule, or did the system work it out from examples?",
    "machine learning": "Machine learning finds patterns in past examples to sort or predict. "
    "Does this system learn from examples, or does it follow a written rule, "
    "or does it write new text?",
    "generative AI": "Generative AI makes new content, such as text or images. "
    "Does this system produce new writing, or does it sort and predict?",
}

#: The benefit areas named for the programme: productivity, cost efficiency, customer experience.
BENEFIT_AREAS: tuple[str, ...] = ("productivity", "cost efficiency", "customer experience")

BENEFIT_HINTS = {
    "productivity": "Productivity is about staff getting more done in the same time. "
    "Who gains here: the staff, the budget, or the public?",
    "cost efficiency": "Cost efficiency is about spending less money for the same result. "
    "Is the main gain a dollar saving?",
    "customer experience": "Customer experience is about what it is like for the public to deal "
    "with the agency. Is the main gain felt by the people the agency serves?",
}

#: The setting asked for in exercise 3, and the accuracy reported in exercise 4.
TARGET_EXAMPLES = 800

#: Percentage points either side of the true accuracy that still count: enough for rounding
#: to one decimal place, too little to accept the accuracy at another setting.
ACCURACY_TOLERANCE = 0.2


def _kind(question_id: str, variable: str, answer_digest: str, why: str) -> ChoiceExercise:
    return ChoiceExercise(
        question_id,
        variable,
        AI_KINDS,
        answer_digest,
        why=why,
        hints=KIND_HINTS,
        aliases=KIND_ALIASES,
    )


def _benefit(question_id: str, variable: str, answer_digest: str, why: str) -> ChoiceExercise:
    return ChoiceExercise(
        question_id,
        variable,
        BENEFIT_AREAS,
        answer_digest,
        why=why,
        hints=BENEFIT_HINTS,
        aliases={
            "cost": "cost efficiency",
            "customer": "customer experience",
            "efficiency": "cost efficiency",
        },
    )


def check_reported_accuracy(answer: object) -> Verdict:
    """Exercise 4: the test accuracy of the model trained on ``TARGET_EXAMPLES`` examples."""
    return check_percentage(
        answer,
        accuracy_with_examples(TARGET_EXAMPLES),
        tolerance=ACCURACY_TOLERANCE,
        what="the accuracy",
        hint=f"Check that exercise 3 is set to {TARGET_EXAMPLES} and copy the percentage "
        "printed under it (for example 87.5).",
    )


register(
    _kind(
        "w1-1a",
        "scenario_a",
        "8d30464b1cbd00b7f426e950211e14623191468c769fbcb400bc78a32611d79c",
        "A person wrote the rule (age 65 or over) into law; the system just applies it.",
    ),
    _kind(
        "w1-1b",
        "scenario_b",
        "e7f52e029682ba235fac10299c436703129c829f116ddc95c0d95773103b479b",
        "It learned from past labelled emails which ones were complaints.",
    ),
    _kind(
        "w1-1c",
        "scenario_c",
        "322cb7e78b36b4b23e933725bb7f7e6b27996c2948c19faa957a8ae14930c45b",
        "It writes new text, a draft reply, for a person to check.",
    ),
    _kind(
        "w1-1d",
        "scenario_d",
        "6888ea9c4c4d2602f03744ebc846cc642afb034864817be1e49742296dba0af4",
        "It learned a pattern from years of past call numbers to predict.",
    ),
    _benefit(
        "w1-2a",
        "use_case_a",
        "9355e8ff34b19991856c0f3b9751440fa86a9e673eac1a80d4559e8cdb2e1f88",
        "Staff spend less time writing up: more done in the same time.",
    ),
    _benefit(
        "w1-2b",
        "use_case_b",
        "987d456e47e3dec6c68d58e7422ef4fe34926ea468362c0240ba39924df478c3",
        "The public get help faster, at any hour.",
    ),
    _benefit(
        "w1-2c",
        "use_case_c",
        "f53f6e9028e4a68fa6a01151069694a8b93d672fd636fedf0935bde8ff97e6ce",
        "The main gain is a dollar saving on a contract.",
    ),
    Exercise(
        "w1-3",
        "training_examples",
        partial(
            check_whole_number,
            expected=TARGET_EXAMPLES,
            what="the number of training examples asked for",
            hint="Read the instructions again: how many examples should the model learn from?",
        ),
    ),
    Exercise("w1-4", "reported_accuracy", check_reported_accuracy),
    Exercise("w1-5", "my_task", partial(check_text, min_words=15, what="your answer")),
)


def accuracy_report(training_examples: object) -> str:
    """What exercise 3 shows under the learner's setting: the accuracy it gives, or what to fix."""
    from aicourse.checks import as_number, is_unanswered
    from aicourse.learning import standard_split

    if is_unanswered(training_examples):
        return "Set training_examples in the cell above (replace the ...), then run this cell."
    value = as_number(training_examples)
    train, test = standard_split()
    if value is None or value != int(value) or not 10 <= value <= len(train):
        return (
            f"training_examples must be a whole number from 10 to {len(train):,}; "
            f"got {training_examples!r}."
        )
    acc = accuracy_with_examples(int(value))
    return (
        f"Trained on {int(value):,} examples, the model sorted {acc:.1%} of the "
        f"{len(test):,} test messages correctly."
    )
