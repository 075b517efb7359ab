"""Writing clear prompts: the parts of a good request to a generative AI tool, and a checklist.

Used in Foundations week 4 ("Writing clear prompts"). **No AI model runs here.** These
functions put a prompt together from its parts and check the parts are there; they say
nothing about the answer a tool would give. A clear prompt makes a good answer likelier,
never certain: a person still checks the answer.

The parts (what a lesson can point to):

- **task**: what you want done, as an instruction ("Draft a letter...", "Summarise...");
- **context**: the background the tool needs. A tool knows nothing about your case or
  your agency's policies unless you give them (that is also how it can be kept to the
  agency's own wording);
- **audience**: who will read the result;
- **format**: the shape of the answer (length, layout, tone);
- **limits**: what to stick to and what to avoid;
- **say if unsure**: a line asking the tool to say when the information does not answer
  something, rather than fill the gap with a fluent guess.

:func:`check_prompt` ticks each part that is there with enough words, and runs
:func:`find_personal_information`: a simple pattern check for things that plainly
identify a person (an email address, a phone number, a bank account number...). **It
only spots some obvious patterns.** It cannot tell whether a name or a story identifies
someone; that judgement stays with the person writing the prompt.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: The written parts of a prompt, in the order they are assembled.
PART_NAMES: tuple[str, ...] = ("task", "context", "audience", "format", "limits")

#: The heading each part gets in the assembled prompt.
PART_LABELS: Mapping[str, str] = {
    "task": "Task",
    "context": "Background",
    "audience": "Audience",
    "format": "Format",
    "limits": "Limits",
}

#: The fewest words each part needs to count as there (fewer is "too vague").
MIN_WORDS: Mapping[str, int] = {
    "task": 3,
    "context": 5,
    "audience": 1,
    "format": 2,
    "limits": 2,
}

#: The line added when the prompt asks the tool to say when it is unsure.
UNSURE_LINE: str = (
    "If the background above does not answer something, or you are not sure, say so "
    "plainly instead of guessing."
)


@dataclass(frozen=True)
class PromptParts:
    """The parts of a prompt as a person fills them in: five pieces of text and a tick box.

    Any part can be left empty (``""``). ``say_if_unsure`` adds :data:`UNSURE_LINE`.

    Raises:
        TypeError: if a written part is not text or ``say_if_unsure`` is not True/False.
    """

    task: str = ""
    context: str = ""
    audience: str = ""
    format: str = ""
    limits: str = ""
    say_if_unsure: bool = False

    def __post_init__(self) -> None:
        for name in PART_NAMES:
            value = getattr(self, name)
            if not isinstance(value, str):
                raise TypeError(f"the {name} must be text, got {type(value).__name__}")
        if not isinstance(self.say_if_unsure, bool):
            raise TypeError(
                f"say_if_unsure must be True or False, got {type(self.say_if_unsure).__name__}"
            )


def _check_parts(parts: object) -> PromptParts:
    if not isinstance(parts, PromptParts):
        raise TypeError(f"expected the parts of a prompt (PromptParts), got {type(parts).__name__}")
    return parts


def assemble_prompt(parts: PromptParts) -> str:
    """The prompt a person would paste into a tool: one labelled line per part that is filled in.

    Each filled-in part becomes ``"<Heading>: <text>"`` (headings from
    :data:`PART_LABELS`, extra spaces tidied), in the order of :data:`PART_NAMES`; if
    ``say_if_unsure`` is ticked, :data:`UNSURE_LINE` comes last. Empty parts are left out,
    so an empty form gives an empty prompt.

    Raises:
        TypeError: if ``parts`` is not a :class:`PromptParts`.
    """
    parts = _check_parts(parts)
    lines = []
    for name in PART_NAMES:
        text = " ".join(getattr(parts, name).split())
        if text:
            lines.append(f"{PART_LABELS[name]}: {text}")
    if parts.say_if_unsure:
        lines.append(UNSURE_LINE)
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Personal information
# ---------------------------------------------------------------------------------------

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_CAPITAL = "[A-ZĀĒĪŌŪ]"

#: What the personal-information check looks for, in the order it looks: a plain name for
#: each kind, and its pattern. Text found by one pattern is not looked at again.
PERSONAL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("a bank account number", re.compile(r"\b\d{2}[- ]\d{4}[- ]\d{7}[- ]\d{2,3}\b")),
    ("an IRD (tax) number", re.compile(r"\b\d{2,3}[- ]\d{3}[- ]\d{3}\b")),
    (
        "a phone number",
        re.compile(r"(?<![\w-])(?:\+64[\s-]?|0)\d{1,2}[\s-]?\d{3}[\s-]?\d{3,4}\b"),
    ),
    (
        "a date, such as a date of birth",
        re.compile(rf"\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b|\b\d{{1,2}} (?:{_MONTHS}) \d{{4}}\b"),
    ),
    (
        "a street address",
        re.compile(
            rf"\b\d+[A-Za-z]?\s+(?:{_CAPITAL}[\w'’-]*\s+){{1,3}}"
            r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Place|Drive|Crescent|Terrace|Way|Grove)\b"
        ),
    ),
    ("a person's name with a title", re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+{_CAPITAL}\w+")),
    (
        "a client or case number",
        re.compile(r"\b(?:client|case|customer)\s+(?:number|no\.?|id)\s*:?\s*\w*\d\w*", re.I),
    ),
)


def find_personal_information(text: str) -> list[tuple[str, str]]:
    """Things in ``text`` that look like personal information: ``(kind, text found)`` pairs.

    Looks for the patterns in :data:`PERSONAL_PATTERNS` (email addresses, bank account,
    IRD and phone numbers, dates, street addresses, names with a title, client or case
    numbers), in text order. **Only obvious patterns are caught**: an empty list does not
    mean the text is safe to share, because a plain name or a detailed story can identify
    someone too.

    Raises:
        TypeError: if ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string of text, got {type(text).__name__}")
    remaining = text
    found: list[tuple[int, str, str]] = []
    for kind, pattern in PERSONAL_PATTERNS:
        for match in pattern.finditer(remaining):
            found.append((match.start(), kind, match.group(0)))
        remaining = pattern.sub(lambda m: " " * len(m.group(0)), remaining)
    return [(kind, value) for _, kind, value in sorted(found)]


