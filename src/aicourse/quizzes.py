"""Question banks for the lessons' self-check quizzes (shown with ``views.QuizView``)."""

from __future__ import annotations

from aicourse.quiz import QuizQuestion

_KINDS = ("Rules-based automation", "Machine learning", "Generative AI")

#: Week 1, section 1: tell the three kinds of system apart.
WEEK1_KINDS: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "A form rejects any application with a missing date of birth.",
        _KINDS,
        "Rules-based automation",
        "A person wrote the rule; the system applies it the same way every time.",
        hint="Did anyone need examples to build this, or just a clear instruction?",
    ),
    QuizQuestion(
        "A tool suggests which team should handle each incoming email, after studying "
        "thousands of emails that staff had already routed.",
        _KINDS,
        "Machine learning",
        "It learned the pattern from past examples, and it will sometimes be wrong.",
        hint="Where did the system's knowledge of which team gets what come from?",
    ),
    QuizQuestion(
        "A chat tool writes a plain-language summary of a 40-page policy.",
        _KINDS,
        "Generative AI",
        "It produces new text. It can also produce fluent text that is wrong, so a "
        "person checks it.",
        hint="Is the system choosing from a fixed list, or making something new?",
    ),
)

#: Week 1, end of lesson: check your understanding.
WEEK1_REVIEW: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "Why did the learned model sort more messages correctly than the keyword rule?",
        (
            "It was given a longer list of keywords",
            "It learned from thousands of labelled examples, including phrasings "
            "nobody thought to write a rule for",
            "It understands English the way a person does",
        ),
        "It learned from thousands of labelled examples, including phrasings "
        "nobody thought to write a rule for",
        "Nobody gave it keywords: it found which words go with which category from "
        "examples, so it copes with many more ways of saying the same thing.",
        hint="Think about where each method's knowledge came from.",
    ),
    QuizQuestion(
        "Adding more training examples...",
        (
            "always makes a model better, without limit",
            "helps a lot at first, then levels off",
            "makes no difference once a model is trained",
        ),
        "helps a lot at first, then levels off",
        "The curve rose steeply, then flattened: some messages are ambiguous or wrongly "
        "labelled, and no amount of data fixes that.",
        hint="Look back at the shape of the learning curve.",
    ),
    QuizQuestion(
        "A vendor says their sorting tool is 80% accurate. What else do you need to know "
        "to judge whether it saves time?",
        (
            "Nothing: 80% is good enough",
            "How much time each mistake costs to fix, compared with the time saved",
            "Which programming language it is written in",
        ),
        "How much time each mistake costs to fix, compared with the time saved",
        "The benefit is the time saved minus the time spent fixing mistakes. With costly "
        "mistakes, even a fairly accurate tool can cost more than it saves.",
        hint="Remember the time-saved demo: what made the net saving go below zero?",
    ),
    QuizQuestion(
        "Which of these is binding on agencies?",
        (
            "The Public Service AI Framework (2025)",
            "The Privacy Act 2020",
            "The Algorithm Charter for Aotearoa New Zealand (2020)",
        ),
        "The Privacy Act 2020",
        "The Privacy Act is law. The Framework encourages agencies to align with it, and "
        "the Charter is a voluntary commitment that agencies sign.",
        hint="Which one is an Act of Parliament?",
    ),
)
