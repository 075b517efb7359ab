"""The Week 5 capstone: a learner's own AI use case, checked, and drawn as a one-page brief.

A learner answers one short question per part of the use case (the problem, the people
affected, the benefit and how it is measured, the data, customise/buy/build, risks, the risk
level read from the matrix, privacy, Te Tiriti o Waitangi, human oversight, a first step).
Each answer is one line in the assignment notebook, ``problem = "..."``. Then:

- :func:`collect_use_case` gathers those variables into a :class:`UseCaseProposal`;
- :func:`completeness_problems`, :func:`risk_problems` and :func:`oversight_problems` say, in
  plain words, what is missing or does not add up (each graded cell checks one of them), and
  :func:`review_use_case` lists them all;
- :func:`brief_figure` draws the use case as an A4 page, and :func:`render_brief` writes it
  as HTML (the full text), PDF and PNG (one page) to present to the group.

**What "filled in" means.** A part is filled in when it is no longer the ``...`` placeholder
and is the right kind of answer: text parts have at least :attr:`Field.min_words` words (a
word has at least one letter, so figures do not count) and do not just repeat a few words,
and are not a copy of an earlier part; choice parts are one of the listed words (capitals,
spaces and hyphens do not matter); number parts are numbers typed without quotes, zero or
more, and the target differs from today's figure.

**The risk rule.** The level the learner states must be the level that
:func:`aicourse.risk.risk_level` gives for the likelihood and impact they chose.

**The oversight rule.** A use that is High risk (by the matrix, or by the learner's stated
level) needs a human oversight step of at least :data:`HIGH_RISK_OVERSIGHT_WORDS` words that
names who checks (a person or role, from :data:`WHO_WORDS`) and when (from
:data:`WHEN_WORDS`), such as "An adviser reads and approves every draft before it is sent".
This checks the *shape* of the answer; whether the step is a real safeguard is for the
instructor, using the rubric. Lower levels need only an answer.
"""

from __future__ import annotations

import base64
import html
import io
import math
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from matplotlib.figure import Figure

from aicourse.checks import Verdict, as_number, is_unanswered, normalise_text
from aicourse.data.use_cases import BENEFIT_AREAS
from aicourse.plots import brief as draw
from aicourse.plots.adoption import LEVEL_COLOURS
from aicourse.responsible import APPROACHES  # customise, buy, build: one list for the week
from aicourse.risk import IMPACTS, LEVELS, LIKELIHOODS, risk_level

#: Words at least, in a human oversight step for a High risk use.
HIGH_RISK_OVERSIGHT_WORDS = 12

#: Words that name who does a check: a person, a role or a team (plurals count too).
WHO_WORDS: frozenset[str] = frozenset(
    """
    adviser advisor analyst approver assessor auditor caseworker clinician colleague committee
    coordinator director employee executive expert human i inspector investigator kaimahi lawyer
    lead leader manager me member navigator nurse officer owner panel people person practitioner
    reviewer solicitor specialist staff supervisor team us we worker
    """.split()
)

#: Words that say when a check happens.
WHEN_WORDS: frozenset[str] = frozenset(
    """
    after always annually before daily day each every first fortnightly hour monthly month once
    prior quarterly sample until week weekly when whenever within year yearly
    """.split()
)

Kind = Literal["text", "choice", "number"]


@dataclass(frozen=True)
class Field:
    """One part of the use case: the variable the learner sets, and what counts as filled in.

    ``kind`` is "text" (at least ``min_words`` words), "choice" (one of ``options``; other
    accepted spellings in ``aliases``) or "number" (a number without quotes).
    """

    name: str
    label: str
    prompt: str
    kind: Kind
    min_words: int = 0
    options: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)

    def how_to_answer(self) -> str:
        """What to type on the ✏️ line, in plain words (for messages and the notebook)."""
        if self.kind == "choice":
            return f"type one of {_listed(self.options)} between the quotes"
        if self.kind == "number":
            return "replace the ... with a number, without quotes"
        return "write your answer between the quotes"


def _listed(options: tuple[str, ...]) -> str:
    """Options as '"a", "b" or "c"'."""
    quoted = [f'"{o}"' for o in options]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


