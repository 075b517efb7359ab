"""Widget wiring without a browser: set each control, check ``result`` and ``readout``."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pytest
from matplotlib.figure import Figure

from aicourse.classify import sort_message
from aicourse.data.enquiries import CATEGORIES
from aicourse.learning import TRAINING_SIZES, accuracy_with_examples, standard_split
from aicourse.quizzes import WEEK1_KINDS
from aicourse.value import triage_benefit
from aicourse.views import (
    BenefitView,
    ConfidenceView,
    LearningCurveView,
    QuizView,
    SortMessageView,
    View,
)


@pytest.fixture(scope="module")
def default_sort_view():
    """Built once with no model given, so it trains its own on the standard split."""
    return SortMessageView()


@pytest.fixture(scope="module")
def model(default_sort_view):
    return default_sort_view.model


@pytest.fixture(scope="module")
def curve_view():
    """Built once: it trains a model for every size on the curve."""
    view = LearningCurveView()
    view.initial = (view.slider.value, view.result, view.readout.value)  # before any test
    return view


@pytest.fixture
def sort_view(model):
    return SortMessageView(model=model)


@pytest.fixture
def benefit_view():
    return BenefitView({"Keyword rule": 0.5, "Learned model": 0.9})


@pytest.fixture
def quiz_view():
    return QuizView(WEEK1_KINDS)


def _capture_charts(view: View, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    shown: list[object] = []
    monkeypatch.setattr(view, "_show", shown.append)
    return shown


def test_every_control_has_a_description(sort_view, curve_view, benefit_view, quiz_view):
    for view in (sort_view, curve_view, benefit_view, quiz_view):
        assert view.controls
        for control in view.controls:
            assert control.description.strip(), (type(view).__name__, control)


def test_chart_sliders_act_when_released(curve_view, benefit_view, model):
    """Each change redraws a chart, which takes longer than 100 ms on a 2-core machine
    (docs/benchmarks.md), so a slider acts once when let go, not at every step of a drag."""
    for view in (curve_view, benefit_view, ConfidenceView(model)):
        sliders = [
            c
            for c in view.controls
            if isinstance(
                c, widgets.widget_int._Int | widgets.widget_float._Float | widgets.SelectionSlider
            )
        ]
        assert sliders
        for slider in sliders:
            assert slider.continuous_update is False, (type(view).__name__, slider.description)


def test_views_display_as_widgets(sort_view, quiz_view):
    for view in (sort_view, quiz_view):
        bundle = view._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle
        assert view.readout in view.widget.children


# --- SortMessageView ----------------------------------------------------------------------


def test_sort_view_starts_with_its_message_sorted(sort_view, model):
    assert sort_view.result == sort_message(sort_view.text.value, model)


def test_sort_view_typing_a_message_sorts_it(sort_view, model):
    sort_view.text.value = "I want to book an appointment"
    r = sort_view.result
    assert r["rule"] == "Appointments"
    assert r["keyword"] == "appointment"
    assert r == sort_message("I want to book an appointment", model)
    readout = sort_view.readout.value
    assert "Appointments" in readout
    assert 'contains "appointment"' in readout
    assert f"{r['model']} ({r['confidence']:.0%} sure)" in readout


def test_sort_view_no_keyword_says_it_used_the_default(sort_view):
    sort_view.text.value = "Hello there, hope you are well"
    assert sort_view.result["rule"] == "Payments"
    assert sort_view.result["keyword"] is None
    assert "no keyword matched" in sort_view.readout.value


@pytest.mark.parametrize("blank", ["", "   "])
def test_sort_view_empty_text_asks_for_a_message(sort_view, blank):
    sort_view.text.value = blank
    assert sort_view.result is None
    assert "Type a message" in sort_view.readout.value


def test_sort_view_trains_its_own_model_when_none_is_given(default_sort_view):
    from sklearn.feature_extraction.text import TfidfVectorizer

    train, _ = standard_split()
    model = default_sort_view.model
    assert sorted(model.classes_) == sorted(CATEGORIES)
    # Its vocabulary is exactly the words and word pairs of the standard training set.
    expected = TfidfVectorizer(ngram_range=(1, 2)).fit(train["text"]).vocabulary_
    assert model.named_steps["words"].vocabulary_ == expected
    assert default_sort_view.result == sort_message(default_sort_view.text.value, model)


# --- LearningCurveView --------------------------------------------------------------------


def test_curve_view_precomputes_the_learning_curve(curve_view):
    assert curve_view.curve["n_train"].tolist() == list(TRAINING_SIZES)
    assert list(curve_view.slider.options) == list(TRAINING_SIZES)
    # The same numbers the core gives (and exercise 4 checks), not a separate computation.
    for n in (100, 800):
        assert _accuracy_at(curve_view, n) == accuracy_with_examples(n)


def _accuracy_at(view: LearningCurveView, n: int) -> float:
    return float(view.curve.loc[view.curve["n_train"] == n, "accuracy"].iloc[0])


def test_curve_view_starts_at_100(curve_view):
    value, result, readout = curve_view.initial
    assert value == 100
    assert result == _accuracy_at(curve_view, 100)
    assert "<b>100</b> examples" in readout


@pytest.mark.parametrize("n", [800, 20, 2250])
def test_curve_view_slider_updates_result_readout_and_chart(curve_view, monkeypatch, n):
    shown = _capture_charts(curve_view, monkeypatch)
    curve_view.slider.value = 400 if n != 400 else 200  # make sure the value changes
    curve_view.slider.value = n
    acc = _accuracy_at(curve_view, n)
    assert curve_view.result == acc
    assert f"<b>{n:,}</b> examples" in curve_view.readout.value
    assert f"{acc:.1%}" in curve_view.readout.value
    fig = shown[-1]
    assert isinstance(fig, Figure)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert f"{n} examples: {100 * acc:.1f}%" in legend


# --- BenefitView --------------------------------------------------------------------------


def test_benefit_view_starts_with_the_first_method(benefit_view):
    assert benefit_view.method.value == "Keyword rule"
    assert benefit_view.result == triage_benefit(1000, 2.0, 0.5, 10.0)
    assert "costs" in benefit_view.readout.value


def test_benefit_view_switching_method_changes_net_hours(benefit_view, monkeypatch):
    shown = _capture_charts(benefit_view, monkeypatch)
    before = benefit_view.result.net_hours
    benefit_view.method.value = "Learned model"
    b = benefit_view.result
    expected = triage_benefit(1000, 2.0, 0.9, 10.0)
    assert b.net_hours == pytest.approx(expected.net_hours)
    # Fewer mistakes (10% instead of 50%) at 10 minutes each: 1,000 x 0.4 x 10 / 60 hours.
    assert b.net_hours - before == pytest.approx(1000 * 0.4 * 10 / 60)
    readout = benefit_view.readout.value
    assert "At 90.0% accuracy" in readout
    assert f"saves {abs(b.net_hours):,.0f} staff hours" in readout
    widths = [p.get_width() for p in shown[-1].axes[0].patches]
    assert widths == pytest.approx([b.hours_saved, -b.hours_fixing, b.net_hours])


def test_benefit_view_sliders_feed_the_calculation(benefit_view):
    benefit_view.messages.value = 2000
    assert benefit_view.result.hours_saved == pytest.approx(2000 * 2.0 / 60)
    benefit_view.sort_minutes.value = 4.0
    assert benefit_view.result.hours_saved == pytest.approx(2000 * 4.0 / 60)
    benefit_view.fix_minutes.value = 20.0
    assert benefit_view.result == triage_benefit(2000, 4.0, 0.5, 20.0)
    assert f"{benefit_view.result.hours_fixing:,.0f} spent fixing" in benefit_view.readout.value


def test_benefit_view_needs_a_method():
    with pytest.raises(ValueError, match="at least one sorting method"):
        BenefitView({})


# --- QuizView -----------------------------------------------------------------------------


def test_quiz_view_starts_unanswered(quiz_view):
    n = len(WEEK1_KINDS)
    assert [v.status for v in quiz_view.result] == ["not answered"] * n
    assert f"0 of {n} right" in quiz_view.readout.value
    assert all(fb.value == "" for fb in quiz_view.feedback)


def test_quiz_view_right_option_gives_a_correct_verdict(quiz_view):
    n = len(WEEK1_KINDS)
    first = WEEK1_KINDS[0]
    quiz_view.choices[0].value = first.answer
    assert quiz_view.result[0].correct
    assert f"1 of {n} right" in quiz_view.readout.value
    assert html.escape(first.explanation) in quiz_view.feedback[0].value


def test_quiz_view_wrong_option_gives_the_hint(quiz_view):
    n = len(WEEK1_KINDS)
    second = WEEK1_KINDS[1]
    wrong = next(o for o in second.options if o != second.answer)
    quiz_view.choices[1].value = wrong
    assert quiz_view.result[1].status == "not yet"
    assert html.escape(second.hint) in quiz_view.feedback[1].value
    assert f"0 of {n} right" in quiz_view.readout.value


def test_quiz_view_all_right(quiz_view):
    for choice, q in zip(quiz_view.choices, WEEK1_KINDS, strict=True):
        choice.value = q.answer
    n = len(WEEK1_KINDS)
    assert f"{n} of {n} right" in quiz_view.readout.value


def test_quiz_view_needs_questions():
    with pytest.raises(ValueError, match="at least one question"):
        QuizView([])
