"""Story claims made in the Week 5 lesson, "Responsible AI, and your own use case".

Each test quotes, in its docstring, a sentence of the lesson
(notebooks/foundations/week-5-responsible-ai.ipynb) that depends on a computed result, and
checks the shape the sentence states.
"""

from __future__ import annotations

import numpy as np
import pytest

from aicourse.data.applications import GROUP_B_AREAS
from aicourse.decisions import (
    PAST,
    WITHOUT_GROUP,
    WITHOUT_GROUP_OR_AREA,
    application_split,
    bias_experiment,
)
from aicourse.quiz import QuizQuestion, mark_answer
from aicourse.quizzes_w5 import WEEK5_PRIVACY, WEEK5_REVIEW
from aicourse.responsible import (
    DEFAULT_ANSWERS,
    review_sweep,
    suggest_approach,
    wrongly_flagged_gap,
)
from aicourse.risk import IMPACTS, LEVELS, LIKELIHOODS, risk_level, what_it_asks


@pytest.fixture(scope="module")
def test_split():
    return application_split()[1]


@pytest.fixture(scope="module")
def past(test_split):
    return wrongly_flagged_gap(
        test_split["group"], test_split["problem"], test_split["flagged_before"]
    )


@pytest.fixture(scope="module")
def experiment():
    from aicourse.data.applications import make_applications

    return bias_experiment(make_applications())


@pytest.fixture(scope="module")
def confidence_view():
    from aicourse.views import ConfidenceView

    return ConfidenceView()


@pytest.fixture(scope="module")
def review_view():
    from aicourse.views.responsible import ReviewBenefitView

    return ReviewBenefitView()


# --- section 1: fairness -------------------------------------------------------------------


def test_past_decisions_on_1200_applications_with_problems_about_as_common(test_split):
    """Claim: "In the made-up data, real problems are about as common in both groups. Here are
    the counts for the checkers' past decisions on 1,200 applications"."""
    assert len(test_split) == 1200
    rates = test_split.groupby("group")["problem"].mean()
    assert abs(rates["Group A"] - rates["Group B"]) < 0.02


def test_the_printed_rates_and_gap(past):
    """Claim: "from 8.5% to 23.9% is a gap of 15.4 percentage points" (the text quotes the
    printed working)."""
    assert round(100 * past.rates["Group A"], 1) == 8.5
    assert round(100 * past.rates["Group B"], 1) == 23.9
    assert round(past.gap_points, 1) == 15.4
    assert past.highest == "Group B"


def test_group_b_flagged_nearly_three_times_as_often(past):
    """Claim: "of the people who had no problem at all, Group B applicants were flagged nearly
    three times as often as Group A applicants"."""
    ratio = past.rates["Group B"] / past.rates["Group A"]
    assert 2.5 <= ratio < 3.0


def test_the_counts_are_the_fairness_views_past_decisions(past, experiment):
    """The counts in section 1 and the menu's "Past decisions" judge the same 1,200
    applications, so the worked sums and the FairnessView agree."""
    table = experiment.tables[PAST]
    for group, rate in past.rates.items():
        assert rate == pytest.approx(table.loc[group, "false_positive_rate"])


def test_removing_the_group_column_barely_narrows_the_gap(experiment):
    """Claim: "Taking out the group column alone barely narrows the gap; only the model that
    also leaves out the suburb shrinks it to a few points." (Tested: without the group column
    the gap is smaller than the past gap by at most 3 points; without group or suburb it is
    below 5 points; there are three suburbs where most Group B applicants live.)"""
    gaps = experiment.gaps("false_positive_rate")
    assert gaps[PAST] - 0.03 <= gaps[WITHOUT_GROUP] < gaps[PAST]
    assert gaps[WITHOUT_GROUP_OR_AREA] < 0.05
    assert len(GROUP_B_AREAS) == 3


# --- section 2: explanations ---------------------------------------------------------------


def test_the_suburb_pushes_scores_up_only_in_group_b_suburbs():
    """Claim: "For the applicants in the list from Port Tāwhiri and Ngaio Springs, two of the
    suburbs where most Group B applicants live, the suburb pushes the score up; for those from
    Harakeke Bay and Tōtara Point it pulls the score down." """
    from aicourse.views.decisions import ExplainView

    view = ExplainView()
    areas = set()
    for label, e in view.explanations.items():
        area = label.split(", ")[1].split(" (")[0]
        areas.add(area)
        suburb = e.table.set_index("feature").loc["area", "contribution"]
        assert (suburb > 0) == (area in GROUP_B_AREAS), (label, suburb)
    assert areas == {"Port Tāwhiri", "Ngaio Springs", "Harakeke Bay", "Tōtara Point"}
    assert {"Port Tāwhiri", "Ngaio Springs"} <= set(GROUP_B_AREAS)


# --- section 3: human oversight ------------------------------------------------------------


def test_raising_the_bar_sends_more_to_a_person_and_is_more_often_right(confidence_view):
    """Claim: "How many of the 750 test messages ..."; "as you raise the bar towards 90%, the
    model is right more often on the messages it sorts itself, and more messages go to a
    person"."""
    sweep = confidence_view.sweep
    assert confidence_view.result.n_total == 750
    assert sweep["n_to_person"].is_monotonic_increasing
    up_to_90 = sweep.loc[sweep["threshold"] <= 0.9, "accuracy_automatic"]
    assert up_to_90.is_monotonic_increasing
    assert up_to_90.iloc[-1] > up_to_90.iloc[0]


# --- section 4: risk -----------------------------------------------------------------------


