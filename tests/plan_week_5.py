"""Round-trip learners for week 5, which has two notebooks: exercises and the use case.

Each notebook's learners are written next to it, in ``plan_week_5_exercises.py`` and
``plan_week_5_use_case.py`` (a function ``learners()`` each, with the same learner names and
``fails`` listed cell by cell). This module joins them, so one learner submits both notebooks.
"""

from __future__ import annotations

import importlib
import importlib.util

from roundtrip_plan import EVERY_TEST, Learner, Plan

PARTS = ("plan_week_5_exercises", "plan_week_5_use_case")


def join(parts: list[dict[str, Learner]]) -> dict[str, Learner]:
    """One learner per name, answering and failing what they do in every part."""
    names = list(dict.fromkeys(name for part in parts for name in part))
    joined: dict[str, Learner] = {}
    for name in names:
        answers: dict[str, str] = {}
        fails: set[str] = set()
        says: dict[str, tuple[str, ...]] = {}
        for part in parts:
            if name not in part:
                raise ValueError(f"learner {name!r} is missing from one part of week 5's plan")
            learner = part[name]
            if learner.fails == EVERY_TEST:
                raise ValueError(f"{name}: list each failing cell, not EVERY_TEST, in a part")
            answers |= learner.answers
            fails |= set(learner.fails)
            says |= learner.says
        joined[name] = Learner(answers, frozenset(fails), says)
    return joined


def plan() -> Plan:
    """Week 5: both notebooks' learners, joined by name."""
    # A part not written yet is left out; test_every_assignment_has_learners then fails,
    # because the solution no longer answers every ✏️ line of week 5.
    parts = [
        importlib.import_module(module).learners()
        for module in PARTS
        if importlib.util.find_spec(module) is not None
    ]
    return Plan(learners=join(parts), feedback_for="mistakes")
