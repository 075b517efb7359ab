"""Week 4 exercises: tokens, a repeatable temperature, searching the policies, safe use.

Questions 1b, 2 and 3a are graded by a property of the learner's answer rather than one
fixed value: a sentence that splits into exactly :data:`TARGET_TOKENS` tokens; a
temperature at which the next-word model writes the same text on every try; search words
that put a passage answering the question first. Question 3b accepts every policy whose
passage answers the question (:data:`ANSWERING_POLICIES`).
"""

from __future__ import annotations

from aicourse import SEED
from aicourse.checks import Verdict, as_number, check_whole_number, is_unanswered
from aicourse.data.policies import policy_by_id
from aicourse.exercises import ChoiceExercise, Exercise, register
from aicourse.language import (
    STANDARD_PROMPTS,
    count_tokens,
    generate,
    search,
    standard_index,
    standard_model,
    tokenize,
)
from aicourse.meaning import token_table, word_count
from aicourse.prompts import find_personal_information

# ---------------------------------------------------------------------------------------
# Question 1: tokens
# ---------------------------------------------------------------------------------------

#: The sentence learners split into tokens by hand in question 1a.
SENTENCE_1A = "My grant of $1,500 is late."

#: How many tokens the learner's own sentence must have in question 1b.
TARGET_TOKENS = 12

#: The fewest word tokens a sentence in question 1b needs (so it is a sentence, not dots).
MIN_WORD_TOKENS = 3


def _shown(tokens: list[str]) -> str:
    """Tokens in brackets, so each one (even a full stop) can be seen: ``[late] [.]``."""
    return " ".join(f"[{t}]" for t in tokens)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "True/False"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    return type(value).__name__


def check_tokens_by_hand(answer: object) -> Verdict:
    """Question 1a: the number of tokens in :data:`SENTENCE_1A`, with a hint for each usual slip."""
    expected = count_tokens(SENTENCE_1A)
    verdict = check_whole_number(answer, expected, what="the number of tokens")
    if verdict.status != "not yet":
        if verdict.correct:
            shown = _shown(tokenize(SENTENCE_1A))
            return Verdict("correct", f"It splits into {expected} tokens: {shown}.")
        return verdict
    value = int(as_number(answer) or 0)
    words = word_count(SENTENCE_1A)
    if value == words:
        hint = (
            f"{words} is the number of words. Punctuation marks are tokens too: "
            "look at the $ sign and the full stop."
        )
    elif value == expected + 2:
        hint = "A number such as 1,500 is one token: the comma inside it does not split it."
    elif value < expected:
        hint = "Count every word, every number and every punctuation mark, each once."
    else:
        hint = "Some pieces were counted twice: a number such as 1,500 is one token."
    return Verdict("not yet", f"{value:,} is not the number of tokens. {hint}")


def check_my_sentence(answer: object) -> Verdict:
    """Question 1b: a sentence of the learner's own that splits into exactly 12 tokens."""
    if is_unanswered(answer):
        return Verdict("not answered", "Write your sentence between the quotes, then run the cell.")
    if not isinstance(answer, str):
        return Verdict(
            "wrong kind",
            f"Expected a sentence in quotes; got {answer!r} ({_kind(answer)}). "
            "Put your sentence between the quotes.",
        )
    personal = find_personal_information(answer)
    if personal:
        return Verdict(
            "not yet",
            f"Please leave out personal details (this looks like {personal[0][0]}). "
            "Write about your work in general words.",
        )
    table = token_table(answer)
    n = len(table)
    n_words = int((table["kind"] == "word").sum())
    if n_words < MIN_WORD_TOKENS:
        return Verdict(
            "not yet",
            f"Write a sentence in words: yours has {n_words} word token"
            f"{'s' if n_words != 1 else ''}, and at least {MIN_WORD_TOKENS} are needed.",
        )
    shown = _shown(list(table["token"]))
    if n == TARGET_TOKENS:
        return Verdict("correct", f"Your sentence splits into exactly {n} tokens: {shown}.")
    change = "Add" if n < TARGET_TOKENS else "Take out"
    gap = abs(TARGET_TOKENS - n)
    return Verdict(
        "not yet",
        f"Your sentence splits into {n} tokens, not {TARGET_TOKENS}: {shown}. "
        f"{change} {gap} (a word or a punctuation mark each counts as one).",
    )


def token_report(sentence: object) -> str:
    """What question 1b shows under the learner's sentence: its tokens and how many."""
    if is_unanswered(sentence):
        return "Write your sentence between the quotes above, then run this cell."
    if not isinstance(sentence, str):
        return f"my_sentence must be a sentence in quotes; got {sentence!r}."
    tokens = tokenize(sentence)
    return f"{len(tokens)} tokens: {_shown(tokens)}"


