"""Story claims made in the Week 2 lesson (notebooks/foundations/week-2-data.ipynb).

Each test quotes, in its docstring, the sentence of the notebook it backs, so a change to the
data world cannot silently make the story false. Numbers the notebook prints from code are
checked by nbval; these tests back the words around them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aicourse.classify import compare_classifiers
from aicourse.data.applications import make_applications
from aicourse.data.messy import RURAL_SHARE, make_busy_weeks, make_client_records
from aicourse.exercises.week2 import check_honest_score
from aicourse.fitting import (
    FLEXIBILITY,
    LEARNED,
    MEMORISER,
    TEST_SHARES,
    fit_curve,
    overfitting_sweep,
    scoring_three_ways,
    split_scores,
)
from aicourse.learning import standard_split
from aicourse.quality import (
    PROBLEM_KINDS,
    clean_records,
    quality_report,
    representation_experiment,
)
from aicourse.quiz import QuizQuestion, mark_answer
from aicourse.quizzes_w2 import WEEK2_PRIVACY, WEEK2_REVIEW

# --- Section 1: features and labels ----------------------------------------------------


def test_checkers_flagged_one_in_five_but_one_in_six_had_a_problem():
    """Claim (section 1): "Past checkers flagged about one application in five, but only about
    one in six really had a problem, and they were often not the same applications"."""
    a = make_applications()
    flagged, problem = a["flagged_before"], a["problem"]
    assert 0.18 <= flagged.mean() <= 0.24
    assert 0.14 <= problem.mean() <= 0.19
    assert flagged.mean() > problem.mean()
    assert (flagged & ~problem).sum() / flagged.sum() > 0.25  # flagged, no problem
    assert (problem & ~flagged).sum() / problem.sum() > 0.25  # a problem nobody flagged


# --- Section 2: an honest score --------------------------------------------------------


@pytest.fixture(scope="module")
def every_split():
    return {share: split_scores(share) for share in TEST_SHARES}


def test_memoriser_wins_on_training_messages_and_loses_on_new_ones(every_split):
    """Claim (section 2): "the memoriser has the higher score on the messages it learned from,
    but the lower score on the messages kept aside"; and the Try it: it never beats the
    learned model on new messages, whatever share is kept aside."""
    for share, s in every_split.items():
        t = s.table
        assert t.loc[MEMORISER, "on_training"] > t.loc[LEARNED, "on_training"], share
        assert t.loc[MEMORISER, "on_test"] < t.loc[LEARNED, "on_test"], share


def test_training_scores_are_higher_than_honest_scores_at_every_share(every_split):
    """Claim (section 2): "Whatever share you keep aside, the score on the messages the model
    learned from is higher than the honest score"."""
    for share, s in every_split.items():
        for model in (LEARNED, MEMORISER):
            assert s.gap(model) > 0.02, (share, model)


def test_the_honest_score_is_week_1s_accuracy_of_91_5_percent(every_split):
    """Claim (section 2): "The learned model's honest score, 91.5%, is the accuracy you saw in
    week 1"; the exercise's honest way (B) gives the same score."""
    honest = every_split[0.25].table.loc[LEARNED, "on_test"]
    train, test = standard_split()
    assert honest == pytest.approx(compare_classifiers(train, test).model.accuracy)
    assert round(100 * honest, 1) == 91.5
    assert scoring_three_ways().loc["B", "accuracy (%)"] == 91.5
    assert check_honest_score(91.5).correct


# --- Section 3: data quality -----------------------------------------------------------


def test_the_checks_find_five_problems_of_four_kinds():
    """Claim (section 3): "The checks found five problems of four kinds"."""
    table = quality_report(make_client_records()).table()
    assert len(table) == 5
    assert set(table["problem"]) == set(PROBLEM_KINDS)


def test_the_misspelt_suburbs_split_one_place_into_three():
    """Claim (section 3): "The misspelt suburbs split one place into three"."""
    records = make_client_records()
    report = quality_report(records)
    usual = {u for *_, u in report.spellings}
    assert len(usual) == 1
    variants = {w for _, _, w, _ in report.spellings} | usual
    assert len(variants) == 3
    assert set(records["area"]) >= variants


def test_one_typing_slip_moves_the_average_age_by_about_ten_years():
    """Claim (section 3): "One typing slip moved the average age by about ten years", and the
    fix "does not invent the missing income or the client's real age"."""
    records = make_client_records()
    cleaned = clean_records(records)
    assert 9.0 <= records["age"].mean() - cleaned["age"].mean() <= 11.0
    assert cleaned["weekly_income"].isna().sum() == 1
    assert cleaned["age"].isna().sum() == 1


# --- Section 4: a sample that leaves people out ----------------------------------------


