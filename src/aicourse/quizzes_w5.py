"""Self-check questions for Week 5 of AI Foundations, "Responsible AI, and your own use case".

Used by ``aicourse.views.QuizView`` in the lesson: ``WEEK5_PRIVACY`` in the section on privacy
impact, ``WEEK5_REVIEW`` at the end. Each answer is backed by the lesson's demos (and their
tests in ``tests/test_story_w5.py``) or by the course's policy fact reference.
"""

from __future__ import annotations

from aicourse.quiz import QuizQuestion

#: Section 5: privacy impact. Backed by the Office of the Privacy Commissioner's guidance and
#: the 2023 interim generative AI guidance, as cited in the lesson's Further reading.
WEEK5_PRIVACY: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "Your team wants to try an AI tool that reads clients' case notes. When should a "
        "privacy impact assessment be done?",
        (
            "Before you start, and kept up to date as the project changes",
            "After the tool is running, if someone complains",
            "Never: privacy is the vendor's job",
        ),
        "Before you start, and kept up to date as the project changes",
        "The Privacy Commissioner expects a privacy impact assessment before an AI tool is "
        "used, updated as the project changes. Your agency stays responsible for the "
        "personal information it holds, whoever supplies the tool.",
        hint="Look at the Privacy Commissioner's steps above: when does the first one happen?",
    ),
    QuizQuestion(
        "Which of these should never go into a free, public generative AI tool?",
        (
            "A made-up example letter with no real names in it",
            "A client's name and the details of their case",
            "A paragraph you wrote for the agency's public website",
        ),
        "A client's name and the details of their case",
        "Personal information should not go into generative AI tools outside your agency's "
        "network: what you type may be kept or used by someone else. Follow your agency's "
        "policy on which tools are approved for what.",
        hint="Which of the three is personal information about a real person?",
    ),
    QuizQuestion(
        "A model helped decide a person's application. Under the privacy principles, what "
        "can that person ask the agency for?",
        (
            "The information the agency holds about them, and for it to be corrected",
            "The model's computer code",
            "Nothing: information used by a model is exempt",
        ),
        "The information the agency holds about them, and for it to be corrected",
        "People may ask for the information an agency holds about them, and ask for it to be "
        "corrected. That includes information a model used.",
        hint="Think about the privacy principles on access and correction.",
    ),
)

#: End of lesson: check your understanding.
WEEK5_REVIEW: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "Of the people with no problem, a tool flagged 10% of Group A and 24% of Group B "
        "for a check anyway. What is the gap?",
        (
            "14 percentage points",
            "34 percentage points",
            "It cannot be worked out without the tool's code",
        ),
        "14 percentage points",
        "The gap is the higher rate minus the lower one: 24% − 10% = 14 percentage points. "
        "You need the counts for each group, not the code.",
        hint="A gap in percentage points is a subtraction.",
    ),
    QuizQuestion(
        "A model learned from past decisions that were harsher on one group. The team removes "
        "the group column. What should you expect?",
        (
            "The unfairness is gone, because the model cannot see the group",
            "Much of the unfairness can remain, because another input, such as the suburb, "
            "stands in for the group",
            "The model stops working",
        ),
        "Much of the unfairness can remain, because another input, such as the suburb, "
        "stands in for the group",
        "A proxy such as the suburb carries the bias. Measure the error rates for each group "
        "against what really happened.",
        hint="In section 1, switch the menu to the model without the group column.",
    ),
    QuizQuestion(
        "Which of these is meaningful human oversight?",
        (
            "A person clicks Agree on hundreds of the model's decisions a day",
            "A person with the time, the information and the authority to decide differently "
            "reviews the cases that could harm someone, before the decision takes effect",
            "A yearly report counts how many decisions the model made",
        ),
        "A person with the time, the information and the authority to decide differently "
        "reviews the cases that could harm someone, before the decision takes effect",
        "Oversight only counts if the person can really change the outcome, in time. A rubber "
        "stamp, or a count after the fact, does not protect anyone.",
        hint="In section 3: who can stop a wrong decision before it affects someone?",
    ),
    QuizQuestion(
        "Harm is Possible and its impact would be Severe. What level does the course's risk "
        "matrix give?",
        ("Low", "Medium", "High"),
        "High",
        "Possible is one step up in likelihood and Severe is two steps up in impact: three "
        "points, which the matrix rates High.",
        hint="In section 4, set the two menus and read the level.",
    ),
    QuizQuestion(
        "How should you show that an AI tool made a difference?",
        (
            "Quote the vendor's accuracy figure",
            "Agree a measure, record it before the change, and measure it again after, "
            "counting the time spent checking and fixing mistakes",
            "Ask staff whether they like the tool",
        ),
        "Agree a measure, record it before the change, and measure it again after, "
        "counting the time spent checking and fixing mistakes",
        "A benefit is a change you can measure against a starting point, net of the cost of "
        "the tool's mistakes and of the people who check it.",
        hint="In section 7, what did the hours saved depend on?",
    ),
)
