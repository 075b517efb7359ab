"""Week 4's widget views, without a browser: set each control, check ``result`` and ``readout``."""

from __future__ import annotations

import html

import pytest
from IPython.display import HTML
from matplotlib.figure import Figure

from aicourse.language import standard_index, tokenize
from aicourse.meaning import MAP_WORDS, closest_words
from aicourse.prompts import EXAMPLE_PROMPTS, PART_NAMES, PromptCheck, check_prompt
from aicourse.quizzes_w4 import WEEK4_REVIEW, WEEK4_SAFE_USE
from aicourse.views import QuizView, View
from aicourse.views.genai import (
    PART_DESCRIPTIONS,
    TOKEN_COLOURS,
    TOKEN_EXAMPLE,
    MeaningMapView,
    PromptBuilderView,
    TokenView,
    tokens_html,
)


@pytest.fixture(scope="module")
def index():
    return standard_index()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Everything any view draws in its output area during a test."""
    drawn: list[object] = []
    monkeypatch.setattr(View, "_show", lambda self, obj: drawn.append(obj))
    return drawn


def test_every_control_has_a_visible_description(index):
    for view in (TokenView(), MeaningMapView(index), PromptBuilderView()):
        assert view.controls
        for control in view.controls:
            assert control.description.strip(), control


# --------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------


def test_token_view_counts_tokens_and_words(shown):
    view = TokenView()
    assert view.result["text"] == TOKEN_EXAMPLE
    assert view.result["tokens"] == tokenize(TOKEN_EXAMPLE)
    assert (view.result["count"], view.result["words"]) == (10, 7)
    assert view.result["kinds"] == {"word": 6, "number": 1, "punctuation": 3}
    assert "<b>10 tokens</b>" in view.readout.value and "7 words" in view.readout.value
    assert isinstance(shown[-1], HTML)


def test_token_view_follows_the_text_box(shown):
    view = TokenView()
    view.text.value = "Payment day is Thursday."
    assert view.result["tokens"] == ["payment", "day", "is", "thursday", "."]
    assert "<b>5 tokens</b>" in view.readout.value and "4 words" in view.readout.value
    assert "1 punctuation mark." in view.readout.value  # singular for one
    assert ">thursday<" in shown[-1].data
    view.text.value = "   "
    assert view.result["count"] == 0
    assert "Type a sentence" in view.readout.value


def test_token_view_escapes_what_is_typed(shown):
    view = TokenView()
    view.text.value = "<b>bold</b>"
    assert "<b>bold</b>" not in shown[-1].data
    assert html.escape("<") in shown[-1].data
    with pytest.raises(TypeError):
        TokenView(text=5)  # type: ignore[arg-type]


def test_tokens_html_colours_each_kind():
    page = tokens_html(["late", "!", "5"], ["word", "punctuation", "number"])
    for colour in TOKEN_COLOURS.values():
        assert colour in page
    assert page.count("<span title=") == 3


# --------------------------------------------------------------------------------------
# The map of meaning
# --------------------------------------------------------------------------------------


def test_meaning_map_view_places_the_word_and_names_its_neighbours(index, shown):
    view = MeaningMapView(index, word="late")
    placed = view.result
    assert placed.word == "late" and placed.known
    for word in placed.nearest_on_map["word"]:
        assert f"<b>{word}</b>" in view.readout.value
    assert closest_words(index, "late")["word"].iloc[0] in view.readout.value
    assert isinstance(shown[-1], Figure)
    assert len(view.map.words) == sum(len(w) for w in MAP_WORDS.values())


def test_meaning_map_view_follows_the_text_box(index, shown):
    view = MeaningMapView(index)
    view.word.value = "money"
    assert view.result.word == "money"
    assert "bank" in set(view.result.nearest_on_map["word"])
    assert '"money"' in view.readout.value
    view.word.value = "zzzqqq"
    assert not view.result.known
    assert "never seen" in view.readout.value and f"{view.known_words:,}" in view.readout.value
    assert isinstance(shown[-1], Figure)  # the map is still drawn, with a note
    drawn = len(shown)
    view.word.value = "  "
    assert view.result is None and "Type a word" in view.readout.value
    assert len(shown) == drawn


# --------------------------------------------------------------------------------------
# The prompt builder
# --------------------------------------------------------------------------------------


def test_prompt_builder_starts_from_the_vague_example(shown):
    view = PromptBuilderView()
    assert isinstance(view.result, PromptCheck)
    assert view.result == check_prompt(EXAMPLE_PROMPTS["A vague request"])
    assert "<b>2 of 7</b>" in view.readout.value
    assert "No AI model runs here" in view.readout.value
    assert "Task: Write a letter about the hardship grant." in shown[-1].data
    assert [view.parts[n].description for n in PART_NAMES] == [
        PART_DESCRIPTIONS[n] for n in PART_NAMES
    ]


def test_prompt_builder_loads_each_example_and_checks_it_once(shown):
    view = PromptBuilderView()  # starts from the first example
    names = [*list(EXAMPLE_PROMPTS)[1:], next(iter(EXAMPLE_PROMPTS))]
    for name in names:
        parts = EXAMPLE_PROMPTS[name]
        before = len(shown)
        view.example.value = name
        assert len(shown) == before + 1  # one check for the whole example, not one per box
        assert view.result == check_prompt(parts)
        for field in PART_NAMES:
            assert view.parts[field].value == getattr(parts, field)
        assert view.unsure.value is parts.say_if_unsure
    view.example.value = "A risky request"
    assert "Take out the personal information" in view.readout.value
    view.example.value = "A clear request"
    assert "<b>7 of 7</b>" in view.readout.value and "Every line is ticked" in view.readout.value


def test_prompt_builder_follows_each_box_and_the_tick(shown):
    view = PromptBuilderView()
    view.parts["context"].value = "Our policy says grants are paid within 10 working days."
    assert "context" not in view.result.missing and view.result.score == 3
    view.parts["audience"].value = "A new client."
    view.parts["format"].value = "Three sentences."
    view.parts["limits"].value = "No promises."
    assert view.result.score == 6
    view.unsure.value = True
    assert view.result.ready and "<b>7 of 7</b>" in view.readout.value
    view.parts["task"].value = "Email jo@example.com a letter about the hardship grant."
    assert view.result.missing == ("no_personal_information",)
    assert "⚠️" in shown[-1].data and "an email address" in shown[-1].data
    view.parts["task"].value = ""
    assert "task" in view.result.missing
    with pytest.raises(ValueError):
        PromptBuilderView(start="A perfect request")


# --------------------------------------------------------------------------------------
# Quizzes shown with the existing QuizView
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bank", [WEEK4_SAFE_USE, WEEK4_REVIEW])
def test_week4_quizzes_mark_answers_in_the_quiz_view(bank):
    view = QuizView(bank)
    assert view.readout.value == f"<p>0 of {len(bank)} right so far.</p>"
    for choice, question in zip(view.choices, bank, strict=True):
        choice.value = question.answer
    assert all(v.correct for v in view.result)
    assert view.readout.value == f"<p>{len(bank)} of {len(bank)} right so far.</p>"