# ---------------------------------------------------------------------------------------
# The checklist
# ---------------------------------------------------------------------------------------

#: What each checklist line says, and the advice shown when it is not ticked.
CHECKLIST: Mapping[str, tuple[str, str]] = {
    "task": (
        "Says what you want done",
        'Start with an instruction: "Draft a letter...", "Summarise...", "Suggest three...".',
    ),
    "context": (
        "Gives the background the tool needs",
        "Give the facts it needs, such as the policy text or the key points. The tool knows "
        "nothing about your case or your agency unless you tell it.",
    ),
    "audience": (
        "Says who it is for",
        'Say who will read it: "a client who has never dealt with us", "a busy manager".',
    ),
    "format": (
        "Says what shape the answer should take",
        'Say the length, layout and tone: "three bullet points", "a letter under 150 words".',
    ),
    "limits": (
        "Sets limits",
        'Say what to stick to or avoid: "use only the policy text above", "do not promise a date".',
    ),
    "say_if_unsure": (
        "Asks the tool to say when it is not sure",
        "Tick the box: a tool fills gaps with fluent guesses unless it is told it may say "
        "it does not know.",
    ),
    "no_personal_information": (
        "Keeps personal information out",
        "Take out anything that identifies a person. Never put personal information into a "
        "public AI tool: describe the situation without the details.",
    ),
}


@dataclass(frozen=True)
class CheckItem:
    """One line of the prompt checklist: what it checks, whether it is ticked, and why not.

    ``status`` is ``"done"``, ``"missing"`` (left empty), ``"too vague"`` (fewer words
    than :data:`MIN_WORDS` asks) or ``"found"`` (personal information was found).
    ``advice`` is empty when the line is done.
    """

    name: str
    label: str
    status: str
    advice: str

    @property
    def done(self) -> bool:
        """True when this line of the checklist is ticked."""
        return self.status == "done"


