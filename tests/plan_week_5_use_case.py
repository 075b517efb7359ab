"""Round-trip learners for week 5's use case notebook (``source/week-5/week-5-use-case.ipynb``).

``plan_week_5.py`` joins these learners with those of the week 5 exercises, by name. Every
``fails`` lists this notebook's graded cells one by one. The ``mistakes`` learner hands in a
half-filled use case with an inconsistent risk level and a weak oversight step, so the round
trip proves that half-filled and inconsistent work earns none of the autograded marks.

``SOLUTION`` is also what the notebook's builder writes as the source's solution lines.
"""

from __future__ import annotations

from roundtrip_plan import Learner

#: The notebook's autograded test cells.
COMPLETE = "w5-uc-complete-test"
CONSISTENT = "w5-uc-consistent-test"
OVERSIGHT = "w5-uc-oversight-test"
EVERY_CHECK = frozenset({COMPLETE, CONSISTENT, OVERSIGHT})


def text(words: str) -> str:
    """Python source for a text answer: the words in double quotes."""
    assert '"' not in words and "\\" not in words and "\n" not in words, words
    return f'"{words}"'


#: A complete, consistent use case (Medium risk): the source notebook's solution.
SOLUTION: dict[str, str] = {
    "title": text("Suggesting topics for consultation submissions"),
    "agency_team": text("Community Services Agency, policy team in Rimu Heights"),
    "problem": text(
        "Each public consultation brings in 2,000 to 4,000 written submissions. Two analysts "
        "spend about three weeks reading and sorting them by topic before the policy work can "
        "start, so advice is late and analysts have little time for the hard cases."
    ),
    "people_affected": text(
        "Members of the public and community groups who make submissions and expect to be "
        "heard; the policy analysts who sort them; and the managers and ministers who rely on "
        "the summary."
    ),
    "benefit_area": text("productivity"),
    "benefit_measure": text(
        "Analyst hours to sort the submissions of one consultation, from timesheets"
    ),
    "measure_now": "240",
    "measure_target": "80",
    "data_needed": text(
        "About 15,000 submissions from past consultations that analysts already sorted by "
        "topic, with their topic labels, and the list of topics for each new consultation."
    ),
    "approach": text("buy"),
    "risks": text(
        "The tool could put a submission under the wrong topic so a point is missed; it could "
        "work less well for submissions in te reo Māori; and staff could trust its topic "
        "counts too much."
    ),
    "risk_likelihood": text("Possible"),
    "risk_impact": text("Moderate"),
    "risk_level": text("Medium"),
    "privacy": text(
        "Submissions can include names and personal stories, so we will do a privacy impact "
        "assessment, keep the data in the agency's own systems, and remove names before any "
        "data goes to the supplier."
    ),
    "te_tiriti": text(
        "Submissions from iwi, hapū and Māori organisations are read in full by an analyst "
        "and never sorted by the tool alone; the Māori policy team helps frame the topics, and "
        "we check accuracy on submissions in te reo Māori."
    ),
    "human_oversight": text(
        "An analyst checks a sample of suggested topics every week, and reads in full any "
        "submission the tool is unsure about."
    ),
    "first_step": text(
        "Test the tool on last year's consultation, which analysts already sorted, and compare "
        "its topics with theirs before using it on a live consultation."
    ),
    "my_pitch": text(
        "Our policy team spends about 240 analyst hours sorting the submissions to each "
        "consultation by hand. A tool that suggests a topic for each submission, checked by an "
        "analyst, could cut that to 80 hours, so advice is ready sooner and analysts spend "
        "their time on the hard cases. The risk is Medium, so analysts check a sample every "
        "week and read every submission from iwi in full. Our first step is a test on last "
        "year's consultation, which we have already sorted."
    ),
}