#: The parts of a use case, in the order the learner fills them in.
FIELDS: tuple[Field, ...] = (
    Field("title", "Title", "A short name for your use case.", "text", min_words=3),
    Field(
        "agency_team",
        "Agency and team",
        "Your agency and the team the use case is for.",
        "text",
        min_words=2,
    ),
    Field(
        "problem",
        "The problem",
        "What is slow, costly, hard or unfair today, and how big is it?",
        "text",
        min_words=15,
    ),
    Field(
        "people_affected",
        "People affected",
        "Who would the change touch: the public, whānau, staff, other agencies?",
        "text",
        min_words=10,
    ),
    Field(
        "benefit_area",
        "Benefit area",
        "The main kind of benefit.",
        "choice",
        options=BENEFIT_AREAS,
        aliases={
            "cost": "cost efficiency",
            "efficiency": "cost efficiency",
            "customer": "customer experience",
        },
    ),
    Field(
        "benefit_measure",
        "How we will measure it",
        "What you will count to know it worked, and where the figure comes from.",
        "text",
        min_words=5,
    ),
    Field("measure_now", "Today's figure", "The figure today, as a number.", "number"),
    Field(
        "measure_target",
        "Target",
        "The figure you aim for once the change is in use, as a number.",
        "number",
    ),
    Field(
        "data_needed",
        "Data needed",
        "What information it needs, where that comes from, and whether you may use it.",
        "text",
        min_words=10,
    ),
    Field(
        "approach",
        "Customise, buy or build",
        "Customise a tool the agency already has, buy one, or build one.",
        "choice",
        options=APPROACHES,
        aliases={
            "customize": "customise",
            "customising": "customise",
            "customizing": "customise",
            "buying": "buy",
            "building": "build",
        },
    ),
    Field(
        "risks",
        "Risks",
        "What could go wrong, and for whom?",
        "text",
        min_words=15,
    ),
    Field(
        "risk_likelihood",
        "Likelihood of harm",
        "How likely harm is.",
        "choice",
        options=LIKELIHOODS,
    ),
    Field(
        "risk_impact",
        "Impact of harm",
        "How bad the harm would be.",
        "choice",
        options=IMPACTS,
    ),
    Field(
        "risk_level",
        "Risk level",
        "The level you read from the matrix.",
        "choice",
        options=LEVELS,
    ),
    Field(
        "privacy",
        "Privacy",
        "What personal information is involved and how you will protect it.",
        "text",
        min_words=12,
    ),
    Field(
        "te_tiriti",
        "Te Tiriti o Waitangi",
        "What it means for Māori, and how Māori will be involved.",
        "text",
        min_words=12,
    ),
    Field(
        "human_oversight",
        "Human oversight",
        "Who checks what, and when.",
        "text",
        min_words=3,
    ),
    Field(
        "first_step",
        "First step",
        "A small, concrete first step you could take in the next three months.",
        "text",
        min_words=10,
    ),
)

#: The fields by variable name.
FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}


@dataclass(frozen=True)
class UseCaseProposal:
    """A learner's use case: one value per field of :data:`FIELDS`, as they typed it.

    ``None`` means not answered (the variable is missing, or still ``...``). Values are kept
    exactly as typed, so a check can say "you typed a number in quotes" rather than guess.
    """

    title: object = None
    agency_team: object = None
    problem: object = None
    people_affected: object = None
    benefit_area: object = None
    benefit_measure: object = None
    measure_now: object = None
    measure_target: object = None
    data_needed: object = None
    approach: object = None
    risks: object = None
    risk_likelihood: object = None
    risk_impact: object = None
    risk_level: object = None
    privacy: object = None
    te_tiriti: object = None
    human_oversight: object = None
    first_step: object = None

    def answers(self) -> dict[str, object]:
        """Every field's value, by variable name, in the order of :data:`FIELDS`."""
        return {f.name: getattr(self, f.name) for f in FIELDS}


def _clean(value: object) -> object:
    """A learner's value, with the placeholders (``...``, blank text) turned into None."""
    return None if is_unanswered(value) else value


def make_use_case(values: Mapping[str, object]) -> UseCaseProposal:
    """Build a proposal from a mapping of variable names to values; other names are ignored.

    Missing names and placeholders (``...``, ``"..."``, blank text) become None.

    Raises:
        TypeError: if ``values`` is not a mapping.
    """
    if not isinstance(values, Mapping):
        raise TypeError(
            f"values must be a mapping of names to answers, got {type(values).__name__}"
        )
    return UseCaseProposal(**{f.name: _clean(values.get(f.name)) for f in FIELDS})


def collect_use_case(namespace: Mapping[str, object] | None = None) -> UseCaseProposal:
    """Gather the learner's answers (``title``, ``problem``...) into a :class:`UseCaseProposal`.

    With no argument it reads the notebook's variables (IPython's user namespace, as
    :mod:`aicourse.exercises` does). Outside a notebook, pass ``namespace=globals()``.

    Raises:
        RuntimeError: if called with no namespace outside IPython.
        TypeError: if ``namespace`` is not a mapping.
    """
    if namespace is None:
        from IPython import get_ipython

        from aicourse.exercises import learner_namespace

        if get_ipython() is None:
            raise RuntimeError(
                "collect_use_case() reads a notebook's variables; outside a notebook, "
                "pass them in: collect_use_case(namespace=globals())"
            )
        namespace = learner_namespace()
    return make_use_case(namespace)


