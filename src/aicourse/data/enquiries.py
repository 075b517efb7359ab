"""Enquiries: short messages sent to a fictional agency, each labelled with its category.

Used for rules versus learning, text classification, tokens and search.

How a message is made (the mechanism a lesson can point to):

1. A category is drawn with fixed shares (``CATEGORY_SHARES``): payments are the most
   common, information requests the least.
2. The main sentence comes from that category's phrasings. About a third of the phrasings
   use the "obvious" words a person would write a keyword rule for ("payment",
   "complaint", "appointment"...); the rest say the same thing in other words ("still no
   money in my account"), so a keyword rule misses them but a model that learns from many
   examples can pick them up.
3. With probability ``P_SECOND_TOPIC`` a second sentence from another category is added.
   Half the time it is a minor aside ("I have also moved house"); the other half it is a
   full request of its own, in either order, so only the person who labelled it knew which
   was the main one. With probability ``P_VAGUE`` the message says nothing specific at all
   ("Can someone call me back?"). These messages are flagged in the ``ambiguous`` column:
   no rule or model can sort them all correctly from the words alone.
4. With probability ``P_LABEL_NOISE`` the person who labelled the message chose a wrong
   category (flagged in ``mislabelled``), as happens in real records.
5. An optional greeting and sign-off, invented names and places, and a small chance of a
   typo (a dropped letter) add the variety of real correspondence.

Columns: ``message_id`` (int), ``text`` (str), ``category`` (str, one of ``CATEGORIES``),
``ambiguous`` (bool: a second topic, or nothing specific, was mentioned), ``mislabelled``
(bool: the recorded category is a labelling mistake).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aicourse import SEED

#: The categories, in the order used for tables and charts.
CATEGORIES: tuple[str, ...] = (
    "Payments",
    "Update my details",
    "Complaint",
    "Appointments",
    "Information request",
)

#: Share of each category among all messages (same order as ``CATEGORIES``).
CATEGORY_SHARES: tuple[float, ...] = (0.30, 0.22, 0.18, 0.18, 0.12)

#: Chance that a message also mentions a second, minor topic from another category.
P_SECOND_TOPIC: float = 0.15

#: Chance that a message is vague: it could belong to any category.
P_VAGUE: float = 0.05

#: Chance that the recorded category is a labelling mistake.
P_LABEL_NOISE: float = 0.03

#: Chance that a message has one dropped letter (a typo).
P_TYPO: float = 0.08

_AGENCY = "Community Services Agency"  # invented agency name

_SLOTS: dict[str, tuple[str, ...]] = {
    "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "last week", "the 14th"),
    "amount": ("$120", "$85.50", "$340", "$62", "$1,200", "$410"),
    "place": (
        "Harakeke Bay",
        "Port Tāwhiri",
        "Kōwhai Valley",
        "Mātai Downs",
        "Westbrook Flats",
        "Rimu Heights",
        "Tōtara Point",
        "Ngaio Springs",
    ),
    "office": ("the Harakeke Bay office", "the Rimu Heights centre", "the Port Tāwhiri office"),
    "time": ("10am", "2.30pm", "9 o'clock", "the afternoon", "first thing tomorrow"),
    "weeks": ("two weeks", "three weeks", "a month", "six weeks", "ten days"),
    "thing": (
        "my file",
        "my case notes",
        "the letter you sent me",
        "my records",
        "the notes from my interview",
    ),
    "topic": (
        "how many people used the service last year",
        "the policy on hardship grants",
        "the cost of the new phone system",
        "the guidelines your staff use",
        "reports about wait times",
    ),
}

# Phrasings per category. The first few use the obvious keywords; the rest do not.
_MAIN: dict[str, tuple[str, ...]] = {
    "Payments": (
        "My payment has not arrived yet.",
        "Why was my payment only {amount} this week?",
        "I think my payment is wrong, it should be more than {amount}.",
        "When will I be paid? It was due on {day}.",
        "Still no money in my account since {day}.",
        "The amount that came through on {day} was less than usual.",
        "I was told {amount} would go into my bank on {day} but nothing has come.",
        "Can you check why my weekly support stopped?",
        "I got {amount} instead of the usual, can someone explain?",
        "Nothing has been deposited for {weeks} and the rent is due.",
        "My benefit was cut and I do not know why.",
        "Is there a delay with the money this fortnight?",
    ),
    "Update my details": (
        "I need to update my address, I have moved to {place}.",
        "Please change my phone number on your records.",
        "I want to update my details, my email has changed.",
        "We have moved house to {place}, where do I tell you?",
        "New mobile number from today, please use it instead of the old one.",
        "I got married and my surname is different now.",
        "Please send letters to my new place in {place} from now on.",
        "My bank account has changed, here are the new numbers.",
        "I am now living with my sister in {place}.",
        "Could you fix the spelling of my name in your system?",
        "My partner should be listed as the contact person now.",
    ),
    "Complaint": (
        "I want to make a complaint about how I was treated at {office}.",
        "I am very unhappy with the service I received on {day}.",
        "This is a formal complaint about your staff.",
        "The person on the phone was rude and hung up on me.",
        "I have waited {weeks} for a reply, this is not good enough.",
        "Nobody called me back even though I was promised.",
        "I was kept waiting for over an hour at {office} and then sent away.",
        "Your letter was confusing and no one could explain it.",
        "I feel I was treated unfairly and want someone senior to look at it.",
        "Three different people told me three different things.",
        "It is disgraceful that I had to explain my situation four times.",
    ),
    "Appointments": (
        "I would like to book an appointment at {office}.",
        "Can I change my appointment on {day} to a later time?",
        "I need to cancel my appointment, I am unwell.",
        "Is there a time free at {time} to see someone?",
        "Can I come in on {day} to talk to a case manager?",
        "I cannot make it at {time}, is another day possible?",
        "Please find me a slot with an interpreter next week.",
        "Could someone meet me at {office} on {day}?",
        "My meeting with the case worker clashes with work, can we move it?",
        "Do I need to bring anything when I come in at {time}?",
        "Running late for my {time} booking, will you still see me?",
    ),
    "Information request": (
        "This is an official information request about {topic}.",
        "Under the Official Information Act I request {topic}.",
        "I request a copy of {thing}.",
        "Please send me all the information you hold about me.",
        "Could you provide {topic}?",
        "I would like to see {thing}, how do I get it?",
        "What data do you keep on me and who sees it?",
        "Can you release the figures on {topic}?",
        "I am a journalist looking into {topic}.",
        "Please email me {thing} so I can check it.",
    ),
}

# A minor second topic: words from another category, added to an otherwise clear message.
_SECOND: dict[str, tuple[str, ...]] = {
    "Payments": ("Also my payment was late again.", "By the way the money came late too."),
    "Update my details": (
        "I have also moved house recently.",
        "Also note my new phone number.",
    ),
    "Complaint": ("Honestly I am not happy with how long this is taking.", "Your service is poor."),
    "Appointments": (
        "I also have an appointment next week.",
        "I might come in on {day} anyway.",
    ),
    "Information request": (
        "I would also like a copy of my file at some point.",
        "Could you also send me the information you hold?",
    ),
}

# Messages that could belong to any category: only the case history says which.
_VAGUE: tuple[str, ...] = (
    "Can someone please call me back?",
    "I need help with my situation.",
    "Please ring me about the letter.",
    "I have a question, who do I talk to?",
    "Following up on my email from {day}.",
    "Is anyone reading these messages?",
    "It is about my case, please get back to me.",
)

_GREETINGS = ("", "", "Hi,", "Kia ora,", "Hello,", "Good morning,", "To whom it may concern,")
_SIGNOFFS = ("", "", "", "Thanks.", "Ngā mihi.", "Regards.", "Please help.", "Cheers.")


def _pick(options: tuple[str, ...], rng: np.random.Generator) -> str:
    """One option, chosen at random."""
    return options[rng.integers(len(options))]


def _fill(template: str, rng: np.random.Generator) -> str:
    """Put a random choice into each ``{slot}`` of a template."""
    values = {name: options[rng.integers(len(options))] for name, options in _SLOTS.items()}
    return template.format(**values)


def _typo(text: str, rng: np.random.Generator) -> str:
    """Drop one letter from a random word of four or more letters."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if sum(ch.isalpha() for ch in w) >= 4]
    if not candidates:
        return text
    i = candidates[rng.integers(len(candidates))]
    word = words[i]
    letters = [j for j, ch in enumerate(word) if ch.isalpha()]
    j = letters[rng.integers(1, len(letters))]
    words[i] = word[:j] + word[j + 1 :]
    return " ".join(words)


