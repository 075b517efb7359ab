"""Responsible AI at your desk (aicourse.responsible), its charts, and week 5's exercise checks."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from aicourse.classify import confidence_split
from aicourse.decisions import group_table
from aicourse.exercises import REGISTRY, digest, grade
from aicourse.exercises import week5 as ex5
from aicourse.plots.responsible import approach_chart, gap_chart, review_benefit_chart
from aicourse.responsible import (
    APPROACH_CHECKS,
    APPROACH_MEANINGS,
    APPROACHES,
    DEFAULT_ANSWERS,
    QUESTIONS,
    ApproachAdvice,
    GroupGap,
    ReviewBenefit,
    gap_from_counts,
    review_benefit,
    review_sweep,
    suggest_approach,
    wrongly_flagged_gap,
)
from aicourse.risk import IMPACTS, LEVELS, LIKELIHOODS, risk_level
from aicourse.value import triage_benefit

# --- a fairness gap from counts ------------------------------------------------------------


def test_gap_from_counts_by_hand():
    gap = gap_from_counts({"A": 500, "B": 250}, {"A": 45, "B": 55})
    assert isinstance(gap, GroupGap)
    assert gap.rates == pytest.approx({"A": 0.09, "B": 0.22})
    assert gap.highest == "B" and gap.lowest == "A"
    assert gap.gap_points == pytest.approx(13.0)


def test_gap_is_highest_minus_lowest_with_three_groups_in_any_order():
    gap = gap_from_counts({"X": 100, "Y": 200, "Z": 50}, {"X": 30, "Y": 20, "Z": 10})
    assert (gap.highest, gap.lowest) == ("X", "Y")
    assert gap.gap_points == pytest.approx(100 * (0.3 - 0.1))


def test_equal_rates_give_no_gap():
    assert gap_from_counts({"A": 10, "B": 40}, {"A": 1, "B": 4}).gap_points == pytest.approx(0.0)


def test_gap_table_and_working_show_the_counts_and_the_sum():
    gap = gap_from_counts({"Group A": 500, "Group B": 250}, {"Group A": 45, "Group B": 55})
    table = gap.table()
    assert list(table.index) == ["Group A", "Group B"]
    assert table.loc["Group B", "People with no problem"] == 250
    assert table.loc["Group B", "Of those, flagged anyway"] == 55
    assert table.loc["Group A", "Wrongly flagged rate"] == "9.0%"
    lines = gap.working().splitlines()
    assert lines[0] == "Group A: 45 ÷ 500 = 9.0%"
    assert lines[1] == "Group B: 55 ÷ 250 = 22.0%"
    assert lines[2].startswith("Gap: 22.0% − 9.0% = 13.0 percentage points")
    assert "Group B flagged more often" in lines[2]


@pytest.mark.parametrize(
    ("no_problem", "flagged", "error", "match"),
    [
        ([500, 250], {"A": 1, "B": 2}, TypeError, "map each group"),
        ({"A": 500}, {"A": 45}, ValueError, "at least two groups"),
        ({"A": 500, "B": 250}, {"A": 45, "C": 5}, ValueError, "same groups"),
        ({"A": 500, "B": 0}, {"A": 45, "B": 0}, ValueError, "nobody without a problem"),
        ({"A": 500, "B": 10}, {"A": 45, "B": 11}, ValueError, "more than the 10"),
        ({"A": 500, "B": -1}, {"A": 45, "B": 0}, ValueError, "negative"),
        ({"A": 500, "B": 2.5}, {"A": 45, "B": 1}, TypeError, "whole number"),
        ({"A": 500, "B": True}, {"A": 45, "B": 1}, TypeError, "whole number"),
        ({"A": 500, 2: 10}, {"A": 45, 2: 1}, TypeError, "text"),
    ],
)
def test_gap_from_counts_rejects_bad_input(no_problem, flagged, error, match):
    with pytest.raises(error, match=match):
        gap_from_counts(no_problem, flagged)


def test_wrongly_flagged_gap_counts_only_people_with_no_problem():
    groups = ["A", "A", "A", "A", "B", "B", "B"]
    truth = [False, False, False, True, False, False, True]
    flagged = [True, False, False, True, True, True, False]
    gap = wrongly_flagged_gap(groups, truth, flagged)
    assert dict(gap.no_problem) == {"A": 3, "B": 2}
    assert dict(gap.flagged_anyway) == {"A": 1, "B": 2}
    assert gap.gap_points == pytest.approx(100 * (1.0 - 1 / 3))


def test_wrongly_flagged_rate_is_group_tables_false_positive_rate():
    rng = np.random.default_rng(7)
    groups = rng.choice(["A", "B", "C"], 300)
    truth, flagged = rng.random(300) < 0.3, rng.random(300) < 0.4
    gap = wrongly_flagged_gap(groups, truth, flagged)
    table = group_table(groups, truth, flagged)
    for g, rate in gap.rates.items():
        assert rate == pytest.approx(table.loc[g, "false_positive_rate"])


@pytest.mark.parametrize(
    ("groups", "truth", "flagged", "error"),
    [
        ("AB", [False, False], [True, False], TypeError),
        (["A", "B"], [0, 1], [True, False], TypeError),
        (["A", "B"], [False, False], [True], ValueError),
        ([], np.array([], dtype=bool), np.array([], dtype=bool), ValueError),
    ],
)
def test_wrongly_flagged_gap_rejects_bad_input(groups, truth, flagged, error):
    with pytest.raises(error):
        wrongly_flagged_gap(groups, np.asarray(truth), np.asarray(flagged))


# --- the benefit of human review -----------------------------------------------------------

CONF = np.array([0.95, 0.9, 0.8, 0.6, 0.5, 0.4, 0.35, 0.3])
RIGHT = np.array([True, True, True, True, False, True, False, False])


def test_review_benefit_by_hand():
    # At 0.55 the model sorts the four it is surest of (all right); a person sorts four.
    b = review_benefit(CONF, RIGHT, 0.55, messages_per_week=800, minutes_to_sort=3)
    assert isinstance(b, ReviewBenefit)
    assert b.automatic == pytest.approx(400) and b.by_person == pytest.approx(400)
    assert b.accuracy_automatic == pytest.approx(1.0)
    assert b.hours_saved == pytest.approx(400 * 3 / 60)
    assert b.hours_fixing == pytest.approx(0.0)
    assert b.net_hours == pytest.approx(20.0)


def test_review_benefit_with_no_review_is_the_triage_benefit():
    b = review_benefit(CONF, RIGHT, 0.0, 1000, 2, 10)
    plain = triage_benefit(1000, 2, RIGHT.mean(), 10)
    assert b.automatic == 1000 and b.by_person == 0
    assert b.hours_saved == pytest.approx(plain.hours_saved)
    assert b.hours_fixing == pytest.approx(plain.hours_fixing)


def test_review_benefit_is_the_triage_benefit_of_the_automated_messages():
    """The mechanism: the confidence split decides what is automated; the rest is hand work."""
    for t in (0.3, 0.45, 0.7, 0.92):
        s = confidence_split(CONF, RIGHT, t)
        b = review_benefit(CONF, RIGHT, t, 1000, 2, 10, adoption=0.6)
        plain = triage_benefit(1000 * 0.6 * s.share_automatic, 2, s.accuracy_automatic, 10)
        assert b.net_hours == pytest.approx(plain.net_hours)
        assert b.automatic + b.by_person == pytest.approx(1000)


def test_adoption_scales_the_benefit_in_proportion():
    full = review_benefit(CONF, RIGHT, 0.45, adoption=1.0)
    half = review_benefit(CONF, RIGHT, 0.45, adoption=0.5)
    assert half.net_hours == pytest.approx(full.net_hours / 2)
    assert half.by_person == pytest.approx(1000 - full.automatic / 2)


def test_a_bar_above_every_confidence_automates_nothing():
    b = review_benefit(CONF, RIGHT, 0.99)
    assert b.automatic == 0 and b.by_person == 1000
    assert math.isnan(b.accuracy_automatic)
    assert b.hours_saved == 0 and b.hours_fixing == 0


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"threshold": 1.5}, ValueError),
        ({"threshold": "high"}, TypeError),
        ({"adoption": 1.2}, ValueError),
        ({"adoption": True}, TypeError),
        ({"messages_per_week": -5}, ValueError),
        ({"messages_per_week": "1000"}, TypeError),
        ({"minutes_to_fix": 700}, ValueError),
    ],
)
def test_review_benefit_rejects_bad_input(kwargs, error):
    args = {"threshold": 0.5} | kwargs
    with pytest.raises(error):
        review_benefit(CONF, RIGHT, **args)


def test_review_benefit_needs_matching_lists():
    with pytest.raises(ValueError):
        review_benefit(CONF, RIGHT[:3], 0.5)


def test_review_sweep_agrees_with_review_benefit_and_is_sorted():
    sweep = review_sweep(CONF, RIGHT, [0.9, 0.0, 0.5], 500, 2, 10, 0.8)
    assert list(sweep["threshold"]) == [0.0, 0.5, 0.9]
    for _, row in sweep.iterrows():
        b = review_benefit(CONF, RIGHT, row["threshold"], 500, 2, 10, 0.8)
        assert row["net_hours"] == pytest.approx(b.net_hours)
        assert row["by_person"] == pytest.approx(b.by_person)


def test_review_sweep_rejects_no_thresholds():
    with pytest.raises(ValueError, match="at least one threshold"):
        review_sweep(CONF, RIGHT, [])


# --- customise, buy or build ---------------------------------------------------------------


def test_questions_are_well_formed():
    assert [q.key for q in QUESTIONS] == list(DEFAULT_ANSWERS)
    assert set(APPROACH_MEANINGS) == set(APPROACH_CHECKS) == set(APPROACHES)
    for q in QUESTIONS:
        assert q.prompt.endswith("?")
        assert set(q.points) == set(q.options) == set(q.reasons)
        for option in q.options:
            assert set(q.points[option]) <= set(APPROACHES)
            assert all(p > 0 for p in q.points[option].values())


def test_suggest_approach_adds_up_the_points():
    """The mechanism: each answer adds its points; the most points is the best fit."""
    answers = {
        "product": "Yes",
        "tool": "No",
        "task": "Unique to us",
        "data": "Lots",
        "skills": "No",
    }
    advice = suggest_approach(answers)
    assert isinstance(advice, ApproachAdvice)
    # product Yes: buy 2; tool No: buy 1, build 1; task unique: build 2; data lots: build 2;
    # skills No: customise 1, buy 1.
    assert dict(advice.points) == {"customise": 1, "buy": 4, "build": 5}
    assert advice.best == ("build",)
    assert advice.checks == APPROACH_CHECKS["build"]
    assert len(advice.reasons) == len(QUESTIONS)


@pytest.mark.parametrize(
    ("answers", "best"),
    [
        (
            {
                "product": "Yes",
                "tool": "No",
                "task": "Common to many organisations",
                "data": "Hardly any",
                "skills": "No",
            },
            ("buy",),
        ),
        (
            {
                "product": "No",
                "tool": "No",
                "task": "Unique to us",
                "data": "Lots",
                "skills": "Yes",
            },
            ("build",),
        ),
        (DEFAULT_ANSWERS, ("customise",)),
    ],
)
def test_suggest_approach_fits_the_typical_situations(answers, best):
    assert suggest_approach(answers).best == best


def test_a_tie_lists_every_approach_with_the_most_points():
    tie = suggest_approach(
        {"product": "Yes", "tool": "No", "task": "Partly special", "data": "Some", "skills": "No"}
    )
    # product Yes: buy 2; tool No: buy 1, build 1; task partly special: customise 2;
    # data Some: customise 1; skills No: customise 1, buy 1.
    assert dict(tie.points) == {"customise": 4, "buy": 4, "build": 1}
    assert tie.best == ("customise", "buy")
    assert tie.checks == APPROACH_CHECKS["customise"]


def test_answers_ignore_capitals_and_spaces():
    loose = {k: f"  {v.upper()} " for k, v in DEFAULT_ANSWERS.items()}
    assert suggest_approach(loose).points == suggest_approach(DEFAULT_ANSWERS).points


@pytest.mark.parametrize(
    ("answers", "error", "match"),
    [
        (["Yes"], TypeError, "map each question"),
        ({k: v for k, v in DEFAULT_ANSWERS.items() if k != "data"}, ValueError, "missing"),
        (DEFAULT_ANSWERS | {"colour": "blue"}, ValueError, "unknown"),
        (DEFAULT_ANSWERS | {"tool": "Maybe"}, ValueError, "Yes, No"),
        (DEFAULT_ANSWERS | {"tool": 1}, TypeError, "must be text"),
    ],
)
def test_suggest_approach_rejects_bad_input(answers, error, match):
    with pytest.raises(error, match=match):
        suggest_approach(answers)


# --- charts --------------------------------------------------------------------------------


def _labelled(fig: Figure) -> None:
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_gap_chart_draws_one_bar_per_group_with_the_gap():
    gap = gap_from_counts({"Group A": 500, "Group B": 250}, {"Group A": 45, "Group B": 55})
    fig = gap_chart(gap)
    _labelled(fig)
    ax = fig.axes[0]
    heights = sorted(round(p.get_height(), 6) for p in ax.patches)
    assert heights == [9.0, 22.0]
    assert any("13.0" in t.get_text() for t in ax.texts)
    with pytest.raises(TypeError):
        gap_chart({"A": 0.1})


def test_review_benefit_chart_marks_no_review_and_the_setting():
    sweep = review_sweep(CONF, RIGHT, [0.0, 0.5, 0.9])
    fig = review_benefit_chart(sweep, threshold=0.5)
    _labelled(fig)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert any("No review" in lab for lab in labels)
    assert any("50%" in lab for lab in labels)
    with pytest.raises(ValueError):
        review_benefit_chart(sweep.drop(columns="net_hours"))


def test_approach_chart_highlights_the_best_fit():
    fig = approach_chart(suggest_approach(DEFAULT_ANSWERS))
    _labelled(fig)
    ax = fig.axes[0]
    assert "customise" in ax.get_title()
    widths = [p.get_width() for p in ax.patches]
    assert widths == [suggest_approach(DEFAULT_ANSWERS).points[a] for a in APPROACHES]
    with pytest.raises(TypeError):
        approach_chart({"customise": 3})


# --- the week 5 exercise checks ------------------------------------------------------------


def test_exercises_are_registered_with_their_variables():
    expected = {
        "w5-1a": "wrongly_flagged_a",
        "w5-1b": "wrongly_flagged_b",
        "w5-1c": "gap_in_points",
        "w5-2a": "scenario_likelihood",
        "w5-2b": "scenario_impact",
        "w5-2c": "scenario_level",
        "w5-3": "oversight_plan",
    }
    for qid, variable in expected.items():
        assert REGISTRY[qid].variable == variable


def test_fairness_counts_table_matches_the_counts():
    table = ex5.fairness_counts()
    for group, c in ex5.FAIRNESS_COUNTS.items():
        assert table.loc[group, "Applications"] == c["applications"]
        assert table.loc[group, "Had no problem"] == c["applications"] - c["had_problem"]
        assert table.loc[group, "Had no problem, but flagged anyway"] == c["flagged_anyway"]
    # Real problems are equally common in both groups, so the gap is not explained by them.
    shares = {g: c["had_problem"] / c["applications"] for g, c in ex5.FAIRNESS_COUNTS.items()}
    assert shares["Group A"] == pytest.approx(shares["Group B"])


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("w5-1a", 9),
        ("w5-1a", 0.09),
        ("w5-1a", 9.2),
        ("w5-1b", 22),
        ("w5-1b", 0.22),
        ("w5-1b", 22.0),
        ("w5-1c", 13),
        ("w5-1c", 0.13),
        ("w5-1c", 12.6),
    ],
)
def test_right_rates_and_gap_in_either_form(qid, answer):
    assert grade(qid, answer).correct


@pytest.mark.parametrize(
    ("qid", "answer", "says"),
    [
        ("w5-1a", 7.5, "all 600 applications"),
        ("w5-1a", 45, "who had a problem"),
        ("w5-1a", 16.7, "share of applications with a problem"),
        ("w5-1a", 20, "Divide the people flagged anyway (45)"),
        ("w5-1b", 18.3, "all 300 applications"),
        ("w5-1c", 2.44, "ratio"),
        ("w5-1c", 31, "added"),
        ("w5-1c", 10.8, "using all applications"),
        ("w5-1c", -13, "below zero"),
        ("w5-1c", 5, "lower of your two rates"),
    ],
)
def test_common_slips_get_a_hint_that_names_them(qid, answer, says):
    v = grade(qid, answer)
    assert v.status == "not yet"
    assert says in v.message


@pytest.mark.parametrize("qid", ["w5-1a", "w5-1b", "w5-1c"])
def test_rates_typed_as_text_are_the_wrong_kind(qid):
    assert grade(qid, "9%").status == "wrong kind"
    assert grade(qid, [13]).status == "wrong kind"
    assert grade(qid, ...).status == "not answered"


def test_choice_answers_are_stored_as_digests():
    assert REGISTRY["w5-2a"].answer_digest == digest("w5-2a", "Likely")
    assert REGISTRY["w5-2b"].answer_digest == digest("w5-2b", "Severe")
    assert REGISTRY["w5-3"].answer_digest == digest("w5-3", "B")
    assert grade("w5-2a", " likely ").correct and grade("w5-2b", "SEVERE").correct
    for qid, wrong in (("w5-2a", "Possible"), ("w5-2b", "Moderate"), ("w5-3", "C")):
        v = grade(qid, wrong)
        assert v.status == "not yet" and len(v.message.split()) > 10


@pytest.mark.parametrize("answer", ["B", "b", "(B)", "option b", " Plan B "])
def test_oversight_accepts_ways_of_writing_the_letter(answer):
    assert grade("w5-3", answer).correct


@pytest.mark.parametrize(
    ("likelihood", "impact"), [(lk, im) for lk in LIKELIHOODS for im in IMPACTS]
)
def test_scenario_level_is_marked_against_the_matrix_for_the_learners_own_answers(
    likelihood, impact
):
    answers = {"scenario_likelihood": likelihood.lower(), "scenario_impact": f" {impact} "}
    right = risk_level(likelihood, impact)
    assert ex5.check_scenario_level(right, answers).correct
    for level in LEVELS:
        if level != right:
            v = ex5.check_scenario_level(level, answers)
            assert v.status == "not yet"
            assert f'"{likelihood}" x "{impact}"' in v.message and f'"{right}"' in v.message


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"scenario_likelihood": "Likely"},
        {"scenario_likelihood": 3, "scenario_impact": "Severe"},
        {"scenario_likelihood": "Very", "scenario_impact": "Severe"},
    ],
)
def test_scenario_level_asks_for_2a_and_2b_first(answers):
    v = ex5.check_scenario_level("High", answers)
    assert v.status == "not answered" and "2a and 2b" in v.message


def test_other_words_for_likelihood_and_impact_count_everywhere():
    assert ex5.chosen_option(" Very-Likely ", LIKELIHOODS, ex5.LIKELIHOOD_ALIASES) == "Likely"
    assert ex5.chosen_option("SERIOUS", IMPACTS, ex5.IMPACT_ALIASES) == "Severe"
    assert ex5.chosen_option("moderate", IMPACTS, ex5.IMPACT_ALIASES) == "Moderate"
    assert ex5.chosen_option("huge", IMPACTS, ex5.IMPACT_ALIASES) is None
    assert ex5.chosen_option(2, IMPACTS, ex5.IMPACT_ALIASES) is None
    assert grade("w5-2a", "probable").correct and grade("w5-2b", "major").correct
    assert grade("w5-2a", "improbable").status == "not yet"
    answers = {"scenario_likelihood": "probable", "scenario_impact": "small"}
    assert ex5.check_scenario_level("Medium", answers).correct  # Likely x Minor


def test_scenario_level_wrong_kind_and_unanswered():
    answers = {"scenario_likelihood": "Likely", "scenario_impact": "Severe"}
    assert ex5.check_scenario_level(3, answers).status == "wrong kind"
    assert ex5.check_scenario_level("Very high", answers).status == "wrong kind"
    assert ex5.check_scenario_level("...", answers).status == "not answered"


def test_scenario_level_reads_the_notebook_when_graded(monkeypatch):
    monkeypatch.setattr(
        ex5,
        "_learner_answers",
        lambda: {"scenario_likelihood": "Possible", "scenario_impact": "Moderate"},
    )
    assert grade("w5-2c", "Medium").correct
    assert not grade("w5-2c", "High").correct


def test_fairness_numbers_come_from_the_counts():
    assert ex5.FAIRNESS.rates["Group A"] == pytest.approx(45 / 500)
    assert ex5.FAIRNESS.rates["Group B"] == pytest.approx(55 / 250)
    assert isinstance(ex5.fairness_counts(), pd.DataFrame)