# --- Checking the answers ----------------------------------------------------------------

_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")


def words(text: str) -> list[str]:
    """The words of a text, lower-case: runs of letters (and digits) with at least one letter."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    return [w.lower() for w in _WORD.findall(text) if any(c.isalpha() for c in w)]


def _kind(value: object) -> str:
    """A plain name for the kind of a value."""
    if isinstance(value, bool):
        return "True/False"
    if isinstance(value, str):
        return "text"
    if as_number(value) is not None:
        return "a number"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    return type(value).__name__


def _shown(value: object) -> str:
    """A value as the learner typed it, shortened for a message."""
    text = f'"{value}"' if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def choice_value(f: Field, value: object) -> str | None:
    """The option a choice answer means (ignoring capitals and spaces), or None if none."""
    if f.kind != "choice":
        raise ValueError(f"{f.name} is not a choice field")
    if not isinstance(value, str):
        return None
    lookup = {normalise_text(o): o for o in f.options}
    lookup.update({normalise_text(k): v for k, v in f.aliases.items()})
    return lookup.get(normalise_text(value))


def field_verdict(f: Field, value: object) -> Verdict:
    """Check one field's answer on its own, as a plain-words verdict (for its instant check).

    Checks that it is answered, the right kind, long enough and varied enough (text), one of
    the options (choice), or a number of zero or more (number). Comparisons between fields
    are in :func:`completeness_problems`. Each message starts with the field's label.
    """
    if not isinstance(f, Field):
        raise TypeError(f"f must be a Field from FIELDS, got {type(f).__name__}")
    if is_unanswered(value):
        return Verdict(
            "not answered",
            f"{f.label}: not filled in yet. On the ✏️ line `{f.name} = ...`, {f.how_to_answer()}.",
        )
    if f.kind == "number":
        number = as_number(value)
        if number is None:
            extra = " Remove the quotes." if isinstance(value, str) else ""
            return Verdict(
                "wrong kind",
                f"{f.label}: expected a number without quotes, such as 40; "
                f"got {_shown(value)} ({_kind(value)}).{extra}",
            )
        if number < 0:
            return Verdict(
                "not yet",
                f"{f.label}: {number:g} is below zero; use a count or amount of zero or more.",
            )
        if number >= draw.MAX_FIGURE:
            return Verdict(
                "not yet",
                f"{f.label}: {number:g} is too big to be a realistic figure; use a bigger unit, "
                "such as millions of dollars.",
            )
        return Verdict("correct", f"{f.label}: {_number(number)}, noted.")
    if f.kind == "choice":
        if not isinstance(value, str):
            return Verdict(
                "wrong kind",
                f"{f.label}: expected one of {_listed(f.options)} in quotes; "
                f"got {_shown(value)} ({_kind(value)}).",
            )
        chosen = choice_value(f, value)
        if chosen is None:
            return Verdict(
                "wrong kind",
                f"{f.label}: {_shown(value)} is not one of the options; use {_listed(f.options)}.",
            )
        return Verdict("correct", f'{f.label}: "{chosen}", noted.')
    if not isinstance(value, str):
        return Verdict(
            "wrong kind",
            f"{f.label}: expected words in quotes; got {_shown(value)} ({_kind(value)}).",
        )
    found = words(value)
    if len(found) < f.min_words:
        return Verdict(
            "not yet",
            f"{f.label}: {len(found)} word{'' if len(found) == 1 else 's'} so far; write at "
            f"least {f.min_words}, so that someone outside your team understands. {f.prompt}",
        )
    if len(set(found)) < math.ceil(f.min_words / 2):
        return Verdict(
            "not yet", f"{f.label}: it repeats the same few words; say it in your own words."
        )
    return Verdict("correct", f"{f.label}: filled in ({len(found)} words).")


def field_problem(f: Field, value: object) -> str | None:
    """What is wrong with one field's answer on its own, in plain words, or None if it is fine
    (the message of :func:`field_verdict` when it is not correct)."""
    verdict = field_verdict(f, value)
    return None if verdict.correct else verdict.message


def _require_proposal(proposal: object) -> UseCaseProposal:
    if not isinstance(proposal, UseCaseProposal):
        raise TypeError(
            f"expected a use case from collect_use_case(), got {type(proposal).__name__}"
        )
    return proposal


def completeness_problems(proposal: UseCaseProposal) -> list[str]:
    """Every part that is not meaningfully filled in yet, one plain sentence each.

    Each field is checked on its own (:func:`field_problem`); then a text part that is a copy
    of an earlier part, and a target equal to today's figure, are flagged too.
    """
    proposal = _require_proposal(proposal)
    problems: list[str] = []
    seen: dict[str, Field] = {}
    for f in FIELDS:
        value = getattr(proposal, f.name)
        problem = field_problem(f, value)
        if problem is not None:
            problems.append(problem)
        elif f.kind == "text" and isinstance(value, str):
            key = " ".join(words(value))
            if key in seen:
                problems.append(
                    f"{f.label}: the same as {seen[key].label}. Each part needs its own answer."
                )
            else:
                seen[key] = f
    now, target = as_number(proposal.measure_now), as_number(proposal.measure_target)
    if now is not None and target is not None and now == target and now >= 0:
        problems.append(
            f"Target: the same as today's figure ({now:g}), so there would be no change to "
            "measure. Set the figure you aim for once the change is in use."
        )
    return problems


def matrix_level(proposal: UseCaseProposal) -> str | None:
    """The level the matrix gives for the proposal's likelihood and impact, or None if unset."""
    proposal = _require_proposal(proposal)
    lk = choice_value(FIELD_BY_NAME["risk_likelihood"], proposal.risk_likelihood)
    im = choice_value(FIELD_BY_NAME["risk_impact"], proposal.risk_impact)
    return None if lk is None or im is None else risk_level(lk, im)


