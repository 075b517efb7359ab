"""The Week 5 capstone: collecting a learner's use case, checking it, and drawing the brief.

Covers ``aicourse.capstone``, ``aicourse.plots.brief`` and ``aicourse.exercises.week5_use_case``.
Story claims quoted in docstrings are made in ``source/week-5/week-5-use-case.ipynb``.
"""

from __future__ import annotations

import base64
import dataclasses
import re
import struct
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from aicourse.capstone import (
    APPROACHES,
    FIELD_BY_NAME,
    FIELDS,
    HIGH_RISK_OVERSIGHT_WORDS,
    NOT_FILLED,
    BriefFiles,
    Review,
    UseCaseProposal,
    brief_content,
    brief_figure,
    brief_html,
    choice_value,
    collect_use_case,
    completeness_problems,
    example_use_case,
    field_problem,
    field_verdict,
    is_high_risk,
    make_use_case,
    matrix_level,
    missing_fields,
    oversight_problems,
    render_brief,
    review_use_case,
    risk_problems,
    show_review,
    stated_level,
    words,
)
from aicourse.data.use_cases import BENEFIT_AREAS
from aicourse.exercises import REGISTRY, _load_all, grade
from aicourse.exercises.week5_use_case import (
    PITCH_MIN_WORDS,
    check_complete,
    check_consistent,
    check_oversight,
    exercise_id,
)
from aicourse.plots.brief import (
    PAGE_SIZE,
    BriefContent,
    benefit_chart,
    brief_charts,
    brief_page,
    figure_text,
    shorten_lines,
    text_width,
    wrap_text,
)
from aicourse.risk import IMPACTS, LEVELS, LIKELIHOODS

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
RISK_FIELDS = ("risk_likelihood", "risk_impact", "risk_level")


def example(**changes: object) -> UseCaseProposal:
    """The example use case with some answers changed."""
    return dataclasses.replace(example_use_case(), **changes)