# ---------------------------------------------------------------------------------------
# Question 2: a temperature that makes the output repeatable
# ---------------------------------------------------------------------------------------

#: How many tries the temperature check writes from each starting phrase.
REPEAT_TRIES = 10


def different_tries(temperature: float, tries: int = REPEAT_TRIES) -> tuple[str, str, str] | None:
    """A starting phrase and two different texts the course's model wrote from it on
    different tries (seeds ``SEED`` to ``SEED + tries - 1``), or None if every try wrote
    the same text for every phrase in :data:`aicourse.language.STANDARD_PROMPTS`."""
    model = standard_model()
    for prompt in STANDARD_PROMPTS:
        first = generate(model, prompt, temperature=temperature, seed=SEED)
        for i in range(1, tries):
            other = generate(model, prompt, temperature=temperature, seed=SEED + i)
            if other != first:
                return prompt, first, other
    return None


def check_temperature(answer: object) -> Verdict:
    """Question 2: a temperature at which the model writes the same text on every try.

    Graded by that property: for every standard starting phrase, ten tries (ten seeds)
    must give identical text. ``generate`` accepts temperatures from 0 to 2.
    """
    if is_unanswered(answer):
        return Verdict("not answered", "Replace the ... with a temperature (a number from 0 to 2).")
    value = as_number(answer)
    if value is None:
        typed = f'"{answer}"' if isinstance(answer, str) else repr(answer)
        return Verdict(
            "wrong kind",
            f"Expected a number such as 0.5 (no quotes); got {typed} ({_kind(answer)}).",
        )
    if not 0.0 <= value <= 2.0:
        return Verdict(
            "not yet",
            f"The model only accepts temperatures from 0 to 2; {value:g} is outside that range.",
        )
    found = different_tries(value)
    if found is None:
        return Verdict(
            "correct",
            f"At temperature {value:g} the model writes the same text on every try: it "
            "always takes the likeliest next token.",
        )
    prompt, first, other = found
    return Verdict(
        "not yet",
        f"At temperature {value:g} the model wrote different text on different tries: after "
        f'"{prompt}" it wrote "{first}" and also "{other}". Lower temperatures make the '
        "likeliest token likelier; which temperature makes it certain?",
    )


def temperature_report(temperature: object, prompt: str = "Travel claims are") -> str:
    """What question 2 shows under the learner's temperature: three tries from one phrase."""
    if is_unanswered(temperature):
        return "Set temperature in the cell above (replace the ...), then run this cell."
    value = as_number(temperature)
    if value is None or not 0.0 <= value <= 2.0:
        return f"temperature must be a number from 0 to 2; got {temperature!r}."
    model = standard_model()
    texts = [generate(model, prompt, temperature=value, seed=SEED + i) for i in range(3)]
    lines = [f"Try {i + 1}: {t}" for i, t in enumerate(texts)]
    same = "All three tries are the same." if len(set(texts)) == 1 else "The tries differ."
    return "\n".join([*lines, same])


# ---------------------------------------------------------------------------------------
# Question 3: search the policies
# ---------------------------------------------------------------------------------------

#: The question learners answer by searching the policies in question 3.
QUESTION_3 = "Can I see what your staff have written about me?"

#: The policies whose passages answer :data:`QUESTION_3`: clients can ask to see their own
#: case notes (CSA-POL-06) and ask for a copy of the personal information held about them
#: (CSA-POL-11).
ANSWERING_POLICIES: frozenset[str] = frozenset({"CSA-POL-06", "CSA-POL-11"})


def check_my_search(answer: object) -> Verdict:
    """Question 3a: search words that put a passage answering :data:`QUESTION_3` first."""
    if is_unanswered(answer):
        return Verdict(
            "not answered", "Type your search words between the quotes, then run the cell."
        )
    if not isinstance(answer, str):
        return Verdict(
            "wrong kind",
            f"Expected search words in quotes; got {answer!r} ({_kind(answer)}).",
        )
    best = search(standard_index(), answer, k=1).iloc[0]
    if best["score"] <= 0:
        return Verdict(
            "not yet",
            "The search found nothing close to those words: it ignores little words such as "
            "'what', 'about' and 'me', and does not know every word. Try other words.",
        )
    if best["id"] in ANSWERING_POLICIES:
        return Verdict(
            "correct",
            f'Your search puts {best["id"]} "{best["title"]}" first, and that passage answers '
            "the question. Read it in the results above before you answer 3b.",
        )
    return Verdict(
        "not yet",
        f'Your search puts {best["id"]} "{best["title"]}" first, and that passage does not say '
        "whether clients can see what staff have written about them. Think of the words a "
        "policy would use for what staff write down about a client, and try those.",
    )