def stated_level(proposal: UseCaseProposal) -> str | None:
    """The risk level the learner wrote, in its standard spelling, or None if not one."""
    return choice_value(FIELD_BY_NAME["risk_level"], _require_proposal(proposal).risk_level)


def risk_problems(proposal: UseCaseProposal) -> list[str]:
    """Whether the stated risk level is the one the matrix gives for the chosen likelihood
    and impact: an empty list if it is, else one plain sentence saying what to do."""
    proposal = _require_proposal(proposal)
    unset = [
        f"the {f.label.lower()} ({_listed(f.options)})"
        for f in (FIELD_BY_NAME[n] for n in ("risk_likelihood", "risk_impact", "risk_level"))
        if choice_value(f, getattr(proposal, f.name)) is None
    ]
    if unset:
        return [
            "Risk level: cannot be checked against the matrix yet. First choose "
            + "; ".join(unset)
            + "."
        ]
    lk = choice_value(FIELD_BY_NAME["risk_likelihood"], proposal.risk_likelihood)
    im = choice_value(FIELD_BY_NAME["risk_impact"], proposal.risk_impact)
    expected, stated = matrix_level(proposal), stated_level(proposal)
    if expected == stated:
        return []
    return [
        f'Risk level: you chose likelihood "{lk}" and impact "{im}", which the matrix rates '
        f'"{expected}", but you wrote "{stated}". Check the matrix in Part D, or change the '
        "likelihood or impact if they are not what you meant."
    ]


def is_high_risk(proposal: UseCaseProposal) -> bool | None:
    """True if the use is High risk by the matrix or by the stated level; None if neither is set."""
    levels = {matrix_level(proposal), stated_level(proposal)} - {None}
    return None if not levels else "High" in levels


def oversight_problems(proposal: UseCaseProposal) -> list[str]:
    """Whether the human oversight step fits the risk level (see the module docstring).

    An empty list if it does, else plain sentences saying what to add.
    """
    proposal = _require_proposal(proposal)
    high = is_high_risk(proposal)
    if high is None:
        return [
            "Human oversight: cannot be checked yet, because the risk level is not known. "
            "Choose the likelihood, the impact and the risk level in Part D first."
        ]
    value = proposal.human_oversight
    label = FIELD_BY_NAME["human_oversight"].label
    if is_unanswered(value):
        return [
            f"{label}: not filled in yet. Say who checks what, and when, on the ✏️ line "
            "`human_oversight = ...`."
        ]
    if not isinstance(value, str):
        return [f"{label}: expected words in quotes; got {_shown(value)} ({_kind(value)})."]
    if not high:
        return []
    found = words(value)
    stems = {w.removesuffix("s") for w in found} | set(found)
    problems: list[str] = []
    if len(found) < HIGH_RISK_OVERSIGHT_WORDS:
        problems.append(
            f"{label}: this use is rated High, so a person must check it. Describe the step in "
            f"at least {HIGH_RISK_OVERSIGHT_WORDS} words ({len(found)} so far): who checks "
            'what, and when (for example "An adviser reads and approves every draft letter '
            'before it is sent").'
        )
    if not stems & WHO_WORDS:
        problems.append(
            f"{label}: say who does the checking: a role such as "
            '"team leader", "adviser" or "case manager".'
        )
    if not stems & WHEN_WORDS:
        problems.append(
            f'{label}: say when the check happens, for example "before it is sent", '
            '"every week" or "each decision".'
        )
    return problems


