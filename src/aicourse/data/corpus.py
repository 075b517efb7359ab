"""The training text for the tiny next-word model: invented public-service sentences.

Used in "generative AI in miniature" (Masterclass 1) and Foundations week 4: a next-word
model learns which word tends to follow which from this text, and nothing else.

**Everything here is invented**, like the policy passages it is built from: the agency,
its offices, places and numbers do not exist.

What the text is made of (the mechanism a lesson can point to):

1. The 18 policy passages of :mod:`aicourse.data.policies`, word for word.
2. Restatements: each policy fact said again in a short sentence, always with the
   *same* number as its policy (so the training text never contradicts itself: every
   number in it belongs to one subject only). Many restatements share a sentence shape
   ("... are paid within N working days", "The maximum ... is $N ..."), which is what
   lets a next-word model join the start of one fact to the end of another.
3. Office sentences: a few fixed sentence patterns filled in, in a fixed order, with the
   invented places (Harakeke Bay, Port Tāwhiri, Kōwhai Valley, Rimu Heights, Mātai Downs,
   Tōtara Point) and the agency's services. They contain no numbers.
4. General sentences about how the agency works, in the same plain register.

There is no randomness: the text is the same on every call. It is shipped in code, so
nothing is read from disk or downloaded.
"""

from __future__ import annotations

from aicourse.data.policies import POLICIES

#: Each policy fact said again in other words, with the same number as its policy.
RESTATEMENTS: tuple[str, ...] = (
    "Regular payments are made every Thursday.",
    "Payments are paid into the bank account the client has given us.",
    "Payments are made on the Wednesday before a public holiday.",
    "Hardship grants are paid within 10 working days.",
    "Hardship grants are for urgent costs that nobody could have planned for.",
    "The maximum hardship grant is $1,500 a year.",
    "Complaints are acknowledged within 3 working days.",
    "Complaints are answered within 20 working days.",
    "Interpreters are free for every client.",
    "Interpreters should be booked at least 48 hours before the appointment.",
    "Staff must not put client personal information into public generative AI tools.",
    "Staff must check every draft from an approved tool before it is sent.",
    "Case notes are kept for 7 years after a case is closed.",
    "Case notes are securely destroyed when they are no longer kept.",
    "Address changes take effect from the next payment day.",
    "Appointments can be moved up to 24 hours before the appointment time.",
    "Appointments can be made online, by phone or at any office.",
    "Overpayments are repaid at no more than $25 a week.",
    "Travel claims are paid within 5 working days.",
    "The most a client can claim for travel is $60 for each trip.",
    "Copies of records are sent within 15 working days.",
    "Copies of records are free.",
    "The contact centre is open from 8am to 6pm.",
    "Most calls are answered within 4 minutes.",
    "Emergency food grants are paid on the same day.",
    "The maximum emergency food grant is $200 in any 26 weeks.",
    "Reviews must be asked for within 12 weeks of the decision.",
    "Reviews are carried out by a different staff member.",
    "Home visits are offered to clients who live more than 50 kilometres from an office.",
    "Staff must report a suspected privacy breach within 1 working day.",
    "New clients must show two forms of identification.",
    "The maximum school costs grant is $300 for each child each year.",
    "School costs grants are paid at the start of each school term.",
)

#: Invented places with an office of the agency.
PLACES: tuple[str, ...] = (
    "Harakeke Bay",
    "Port Tāwhiri",
    "Kōwhai Valley",
    "Rimu Heights",
    "Mātai Downs",
    "Tōtara Point",
)

#: The agency's services, as they are named in the office sentences.
SERVICES: tuple[str, ...] = (
    "hardship grants",
    "travel claims",
    "school costs grants",
    "emergency food grants",
    "interpreters",
    "home visits",
    "reviews",
    "copies of records",
)

#: Sentence patterns filled in with each place and, in turn, each service.
OFFICE_PATTERNS: tuple[str, ...] = (
    "{Service} are available at the {place} office.",
    "Staff at the {place} office can help you with {service} in person.",
    "Clients in {place} can ask about {service} at the local office.",
    "The {place} office answers questions about {service} by phone.",
    "People in {place} can ask for {service} online.",
)

#: General sentences about how the agency works.
GENERAL: tuple[str, ...] = (
    "Kia ora, and welcome to the Community Services Agency.",
    "The Community Services Agency supports people and families across the region.",
    "The agency helps people with housing, food, school costs and getting to appointments.",
    "Every client has their own case manager.",
    "Case managers can explain any letter the agency sends.",
    "Clients can bring a support person to any appointment.",
    "Clients can update their details online, by phone or at any office.",
    "Clients can ask for a review of any decision about them.",
    "Clients can ask to see their own case notes.",
    "Clients can ask for an interpreter at any appointment.",
    "Clients can ask for a call back instead of waiting on the phone.",
    "Staff must treat every client with respect.",
    "Staff must check who a caller is before talking about a case.",
    "Staff must record every decision in the case notes.",
    "Staff must explain the reasons for a decision in plain words.",
    "Staff must keep client information private.",
    "Staff may use approved tools to help write letters.",
    "A person must check every letter before it is sent.",
    "Letters are sent by post or by email.",
    "Decisions are explained in writing.",
    "Applications are checked by the client's case manager.",
    "A complete application has all the documents the agency asked for.",
    "Most applications are decided in the same week.",
    "Grants do not have to be paid back.",
    "A regular payment is money the agency pays into a client's bank account.",
    "Money from a grant goes into the same bank account as regular payments.",
    "If the money has not arrived in the account, clients can call the contact centre.",
    "Overpayments do have to be paid back.",
    "The agency's website explains every grant in plain words.",
    "Forms can be filled in online or on paper.",
    "Offices are closed on public holidays.",
    "The contact centre is closed on public holidays.",
    "Interpreters can help by phone or in person.",
    "Home visits are arranged by the client's case manager.",
    "Complaints help the agency to improve its service.",
    "Anyone can give feedback about the service.",
    "Personal information is only used for the reason it was collected.",
    "A privacy breach is when personal information is lost or seen by the wrong person.",
    "The privacy officer keeps a record of every privacy breach.",
    "The agency checks its tools regularly to make sure they work well for everyone.",
    "Every client can expect to be treated fairly.",
)


def office_sentences() -> list[str]:
    """The office sentences: each pattern filled in with each place and, in turn, a service.

    The service moves on by one for every sentence, so each place is paired with several
    services and each service with several places. The order is fixed.
    """
    sentences = []
    for i, place in enumerate(PLACES):
        for j, pattern in enumerate(OFFICE_PATTERNS):
            service = SERVICES[(i * len(OFFICE_PATTERNS) + j) % len(SERVICES)]
            sentences.append(
                pattern.format(place=place, service=service, Service=service.capitalize())
            )
    return sentences


def corpus_sentences() -> list[str]:
    """The sentences added to the policy passages: restatements, office and general sentences."""
    return [*RESTATEMENTS, *office_sentences(), *GENERAL]


def corpus_text() -> str:
    """The whole training text: the policy passages, then the added sentences.

    Paragraphs are separated by a blank line; the added sentences are one to a line. The
    text is the same on every call (there is no randomness).
    """
    passages = "\n\n".join(p.text for p in POLICIES)
    return passages + "\n\n" + "\n".join(corpus_sentences()) + "\n"