def check_policy_id(answer: object) -> Verdict:
    """Question 3b: the id of a policy whose passage answers :data:`QUESTION_3` (any of them)."""
    if is_unanswered(answer):
        return Verdict(
            "not answered", 'Type the policy id between the quotes, for example "CSA-POL-01".'
        )
    if not isinstance(answer, str):
        return Verdict(
            "wrong kind",
            f'Expected a policy id in quotes, such as "CSA-POL-01"; got {answer!r} '
            f"({_kind(answer)}).",
        )
    try:
        policy = policy_by_id(answer)
    except ValueError:
        return Verdict(
            "wrong kind",
            f'"{answer}" is not a policy id. Ids look like "CSA-POL-01": copy one from the '
            "search results.",
        )
    if policy.id in ANSWERING_POLICIES:
        return Verdict("correct", f'{policy.id} "{policy.title}" answers it: "{policy.text}"')
    return Verdict(
        "not yet",
        f'{policy.id} is "{policy.title}". Read its passage: does it say whether clients can '
        "see what staff have written about them? Look for a passage about notes, or about "
        "the information the agency holds.",
    )


def search_report(words: object, k: int = 3) -> str:
    """What question 3 shows under the learner's search words: the best passages found."""
    if is_unanswered(words):
        return "Type your search words between the quotes above, then run this cell."
    if not isinstance(words, str):
        return f"my_search must be words in quotes; got {words!r}."
    results = search(standard_index(), words, k=k)
    lines = [f'Searching for "{words}":']
    for rank, row in enumerate(results.itertuples(), start=1):
        lines.append(
            f"{rank}. {row.id} {row.title} (closeness {row.score:.2f})\n"
            f'   Best sentence: "{row.sentence}"'
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Question 4: safe, needs care, never
# ---------------------------------------------------------------------------------------

#: The three ways a use of generative AI at work is sorted.
SAFE_USE: tuple[str, ...] = ("safe", "needs care", "never")

SAFE_USE_ALIASES = {
    "needs-care": "needs care",
    "need care": "needs care",
    "care": "needs care",
    "with care": "needs care",
    "never ever": "never",
}

SAFE_USE_HINTS = {
    "safe": "Safe means nothing personal or sensitive goes in and a poor answer would do "
    "little harm. Look again at what goes into the tool, and who could be affected.",
    "needs care": "Needs care means it is fine with checks, such as a person reviewing the "
    "output. Some things should never go into a tool at all: is there personal or "
    "SENSITIVE information here, going to a tool outside the agency?",
    "never": "Never is for what the guidance says not to do at all, such as putting personal "
    "information or SENSITIVE material into a public tool. Is anything like that going in "
    "here?",
}


def _safe_use(question_id: str, variable: str, answer_digest: str, why: str) -> ChoiceExercise:
    return ChoiceExercise(
        question_id,
        variable,
        SAFE_USE,
        answer_digest,
        why=why,
        hints=SAFE_USE_HINTS,
        aliases=SAFE_USE_ALIASES,
    )


register(
    Exercise("w4-1a", "tokens_by_hand", check_tokens_by_hand),
    Exercise("w4-1b", "my_sentence", check_my_sentence),
    Exercise("w4-2", "temperature", check_temperature),
    Exercise("w4-3a", "my_search", check_my_search),
    Exercise("w4-3b", "policy_id", check_policy_id),
    _safe_use(
        "w4-4a",
        "use_a",
        "d3105392f7a4a4efa4983893724323a64db16e1649d0fca1b4ff296839ba7cbd",
        "A client's name, phone number and bank details are personal information. The 2023 "
        "interim guidance strongly recommended not putting personal information into "
        "generative AI tools outside your agency's network.",
    ),
    _safe_use(
        "w4-4b",
        "use_b",
        "7e3c88f7df82a33d20ebcf9649d408861c474da45eb0d230de002d46d51c807b",
        "The page is already public and no one's information goes in; you decide what to use.",
    ),
    _safe_use(
        "w4-4c",
        "use_c",
        "7651d0606e25ed4815c45171207a335b27784c0f57398833418d8e3a6c03f67b",
        "An approved tool with an expert checking every answer before it is published: "
        "allowed, with a person in the loop and care about what the public is told.",
    ),
    _safe_use(
        "w4-4d",
        "use_d",
        "432b010b64b471e3d69907a11b815a76f9d1dda64d1c274e005aa1576d6135a3",
        "The 2023 interim guidance strongly recommended not using generative AI with "
        "information classified SENSITIVE or above.",
    ),
)
