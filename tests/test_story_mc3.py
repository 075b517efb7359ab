"""Story claims made in Masterclass 3 (leading AI adoption) that other tests do not cover.

Claims already backed elsewhere (tests/test_adoption.py story claims 1-3, and
tests/test_language.py claims 3-4 and the keyword-search test) are not repeated here. Each
test quotes the notebook's wording in its docstring.
"""

from __future__ import annotations

import pandas as pd
import pytest

from aicourse.business_case import BusinessCaseInputs, simulate_business_case, summarise
from aicourse.data.demand import make_demand
from aicourse.data.use_cases import make_use_cases
from aicourse.drift import fit_forecaster, forecast_errors, monitor, monitor_summary
from aicourse.language import (
    NOT_FOUND,
    grounded_answer,
    number_tokens,
    standard_index,
    standard_model,
    ungrounded_answer,
)
from aicourse.portfolio import score_portfolio, value_only_weights
from aicourse.quiz import mark_answer
from aicourse.quizzes_mc3 import MASTERCLASS_3

CHANGE_WEEK = 60


@pytest.fixture(scope="module")
def ranked() -> pd.DataFrame:
    return score_portfolio(make_use_cases())


@pytest.fixture(scope="module")
def errors() -> pd.DataFrame:
    demand = make_demand()
    return forecast_errors(demand, fit_forecaster(demand, until_week=CHANGE_WEEK))


def test_top_of_default_ranking_is_modest_low_risk_and_ready(ranked: pd.DataFrame) -> None:
    """Claim: "the top of the list is made of modest, low-risk, ready-to-go uses" (default
    weights): the top four all have risk at most 2 and data readiness at least 4, and none
    is the biggest on hours saved or people served."""
    table = make_use_cases().set_index("name")
    top = table.loc[ranked["name"].head(4)]
    assert (top["risk"] <= 2).all()
    assert (top["data_readiness"] >= 4).all()
    assert top["hours_saved"].max() < table["hours_saved"].max()
    assert top["people_served"].max() < table["people_served"].max()


def test_most_valuable_use_case_ranks_in_the_bottom_half(ranked: pd.DataFrame) -> None:
    """Claim: "the public chat assistant, which would give the most value of all, sits in the
    bottom half because it is the hardest and riskiest to deliver"."""
    best_value = ranked.loc[ranked["value"].idxmax(), "name"]
    assert best_value == "Chat assistant for the public"
    assert best_value == score_portfolio(make_use_cases(), value_only_weights())["name"].iloc[0]
    row = ranked.set_index("name").loc[best_value]
    assert row["rank"] > len(ranked) / 2
    assert row["feasibility"] == ranked["feasibility"].min()
    table = make_use_cases().set_index("name")
    assert table.loc[best_value, "risk"] >= 4 and table.loc[best_value, "complexity"] >= 4


def test_no_use_case_is_near_the_top_on_both(ranked: pd.DataFrame) -> None:
    """Claim: "no candidate is near the top on both value and feasibility" (no candidate
    scores above 0.6 on both, on the 0 to 1 scales of the map)."""
    assert not ((ranked["value"] > 0.6) & (ranked["feasibility"] > 0.6)).any()


def test_business_case_spreads_from_a_clear_loss_to_a_clear_gain() -> None:
    """Claim: "the outcomes spread from a clear loss to a clear gain" (one in ten outcomes
    loses more than $50,000 and one in ten gains more than $50,000, over three years)."""
    s = summarise(simulate_business_case())
    assert s["p10"] < -50_000
    assert s["p90"] > 50_000


def test_business_case_more_errors_lower_the_chance() -> None:
    """Claim (Try it, facilitator guide): "raise the share of drafts with a mistake and the
    chance of paying off falls"."""
    base = BusinessCaseInputs()
    chances = [
        summarise(simulate_business_case(base.with_likely(error_rate=e)))["chance_pays_off"]
        for e in (0.05, 0.10, 0.20, 0.30)
    ]
    assert all(later < earlier for earlier, later in zip(chances, chances[1:], strict=False))


