"""Self-check questions for Masterclass 2, "Deciding well: risk, fairness and accountability".

Used by ``aicourse.views.QuizView`` at the end of the lesson. Each answer is backed by the
lesson's demos (and their tests) or by the course's policy fact reference.
"""

from __future__ import annotations

from aicourse.quiz import QuizQuestion

MASTERCLASS_2: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "A vendor sets its risk model to flag every application scoring 50% or more. "
        "What is that threshold?",
        (
            "A technical setting that the vendor should decide",
            "A policy choice: it trades people wrongly checked against problems missed",
            "The point where the model is always right",
        ),
        "A policy choice: it trades people wrongly checked against problems missed",
        "Raising the threshold means fewer people wrongly flagged but more problems missed, "
        "and lowering it does the opposite. Choosing where to sit is a decision about whose "
        "harm matters more, so a leader owns it.",
        hint="In section 1, what happened to the two harms as you moved the slider?",
    ),
    QuizQuestion(
        "A model learned from past decisions that were harsher on one group. The team removes "
        "the group column. What happens?",
        (
            "The bias disappears, because the model can no longer see the group",
            "Much of the unfairness remains, because the suburb stands in for the group",
            "The model stops working altogether",
        ),
        "Much of the unfairness remains, because the suburb stands in for the group",
        "Most Group B applicants live in a few suburbs, so the suburb acts as a proxy. "
        "Removing a column is not the same as removing bias: measure error rates by group.",
        hint="In section 2, look at the model without the group column.",
    ),
    QuizQuestion(
        "What can an explanation of one person's score tell you?",
        (
            "Whether the decision was fair and lawful",
            "Which of their inputs pushed the score up or down, compared with an average person",
            "What the person's real circumstances are",
        ),
        "Which of their inputs pushed the score up or down, compared with an average person",
        "An explanation shows what the model relied on. Whether relying on it is fair or "
        "lawful is still a human judgement, and the data may be wrong.",
        hint="In section 3, what did the bars for one applicant show?",
    ),
    QuizQuestion(
        "Your team rates a new algorithm: harm is Likely and the impact would be Severe. "
        "What does the course's risk tool say?",
        (
            "Low: record it and review it yearly",
            "Medium: an impact assessment and an owner",
            "High: a person reviews every decision, a privacy impact assessment, engagement "
            "with the people affected, and senior sign-off",
        ),
        "High: a person reviews every decision, a privacy impact assessment, engagement "
        "with the people affected, and senior sign-off",
        "Likely harm with a severe impact is the top of the matrix, and a higher level asks "
        "for everything a lower level does, and more.",
        hint="In section 4, set the two menus and read the list.",
    ),
    QuizQuestion(
        "Robodebt raised debts by averaging annual income across fortnights. Which safeguard "
        "would most directly have caught it?",
        (
            "A faster computer",
            "Checking the method was lawful, and a person reviewing debts before they were raised",
            "Removing the group column",
        ),
        "Checking the method was lawful, and a person reviewing debts before they were raised",
        "The lessons drawn from Robodebt are legality, human review, the burden of proof "
        "and frank advice.",
        hint="Look back at the case studies in section 5.",
    ),
)