def review_use_case(proposal: UseCaseProposal) -> list[str]:
    """Everything still to fix: completeness, then the risk level, then human oversight.

    An empty list means the use case is ready for the graded checks. (An instructor still
    marks its quality with the rubric.)
    """
    problems = completeness_problems(proposal)
    for extra in risk_problems(proposal) + oversight_problems(proposal):
        if extra not in problems:
            problems.append(extra)
    return problems


def missing_fields(proposal: UseCaseProposal) -> list[str]:
    """The labels of the fields not answered at all yet (still ``...`` or never run)."""
    proposal = _require_proposal(proposal)
    return [f.label for f in FIELDS if getattr(proposal, f.name) is None]


@dataclass(frozen=True)
class Review:
    """The review of a use case, shown as a list in a notebook (``problems`` empty = ready)."""

    problems: tuple[str, ...]

    def __str__(self) -> str:
        if not self.problems:
            return "Your use case is complete and consistent: ready for the graded checks."
        lines = [f"{len(self.problems)} thing{'s' if len(self.problems) != 1 else ''} to fix:"]
        return "\n".join(lines + [f"- {p}" for p in self.problems])

    def _repr_html_(self) -> str:
        if not self.problems:
            return (
                '<div role="status" style="border-left:4px solid #0B5D3B;background:#E6F4EC;'
                'color:#0B5D3B;padding:6px 10px">✅ <strong>Your use case is complete and '
                "consistent.</strong> It is ready for the graded checks below.</div>"
            )
        items = "".join(f"<li>{html.escape(p)}</li>" for p in self.problems)
        n = len(self.problems)
        return (
            '<div role="status" style="border-left:4px solid #7A4100;background:#FFF4E0;'
            f'color:#7A4100;padding:6px 10px">🔁 <strong>{n} thing{"s" if n != 1 else ""} '
            f"to fix</strong> (change the ✏️ lines above, run them, then run this cell again):"
            f'<ul style="margin:4px 0">{items}</ul></div>'
        )

    def __repr__(self) -> str:
        return str(self)


def show_review(proposal: UseCaseProposal) -> Review:
    """The review of a use case, for a notebook to show (a list of what to fix, or a tick)."""
    return Review(tuple(review_use_case(proposal)))


# --- The example ---------------------------------------------------------------------------


def example_use_case() -> UseCaseProposal:
    """A filled, invented example for the Community Services Agency (High risk, customise)."""
    return UseCaseProposal(
        title="Drafting first replies to hardship grant enquiries",
        agency_team="Community Services Agency, Port Tāwhiri contact centre",
        problem=(
            "The contact centre receives about 1,800 written enquiries a month about hardship "
            "grants. Advisers write every reply from scratch, so people wait nine working days "
            "on average for a first answer, and many phone in the meantime, which lengthens "
            "the queue."
        ),
        people_affected=(
            "People and whānau in Port Tāwhiri, Harakeke Bay and Kōwhai Valley who ask about "
            "hardship grants, many in urgent need; the 24 advisers who write the replies; and "
            "the grants team, who would get fewer repeat calls."
        ),
        benefit_area="customer experience",
        benefit_measure=(
            "Working days from an enquiry arriving to the first reply being sent, taken from "
            "the case system each month"
        ),
        measure_now=9,
        measure_target=3,
        data_needed=(
            "The agency's published hardship grant policies and eligibility rules, and about "
            "200 approved template replies. No past enquiries or personal information are "
            "used to set the tool up."
        ),
        approach="customise",
        risks=(
            "A draft could get the eligibility rules wrong, so someone in hardship does not "
            "apply; busy advisers could approve drafts without reading them; and drafts could "
            "handle te reo Māori names and words poorly."
        ),
        risk_likelihood="Possible",
        risk_impact="Severe",
        risk_level="High",
        privacy=(
            "Enquiries hold personal information, so a privacy impact assessment comes first. "
            "The tool runs in the agency's approved environment, the supplier does not keep "
            "or learn from enquiry text, and drafts are kept only with the case record."
        ),
        te_tiriti=(
            "Many people who write to us are Māori whānau. We will design and test the replies "
            "with the agency's Māori advisory group, check that drafts use te reo Māori names "
            "and words correctly, and report reply times for Māori separately so any gap is "
            "seen and fixed."
        ),
        human_oversight=(
            "An adviser reads, corrects and approves every draft before it is sent, so nothing "
            "goes to the public automatically; a team leader checks a sample of 20 sent replies "
            "each week for accuracy and tone."
        ),
        first_step=(
            "A four-week trial with five advisers on past enquiries only, comparing the "
            "accuracy and writing time of drafted replies with replies written by hand, before "
            "any reply reaches the public."
        ),
    )