@dataclass(frozen=True)
class PromptCheck:
    """The checklist for one prompt: the assembled prompt, each line, and what was found.

    ``personal_information`` lists the ``(kind, text found)`` pairs from
    :func:`find_personal_information` over the whole prompt.
    """

    prompt: str
    items: tuple[CheckItem, ...]
    personal_information: tuple[tuple[str, str], ...]

    @property
    def score(self) -> int:
        """How many lines of the checklist are ticked."""
        return sum(item.done for item in self.items)

    @property
    def total(self) -> int:
        """How many lines the checklist has."""
        return len(self.items)

    @property
    def missing(self) -> tuple[str, ...]:
        """The names of the lines not ticked, in checklist order."""
        return tuple(item.name for item in self.items if not item.done)

    @property
    def ready(self) -> bool:
        """True when every line is ticked (which still says nothing about the answer)."""
        return self.score == self.total


def check_prompt(parts: PromptParts) -> PromptCheck:
    """Check a prompt's parts against :data:`CHECKLIST`: seven lines, each ticked or not.

    A written part is ticked when it has at least :data:`MIN_WORDS` words; "say if unsure"
    when the box is ticked; "keeps personal information out" when
    :func:`find_personal_information` finds nothing in the assembled prompt. The check
    looks only at the parts: no AI model runs, and a fully ticked prompt can still get a
    wrong answer.

    Raises:
        TypeError: if ``parts`` is not a :class:`PromptParts`.
    """
    parts = _check_parts(parts)
    prompt = assemble_prompt(parts)
    items = []
    for name in PART_NAMES:
        words = len(getattr(parts, name).split())
        status = "done" if words >= MIN_WORDS[name] else ("missing" if words == 0 else "too vague")
        label, advice = CHECKLIST[name]
        items.append(CheckItem(name, label, status, "" if status == "done" else advice))
    label, advice = CHECKLIST["say_if_unsure"]
    status = "done" if parts.say_if_unsure else "missing"
    items.append(CheckItem("say_if_unsure", label, status, "" if status == "done" else advice))
    found = tuple(find_personal_information(prompt))
    label, advice = CHECKLIST["no_personal_information"]
    if found:
        kinds = sorted({kind for kind, _ in found}, key=[k for k, _ in PERSONAL_PATTERNS].index)
        advice = f"Found {_join(kinds)}. {advice}"
    status = "found" if found else "done"
    items.append(CheckItem("no_personal_information", label, status, advice if found else ""))
    return PromptCheck(prompt=prompt, items=tuple(items), personal_information=found)


def _join(items: list[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------------------------------
# Examples
# ---------------------------------------------------------------------------------------

#: Starting points for the prompt builder. All the people and details are invented.
EXAMPLE_PROMPTS: Mapping[str, PromptParts] = {
    "A vague request": PromptParts(task="Write a letter about the hardship grant."),
    "A clear request": PromptParts(
        task="Draft a short letter telling a client that we have received their hardship "
        "grant application, and what happens next.",
        context="Our policy says: Hardship grants are paid within 10 working days of a "
        "complete application. The maximum hardship grant is $1,500 a year for each household.",
        audience="A client who may be worried about money and has not applied before.",
        format="A letter of no more than 150 words, in plain New Zealand English, warm but "
        "not chatty.",
        limits="Use only the policy text above. Do not promise that the grant will be "
        "approved, or an amount.",
        say_if_unsure=True,
    ),
    "A risky request": PromptParts(
        task="Summarise this client's situation for her case manager.",
        context="Ms Kiri Harakeke (kiri@example.com, 021 000 0000) of 12 Kōwhai Street, "
        "Harakeke Bay, says her fridge broke and she cannot afford a new one. Her bank "
        "account is 00-0000-0000000-00.",
        audience="Her case manager.",
        format="Three bullet points.",
        limits="No more than 60 words.",
        say_if_unsure=True,
    ),
}


def example_prompt(name: str) -> PromptParts:
    """One of :data:`EXAMPLE_PROMPTS` by name.

    Raises:
        TypeError: if ``name`` is not text.
        ValueError: if there is no example with that name.
    """
    if not isinstance(name, str):
        raise TypeError(f"the example's name must be text, got {type(name).__name__}")
    if name not in EXAMPLE_PROMPTS:
        raise ValueError(f"there is no example {name!r}; choose one of {list(EXAMPLE_PROMPTS)}")
    return EXAMPLE_PROMPTS[name]