def make_enquiries(n: int = 3000, seed: int = SEED) -> pd.DataFrame:
    """Make ``n`` labelled enquiries to the fictional Community Services Agency.

    The same ``n`` and ``seed`` always give the same table. See the module docstring
    for how each message is built and what the columns mean.

    Raises:
        TypeError: if ``n`` or ``seed`` is not a whole number.
        ValueError: if ``n`` is smaller than 10 or larger than 100,000.
    """
    for name, value in (("n", n), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be a whole number, got {type(value).__name__}: {value!r}")
    if seed < 0:
        raise ValueError(f"seed must be zero or a positive whole number, got {seed}")
    if not 10 <= n <= 100_000:
        raise ValueError(f"n must be between 10 and 100,000 messages, got {n}")

    rng = np.random.default_rng(seed)
    shares = np.array(CATEGORY_SHARES)
    labels = rng.choice(len(CATEGORIES), size=n, p=shares / shares.sum())
    rows = []
    for i, label in enumerate(labels):
        category = CATEGORIES[label]
        if rng.random() < P_VAGUE:
            parts = [_pick(_VAGUE, rng)]
            ambiguous = True
        else:
            parts = [_pick(_MAIN[category], rng)]
            ambiguous = bool(rng.random() < P_SECOND_TOPIC)
            if ambiguous:
                other = _pick(tuple(c for c in CATEGORIES if c != category), rng)
                if rng.random() < 0.5:
                    parts.append(_pick(_SECOND[other], rng))
                else:
                    parts.append(_pick(_MAIN[other], rng))
                    rng.shuffle(parts)
        parts = [_fill(p, rng) for p in parts]
        greeting = _pick(_GREETINGS, rng)
        if greeting and not parts[0].startswith(("I ", "I'")):
            parts[0] = parts[0][0].lower() + parts[0][1:]
        text = " ".join(p for p in (greeting, *parts, _pick(_SIGNOFFS, rng)) if p)
        if rng.random() < P_TYPO:
            text = _typo(text, rng)
        mislabelled = bool(rng.random() < P_LABEL_NOISE)
        if mislabelled:
            category = _pick(tuple(c for c in CATEGORIES if c != category), rng)
        rows.append((i + 1, text, category, ambiguous, mislabelled))
    return pd.DataFrame(
        rows, columns=["message_id", "text", "category", "ambiguous", "mislabelled"]
    )


def agency_name() -> str:
    """The invented agency the enquiries are addressed to."""
    return _AGENCY