# --- The brief ------------------------------------------------------------------------------

#: Shown in the brief where a part is not filled in yet.
NOT_FILLED = draw.NOT_FILLED

#: The brief's text sections, left column then right column; the first step goes across the
#: foot of the page.
LEFT_SECTIONS: tuple[str, ...] = ("problem", "people_affected", "data_needed", "benefit_measure")
RIGHT_SECTIONS: tuple[str, ...] = ("risks", "privacy", "te_tiriti", "human_oversight")


def _text(value: object) -> str | None:
    """A value as text for the brief, or None if not answered."""
    if is_unanswered(value):
        return None
    return value.strip() if isinstance(value, str) else str(value)


def _number(value: object) -> str:
    """A number as the brief shows it (9, 1,800 or 12.5); anything else as typed."""
    number = as_number(value)
    return str(value) if number is None else draw.figure_text(number)


def _drawable(value: object) -> float | None:
    """A figure the benefit chart can draw, or None (not a number, or unrealistically big)."""
    number = as_number(value)
    return number if number is not None and abs(number) < draw.MAX_FIGURE else None


def _measure_sentence(proposal: UseCaseProposal) -> str | None:
    """The benefit measure with today's figure and the target, for the brief."""
    measure = _text(proposal.benefit_measure)
    now, target = _text(proposal.measure_now), _text(proposal.measure_target)
    if measure is None and now is None and target is None:
        return None
    parts = [measure or "What we will count: " + NOT_FILLED]
    parts.append(
        f"Today: {_number(proposal.measure_now) if now is not None else NOT_FILLED}. "
        f"Target: {_number(proposal.measure_target) if target is not None else NOT_FILLED}."
    )
    return " ".join(p if p.endswith(".") else p + "." for p in parts)


def _choice_text(name: str, proposal: UseCaseProposal) -> str | None:
    """A choice answer in its standard spelling, capitalised; as typed if not an option."""
    value = getattr(proposal, name)
    chosen = choice_value(FIELD_BY_NAME[name], value)
    text = chosen if chosen is not None else _text(value)
    return None if text is None else text[:1].upper() + text[1:]


def brief_content(proposal: UseCaseProposal) -> draw.BriefContent:
    """The plain content of the brief (title, facts, sections, chart inputs) for a proposal."""
    proposal = _require_proposal(proposal)
    sections = []
    for column in (LEFT_SECTIONS, RIGHT_SECTIONS):
        sections.append(
            tuple(
                (
                    FIELD_BY_NAME[name].label,
                    _measure_sentence(proposal)
                    if name == "benefit_measure"
                    else _text(getattr(proposal, name)),
                )
                for name in column
            )
        )
    lk = choice_value(FIELD_BY_NAME["risk_likelihood"], proposal.risk_likelihood)
    im = choice_value(FIELD_BY_NAME["risk_impact"], proposal.risk_impact)
    stated, expected = stated_level(proposal), matrix_level(proposal)
    level_note = ""
    if stated is not None and expected is not None and stated != expected:
        level_note = f"the matrix says {expected}"
    now, target = (_drawable(proposal.measure_now), _drawable(proposal.measure_target))
    measure = _text(proposal.benefit_measure)
    return draw.BriefContent(
        title=_text(proposal.title),
        subtitle=_text(proposal.agency_team),
        facts=(
            ("Benefit area", _choice_text("benefit_area", proposal)),
            ("Customise, buy or build", _choice_text("approach", proposal)),
            ("Risk level", _choice_text("risk_level", proposal)),
        ),
        level=stated,
        level_note=level_note,
        left=sections[0],
        right=sections[1],
        closing=(FIELD_BY_NAME["first_step"].label, _text(proposal.first_step)),
        likelihood=lk,
        impact=im,
        measure_label=measure,
        measure_now=now,
        measure_target=target,
        missing=tuple(missing_fields(proposal)),
    )


def brief_figure(proposal: UseCaseProposal) -> Figure:
    """The use case as a one-page A4 brief: title, facts, the risk matrix with the learner's
    position, the benefit now and target, and each part under its heading.

    Long text is shortened with an ellipsis to fit the page (the HTML brief has it in full);
    parts not filled in yet say so.
    """
    return draw.brief_page(brief_content(proposal))


