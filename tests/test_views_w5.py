"""Week 5 widget wiring without a browser: set each control, check ``result`` and ``readout``."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from aicourse.classify import train_text_classifier
from aicourse.learning import standard_split
from aicourse.responsible import (
    APPROACH_CHECKS,
    DEFAULT_ANSWERS,
    QUESTIONS,
    ReviewBenefit,
    review_benefit,
    suggest_approach,
)
from aicourse.views.base import View
from aicourse.views.responsible import REVIEW_THRESHOLDS, ApproachView, ReviewBenefitView


@pytest.fixture(scope="module")
def model():
    train, _ = standard_split()
    return train_text_classifier(train["text"], train["category"])


@pytest.fixture
def review_view(model, monkeypatch):
    view = ReviewBenefitView(model)
    shown: list[object] = []
    monkeypatch.setattr(view, "_show", shown.append)
    view.shown = shown
    return view


@pytest.fixture
def approach_view(monkeypatch):
    view = ApproachView()
    shown: list[object] = []
    monkeypatch.setattr(view, "_show", shown.append)
    view.shown = shown
    return view


def test_every_control_has_a_description(review_view, approach_view):
    for view in (review_view, approach_view):
        assert isinstance(view, View) and view.controls
        for control in view.controls:
            assert control.description.strip(), (type(view).__name__, control)


def test_views_display_as_widgets(review_view, approach_view):
    for view in (review_view, approach_view):
        bundle = view._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle
        assert view.readout in view.widget.children


# --- ReviewBenefitView ---------------------------------------------------------------------


def test_review_view_starts_with_no_review(review_view):
    b = review_view.result
    assert isinstance(b, ReviewBenefit)
    assert b.threshold == 0.0 and b.adoption == 1.0
    assert b.automatic == 1000 and b.by_person == 0
    assert "a person sorts <b>0</b>" in review_view.readout.value
    assert isinstance(review_view.figure, Figure)


def test_review_view_sliders_feed_the_core(review_view):
    review_view.threshold.value = 0.8
    review_view.adoption.value = 0.5
    review_view.fix_minutes.value = 20
    b = review_view.result
    expected = review_benefit(
        review_view.confidence, review_view.correct, 0.8, 1000, 2.0, 20.0, 0.5
    )
    assert b == expected
    assert f"{abs(b.net_hours):,.1f} staff hours a week" in review_view.readout.value
    assert f"a person sorts <b>{b.by_person:,.0f}</b>" in review_view.readout.value


@pytest.mark.parametrize("control", ["threshold", "adoption", "fix_minutes"])
def test_review_view_each_control_changes_result_readout_and_chart(review_view, control):
    before_result, before_text = review_view.result, review_view.readout.value
    before_charts = len(review_view.shown)
    slider = getattr(review_view, control)
    slider.value = {"threshold": 0.9, "adoption": 0.3, "fix_minutes": 25}[control]
    assert review_view.result != before_result
    assert review_view.readout.value != before_text
    assert len(review_view.shown) == before_charts + 1
    assert review_view.shown[-1] is review_view.figure


def test_review_view_says_when_it_costs_time(review_view):
    review_view.fix_minutes.value = 30
    assert review_view.result.net_hours < 0
    assert "The team costs" in review_view.readout.value


def test_review_view_caches_one_sweep_per_setting(review_view):
    review_view.threshold.value = 0.5
    review_view.threshold.value = 0.7
    assert list(review_view._sweeps) == [(1.0, 10.0)]
    sweep = review_view._sweeps[(1.0, 10.0)]
    assert list(sweep["threshold"]) == sorted(REVIEW_THRESHOLDS)


def test_review_view_trains_its_own_model_when_none_is_given(review_view):
    own = ReviewBenefitView()
    assert own.result == review_view.result  # same seed, same data: the same model


def test_review_view_rejects_a_bad_start(model):
    with pytest.raises(ValueError):
        ReviewBenefitView(model, start=1.5)


# --- ApproachView --------------------------------------------------------------------------


def test_approach_view_starts_with_the_default_answers(approach_view):
    assert approach_view.answers() == DEFAULT_ANSWERS
    assert approach_view.result == suggest_approach(DEFAULT_ANSWERS)
    assert "Best fit: <b>customise</b>" in approach_view.readout.value
    for check in APPROACH_CHECKS["customise"]:
        assert check in approach_view.readout.value


def test_approach_view_has_one_menu_per_question(approach_view):
    assert [c.description for c in approach_view.controls] == [q.prompt for q in QUESTIONS]
    for q in QUESTIONS:
        assert list(approach_view.questions[q.key].options) == list(q.options)


@pytest.mark.parametrize("question", [q.key for q in QUESTIONS])
def test_approach_view_each_menu_changes_the_points(approach_view, question):
    menu = approach_view.questions[question]
    before = dict(approach_view.result.points)
    before_text, before_charts = approach_view.readout.value, len(approach_view.shown)
    menu.value = next(o for o in menu.options if o != menu.value)
    assert dict(approach_view.result.points) != before
    assert approach_view.readout.value != before_text
    assert len(approach_view.shown) == before_charts + 1


def test_approach_view_can_land_on_buy_and_build(approach_view):
    q = approach_view.questions
    q["product"].value, q["tool"].value = "Yes", "No"
    q["task"].value, q["data"].value = "Common to many organisations", "Hardly any"
    assert approach_view.result.best == ("buy",)
    assert "Best fit: <b>buy</b>" in approach_view.readout.value
    q["product"].value, q["task"].value = "No", "Unique to us"
    q["data"].value, q["skills"].value = "Lots", "Yes"
    assert approach_view.result.best == ("build",)
    for check in APPROACH_CHECKS["build"]:
        assert check in approach_view.readout.value


def test_approach_view_says_when_there_is_a_tie(approach_view):
    q = approach_view.questions
    q["product"].value, q["tool"].value = "Yes", "No"
    assert approach_view.result.best == ("customise", "buy")
    assert "A tie between <b>customise and buy</b>" in approach_view.readout.value


def test_approach_view_rejects_bad_starting_answers():
    with pytest.raises(ValueError):
        ApproachView({"product": "Yes"})
