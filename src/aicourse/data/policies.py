"""Policy documents: short, invented policy passages of the fictional Community Services Agency.

Used for meaning-based search and grounded answers (Masterclass 3, Foundations week 4), and
as part of the training text of the tiny next-word model (Masterclass 1).

**Everything here is invented.** The agency, its policies, its numbers and its places do
not exist; they are not a summary of any real New Zealand agency's rules, and must not be
quoted as such.

How the passages are written (what a lesson can point to):

1. Each passage states one or two concrete, checkable facts (a day, a number of working
   days, a dollar amount, a yes or no), so a learner can tell at a glance whether an
   answer is right.
2. Every number belongs to exactly one passage (for example "10 working days" belongs
   only to hardship grants, "$200" only to emergency food grants), so a statement that
   pairs a subject with another passage's number is plainly false.
3. Several passages deliberately share sentence shapes ("... are paid within N working
   days", "The maximum ... grant is $N ...", "Staff must ..."). A next-word model that
   has only learnt which word follows which can splice these shapes together into a
   fluent sentence that no passage says: that is how "hallucination" arises.
4. A few passages answer everyday questions without using the everyday words: the
   payment-day passage never says "money", so a keyword search for "when will I get my
   money?" misses it while a meaning-based search can find it.

Columns of :func:`policies_table`: ``id`` (str, like ``"CSA-POL-07"``), ``title`` (str),
``text`` (str: the passage, 2 to 5 sentences).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Policy:
    """One invented policy passage: an identifier, a short title and its plain text."""

    id: str
    title: str
    text: str


#: The agency's invented policy passages, in identifier order.
POLICIES: tuple[Policy, ...] = (
    Policy(
        "CSA-POL-01",
        "Payment day",
        "Regular payments are paid into the client's bank account every Thursday. When "
        "Thursday is a public holiday, payments are made on the Wednesday before. It can take "
        "a few hours for a payment to show.",
    ),
    Policy(
        "CSA-POL-02",
        "Hardship grants",
        "A hardship grant is extra help with an urgent, unexpected cost, such as a broken "
        "fridge. Hardship grants are paid within 10 working days of a complete application. "
        "The maximum hardship grant is $1,500 a year for each household.",
    ),
    Policy(
        "CSA-POL-03",
        "Complaints",
        "Anyone can make a complaint about our service. Complaints are acknowledged within "
        "3 working days. Complaints are answered in full within 20 working days. If you are "
        "not happy with the answer, a senior manager will look at it again.",
    ),
    Policy(
        "CSA-POL-04",
        "Interpreters",
        "Interpreters are free for every client. You can ask for an interpreter in any "
        "language, including te reo Māori and sign language. Please ask at "
        "least 48 hours before your appointment so that we can book one.",
    ),
    Policy(
        "CSA-POL-05",
        "Generative AI tools",
        "Staff must not put client personal information into public generative AI tools. "
        "This includes names, addresses, case notes and bank details. Staff may use the "
        "agency's approved tools for drafting, but a person must check every draft before "
        "it is sent.",
    ),
    Policy(
        "CSA-POL-06",
        "Keeping case notes",
        "Case notes are kept for 7 years after a case is closed. After that they are "
        "securely destroyed. Clients can ask to see their own case notes at any time.",
    ),
    Policy(
        "CSA-POL-07",
        "Change of address",
        "Tell us about a change of address as soon as you move. Address changes take "
        "effect from the next payment day. You can update your address online, by phone "
        "or at any office.",
    ),
    Policy(
        "CSA-POL-08",
        "Moving an appointment",
        "Appointments can be moved up to 24 hours before the appointment time. You can "
        "move an appointment online or by phone. If you miss an appointment, we will "
        "contact you to make a new one.",
    ),
    Policy(
        "CSA-POL-09",
        "Overpayments",
        "If we pay a client too much, the extra is called an overpayment. Overpayments are "
        "repaid at no more than $25 a week. Clients can ask for a lower rate if repaying "
        "causes difficulty.",
    ),
    Policy(
        "CSA-POL-10",
        "Travel costs",
        "Clients who travel to an appointment can claim their travel costs. Travel claims "
        "are paid within 5 working days. The most a client can claim is $60 for each trip.",
    ),
    Policy(
        "CSA-POL-11",
        "Copies of your records",
        "You can ask for a copy of the personal information we hold about you. Copies of "
        "records are sent within 15 working days. There is no charge for a copy.",
    ),
    Policy(
        "CSA-POL-12",
        "Contact centre",
        "The contact centre is open from 8am to 6pm, Monday to Friday. Most calls are "
        "answered within 4 minutes. Callers can ask for a call back instead of waiting.",
    ),
    Policy(
        "CSA-POL-13",
        "Emergency food grants",
        "Emergency food grants are paid on the same day as the application. The maximum "
        "emergency food grant is $200 in any 26 weeks. No receipts are needed.",
    ),
    Policy(
        "CSA-POL-14",
        "Reviews of decisions",
        "If you disagree with a decision about you, you can ask for a review. Reviews must "
        "be asked for within 12 weeks of the decision. A different staff member carries "
        "out the review.",
    ),
    Policy(
        "CSA-POL-15",
        "Home visits",
        "Home visits are offered to clients who live more than 50 kilometres from an "
        "office. Home visits are also offered to clients who cannot travel because of "
        "illness or disability.",
    ),
    Policy(
        "CSA-POL-16",
        "Privacy breaches",
        "Staff must report a suspected privacy breach to the privacy officer within 1 "
        "working day. Staff must not try to fix a privacy breach on their own. The privacy "
        "officer decides whether the people affected are told.",
    ),
    Policy(
        "CSA-POL-17",
        "Proof of identity",
        "New clients must show two forms of identification. One of them must show a "
        "photo. Staff can help clients who do not have any identification.",
    ),
    Policy(
        "CSA-POL-18",
        "School costs grants",
        "A school costs grant helps families with uniforms, stationery and trips. The "
        "maximum school costs grant is $300 for each child each year. School costs grants "
        "are paid at the start of each school term.",
    ),
)


def policies_table() -> pd.DataFrame:
    """The invented policy passages as a table with columns ``id``, ``title`` and ``text``.

    Every call returns a fresh copy, so a caller may change it freely.
    """
    return pd.DataFrame(
        [(p.id, p.title, p.text) for p in POLICIES], columns=["id", "title", "text"]
    )


def policy_by_id(policy_id: str) -> Policy:
    """The passage with identifier ``policy_id`` (for example ``"CSA-POL-07"``).

    Raises:
        TypeError: if ``policy_id`` is not text.
        ValueError: if no passage has that identifier.
    """
    if not isinstance(policy_id, str):
        raise TypeError(f"a policy identifier must be text, got {type(policy_id).__name__}")
    for policy in POLICIES:
        if policy.id == policy_id.strip().upper():
            return policy
    raise ValueError(
        f"there is no policy {policy_id!r}; identifiers run from {POLICIES[0].id} "
        f"to {POLICIES[-1].id}"
    )
