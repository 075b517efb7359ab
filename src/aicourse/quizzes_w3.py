"""Self-check questions for Week 3, "How models learn, and how we know they work".

Shown with ``aicourse.views.QuizView``: ``WEEK3_KINDS`` in section 1 (classification or
regression?) and ``WEEK3_REVIEW`` at the end of the lesson. Each answer is backed by the
lesson's demos and their tests (``tests/test_story_w3.py``).
"""

from __future__ import annotations

from aicourse.quiz import QuizQuestion

_KINDS = ("Classification", "Regression")

#: Week 3, section 1: is the answer a category or a number?
WEEK3_KINDS: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "A model reads each new application and answers: does it need a check, yes or no?",
        _KINDS,
        "Classification",
        "The answer is one of two categories (check or no check), so this is classification.",
        hint="Is the answer a category, or an amount that could be any number?",
    ),
    QuizQuestion(
        "A model predicts how many phone calls the contact centre will get next Monday.",
        _KINDS,
        "Regression",
        "The answer is a number (how many calls), so this is regression.",
        hint="Is the answer a category, or an amount that could be any number?",
    ),
    QuizQuestion(
        "A model sorts each incoming email into Payments, Complaint, Appointments and so on.",
        _KINDS,
        "Classification",
        "The answer is one of several categories. Classification can have more than two.",
        hint="Is the answer a category, or an amount that could be any number?",
    ),
    QuizQuestion(
        "A model estimates how many days an application will take to process.",
        _KINDS,
        "Regression",
        "The answer is a number of days, so this is regression.",
        hint="Is the answer a category, or an amount that could be any number?",
    ),
)

#: Week 3, end of lesson: check your understanding.
WEEK3_REVIEW: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "A model flags 80 applications for a check. 60 of them really had a problem. "
        "There were 100 real problems in all. What is its precision?",
        ("60%", "75%", "80%"),
        "75%",
        "Precision is the share of flags that found a real problem: 60 of the 80 flagged, "
        "which is 75%. (Its recall is 60 of the 100 problems: 60%.)",
        hint="Precision looks only at the applications that were flagged: how many of those "
        "had a problem?",
    ),
    QuizQuestion(
        "A vendor says its model is 95% accurate at spotting fraud. Fraud is in 5 of every "
        "100 claims. What should you ask first?",
        (
            "Nothing: 95% is excellent",
            "How it compares with a rule that flags nobody, and what share of fraud it "
            "catches (its recall)",
            "How long the model took to train",
        ),
        "How it compares with a rule that flags nobody, and what share of fraud it "
        "catches (its recall)",
        "Flagging nobody is right 95 times in 100 here, and catches no fraud at all. "
        "Always compare with that baseline, and ask for recall and precision.",
        hint="Think back to section 4: what did flagging nobody score when problems were rare?",
    ),
    QuizQuestion(
        "Your team lowers the threshold so the model catches more real problems. "
        "What else happens?",
        (
            "Nothing else changes",
            "More applications with no problem are flagged too",
            "Fewer applications are flagged",
        ),
        "More applications with no problem are flagged too",
        "A lower threshold flags more applications: recall goes up, but so does the number "
        "of people checked for nothing. Choosing the balance is a decision about people.",
        hint="In section 5, what happened to the wrongly flagged bar as the target rose?",
    ),
    QuizQuestion(
        "In the decision tree, what decides whether a final group is flagged for a check?",
        (
            "Whether most of the training applications in that group had a problem",
            "A rule a person wrote for each group",
            "Whether the group is large",
        ),
        "Whether most of the training applications in that group had a problem",
        "The tree learned its questions from past applications, and each final group takes "
        "the answer most of its past applications had.",
        hint="Look at the numbers in the leaves of the tree in section 2.",
    ),
)