@dataclass(frozen=True)
class BriefFiles:
    """The files :func:`render_brief` wrote, and the parts still to fill in."""

    html: Path
    pdf: Path
    png: Path
    missing: tuple[str, ...]

    def __str__(self) -> str:
        made = f"Your brief is saved as {self.html.name}, {self.pdf.name} and {self.png.name}."
        if not self.missing:
            return made + " Every part is filled in."
        return made + " Still to fill in: " + ", ".join(self.missing) + "."

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        links = ", ".join(
            f'<a href="{html.escape(p.name if p.parent == Path() else p.as_posix())}" '
            f'target="_blank">{html.escape(p.name)}</a>'
            for p in (self.html, self.pdf, self.png)
        )
        status = (
            "Every part is filled in."
            if not self.missing
            else "<strong>Still to fill in:</strong> " + html.escape(", ".join(self.missing)) + "."
        )
        return (
            '<div role="status" style="border-left:4px solid #1F3A5F;background:#EAF1FA;'
            f'color:#1F3A5F;padding:6px 10px">📄 Your brief is saved as {links}. {status}</div>'
        )


_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]*$")


def _brief_folder(folder: str | os.PathLike[str] | None) -> Path:
    """Where to write: ``folder``; by default this folder, except under ``nbgrader validate``."""
    if folder is not None:
        return Path(folder)
    if os.environ.get("NBGRADER_EXECUTION") == "validate":
        # Validating runs the notebook where it is kept (source/ or release/): leave no files.
        return Path(tempfile.mkdtemp(prefix="aicourse-brief-"))
    return Path()


def _png_bytes(fig: Figure, dpi: int) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def brief_html(proposal: UseCaseProposal) -> str:
    """The brief as one self-contained HTML page: every part in full, the charts embedded.

    All the learner's text is HTML-escaped, so nothing they type becomes markup.
    """
    content = brief_content(proposal)
    charts = base64.b64encode(_png_bytes(draw.brief_charts(content), dpi=110)).decode("ascii")
    return _html_page(content, charts)


_CSS = """
@page { size: A4; margin: 16mm; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #333333; margin: 0;
  background: #F4F6F8; line-height: 1.45; }
main { max-width: 820px; margin: 24px auto; background: white; padding: 32px 40px;
  border-top: 10px solid #0072B2; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
.kicker { color: #0072B2; font-weight: bold; letter-spacing: .06em; font-size: .8em; margin: 0; }
h1 { font-size: 1.9em; margin: .15em 0 .1em; }
.team { font-size: 1.15em; margin: 0 0 16px; }
.facts { display: flex; gap: 12px; margin: 0 0 16px; padding: 0; }
.facts div { flex: 1; border: 1px solid #BBBBBB; border-radius: 6px; padding: 8px 12px;
  background: #F4F6F8; }
.facts dt { font-size: .72em; font-weight: bold; letter-spacing: .05em; text-transform: uppercase; }
.facts dd { margin: 2px 0 0; font-size: 1.15em; font-weight: bold; }
.facts .note { display: block; font-size: .65em; font-weight: normal; }
img { width: 100%; height: auto; border-top: 1px solid #BBBBBB; padding-top: 8px; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 32px;
  border-top: 1px solid #BBBBBB; margin-top: 8px; padding-top: 8px; }
h2 { color: #0072B2; font-size: .85em; letter-spacing: .05em; text-transform: uppercase;
  margin: 12px 0 2px; }
section p { margin: 0; }
.closing { background: #EAF1FA; padding: 4px 14px 10px; margin-top: 16px; border-radius: 6px; }
.empty { color: #666666; font-style: italic; }
footer { border-top: 1px solid #BBBBBB; margin-top: 20px; padding-top: 6px; font-size: .8em;
  color: #666666; display: flex; justify-content: space-between; gap: 16px; }
footer .missing { color: #8A1C00; }
@media (max-width: 640px) { .columns { grid-template-columns: 1fr; }
  .facts { flex-direction: column; } main { padding: 20px; } }
@media print { body { background: white; } main { box-shadow: none; margin: 0; } }
"""


def _html_text(text: str | None) -> str:
    """Escaped text for the page, or the "not filled in" note."""
    if text is None:
        return f'<span class="empty">{NOT_FILLED}</span>'
    return html.escape(text)