#: A different complete use case (High risk), typed in other accepted forms.
ALTERNATIVES: dict[str, str] = {
    "title": text("Flagging grant applications that need a second look"),
    "agency_team": text("Community Services Agency, grants team in Kōwhai Valley"),
    "problem": text(
        "Grant officers check every one of about 6,000 applications a year with the same care, "
        "so simple cases wait behind complex ones and the average decision takes twelve and a "
        "half working days."
    ),
    "people_affected": text(
        "Applicants and their whānau across the region, especially people whose applications "
        "are flagged; the twelve grant officers; and community groups who help people apply."
    ),
    "benefit_area": text(" Customer Experience "),
    "benefit_measure": text("Working days from application to decision, from the grants system"),
    "measure_now": "12.5",
    "measure_target": "8.0",
    "data_needed": text(
        "Five years of past applications and their outcomes from the grants system, checked "
        "for gaps and for groups that were treated differently in the past."
    ),
    "approach": text("Build"),
    "risks": text(
        "The model could learn past unfairness and flag some groups more often; a flag could "
        "be read as a decision; and applicants might not know why their application took longer."
    ),
    "risk_likelihood": text("likely"),
    "risk_impact": text("moderate"),
    "risk_level": text("HIGH"),
    "privacy": text(
        "Applications are personal information; a privacy impact assessment comes first, only "
        "the fields the model needs are used, and the data stays in the agency's systems."
    ),
    "te_tiriti": text(
        "We will check flag rates for Māori applicants every month, involve the agency's Māori "
        "advisory group in the design, and report what we find to them."
    ),
    "human_oversight": text(
        "A senior grant officer reviews every flagged application before any decision, a flag "
        "never declines anyone on its own, and the team leader reviews flag rates each month."
    ),
    "first_step": text(
        "Ask the privacy officer and the Māori advisory group to review the idea, then test "
        "the model on last year's applications only."
    ),
    "my_pitch": text(
        "Simple grant applications wait behind complex ones, so decisions take twelve and a "
        "half working days on average. A model that flags applications needing a second look "
        "would let officers decide simple cases faster, aiming for eight days. Because it is "
        "High risk, a senior officer reviews every flag before any decision, and we check flag "
        "rates for Māori applicants every month. Our first step is a review with the privacy "
        "officer and the Māori advisory group."
    ),
}


def learners() -> dict[str, Learner]:
    """Week 5's use case: complete, untouched, other forms, half-filled, wrong kinds, a typo."""
    return {
        "solution": Learner(SOLUTION),
        "untouched": Learner({}, fails=EVERY_CHECK),
        "alternatives": Learner(ALTERNATIVES),
        # Half filled in, a risk level that disagrees with the matrix (Likely x Severe is High),
        # and a one-line oversight step for a High risk use: none of the three checks passes.
        "mistakes": Learner(
            {
                "title": text("Email sorting"),
                "agency_team": text("Community Services Agency"),
                "problem": text("Too many emails."),
                "people_affected": text("Staff and the public who send us emails every day."),
                "benefit_area": text("productivity"),
                "measure_now": "9",
                "measure_target": "9",
                "risk_likelihood": text("Likely"),
                "risk_impact": text("Severe"),
                "risk_level": text("Medium"),
                "human_oversight": text("Staff check it."),
                "my_pitch": text("We could use AI to sort emails."),
            },
            fails=EVERY_CHECK,
            says={
                COMPLETE: (
                    "Not yet",
                    "The problem: 3 words so far",
                    "Data needed: not filled in yet",
                    "Target: the same as today's figure (9)",
                ),
                CONSISTENT: ('which the matrix rates "High", but you wrote "Medium"',),
                OVERSIGHT: ("this use is rated High", "who checks what, and when"),
            },
        ),
        "badtypes": Learner(
            SOLUTION | {"measure_now": '"240"', "approach": "2", "risk_level": '["Medium"]'},
            fails=frozenset({COMPLETE, CONSISTENT}),
            says={
                COMPLETE: (
                    "Today's figure: expected a number without quotes",
                    "Remove the quotes",
                    "Customise, buy or build: expected one of",
                ),
                CONSISTENT: ("cannot be checked against the matrix yet",),
            },
        ),
        "nameerror": Learner(
            SOLUTION | {"first_step": "Trial"},
            fails=frozenset({COMPLETE}),
            says={
                "w5-uc-first-step-answer": ("Trial",),
                COMPLETE: ("First step: not filled in yet",),
            },
        ),
    }
