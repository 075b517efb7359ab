"""The shape of a round-trip plan: learners, their answers, and the marks each must get.

Each assignment ``source/week-N`` has its plan in ``tests/plan_week_N.py``, a module with a
function ``plan() -> Plan``. ``test_nbgrader_roundtrip.py`` finds it by that name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

#: Stands for "every autograded test cell" in :attr:`Learner.fails`.
EVERY_TEST = "every autograded test"


@dataclass(frozen=True)
class Learner:
    """One learner's submission and what grading it must give.

    ``answers`` maps each variable the learner sets to the Python text they type after
    ``name = `` (see ``answer_release``); variables left out keep the release's ``...``.
    ``fails`` lists the grade_ids of autograded test cells that must score 0 (or is
    ``EVERY_TEST``); every other test cell must get its full points. ``says`` maps a
    grade_id to texts its error message must contain, so a learner reads a useful reason.
    """

    answers: Mapping[str, str]
    fails: frozenset[str] | str = frozenset()
    says: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    """The learners for one assignment, and which of them fetches feedback."""

    learners: Mapping[str, Learner]
    feedback_for: str