def _html_page(content: draw.BriefContent, charts_png_base64: str) -> str:
    """The brief's HTML: inline CSS, the charts as an embedded PNG, every text escaped."""
    facts = []
    for label, value in content.facts:
        style = ""
        note = ""
        if label == "Risk level" and content.level in LEVEL_COLOURS:
            face, ink = LEVEL_COLOURS[content.level]
            style = f' style="background:{face};color:{ink}"'
            if content.level_note:
                note = f'<span class="note">{html.escape(content.level_note)}</span>'
        facts.append(
            f"<div{style}><dt>{html.escape(label)}</dt><dd>{_html_text(value)}{note}</dd></div>"
        )
    columns = []
    for column in (content.left, content.right):
        sections = "".join(
            f"<section><h2>{html.escape(heading)}</h2><p>{_html_text(text)}</p></section>"
            for heading, text in column
        )
        columns.append(f"<div>{sections}</div>")
    closing = ""
    if content.closing is not None:
        heading, text = content.closing
        closing = (
            f'<section class="closing"><h2>{html.escape(heading)}</h2>'
            f"<p>{_html_text(text)}</p></section>\n"
        )
    position = (
        f"likelihood {content.likelihood}, impact {content.impact}"
        if content.likelihood and content.impact
        else "not chosen yet"
    )
    alt = (
        f"Left: the risk matrix, with this use case's position marked ({position}). "
        "Right: the benefit measure today and the target."
    )
    missing = (
        f'<span class="missing">Still to fill in: {html.escape(", ".join(content.missing))}</span>'
        if content.missing
        else "<span>Every part is filled in.</span>"
    )
    title = content.title or "Untitled use case"
    return (
        '<!DOCTYPE html>\n<html lang="en-NZ">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        '<p class="kicker">AI USE CASE PROPOSAL</p>\n'
        f"<h1>{_html_text(content.title)}</h1>\n"
        f'<p class="team">{_html_text(content.subtitle)}</p>\n'
        f'<dl class="facts">{"".join(facts)}</dl>\n'
        f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{charts_png_base64}">\n'
        f'<div class="columns">{"".join(columns)}</div>\n'
        f"{closing}"
        "<footer><span>AI Foundations · Week 5 · an AI use case proposal for discussion</span>"
        f"{missing}</footer>\n</main>\n</body>\n</html>\n"
    )


def render_brief(
    proposal: UseCaseProposal,
    folder: str | os.PathLike[str] | None = None,
    stem: str = "my-ai-use-case",
) -> BriefFiles:
    """Write the brief as ``<stem>.html``, ``<stem>.pdf`` and ``<stem>.png`` in ``folder``.

    By default ``folder`` is the notebook's own folder, so the brief is submitted with the
    assignment (while ``nbgrader validate`` runs, a temporary folder instead, so validating
    leaves no files behind). An incomplete use case is still drawn, with "(not filled in
    yet)" where a part is missing, so learners can preview it early; the result lists what
    is still missing. The PDF needs no LaTeX (matplotlib writes it).

    Raises:
        TypeError: if ``proposal`` is not a :class:`UseCaseProposal` or ``stem`` is not text.
        ValueError: if ``stem`` is not a plain file name (letters, digits, spaces, ``-_.``).
    """
    proposal = _require_proposal(proposal)
    if not isinstance(stem, str):
        raise TypeError(f"stem must be text, got {type(stem).__name__}")
    if not _STEM.match(stem) or ".." in stem:
        raise ValueError(
            f"stem must be a plain file name such as 'my-ai-use-case' (letters, digits, "
            f"spaces, - _ .), got {stem!r}"
        )
    where = _brief_folder(folder)
    where.mkdir(parents=True, exist_ok=True)
    paths = {ext: where / f"{stem}.{ext}" for ext in ("html", "pdf", "png")}
    fig = brief_figure(proposal)
    fig.savefig(paths["pdf"], format="pdf", metadata={"CreationDate": None, "Creator": None})
    paths["png"].write_bytes(_png_bytes(fig, dpi=150))
    paths["html"].write_text(brief_html(proposal), encoding="utf-8")
    return BriefFiles(
        html=paths["html"],
        pdf=paths["pdf"],
        png=paths["png"],
        missing=tuple(missing_fields(proposal)),
    )


__all__ = [
    "APPROACHES",
    "FIELDS",
    "FIELD_BY_NAME",
    "HIGH_RISK_OVERSIGHT_WORDS",
    "NOT_FILLED",
    "WHEN_WORDS",
    "WHO_WORDS",
    "BriefFiles",
    "Field",
    "Review",
    "UseCaseProposal",
    "brief_content",
    "brief_figure",
    "brief_html",
    "choice_value",
    "collect_use_case",
    "completeness_problems",
    "example_use_case",
    "field_problem",
    "field_verdict",
    "is_high_risk",
    "make_use_case",
    "matrix_level",
    "missing_fields",
    "oversight_problems",
    "render_brief",
    "review_use_case",
    "risk_problems",
    "show_review",
    "stated_level",
    "words",
]
