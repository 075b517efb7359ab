"""Self-check questions for Masterclass 1, "What AI is, and what it isn't".

Shown at the end of the masterclass notebook with ``aicourse.views.QuizView``.
"""

from __future__ import annotations

from aicourse.quiz import QuizQuestion

MASTERCLASS_1: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "A vendor says its tool 'uses AI' to decide which team gets each email. "
        "Which question tells you most about whether it is rules or machine learning?",
        (
            "What programming language is it written in?",
            "Did a person write down the sorting rules, or did the system learn them "
            "from past examples?",
            "How fast is it?",
        ),
        "Did a person write down the sorting rules, or did the system learn them "
        "from past examples?",
        "Rules-based automation follows instructions a person wrote; machine learning finds "
        "its own patterns in labelled examples. That difference decides what can go wrong "
        "and who must check it.",
        hint="Think about where each method's knowledge comes from.",
    ),
    QuizQuestion(
        "A team has a model trained on a few hundred examples and asks for funding to "
        "label ten times as many. What does the learning curve suggest?",
        (
            "Accuracy will rise in proportion: ten times the data, ten times better",
            "More examples help most at first, then the gains level off; ask where "
            "this model sits on its curve and how good the labels are",
            "More data never helps once a model is trained",
        ),
        "More examples help most at first, then the gains level off; ask where "
        "this model sits on its curve and how good the labels are",
        "The curve rises steeply, then flattens. Past that point, ambiguous cases and wrong "
        "labels set the ceiling, not the amount of data.",
        hint="Look back at the shape of the learning curve in section 2.",
    ),
    QuizQuestion(
        "Raising the confidence a model needs before it acts on its own...",
        (
            "makes its automatic decisions more often right, and sends more cases to a person",
            "makes it right every time",
            "has no effect on staff workload",
        ),
        "makes its automatic decisions more often right, and sends more cases to a person",
        "Confident predictions are more often right, so a higher bar improves the automated "
        "share, but the cases it is unsure of still need people. Setting the bar is a "
        "choice about risk and workload.",
        hint="Look back at the two lines on the confidence chart in section 3.",
    ),
    QuizQuestion(
        "Why can a generative AI tool state something false in perfectly fluent language?",
        (
            "Only because of a bug that the vendor will fix",
            "It predicts likely next words from patterns in its training text; nothing "
            "in that process checks the result is true",
            "Because the temperature was set to 0",
        ),
        "It predicts likely next words from patterns in its training text; nothing "
        "in that process checks the result is true",
        "Every step looks like something it has seen, so the output reads well, but the "
        "whole sentence can be new and wrong. Even at temperature 0 the likeliest words "
        "can be false. Plan for checking.",
        hint="Remember the tiny model's sentence about the hardship grant.",
    ),
    QuizQuestion(
        "Which use is the best first fit for AI in a public service?",
        (
            "Fully automatic decisions on benefit eligibility, with no human review",
            "A high-volume, low-stakes task where mistakes are cheap to catch and fix, "
            "such as suggesting which team an enquiry goes to",
            "Any task where the data is scarce and the rules are already clear",
        ),
        "A high-volume, low-stakes task where mistakes are cheap to catch and fix, "
        "such as suggesting which team an enquiry goes to",
        "AI helps most with high volumes of varied input, where a person can review the "
        "uncertain cases. Where rules are clear, write the rules; where stakes are high, "
        "keep people deciding.",
        hint="Look back at 'good at, bad at' in section 5.",
    ),
)