def test_forecast_falls_short_after_the_change(errors: pd.DataFrame) -> None:
    """Claim: "the forecast ... falls well short after the change" (after the change it is
    below what arrives in nearly every week)."""
    after = errors.loc[errors["week"] >= CHANGE_WEEK + 4]
    assert (after["forecast"] < after["actual"]).mean() > 0.9


def test_control_limit_trades_false_alarms_for_speed(errors: pd.DataFrame) -> None:
    """Claim: "Move the control limit down to 1. The monitor now catches the change at once,
    but also raises false alarms before it ... Move it up to 6: no false alarms, but a later
    alert." (4-week window, as in the demo's starting setting.)"""
    baseline = int((errors["week"] < CHANGE_WEEK).sum())
    tight = monitor_summary(monitor(errors, baseline, window=4, limit=1.0), CHANGE_WEEK)
    default = monitor_summary(monitor(errors, baseline, window=4, limit=3.0), CHANGE_WEEK)
    loose = monitor_summary(monitor(errors, baseline, window=4, limit=6.0), CHANGE_WEEK)
    assert tight["weeks_to_detect"] == 0
    assert tight["false_alarms"] > 0
    assert default["false_alarms"] == 0 and loose["false_alarms"] == 0
    assert loose["weeks_to_detect"] > default["weeks_to_detect"] >= tight["weeks_to_detect"]


def test_answer_from_memory_gives_the_wrong_amount() -> None:
    """Claim: "The answer from memory sounds right but gives the wrong amount, and says
    nothing about where it came from. The grounded answer quotes the policy that says
    $1,500 and names it." """
    question = "What is the maximum hardship grant?"
    memory = ungrounded_answer(standard_model(), question)
    assert memory.startswith("The maximum hardship grant")
    assert number_tokens(memory) and "1,500" not in memory
    assert "CSA-POL" not in memory and "source" not in memory.lower()
    grounded = grounded_answer(standard_index(), question)
    assert grounded.found and "$1,500" in grounded.text and "CSA-POL-02" in grounded.text


def test_off_topic_memory_answers_anyway_grounded_declines() -> None:
    """Claim: "the model answering from memory never says 'I don't know'; the grounded tool
    says it could not find the answer" and "every bar falls short of the dashed line"."""
    question = "What is the capital of France?"
    memory = ungrounded_answer(standard_model(), question)
    assert memory.strip() and memory != NOT_FOUND and "not find" not in memory
    grounded = grounded_answer(standard_index(), question)
    assert not grounded.found and grounded.text == NOT_FOUND
    assert grounded.score < grounded.threshold


def test_masterclass_3_quiz_answers_are_marked_correct() -> None:
    """The self-check quiz: every question's answer is marked correct, and a wrong option not."""
    assert len(MASTERCLASS_3) == 5
    for q in MASTERCLASS_3:
        assert mark_answer(q, q.answer).status == "correct"
        wrong = next(o for o in q.options if o != q.answer)
        assert mark_answer(q, wrong).status != "correct"


def test_facilitator_moves_on_the_portfolio_sliders() -> None:
    """Facilitator guide: "Set the four feasibility sliders ... to 0. The chat assistant for
    the public jumps to the top" and "set the three value sliders ... to 0. Low-effort uses
    (checking supplier invoices, meeting summaries) rise to the top" (other sliders left at
    their starting weights)."""
    from aicourse.data.use_cases import FEASIBILITY_CRITERIA, VALUE_CRITERIA
    from aicourse.portfolio import DEFAULT_WEIGHTS

    use_cases = make_use_cases()
    no_feasibility = {**DEFAULT_WEIGHTS, **dict.fromkeys(FEASIBILITY_CRITERIA, 0.0)}
    assert score_portfolio(use_cases, no_feasibility)["name"].iloc[0] == (
        "Chat assistant for the public"
    )
    no_value = {**DEFAULT_WEIGHTS, **dict.fromkeys(VALUE_CRITERIA, 0.0)}
    top_two = score_portfolio(use_cases, no_value)["name"].head(2).tolist()
    assert top_two == ["Checking supplier invoices", "Meeting summaries"]
