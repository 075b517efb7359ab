"""Question bank for Masterclass 3 (leading AI adoption): the self-check at the end.

Shown with ``aicourse.views.QuizView(MASTERCLASS_3)``. Policy content as of November 2026.
"""

from __future__ import annotations

from aicourse.quiz import QuizQuestion

#: Masterclass 3, end of session: check your understanding.
MASTERCLASS_3: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "You change the weights in the use-case portfolio and a different use case comes "
        "top. What does that tell you?",
        (
            "The scoring tool is broken.",
            "The ranking depends on what the leadership team values; agree the weights "
            "before you look at the ranking.",
            "The use case with the most value should always win.",
        ),
        "The ranking depends on what the leadership team values; agree the weights "
        "before you look at the ranking.",
        "Weights are a judgement, not a fact. Agreeing them first stops the team from "
        "tuning them to get a favourite project to the top.",
        hint="Did the use cases change, or only what you said mattered?",
    ),
    QuizQuestion(
        "A business case shows one figure: 'saves $400,000 over three years'. What is the "
        "most useful thing to ask for?",
        (
            "A bigger figure.",
            "The range of likely outcomes and the chance it pays off, including the cost of "
            "fixing the tool's mistakes and how many staff will really use it.",
            "Nothing: one figure is easier to approve.",
        ),
        "The range of likely outcomes and the chance it pays off, including the cost of "
        "fixing the tool's mistakes and how many staff will really use it.",
        "Adoption, rework and running costs are uncertain. A range and a chance of paying "
        "off show the risk that a single figure hides.",
        hint="Think back to the histogram: was there one outcome or many?",
    ),
    QuizQuestion(
        "A forecasting model was accurate when it was bought. Eligibility rules have since "
        "changed. What should you expect?",
        (
            "It stays accurate: models do not wear out.",
            "It may become much less accurate, so someone should be watching its errors "
            "against an agreed limit.",
            "It will adjust itself automatically.",
        ),
        "It may become much less accurate, so someone should be watching its errors "
        "against an agreed limit.",
        "A model learns the world as it was. When the world changes, its errors grow; "
        "monitoring catches the drop, and someone must own the response.",
        hint="What did the forecast learn from, and what happened after week 60?",
    ),
    QuizQuestion(
        "Why is an answer that quotes its source better than one from memory?",
        (
            "It is always longer.",
            "A person can check the quote against the named document, and the tool can say "
            "'I could not find this' instead of guessing.",
            "Answers from memory are never right.",
        ),
        "A person can check the quote against the named document, and the tool can say "
        "'I could not find this' instead of guessing.",
        "Grounding does not make a tool infallible, but it makes its answers checkable, and "
        "it gives the tool a way to say it does not know.",
        hint="Which of the two answers could you check in thirty seconds?",
    ),
    QuizQuestion(
        "A team wants to paste client case notes into a free public generative AI tool to "
        "summarise them. Under the government guidance described in this session, what "
        "is the right response?",
        (
            "Fine, if the summaries are good.",
            "No: the guidance says not to put personal information into generative AI tools "
            "outside your network; find an approved, secure route and follow agency policy.",
            "Fine, if the names are removed first, because anonymised data is always safe.",
        ),
        "No: the guidance says not to put personal information into generative AI tools "
        "outside your network; find an approved, secure route and follow agency policy.",
        "The 2023 interim guidance strongly recommended against putting personal "
        "information into generative AI tools outside your network, and the Privacy "
        "Commissioner's starting advice is the same. Removing names does not always "
        "make data anonymous.",
        hint="Where does the text go when it is pasted into a public tool?",
    ),
)
