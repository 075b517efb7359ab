"""Use cases: candidate AI uses for the fictional Community Services Agency.

Used for ranking a portfolio of AI use cases and for the business case. The table is fixed,
not random: a leadership team would bring the same list to every meeting. Every number is
invented but plausible for a mid-sized agency of about 600 staff serving a region.

Each candidate has **value** attributes (what it would give) and **feasibility** attributes
(how hard and how risky it would be to get there):

Value:
    ``hours_saved`` (int): staff hours a year it would free up once in full use.
    ``people_served`` (int): members of the public it would touch each year, directly or
    through a faster or better service (0 for tools used only inside the agency).
    ``customer_benefit`` (1-5): how much better things get for those people (5 = much better).

Feasibility:
    ``data_readiness`` (1-5): whether the data it needs exists, is clean and can lawfully be
    used for this (5 = ready now).
    ``complexity`` (1-5): technical difficulty of building and running it (5 = very hard).
    ``risk`` (1-5): harm if it goes wrong, to people or to trust (5 = serious), thinking of
    privacy, fairness and Te Tiriti o Waitangi.
    ``cost`` (int): first-year cost in New Zealand dollars, build plus running.

And two descriptions: ``kind`` (one of ``KINDS``: a hand-written rule, machine learning, or
generative AI) and ``benefit_area`` (one of ``BENEFIT_AREAS``: the main kind of benefit).
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields

import pandas as pd

#: The kinds of automation, from plain rules to generative AI.
KINDS: tuple[str, ...] = ("rules", "machine learning", "generative AI")

#: The main kind of benefit a use case is for.
BENEFIT_AREAS: tuple[str, ...] = ("productivity", "cost efficiency", "customer experience")

#: Attributes that say how much a use case would give (higher is better).
VALUE_CRITERIA: tuple[str, ...] = ("hours_saved", "people_served", "customer_benefit")

#: Attributes that say how hard or risky it would be (only ``data_readiness`` is
#: higher-is-better; for the others, lower is better).
FEASIBILITY_CRITERIA: tuple[str, ...] = ("data_readiness", "complexity", "risk", "cost")


@dataclass(frozen=True)
class UseCase:
    """One candidate AI use, with its value and feasibility attributes (see module docstring)."""

    name: str
    description: str
    kind: str
    benefit_area: str
    hours_saved: int
    people_served: int
    customer_benefit: int
    data_readiness: int
    complexity: int
    risk: int
    cost: int

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {self.kind!r}")
        if self.benefit_area not in BENEFIT_AREAS:
            raise ValueError(
                f"benefit_area must be one of {', '.join(BENEFIT_AREAS)}; got {self.benefit_area!r}"
            )
        for name in ("customer_benefit", "data_readiness", "complexity", "risk"):
            value = getattr(self, name)
            if not 1 <= value <= 5:
                raise ValueError(f"{name} must be a score from 1 to 5, got {value}")
        for name in ("hours_saved", "people_served", "cost"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative, got {getattr(self, name)}")


#: The candidate uses a leadership team is choosing between.
USE_CASES: tuple[UseCase, ...] = (
    UseCase(
        "Sorting incoming enquiries",
        "Send each email and web form to the right team automatically.",
        "machine learning", "productivity",
        hours_saved=5200, people_served=110_000, customer_benefit=3,
        data_readiness=4, complexity=2, risk=2, cost=120_000,
    ),
    UseCase(
        "Drafting replies to enquiries",
        "Suggest a first draft of each reply for a staff member to check and send.",
        "generative AI", "productivity",
        hours_saved=9000, people_served=60_000, customer_benefit=3,
        data_readiness=3, complexity=3, risk=3, cost=210_000,
    ),
    UseCase(
        "Meeting summaries",
        "Write notes and actions from recorded internal meetings.",
        "generative AI", "productivity",
        hours_saved=2600, people_served=0, customer_benefit=1,
        data_readiness=5, complexity=1, risk=2, cost=25_000,
    ),
    UseCase(
        "Fraud-risk scoring",
        "Score every application for the chance it is fraudulent, for staff to check.",
        "machine learning", "cost efficiency",
        hours_saved=6500, people_served=150_000, customer_benefit=2,
        data_readiness=3, complexity=4, risk=5, cost=420_000,
    ),
    UseCase(
        "Demand forecasting",
        "Forecast weekly applications so offices can plan staff rosters.",
        "machine learning", "cost efficiency",
        hours_saved=1500, people_served=150_000, customer_benefit=2,
        data_readiness=4, complexity=2, risk=1, cost=70_000,
    ),
    UseCase(
        "Chat assistant for the public",
        "Answer common questions on the website at any hour.",
        "generative AI", "customer experience",
        hours_saved=11_000, people_served=220_000, customer_benefit=4,
        data_readiness=2, complexity=4, risk=4, cost=480_000,
    ),
    UseCase(
        "Translating letters",
        "Draft translations of standard letters into te reo Māori, Samoan and Tongan.",
        "generative AI", "customer experience",
        hours_saved=2000, people_served=35_000, customer_benefit=5,
        data_readiness=2, complexity=3, risk=4, cost=150_000,
    ),
    UseCase(
        "Searching policy documents",
        "Let staff ask questions of the agency's policies and guidance in plain words.",
        "generative AI", "productivity",
        hours_saved=7000, people_served=40_000, customer_benefit=2,
        data_readiness=4, complexity=2, risk=2, cost=110_000,
    ),
    UseCase(
        "Transcribing phone calls",
        "Turn recorded calls into text so case notes are written for staff.",
        "machine learning", "productivity",
        hours_saved=6000, people_served=80_000, customer_benefit=2,
        data_readiness=4, complexity=2, risk=3, cost=90_000,
    ),
    UseCase(
        "Checking supplier invoices",
        "Flag invoices that do not match an order or a contract.",
        "rules", "cost efficiency",
        hours_saved=3000, people_served=0, customer_benefit=1,
        data_readiness=5, complexity=1, risk=1, cost=40_000,
    ),
    UseCase(
        "Eligibility pre-check",
        "Tell people online, before they apply, which support they are likely to qualify for.",
        "rules", "customer experience",
        hours_saved=4500, people_served=90_000, customer_benefit=4,
        data_readiness=4, complexity=2, risk=3, cost=130_000,
    ),
    UseCase(
        "Reading scanned forms",
        "Pull names, dates and amounts out of scanned paper forms into the case system.",
        "machine learning", "productivity",
        hours_saved=8000, people_served=95_000, customer_benefit=3,
        data_readiness=3, complexity=3, risk=2, cost=170_000,
    ),
)  # fmt: skip


def make_use_cases() -> pd.DataFrame:
    """The candidate AI uses as a table, one row per use case (columns as in the module docstring).

    The table is fixed (no randomness), so every call returns the same rows in the same order.
    """
    columns = [f.name for f in fields(UseCase)]
    return pd.DataFrame([astuple(u) for u in USE_CASES], columns=columns)