@pytest.fixture(scope="module")
def experiment() -> pd.DataFrame:
    return representation_experiment().set_index("rural_share")


def test_town_accuracy_is_nearly_nine_in_ten_whatever_the_mix(experiment):
    """Claim (section 4): "the model gets nearly 9 in 10 town appointments right whatever the
    mix"."""
    assert experiment["accuracy_town"].between(0.85, 0.90).all()


def test_with_few_rural_clients_rural_accuracy_is_a_coin_toss(experiment):
    """Claim (section 4): "with 2% or fewer rural clients in its sample it gets at most about
    half of rural appointments right: no better than tossing a coin"."""
    few = experiment.loc[experiment.index <= 0.02]
    assert len(few) == 3
    assert (few["accuracy_rural"] <= 0.55).all()
    assert (few["gap"] > 0.3).all()


def test_the_gap_closes_as_rural_clients_are_added(experiment):
    """Claim (section 4): "The gap closes as rural clients are added"; at the agency's real
    share of rural clients (30%) it is small (tested: under 5 points), and the quiz's "much
    less accurate for rural clients" at 2%."""
    assert RURAL_SHARE == 0.3
    assert experiment.loc[0.3, "gap"] < 0.05
    assert experiment.loc[0.5, "gap"] < experiment.loc[0.02, "gap"] - 0.25
    gaps = experiment.loc[experiment.index >= 0.02, "gap"].to_numpy()
    assert np.all(np.diff(gaps) < 0.01), "no big step back once rural clients are included"


# --- Section 5: overfitting ------------------------------------------------------------


@pytest.fixture(scope="module")
def sweep() -> pd.DataFrame:
    return overfitting_sweep(make_busy_weeks()).set_index("flexibility")


def test_the_most_flexible_curve_memorises_and_is_far_off_on_new_weeks(sweep):
    """Claim (section 5): "at flexibility 9 the curve passes exactly through every week it
    learned from, so its error on them is zero, but ... is far off on the new weeks"; and
    "the most flexible one is many times worse" (tested: over 5 times the best)."""
    top = FLEXIBILITY[-1]
    assert top == 9
    assert sweep.loc[top, "train_error"] == 0.0
    assert sweep.loc[top, "new_error"] > 5 * sweep["new_error"].min()


def test_the_straight_line_is_too_stiff_and_middle_settings_are_off_by_about_a_day(sweep):
    """Claim (section 5): "the straight line is too stiff (off by nearly 2 days on new weeks),
    the middle settings are off by about a day"."""
    assert 1.7 <= sweep.loc[1, "new_error"] <= 2.0
    middle = sweep.loc[3:8, "new_error"]
    assert middle.between(0.9, 1.3).all()
    assert sweep["new_error"].idxmin() in range(3, 9)
    assert sweep.loc[1, "new_error"] > 1.5 * sweep["new_error"].min()


def test_training_error_falls_to_zero_as_flexibility_rises(sweep):
    """Claim (section 5, Try it): "Watch the blue line (the weeks it learned from) fall all the
    way to zero while the orange line (new weeks) falls, levels off and then shoots up"."""
    train = sweep["train_error"].to_numpy()
    assert np.all(np.diff(train) <= 0.02) and train[-1] == 0.0
    new = sweep["new_error"]
    assert new.loc[4] < new.loc[1] and new.loc[9] > 3 * new.loc[4]


def test_the_curve_swings_far_outside_the_data_between_training_weeks():
    """Claim (section 5): the most flexible curve "swings wildly in between" the weeks."""
    weeks = make_busy_weeks()
    fit = fit_curve(weeks, 9)
    low, high = weeks["days_to_decision"].min(), weeks["days_to_decision"].max()
    assert fit.curve_y.max() > high + 10 or fit.curve_y.min() < low - 10


# --- Quizzes ---------------------------------------------------------------------------


@pytest.mark.parametrize("bank", [WEEK2_PRIVACY, WEEK2_REVIEW])
def test_week_2_quizzes_are_well_formed(bank):
    """The self-checks: each question marks its own answer correct and another "not yet"."""
    assert isinstance(bank, tuple) and 3 <= len(bank) <= 5
    for q in bank:
        assert isinstance(q, QuizQuestion)
        assert mark_answer(q, q.answer).status == "correct"
        wrong = next(o for o in q.options if o != q.answer)
        assert mark_answer(q, wrong).status == "not yet"
    assert len({q.prompt for q in bank}) == len(bank)


def test_the_lesson_quiz_does_not_give_away_the_exercise_scenarios():
    """The privacy quiz uses principles 2, 3 and 7; the exercise asks about 1, 5, 12 and 6."""
    text = " ".join(q.answer for q in WEEK2_PRIVACY)
    for name in ("purpose", "security", "overseas", "access"):
        assert name not in text.lower()