def half_filled() -> UseCaseProposal:
    """The first half of the example's fields answered, the rest left as placeholders."""
    keep = {f.name for f in FIELDS[: len(FIELDS) // 2]}
    return make_use_case({k: v for k, v in example_use_case().answers().items() if k in keep})


def level_by_points(likelihood: str, impact: str) -> str:
    """The matrix rule as the risk module documents it, worked out here independently."""
    points = LIKELIHOODS.index(likelihood) + IMPACTS.index(impact)
    return "Low" if points <= 1 else "Medium" if points == 2 else "High"


# --- Fields and the proposal -------------------------------------------------------------


def test_fields_match_the_proposal_in_order():
    assert [f.name for f in FIELDS] == [f.name for f in dataclasses.fields(UseCaseProposal)]
    assert list(FIELD_BY_NAME) == [f.name for f in FIELDS]
    for f in FIELDS:
        assert f.label and f.prompt
        assert f.kind in {"text", "choice", "number"}
        if f.kind == "text":
            assert f.min_words >= 2
        if f.kind == "choice":
            assert f.options and all(v in f.options for v in f.aliases.values())


def test_choice_fields_reuse_the_course_options():
    """The benefit areas and the risk words are the course's own, not copies."""
    assert FIELD_BY_NAME["benefit_area"].options is BENEFIT_AREAS
    assert FIELD_BY_NAME["risk_likelihood"].options is LIKELIHOODS
    assert FIELD_BY_NAME["risk_impact"].options is IMPACTS
    assert FIELD_BY_NAME["risk_level"].options is LEVELS
    assert FIELD_BY_NAME["approach"].options == APPROACHES == ("customise", "buy", "build")


def test_the_spec_lists_every_part_the_curriculum_names():
    names = {f.name for f in FIELDS}
    assert {
        "agency_team",
        "problem",
        "people_affected",
        "benefit_area",
        "benefit_measure",
        "data_needed",
        "approach",
        "risks",
        "risk_likelihood",
        "risk_impact",
        "risk_level",
        "privacy",
        "te_tiriti",
        "human_oversight",
        "first_step",
    } <= names


def test_make_use_case_turns_placeholders_into_none_and_keeps_answers_as_typed():
    p = make_use_case(
        {"title": "...", "problem": "   ", "measure_now": ..., "measure_target": "9", "x": 1}
    )
    assert p.title is None and p.problem is None and p.measure_now is None
    assert p.measure_target == "9"  # kept as typed, so a check can say "remove the quotes"
    assert p.agency_team is None  # missing


def test_make_use_case_rejects_a_non_mapping():
    with pytest.raises(TypeError, match="mapping"):
        make_use_case(["title"])  # type: ignore[arg-type]


def test_collect_use_case_reads_a_namespace():
    ns = {**example_use_case().answers(), "problem": ..., "unrelated": 3}
    p = collect_use_case(ns)
    assert p.problem is None
    assert p.title == example_use_case().title
    assert p == make_use_case(ns)


def test_collect_use_case_outside_a_notebook_needs_a_namespace():
    with pytest.raises(RuntimeError, match="globals"):
        collect_use_case()


def test_collect_use_case_reads_the_ipython_user_namespace(monkeypatch):
    """In a notebook, collect_use_case() with no argument finds the learner's variables."""
    import IPython

    class Shell:
        user_ns = {"title": "Sorting consultation submissions", "problem": "..."}

    monkeypatch.setattr(IPython, "get_ipython", lambda: Shell())
    p = collect_use_case()
    assert p.title == "Sorting consultation submissions" and p.problem is None


def test_example_is_deterministic_and_invented():
    assert example_use_case() == example_use_case()
    text = " ".join(str(v) for v in example_use_case().answers().values())
    assert "Community Services Agency" in text
    assert "Port Tāwhiri" in text


# --- Checking one field ------------------------------------------------------------------


def test_words_counts_only_runs_with_a_letter():
    assert words("About 1,800 enquiries a month, wait 9 days.") == [
        "about",
        "enquiries",
        "a",
        "month",
        "wait",
        "days",
    ]
    assert words("Māori whānau's te-reo") == ["māori", "whānau's", "te-reo"]
    with pytest.raises(TypeError):
        words(5)  # type: ignore[arg-type]


def test_an_unanswered_field_says_which_line_to_change():
    v = field_verdict(FIELD_BY_NAME["problem"], ...)
    assert v.status == "not answered"
    assert v.message.startswith("The problem: not filled in yet")
    assert "problem = ..." in v.message


def test_a_short_text_says_how_many_words_are_needed():
    f = FIELD_BY_NAME["problem"]
    v = field_verdict(f, "Too many emails.")
    assert v.status == "not yet"
    assert "3 words so far" in v.message and f"at least {f.min_words}" in v.message
    enough = " ".join(f"word{i}a" for i in range(f.min_words))
    assert field_verdict(f, enough).correct
    fewer = " ".join(f"word{i}a" for i in range(f.min_words - 1))
    assert not field_verdict(f, fewer).correct


def test_a_text_that_repeats_a_few_words_is_not_filled_in():
    f = FIELD_BY_NAME["problem"]
    v = field_verdict(f, "blah " * 40)
    assert v.status == "not yet" and "repeats" in v.message


def test_text_fields_want_words_in_quotes():
    v = field_verdict(FIELD_BY_NAME["risks"], 42)
    assert v.status == "wrong kind" and "42 (a number)" in v.message


def test_number_fields_want_a_number_without_quotes():
    f = FIELD_BY_NAME["measure_now"]
    v = field_verdict(f, "9")
    assert v.status == "wrong kind" and "Remove the quotes" in v.message
    assert field_verdict(f, True).status == "wrong kind"
    assert field_verdict(f, -3).status == "not yet"
    assert field_verdict(f, 9).correct and field_verdict(f, 12.5).correct
    assert field_verdict(f, 0).correct


def test_choice_fields_ignore_capitals_spaces_and_accept_aliases():
    area, approach = FIELD_BY_NAME["benefit_area"], FIELD_BY_NAME["approach"]
    assert choice_value(area, "  Customer   Experience ") == "customer experience"
    assert choice_value(area, "cost") == "cost efficiency"
    assert choice_value(approach, "Customize") == "customise"
    assert choice_value(FIELD_BY_NAME["risk_level"], " high ") == "High"
    assert choice_value(approach, "rent") is None
    assert choice_value(approach, 3) is None
    with pytest.raises(ValueError):
        choice_value(FIELD_BY_NAME["problem"], "x")


def test_a_choice_that_is_not_an_option_lists_the_options():
    v = field_verdict(FIELD_BY_NAME["risk_level"], "Moderate")
    assert v.status == "wrong kind"
    assert '"Low", "Medium" or "High"' in v.message
    v = field_verdict(FIELD_BY_NAME["approach"], ["buy"])
    assert v.status == "wrong kind" and "a list" in v.message


def test_field_verdict_rejects_a_non_field():
    with pytest.raises(TypeError):
        field_verdict("problem", "x")  # type: ignore[arg-type]


def test_field_problem_is_none_exactly_when_the_verdict_is_correct():
    for f in FIELDS:
        for value in (..., getattr(example_use_case(), f.name), "x", 7):
            assert (field_problem(f, value) is None) == field_verdict(f, value).correct


# --- Completeness ------------------------------------------------------------------------


def test_the_example_is_complete_and_consistent():
    """Claim: the worked example "passes every check"."""
    p = example_use_case()
    assert completeness_problems(p) == []
    assert risk_problems(p) == []
    assert oversight_problems(p) == []
    assert review_use_case(p) == []


def test_an_empty_use_case_lists_every_part():
    problems = completeness_problems(UseCaseProposal())
    assert len(problems) == len(FIELDS)
    for f, problem in zip(FIELDS, problems, strict=True):
        assert problem.startswith(f"{f.label}: not filled in yet")


def test_a_half_filled_use_case_lists_exactly_the_unfilled_parts():
    problems = completeness_problems(half_filled())
    unfilled = FIELDS[len(FIELDS) // 2 :]
    assert len(problems) == len(unfilled)
    assert [p.split(":")[0] for p in problems] == [f.label for f in unfilled]


def test_a_part_copied_from_another_is_flagged():
    p = example(privacy=example_use_case().risks)
    problems = completeness_problems(p)
    assert problems == ["Privacy: the same as Risks. Each part needs its own answer."]


def test_a_target_equal_to_today_measures_no_change():
    problems = completeness_problems(example(measure_now=9, measure_target=9.0))
    assert len(problems) == 1 and problems[0].startswith("Target: the same as today's figure (9)")


def test_other_accepted_forms_are_complete():
    p = example(
        benefit_area=" Customer Experience",
        approach="Customize",
        risk_likelihood="possible",
        risk_impact="SEVERE ",
        risk_level="high",
        measure_now=9.0,
    )
    assert review_use_case(p) == []


# --- The risk level ----------------------------------------------------------------------


@pytest.mark.parametrize("likelihood", LIKELIHOODS)
@pytest.mark.parametrize("impact", IMPACTS)
def test_the_stated_level_must_be_the_matrix_level(likelihood, impact):
    """Every cell of the matrix: its own level passes, the other two are caught."""
    right = level_by_points(likelihood, impact)
    base = example(risk_likelihood=likelihood, risk_impact=impact)
    assert matrix_level(base) == right
    assert risk_problems(dataclasses.replace(base, risk_level=right)) == []
    for wrong in set(LEVELS) - {right}:
        problems = risk_problems(dataclasses.replace(base, risk_level=wrong))
        assert len(problems) == 1
        assert f'which the matrix rates "{right}", but you wrote "{wrong}"' in problems[0]


def test_an_inconsistent_level_names_the_choices_and_the_matrix():
    (problem,) = risk_problems(
        example(risk_likelihood="Likely", risk_impact="Severe", risk_level="Medium")
    )
    assert problem == (
        'Risk level: you chose likelihood "Likely" and impact "Severe", which the matrix rates '
        '"High", but you wrote "Medium". Check the matrix in Part D, or change the likelihood '
        "or impact if they are not what you meant."
    )


def test_the_risk_level_cannot_be_checked_until_all_three_are_chosen():
    for name in RISK_FIELDS:
        (problem,) = risk_problems(example(**{name: None}))
        assert "cannot be checked" in problem
        assert FIELD_BY_NAME[name].label.lower() in problem
    (problem,) = risk_problems(example(risk_impact="Huge"))
    assert "impact of harm" in problem


def test_stated_and_matrix_levels():
    p = example(risk_likelihood="unlikely", risk_impact="minor", risk_level=" low")
    assert (matrix_level(p), stated_level(p)) == ("Low", "Low")
    assert matrix_level(example(risk_impact=None)) is None
    assert stated_level(example(risk_level="Moderate")) is None
    with pytest.raises(TypeError):
        matrix_level("High")  # type: ignore[arg-type]


# --- Human oversight ---------------------------------------------------------------------

A_REAL_STEP = (
    "A case manager reads every decline letter before it is sent, and a team leader "
    "checks a sample each week."
)


def test_high_risk_needs_a_real_oversight_step():
    high = example(risk_likelihood="Likely", risk_impact="Severe", risk_level="High")
    assert oversight_problems(dataclasses.replace(high, human_oversight=A_REAL_STEP)) == []
    for weak in ("none", "Not needed.", "Staff check it.", "Someone looks at it."):
        problems = oversight_problems(dataclasses.replace(high, human_oversight=weak))
        assert problems and problems[0].startswith("Human oversight: this use is rated High")


def test_high_risk_oversight_must_say_who_and_when():
    high = example()
    no_who = (
        "The drafts are read carefully and corrected where needed before they go out to anyone."
    )
    (problem,) = oversight_problems(dataclasses.replace(high, human_oversight=no_who))
    assert "say who does the checking" in problem
    no_when = "An adviser reads the drafts carefully and corrects any mistakes they find in them."
    (problem,) = oversight_problems(dataclasses.replace(high, human_oversight=no_when))
    assert "say when the check happens" in problem


def test_the_oversight_word_count_is_the_documented_minimum():
    words_ok = "An adviser checks it before sending " + "and " * (HIGH_RISK_OVERSIGHT_WORDS - 6)
    assert len(words(words_ok)) == HIGH_RISK_OVERSIGHT_WORDS
    assert oversight_problems(example(human_oversight=words_ok)) == []
    short = words_ok.rsplit(" and", 1)[0]
    assert len(words(short)) == HIGH_RISK_OVERSIGHT_WORDS - 1
    assert oversight_problems(example(human_oversight=short))


def test_a_stated_high_level_needs_oversight_even_if_the_matrix_says_lower():
    p = example(risk_likelihood="Unlikely", risk_impact="Minor", risk_level="High")
    assert is_high_risk(p) is True
    assert oversight_problems(dataclasses.replace(p, human_oversight="Staff check it."))


def test_a_matrix_high_level_needs_oversight_even_if_the_learner_wrote_lower():
    p = example(risk_likelihood="Likely", risk_impact="Severe", risk_level="Medium")
    assert is_high_risk(p) is True
    assert oversight_problems(dataclasses.replace(p, human_oversight="Staff check it."))


def test_lower_levels_need_only_an_answer():
    medium = example(risk_likelihood="Possible", risk_impact="Moderate", risk_level="Medium")
    assert is_high_risk(medium) is False
    assert oversight_problems(dataclasses.replace(medium, human_oversight="Staff check it.")) == []
    (problem,) = oversight_problems(dataclasses.replace(medium, human_oversight=None))
    assert "not filled in yet" in problem
    (problem,) = oversight_problems(dataclasses.replace(medium, human_oversight=3))
    assert "expected words in quotes" in problem


def test_oversight_cannot_be_checked_without_a_level():
    p = example(risk_likelihood=None, risk_impact=None, risk_level=None)
    assert is_high_risk(p) is None
    (problem,) = oversight_problems(p)
    assert "risk level is not known" in problem


def test_review_lists_each_problem_once_in_order():
    p = example(problem="Too short.", risk_level="Low", human_oversight="Staff check it.")
    problems = review_use_case(p)
    assert problems[0].startswith("The problem:")
    assert any(x.startswith("Risk level: you chose") for x in problems)
    assert any(x.startswith("Human oversight: this use is rated High") for x in problems)
    assert len(problems) == len(set(problems))
    empty = review_use_case(UseCaseProposal())
    assert len(empty) == len(FIELDS) + 2  # every part, then the two checks that cannot run


def test_checks_reject_something_that_is_not_a_proposal():
    for check in (completeness_problems, risk_problems, oversight_problems, review_use_case):
        with pytest.raises(TypeError, match="collect_use_case"):
            check({"title": "x"})  # type: ignore[arg-type]


def test_show_review_escapes_the_learners_text():
    review = show_review(example(risk_level="<b>Low</b>"))
    assert isinstance(review, Review)
    assert "&lt;b&gt;Low&lt;/b&gt;" in review._repr_html_()
    assert "<b>Low</b>" not in review._repr_html_()
    assert str(show_review(example_use_case())).startswith("Your use case is complete")
    assert "1 thing to fix" in str(show_review(example(title="Hi")))


def test_missing_fields_lists_labels_of_unanswered_parts():
    assert missing_fields(example_use_case()) == []
    assert missing_fields(example(te_tiriti=None, measure_now=None)) == [
        "Today's figure",
        "Te Tiriti o Waitangi",
    ]


# --- The graded checks -------------------------------------------------------------------


def test_every_capstone_exercise_is_registered():
    _load_all()
    ids = {exercise_id(f.name) for f in FIELDS} | {
        "w5-uc-complete",
        "w5-uc-consistent",
        "w5-uc-oversight",
        "w5-uc-pitch",
    }
    assert ids <= set(REGISTRY)
    assert exercise_id("human_oversight") == "w5-uc-human-oversight"
    assert REGISTRY["w5-uc-complete"].variable == "my_use_case"
    for f in FIELDS:
        assert REGISTRY[exercise_id(f.name)].variable == f.name


def test_a_filled_example_earns_the_autograded_points():
    """Claim: a filled-in use case like the example passes all three graded checks."""
    p = example_use_case()
    for qid in ("w5-uc-complete", "w5-uc-consistent", "w5-uc-oversight"):
        assert grade(qid, p).correct, qid


def test_an_empty_use_case_earns_none():
    for check in (check_complete, check_consistent, check_oversight):
        v = check(UseCaseProposal())
        assert v.status == "not answered" and "Nothing is filled in yet" in v.message


def test_a_half_filled_use_case_earns_none():
    p = half_filled()
    v = check_complete(p)
    assert not v.correct and v.message.startswith(f"{len(FIELDS) - len(FIELDS) // 2} parts")
    assert "(1) Customise, buy or build: not filled in yet" in v.message
    assert not check_consistent(p).correct
    assert not check_oversight(p).correct


def test_an_inconsistent_risk_level_fails_only_the_consistency_check():
    p = example(risk_level="Medium")
    assert check_complete(p).correct
    v = check_consistent(p)
    assert v.status == "not yet"
    assert 'which the matrix rates "High", but you wrote "Medium"' in v.message
    assert check_oversight(p).correct  # the oversight step is a real one


def test_high_risk_without_oversight_fails_only_the_oversight_check():
    p = example(human_oversight="Staff check it.")
    assert check_complete(p).correct and check_consistent(p).correct
    v = check_oversight(p)
    assert not v.correct and "who checks what, and when" in v.message


def test_a_graded_check_without_a_collected_use_case_says_what_to_run():
    v = check_complete("my answer")
    assert v.status == "not answered" and "my_use_case = collect_use_case()" in v.message


def test_field_instant_checks_and_the_pitch():
    assert grade("w5-uc-problem", example_use_case().problem).correct
    assert grade("w5-uc-measure-now", "9").status == "wrong kind"
    pitch = " ".join(["We"] + ["could"] * (PITCH_MIN_WORDS - 1))
    assert grade("w5-uc-pitch", pitch).correct
    assert grade("w5-uc-pitch", "We could save time.").status == "not yet"
    assert grade("w5-uc-pitch", "...").status == "not answered"


# --- Drawing the brief -------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_page() -> Figure:
    return brief_figure(example_use_case())


def _texts(fig: Figure) -> list[str]:
    found = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts]
        found += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    return found


def _all_text_inside_the_page(fig: Figure) -> bool:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # places the axis labels
    renderer = canvas.get_renderer()
    page = fig.bbox
    artists = list(fig.texts)
    for ax in fig.axes:
        artists += [*ax.texts, ax.title, ax.xaxis.label, ax.yaxis.label]
    for t in artists:
        if not t.get_text():
            continue
        box = t.get_window_extent(renderer)
        if box.x0 < page.x0 - 1 or box.x1 > page.x1 + 1 or box.y0 < page.y0 - 1:
            return False
        if box.y1 > page.y1 + 1:
            return False
    return True


def test_the_brief_is_one_a4_page_with_the_title_and_every_heading(example_page):
    assert tuple(example_page.get_size_inches()) == pytest.approx(PAGE_SIZE)
    texts = "\n".join(_texts(example_page))
    assert example_use_case().title in texts.replace("\n", " ")
    for heading in ("THE PROBLEM", "RISKS", "PRIVACY", "TE TIRITI O WAITANGI", "FIRST STEP"):
        assert heading in texts
    assert NOT_FILLED not in texts


def test_the_brief_has_the_risk_matrix_and_the_benefit_chart(example_page):
    titles = [ax.get_title() for ax in example_page.axes]
    assert "Risk position: Possible x Severe" in titles
    # Today 9, target 3: down by 6/9 = 67%.
    assert "Benefit measure: target down 67%" in titles
    for ax in example_page.axes:
        assert ax.get_xlabel() and ax.get_ylabel()


def test_the_example_brief_fits_without_shortening(example_page):
    """Claim: the example fits on one page as it is (so it shows no "…")."""
    assert not any("…" in t for t in (t.get_text() for t in example_page.texts))
    assert _all_text_inside_the_page(example_page)


def test_long_text_is_shortened_and_stays_on_the_page():
    long = example(
        title="A very long title " * 12,
        problem=" ".join(f"reason{i}" for i in range(400)),
        agency_team="Community Services Agency " * 10,
    )
    fig = brief_figure(long)
    shown = [t.get_text() for t in fig.texts]
    assert any(s.startswith("reason0") and s.endswith("…") for s in shown)
    assert any(s.startswith("A very long title") and s.endswith("…") for s in shown)
    assert _all_text_inside_the_page(fig)


def test_an_empty_proposal_still_draws_and_says_what_is_missing():
    fig = brief_figure(UseCaseProposal())
    texts = _texts(fig)
    assert sum(NOT_FILLED in t for t in texts) >= 10
    assert any(t.startswith("Still to fill in: Title") for t in texts)
    assert "Risk position: not chosen yet" in texts
    assert _all_text_inside_the_page(fig)


def test_a_huge_answer_or_figure_does_not_break_the_brief():
    """A hostile submission (megabytes of text, an absurd figure) still draws, quickly."""
    import time

    start = time.perf_counter()
    fig = brief_figure(example(problem="x" * 2_000_000, risks="word " * 200_000, measure_now=1e300))
    assert time.perf_counter() - start < 10
    assert any(t.get_text().startswith("xxxx") and t.get_text().endswith("…") for t in fig.texts)
    assert "Benefit measure: today and target" in [ax.get_title() for ax in fig.axes]
    v = field_verdict(FIELD_BY_NAME["measure_now"], 1e300)
    assert v.status == "not yet" and "too big" in v.message
    assert field_verdict(FIELD_BY_NAME["measure_now"], 999_999_999).correct


def test_figures_print_with_thousands_separators_and_no_trailing_zeros():
    assert [figure_text(v) for v in (9, 9.0, 1800, 12.5, 0.25, 2.0 / 3)] == [
        "9",
        "9",
        "1,800",
        "12.5",
        "0.25",
        "0.67",
    ]
    assert (
        "Today: 1,800. Target: 12.5."
        in brief_content(example(measure_now=1800, measure_target=12.5)).left[-1][1]
    )


def test_benefit_chart_rejects_figures_it_cannot_draw():
    for bad in (float("inf"), float("nan"), 1e13, "9"):
        with pytest.raises(ValueError, match="number smaller than"):
            benefit_chart("Days", bad, 3)  # type: ignore[arg-type]


def test_dollar_signs_are_drawn_as_typed():
    fig = brief_figure(example(problem="It costs $200,000 a year, about $50 per case " * 3))
    FigureCanvasAgg(fig).draw()  # maths parsing would fail or change the text here
    assert any("$200,000" in t.get_text() for t in fig.texts)


def test_the_stated_level_is_shown_with_the_matrix_level_when_they_differ():
    content = brief_content(example(risk_level="Medium"))
    assert content.level == "Medium" and content.level_note == "the matrix says High"
    assert brief_content(example_use_case()).level_note == ""


def test_brief_content_and_page_reject_bad_input():
    with pytest.raises(TypeError):
        brief_content("x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        brief_page("x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        brief_charts("x")  # type: ignore[arg-type]


def test_wrap_text_keeps_every_line_within_the_width():
    text = "Whānau in Kōwhai Valley wait nine working days " * 6 + "x" * 120
    lines = wrap_text(text, 200, 9)
    assert all(text_width(line, 9) <= 200 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert wrap_text("", 100, 9) == [""]
    with pytest.raises(ValueError):
        wrap_text("x", 0, 9)


def test_shorten_lines_adds_an_ellipsis_only_when_it_cuts():
    lines = ["one two three", "four five six", "seven eight"]
    assert shorten_lines(lines, 3, 200, 9) == lines
    cut = shorten_lines(lines, 2, 200, 9)
    assert cut == ["one two three", "four five six…"]
    # No room for "…" after the whole first line: words are dropped until it fits.
    tight = shorten_lines(["aaaa bbbb cccc", "dddd"], 1, text_width("aaaa bbbb cccc", 9) + 1, 9)
    assert tight == ["aaaa bbbb…"]
    with pytest.raises(ValueError):
        shorten_lines(lines, 0, 200, 9)


def test_benefit_chart_titles_the_change_and_handles_missing_figures():
    up = benefit_chart("Calls answered within a day", 40, 50)
    ax = up.axes[0]
    assert ax.get_title() == "Benefit measure: target up 25%"
    assert ax.get_xlabel() == "Calls answered within a day" and ax.get_ylabel() == "When"
    missing = benefit_chart(None, None, 5).axes[0]
    assert missing.get_title() == "Benefit measure: today and target"
    assert any(NOT_FILLED in t.get_text() for t in missing.texts)


def test_brief_charts_has_two_labelled_charts():
    content = brief_content(example_use_case())
    assert isinstance(content, BriefContent)
    fig = brief_charts(content)
    assert len(fig.axes) == 2
    assert all(ax.get_title() and ax.get_xlabel() and ax.get_ylabel() for ax in fig.axes)


# --- Writing the files -------------------------------------------------------------------

HOSTILE = '<script>alert("hi")</script> & <img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> BriefFiles:
    folder = tmp_path_factory.mktemp("brief")
    return render_brief(example(problem=HOSTILE + " " + example_use_case().problem), folder)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_render_brief_writes_three_files_of_the_right_kind(rendered):
    assert rendered.html.name == "my-ai-use-case.html"
    assert rendered.pdf.read_bytes().startswith(b"%PDF-")
    assert rendered.pdf.read_bytes().rstrip().endswith(b"%%EOF")
    png = rendered.png.read_bytes()
    width, height = _png_size(png)
    assert height / width == pytest.approx(PAGE_SIZE[1] / PAGE_SIZE[0], rel=0.01)
    assert width >= 1200  # 150 dots per inch: sharp enough to print
    page = rendered.html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert rendered.missing == ()


def test_the_pdf_is_one_page_and_needs_no_latex(rendered):
    data = rendered.pdf.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1


def test_the_html_escapes_the_learners_text(rendered):
    """A learner's text containing <script> must not become markup."""
    page = rendered.html.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; &lt;img" in page


def test_the_html_is_self_contained(rendered):
    page = rendered.html.read_text(encoding="utf-8")
    assert "<style>" in page
    assert "http://" not in page and "https://" not in page
    sources = re.findall(r'src="([^"]*)"', page)
    assert len(sources) == 1 and sources[0].startswith("data:image/png;base64,")
    image = base64.b64decode(sources[0].split(",", 1)[1])
    assert image[:8] == PNG_MAGIC
    for part in ("Port Tāwhiri contact centre", "Te Tiriti o Waitangi", "First step"):
        assert part in page


def test_the_html_has_every_part_in_full():
    """The page shortens long text; the HTML keeps all of it."""
    long = " ".join(f"reason{i}" for i in range(400))
    page = brief_html(example(problem=long))
    assert long in page


def test_rendering_is_repeatable(rendered, tmp_path):
    again = render_brief(example(problem=HOSTILE + " " + example_use_case().problem), tmp_path)
    for x, y in ((rendered.html, again.html), (rendered.pdf, again.pdf), (rendered.png, again.png)):
        assert x.read_bytes() == y.read_bytes(), x.name


def test_an_incomplete_use_case_renders_here_by_default_and_lists_what_is_missing(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    files = render_brief(half_filled(), stem="draft")
    assert files.pdf == Path("draft.pdf") and (tmp_path / "draft.pdf").is_file()
    assert files.png.name == "draft.png" and files.png.read_bytes()[:8] == PNG_MAGIC
    assert files.missing == tuple(f.label for f in FIELDS[len(FIELDS) // 2 :])
    page = files.html.read_text(encoding="utf-8")
    assert NOT_FILLED in page and "Still to fill in: Customise, buy or build" in page
    assert "Still to fill in: Customise, buy or build" in str(files)
    assert "Still to fill in:" in files._repr_html_()
    assert 'href="draft.html"' in files._repr_html_()


def test_validating_with_nbgrader_leaves_no_files_in_the_notebook_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    files = render_brief(example_use_case())
    assert list(tmp_path.iterdir()) == []
    assert files.pdf.is_file() and files.pdf.parent != tmp_path


def test_render_brief_rejects_bad_input(tmp_path):
    with pytest.raises(TypeError):
        render_brief({"title": "x"}, tmp_path)  # type: ignore[arg-type]
    for stem in ("../up", "a/b", "", ".hidden"):
        with pytest.raises(ValueError, match="plain file name"):
            render_brief(example_use_case(), tmp_path, stem=stem)
    with pytest.raises(TypeError):
        render_brief(example_use_case(), tmp_path, stem=3)  # type: ignore[arg-type]


# --- Claims the notebook's text makes ------------------------------------------------------

USE_CASE_NOTEBOOK = Path(__file__).resolve().parents[1] / "source/week-5/week-5-use-case.ipynb"


def test_the_use_case_has_18_parts():
    """Claim: "The use case has 18 short parts, in Parts A to F"."""
    assert len(FIELDS) == 18


def test_the_example_is_rated_high_possible_x_severe():
    """Claim: the example brief shows the hardship grants use case at "Possible x Severe",
    which the matrix rates High, with a benefit target "down 67%" (9 days to 3)."""
    p = example_use_case()
    assert (p.risk_likelihood, p.risk_impact) == ("Possible", "Severe")
    assert matrix_level(p) == level_by_points("Possible", "Severe") == "High"
    assert (p.measure_now, p.measure_target) == (9, 3)
    assert round(100 * (9 - 3) / 9) == 67


def test_the_notebook_marks_add_up_to_what_its_intro_says():
    """Claim: "8 marks checked automatically, 12 marked by your instructor"."""
    import nbformat

    nb = nbformat.read(USE_CASE_NOTEBOOK, as_version=4)
    auto = manual = 0.0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            if meta.get("solution"):
                manual += meta["points"]
            else:
                auto += meta["points"]
    assert (auto, manual) == (8, 12)
    intro = nb.cells[0].source
    assert "8 marks checked automatically, 12 marked by your instructor" in intro
    assert "18 short parts" in intro
