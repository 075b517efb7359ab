"""Question banks for Foundations week 4 (generative AI and large language models).

Shown with ``aicourse.views.QuizView``. ``WEEK4_SAFE_USE`` is the section 8 demo: sort
uses of generative AI at work into safe, needs care or never, with the reason from the
public-service guidance (policy content as of November 2026). ``WEEK4_REVIEW`` is the
"Check your understanding" quiz at the end of the lesson.
"""

from __future__ import annotations

from aicourse.quiz import QuizQuestion

#: The three ways a use of generative AI at work is sorted in week 4.
SAFE_USE_OPTIONS: tuple[str, ...] = ("Safe", "Needs care", "Never")

#: Week 4, section 8: sort uses of generative AI at work.
WEEK4_SAFE_USE: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "You ask a public chatbot to suggest five titles for an article in your team's "
        "internal newsletter about the new coffee machine.",
        SAFE_USE_OPTIONS,
        "Safe",
        "Nothing personal or sensitive goes in, the stakes are low, and you choose what to "
        "use. (Still use only the tools your agency allows.)",
        hint="What information goes into the tool, and what harm would a poor answer do?",
    ),
    QuizQuestion(
        "You paste a client's case notes, with their name and address, into a free public "
        "chatbot to get a quick summary.",
        SAFE_USE_OPTIONS,
        "Never",
        "Case notes are personal information. The 2023 interim guidance strongly "
        "recommended never putting personal information into generative AI tools outside "
        "your agency's network, and the Privacy Commissioner's starting advice is the same.",
        hint="Whose information is this, and where does it go once you press Enter?",
    ),
    QuizQuestion(
        "You use your agency's approved AI tool to draft a letter explaining a decision to "
        "a client, and you check and edit the draft before it is sent.",
        SAFE_USE_OPTIONS,
        "Needs care",
        "An approved tool is the right place, and checking is exactly what the 2025 "
        "guidance asks: a person who checks and agrees with the output. The draft can be "
        "fluent and wrong, so the check must be real.",
        hint="The tool is approved, but can its draft be trusted without a person reading it?",
    ),
    QuizQuestion(
        "You ask a public chatbot to explain a benefit's rules in plain words, to help you "
        "write a reply to a member of the public. You type in no personal details.",
        SAFE_USE_OPTIONS,
        "Needs care",
        "No personal information goes in, but the answer can be wrong or out of date. Never "
        "treat it as authoritative: check it against the agency's own policy before it "
        "goes in a reply.",
        hint="Nothing private goes in. But where do the facts in the answer come from?",
    ),
    QuizQuestion(
        "You upload a draft report marked SENSITIVE to a public AI tool so that it can "
        "shorten the report for you.",
        SAFE_USE_OPTIONS,
        "Never",
        "The 2023 interim guidance strongly recommended not using generative AI with "
        "information classified SENSITIVE or above.",
        hint="Look at the marking on the report.",
    ),
)

#: Week 4, end of lesson: check your understanding.
WEEK4_REVIEW: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "A language model reads the message 'Kia ora, my payment is late!' as...",
        (
            "letters, one at a time",
            "pieces called tokens: words, parts of words, numbers and punctuation marks",
            "whole sentences, which it looks up in a dictionary",
        ),
        "pieces called tokens: words, parts of words, numbers and punctuation marks",
        "Models read and write tokens. Limits and prices for AI tools are counted in "
        "tokens too, and there are usually more tokens than words.",
        hint="Look back at the token demo: what did the comma and the ! become?",
    ),
    QuizQuestion(
        "You want a tool to word a standard paragraph the same way every time. Which "
        "temperature setting helps?",
        ("0", "1", "2"),
        "0",
        "At temperature 0 the model always takes the likeliest next token, so the same "
        "prompt gives the same text. Repeatable is not the same as true: at 0 the tiny "
        "model still said travel claims are paid within 10 working days.",
        hint="Which setting makes the model always take the likeliest token?",
    ),
    QuizQuestion(
        "Why did the tiny model write 'The maximum hardship grant is $60 for each child "
        "each year'?",
        (
            "One of its training documents says so",
            "Each step was something it had seen, but it stitched two facts together, and "
            "nothing checks whether the whole sentence is true",
            "Someone typed the wrong number into the model",
        ),
        "Each step was something it had seen, but it stitched two facts together, and "
        "nothing checks whether the whole sentence is true",
        "The model only knows which token tends to follow which. Sentences that share a "
        "shape let it start with one fact and finish with another.",
        hint="Is that sentence anywhere in its training text?",
    ),
    QuizQuestion(
        "Why did meaning-based search find the Payment day policy for 'When will I get my "
        "money?', although the policy never says 'money'?",
        (
            "It searched the internet for the answer",
            "'Money', 'payment' and 'bank' turn up in the same kinds of messages, so they "
            "get similar numbers (embeddings)",
            "It was told that 'money' means 'payment'",
        ),
        "'Money', 'payment' and 'bank' turn up in the same kinds of messages, so they "
        "get similar numbers (embeddings)",
        "Texts with similar numbers are about similar things, even in different words. "
        "Nobody wrote a list of synonyms, and nothing was looked up online.",
        hint="Remember the map of meaning: which words sat next to 'money'?",
    ),
    QuizQuestion(
        "An assistant that answers from the agency's policies replies 'I could not find "
        "this in the policies.' What should you make of that?",
        (
            "The assistant is broken",
            "No passage was close enough to the question, so it did not guess: a good "
            "answer, and a cue to ask a person",
            "The answer to the question is no",
        ),
        "No passage was close enough to the question, so it did not guess: a good "
        "answer, and a cue to ask a person",
        "A tool that can say it does not know is safer than one that always answers "
        "fluently. Ask someone who knows, or check the source yourself.",
        hint="Compare it with the answer from memory: which one would you rather act on?",
    ),
)