def test_each_level_asks_for_everything_below_and_more():
    """Claim: "risk grows towards the top right, and each level asks for everything the level
    below asks for, and more"."""
    for lower, higher in zip(LEVELS, LEVELS[1:], strict=False):
        low, high = what_it_asks(lower), what_it_asks(higher)
        assert set(low) < set(high)
    for i, lk in enumerate(LIKELIHOODS):
        for j, im in enumerate(IMPACTS):
            level = LEVELS.index(risk_level(lk, im))
            if i + 1 < len(LIKELIHOODS):
                assert LEVELS.index(risk_level(LIKELIHOODS[i + 1], im)) >= level
            if j + 1 < len(IMPACTS):
                assert LEVELS.index(risk_level(lk, IMPACTS[j + 1])) >= level


# --- section 6: customise, buy or build ----------------------------------------------------


def test_customise_comes_out_on_top_with_the_starting_answers():
    """Claim: "With the starting answers (an approved tool already in place, a partly special
    task, some examples, no team to build a model), customise comes out on top." """
    assert DEFAULT_ANSWERS["tool"] == "Yes" and DEFAULT_ANSWERS["task"] == "Partly special"
    assert DEFAULT_ANSWERS["data"] == "Some" and DEFAULT_ANSWERS["skills"] == "No"
    assert suggest_approach(DEFAULT_ANSWERS).best == ("customise",)


def test_buying_and_building_can_each_come_out_on_top():
    """Try it: "When does buying come out on top? When does building?" (both can)."""
    buy = DEFAULT_ANSWERS | {"product": "Yes", "tool": "No", "task": "Common to many organisations"}
    build = DEFAULT_ANSWERS | {
        "product": "No",
        "tool": "No",
        "task": "Unique to us",
        "data": "Lots",
        "skills": "Yes",
    }
    assert suggest_approach(buy).best == ("buy",)
    assert suggest_approach(build).best == ("build",)


# --- section 7: measuring the benefit -------------------------------------------------------


def test_the_review_demo_starts_with_no_review_for_1000_messages(review_view):
    """Claim: "a week of 1,000 messages, 2 minutes to sort one by hand ... It starts with no
    review: the model sorts every message itself"."""
    b = review_view.result
    assert review_view.messages_per_week == 1000 and review_view.minutes_to_sort == 2
    assert b.threshold == 0 and b.automatic == 1000 and b.by_person == 0


def test_sending_unsure_messages_to_a_person_saves_more_up_to_a_point(review_view):
    """Claim: "sending the unsure messages to a person saves more time than letting the model
    sort everything, because it cuts the time spent fixing mistakes; but a bar that is too high
    sends so many messages to a person that the saving falls again"."""
    sweep = review_view._sweep(1.0, 10.0)
    none = sweep.iloc[0]
    best = sweep.loc[sweep["net_hours"].idxmax()]
    assert none["threshold"] == 0
    assert best["net_hours"] > none["net_hours"] + 3  # hours a week: a clear gain
    assert best["hours_fixing"] < none["hours_fixing"]
    top = sweep.iloc[-1]
    assert top["net_hours"] < best["net_hours"] - 3 and top["by_person"] > best["by_person"]


def test_with_half_the_staff_the_saving_halves(review_view):
    """Claim: "And with half the staff using the tool, the saving halves." """
    full = review_sweep(review_view.confidence, review_view.correct, [0.0, 0.5, 0.8])
    half = review_sweep(review_view.confidence, review_view.correct, [0.0, 0.5, 0.8], adoption=0.5)
    assert np.allclose(half["net_hours"], full["net_hours"] / 2)


# --- section 8: the use case ---------------------------------------------------------------


def test_the_example_brief_is_complete_and_has_two_charts():
    """Claim: "every part of the use case fits on one page, with the risk rating on the matrix
    and the benefit measure (today's figure and the target) as small charts"."""
    from aicourse import capstone

    example = capstone.example_use_case()
    assert capstone.review_use_case(example) == []
    fig = capstone.brief_figure(example)
    charts = [ax for ax in fig.axes if ax.get_title()]
    assert len(charts) >= 2
    assert list(fig.get_size_inches().round(2)) == [8.27, 11.69]  # one A4 page


# --- quizzes -------------------------------------------------------------------------------


@pytest.mark.parametrize("bank", [WEEK5_PRIVACY, WEEK5_REVIEW])
def test_quiz_banks_are_well_formed(bank):
    """The self-checks: questions that mark their own answer right and every other option not."""
    assert isinstance(bank, tuple) and 3 <= len(bank) <= 5
    for q in bank:
        assert isinstance(q, QuizQuestion)
        assert mark_answer(q, q.answer).status == "correct"
        for other in q.options:
            if other != q.answer:
                assert mark_answer(q, other).status == "not yet"
    assert len({q.prompt for q in bank}) == len(bank)


def test_quiz_answers_that_depend_on_the_course_tools():
    """Quiz: "a tool flagged 10% of Group A and 24% of Group B ... 14 percentage points";
    "Harm is Possible and its impact would be Severe ... High"."""
    gap = wrongly_flagged_gap(
        ["Group A"] * 100 + ["Group B"] * 100,
        np.zeros(200, dtype=bool),
        np.array([True] * 10 + [False] * 90 + [True] * 24 + [False] * 76),
    )
    assert gap.gap_points == pytest.approx(14.0)
    assert WEEK5_REVIEW[0].answer.startswith("14 percentage points")
    assert risk_level("Possible", "Severe") == "High"
    assert WEEK5_REVIEW[3].answer == "High"
