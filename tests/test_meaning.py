"""Week 4's extra cores (``aicourse.meaning``) and their charts (``aicourse.plots.genai``).

Determinism, bad input, and the documented mechanism of each function. The story claims
the lesson makes with them are in ``tests/test_story_w4.py``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from aicourse import SEED
from aicourse.data.corpus import corpus_text
from aicourse.data.policies import policies_table
from aicourse.language import (
    STANDARD_PROMPTS,
    apply_temperature,
    build_index,
    generate,
    next_token_probabilities,
    novel_sentences,
    search,
    standard_index,
    standard_model,
    tokenize,
    train_ngram,
)
from aicourse.meaning import (
    MAP_WORDS,
    MIN_TEXTS,
    RATE_TEMPERATURES,
    SHOWN_TEMPERATURES,
    TOKEN_KINDS,
    MeaningMap,
    PlacedWord,
    closest_words,
    invented_sentences,
    invention_rates,
    meaning_map,
    place_word,
    sentence_similarity,
    temperature_table,
    text_counts,
    token_table,
    word_count,
)
from aicourse.plots.genai import invention_chart, meaning_map_chart, temperature_chart


@pytest.fixture(scope="module")
def model():
    return standard_model()


@pytest.fixture(scope="module")
def corpus() -> str:
    return corpus_text()


@pytest.fixture(scope="module")
def index():
    return standard_index()


@pytest.fixture(scope="module")
def word_map(index):
    return meaning_map(index)


#: A small collection whose word counts are known: "fee" is in 3 texts, "grant" in 2,
#: "pay" in 4, each other word in exactly 1.
SMALL_TEXTS = (
    "fee grant pay alpha",
    "fee grant pay bravo",
    "fee pay charlie",
    "pay delta",
    "echo foxtrot",
)


@pytest.fixture(scope="module")
def small_index():
    passages = pd.DataFrame(
        {"id": ["P1", "P2"], "title": ["One", "Two"], "text": [SMALL_TEXTS[0], SMALL_TEXTS[1]]}
    )
    return build_index(passages, background_texts=list(SMALL_TEXTS[2:]), dims=3)


# --------------------------------------------------------------------------------------
# Tokens by kind
# --------------------------------------------------------------------------------------


def test_token_table_marks_each_token_with_its_kind():
    table = token_table("My $1,500 grant is late!")
    assert list(table.columns) == ["position", "token", "kind"]
    assert list(table["token"]) == tokenize("My $1,500 grant is late!")
    assert list(table["position"]) == list(range(1, len(table) + 1))
    assert dict(zip(table["token"], table["kind"], strict=True)) == {
        "my": "word",
        "$": "punctuation",
        "1,500": "number",
        "grant": "word",
        "is": "word",
        "late": "word",
        "!": "punctuation",
    }
    assert set(table["kind"]) <= set(TOKEN_KINDS)


def test_token_table_of_empty_text_is_empty_and_bad_input_is_refused():
    assert token_table("").empty
    assert list(token_table("   ").columns) == ["position", "token", "kind"]
    with pytest.raises(TypeError):
        token_table(42)  # type: ignore[arg-type]


def test_word_count_counts_pieces_between_spaces():
    assert word_count("Kia ora, my $85.50 payment is late!") == 7
    assert word_count("  two   words ") == 2
    assert word_count("") == 0
    with pytest.raises(TypeError):
        word_count(["a", "b"])  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# Temperature
# --------------------------------------------------------------------------------------


def test_temperature_table_reshapes_the_same_tokens_by_the_formula(model):
    table = temperature_table(model, "Hardship grants are", (0.0, 0.5, 1.5), top=3)
    assert list(table.columns) == ["temperature", "token", "probability", "count"]
    assert list(table["temperature"].unique()) == [0.0, 0.5, 1.5]
    base = next_token_probabilities(model, "Hardship grants are", top=3)
    for _, rows in table.groupby("temperature", sort=False):
        assert list(rows["token"]) == list(base["token"])  # same tokens, same order
        assert list(rows["count"]) == list(base["count"])
    # With every possible token listed, the chances are apply_temperature of the counts.
    full = next_token_probabilities(model, "Hardship grants are", top=100)
    counts = full["count"].to_numpy(dtype=float)
    for t in (0.5, 1.5):
        expected = apply_temperature(counts / counts.sum(), t)[:3]
        got = table.loc[table["temperature"] == t, "probability"].to_numpy()
        assert np.allclose(got, expected)


def test_temperature_table_defaults_and_bad_input(model):
    table = temperature_table(model, "Staff must")
    assert list(table["temperature"].unique()) == list(SHOWN_TEMPERATURES)
    assert table.equals(temperature_table(model, "Staff must"))
    with pytest.raises(ValueError):
        temperature_table(model, "Staff must", ())
    with pytest.raises(ValueError):
        temperature_table(model, "Staff must", (0.5, 2.5))
    with pytest.raises(TypeError):
        temperature_table(model, "Staff must", 0.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        temperature_table(model, "Staff must", ("hot",))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        temperature_table("not a model", "Staff must")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# How often the model makes things up
# --------------------------------------------------------------------------------------


def test_invention_rates_count_pieces_with_a_sentence_not_in_the_corpus(model, corpus):
    prompts = ("Travel claims are", "Complaints are")
    rates = invention_rates(model, corpus, prompts, temperatures=(0.0, 1.0), tries=4)
    assert list(rates.columns) == ["temperature", "written", "made_up", "share_made_up"]
    assert list(rates["written"]) == [8, 8]
    # Counted by hand with the same tries and seeds.
    for row in rates.itertuples():
        made_up = sum(
            bool(
                novel_sentences(
                    generate(model, p, temperature=row.temperature, seed=SEED + i), corpus
                )
            )
            for p in prompts
            for i in range(4)
        )
        assert row.made_up == made_up
        assert row.share_made_up == pytest.approx(made_up / 8)


def test_invention_rates_at_temperature_0_repeat_each_prompts_result(model, corpus):
    """At temperature 0 every try is the same, so each phrase counts 0 or ``tries`` times."""
    rates = invention_rates(model, corpus, temperatures=(0.0,), tries=3)
    assert rates["made_up"].iloc[0] % 3 == 0


def test_invention_rates_are_repeatable_and_reject_bad_input(model, corpus):
    a = invention_rates(model, corpus, ("Staff must",), (0.5,), tries=3, seed=7)
    assert a.equals(invention_rates(model, corpus, ("Staff must",), (0.5,), tries=3, seed=7))
    assert list(invention_rates(model, corpus, ("Staff must",), tries=1)["temperature"]) == list(
        RATE_TEMPERATURES
    )
    with pytest.raises(TypeError):
        invention_rates(model, corpus, "Staff must")
    with pytest.raises(ValueError):
        invention_rates(model, corpus, ())
    with pytest.raises(ValueError):
        invention_rates(model, corpus, tries=0)
    with pytest.raises(TypeError):
        invention_rates(model, corpus, tries=2.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        invention_rates(model, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        invention_rates(model, corpus, (3,))  # type: ignore[arg-type]


def test_invented_sentences_keep_only_made_up_writing_beside_its_closest_policy(
    model, corpus, index
):
    table = invented_sentences(model, corpus, index, temperature=1.0, tries=2)
    assert list(table.columns) == ["prompt", "try", "written", "policy", "policy_says"]
    assert not table.empty
    for row in table.itertuples():
        assert novel_sentences(row.written, corpus)
        best = search(index, row.written, k=1).iloc[0]
        assert (row.policy, row.policy_says) == (best["id"], best["sentence"])
    # Every made-up piece is listed, and nothing else.
    expected = [
        (p, i + 1)
        for p in STANDARD_PROMPTS
        for i in range(2)
        if novel_sentences(generate(model, p, temperature=1.0, seed=SEED + i), corpus)
    ]
    assert list(zip(table["prompt"], table["try"], strict=True)) == expected


def test_sentence_table_shows_amounts_as_written_and_not_as_maths(model, corpus, index):
    from aicourse.plots.language import SENTENCE_HEADINGS, sentence_table

    table = invented_sentences(model, corpus, index, temperature=1.0, tries=2)
    html = sentence_table(table).to_html()
    # JupyterLab's MathJax leaves alone what sits inside this class.
    assert re.search(r'<table[^>]*class="mathjax_ignore"', html)
    for heading in SENTENCE_HEADINGS.values():
        assert heading in html
    for sentence in table["written"]:
        assert sentence in html
    assert "prompt" not in html
    with pytest.raises(ValueError, match="invented_sentences"):
        sentence_table(table[["written"]])
    with pytest.raises(ValueError, match="invented_sentences"):
        sentence_table("not a table")  # type: ignore[arg-type]


def test_invented_sentences_reject_bad_input(model, corpus, index):
    with pytest.raises(ValueError):
        invented_sentences(model, corpus, index, temperature=3.0)
    with pytest.raises(TypeError):
        invented_sentences(model, 5, index)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        invented_sentences(model, corpus, "index")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# A map of meaning
# --------------------------------------------------------------------------------------


def test_map_words_are_known_to_the_index_and_distinct(index):
    words = [w for ws in MAP_WORDS.values() for w in ws]
    assert len(words) == len(set(words)) == 20
    assert np.all(np.linalg.norm(index.embed(words), axis=1) > 0.99)


def test_meaning_map_is_the_top_two_principal_directions(index, word_map):
    assert isinstance(word_map, MeaningMap)
    words = list(word_map.words["word"])
    vectors = index.embed(words)
    centred = vectors - vectors.mean(axis=0)
    # The axes are orthonormal, and no other unit direction spreads the words more.
    assert np.allclose(word_map.axes @ word_map.axes.T, np.eye(2), atol=1e-9)
    spread = np.var(centred @ word_map.axes.T, axis=0)
    rng = np.random.default_rng(0)
    for _ in range(50):
        d = rng.normal(size=vectors.shape[1])
        d /= np.linalg.norm(d)
        assert np.var(centred @ d) <= spread[0] + 1e-12
    assert spread[0] >= spread[1]
    # Positions are the projections, and the share kept is between 0 and 1.
    xy = word_map.words[["x", "y"]].to_numpy()
    assert np.allclose(xy, word_map.position(vectors))
    assert 0 < word_map.share_kept < 1
    # Sign convention: each direction's largest weight is positive.
    for row in word_map.axes:
        assert row[np.argmax(np.abs(row))] > 0


def test_meaning_map_is_repeatable_and_keeps_topics(index, word_map):
    again = meaning_map(index)
    assert again.words.equals(word_map.words)
    assert list(word_map.words["topic"].unique()) == list(MAP_WORDS)


def test_meaning_map_rejects_bad_input(index):
    with pytest.raises(TypeError):
        meaning_map("index")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        meaning_map(index, ["money", "bank"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        meaning_map(index, {"Money": "money"})
    with pytest.raises(ValueError, match="at least 3"):
        meaning_map(index, {"Money": ("money", "bank")})
    with pytest.raises(ValueError, match="only once"):
        meaning_map(index, {"A": ("money", "bank"), "B": ("money", "rude")})
    with pytest.raises(ValueError, match="never seen"):
        meaning_map(index, {"A": ("money", "bank", "zzzqqq")})


def test_text_counts_reads_back_how_many_texts_use_each_word(small_index):
    counts = text_counts(small_index)
    assert counts["fee"] == 3
    assert counts["grant"] == 2
    assert counts["pay"] == 4
    assert counts["alpha"] == counts["foxtrot"] == 1
    with pytest.raises(TypeError):
        text_counts("index")  # type: ignore[arg-type]


def test_closest_words_ranks_common_words_by_cosine_similarity(index):
    table = closest_words(index, "money", k=5)
    assert list(table.columns) == ["word", "similarity"]
    assert len(table) == 5
    assert "money" not in set(table["word"])
    assert list(table["similarity"]) == sorted(table["similarity"], reverse=True)
    vectors = index.embed(["money", *table["word"]])
    assert np.allclose(vectors[1:] @ vectors[0], table["similarity"])
    counts = text_counts(index)
    assert all(counts[w] >= MIN_TEXTS and w.isalpha() and len(w) >= 3 for w in table["word"])
    # No common word outside the list is closer than the last one listed.
    others = [
        w
        for w, n in counts.items()
        if n >= MIN_TEXTS and w.isalpha() and len(w) >= 3 and w not in set(table["word"])
    ]
    others.remove("money")
    assert (index.embed(others) @ vectors[0]).max() <= table["similarity"].iloc[-1] + 1e-12


def test_closest_words_of_an_unknown_word_is_empty_and_bad_input_is_refused(index):
    assert closest_words(index, "zzzqqq").empty
    assert closest_words(index, "Payments")["word"].tolist()[0] != "payment"
    with pytest.raises(ValueError):
        closest_words(index, "   ")
    with pytest.raises(TypeError):
        closest_words(index, 7)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        closest_words(index, "money", k=0)


def test_place_word_lands_where_the_map_projects_it(index, word_map):
    placed = place_word(index, word_map, "late", k=3)
    assert isinstance(placed, PlacedWord) and placed.known
    x, y = word_map.position(index.embed(["late"])[0])[0]
    assert (placed.x, placed.y) == pytest.approx((x, y))
    near = placed.nearest_on_map
    assert list(near.columns) == ["word", "topic", "similarity"] and len(near) == 3
    sims = index.embed(list(word_map.words["word"])) @ index.embed(["late"])[0]
    assert near["similarity"].iloc[0] == pytest.approx(sims.max())
    assert list(placed.closest["word"]) == list(closest_words(index, "late")["word"])


def test_place_word_leaves_out_the_word_itself_and_handles_unknown_words(index, word_map):
    placed = place_word(index, word_map, "Money")
    assert "money" not in set(placed.nearest_on_map["word"])
    unknown = place_word(index, word_map, "zzzqqq")
    assert not unknown.known and unknown.x is None and unknown.nearest_on_map.empty
    with pytest.raises(TypeError):
        place_word(index, "map", "money")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        place_word(index, word_map, "")
    with pytest.raises(ValueError):
        place_word(index, word_map, "money", k=21)


def test_sentence_similarity_is_the_cosine_of_the_embeddings(index):
    a, b = "When will I get my money?", policies_table()["text"][0]
    vectors = index.embed([a, b])
    assert sentence_similarity(index, a, b) == pytest.approx(float(vectors[0] @ vectors[1]))
    assert sentence_similarity(index, a, a) == pytest.approx(1.0)
    assert sentence_similarity(index, "zzzqqq", a) == 0.0
    with pytest.raises(TypeError):
        sentence_similarity(index, a, None)  # type: ignore[arg-type]


def test_tiny_model_trained_elsewhere_works_with_the_cores():
    """The cores take any model, not only the course's standard one."""
    small = train_ngram("Staff must help. Staff must listen. Staff must help.")
    table = temperature_table(small, "Staff must", (1.0,))
    assert dict(zip(table["token"], table["probability"], strict=True)) == pytest.approx(
        {"help": 2 / 3, "listen": 1 / 3}
    )


# --------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------


def _texts(fig: Figure) -> str:
    ax = fig.axes[0]
    return " ".join([ax.get_title(), ax.get_xlabel(), ax.get_ylabel()])


def test_temperature_chart_draws_a_bar_per_token_and_temperature(model):
    table = temperature_table(model, "Hardship grants are")
    fig = temperature_chart(table, context="Hardship grants are")
    ax = fig.axes[0]
    assert len(ax.patches) == len(table)
    assert "Hardship grants are" in ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert len(ax.get_legend().get_texts()) == len(SHOWN_TEMPERATURES)
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    assert widths == sorted(round(100 * p, 6) for p in table["probability"])
    with pytest.raises(ValueError):
        temperature_chart(table.drop(columns="token"))
    with pytest.raises(ValueError):
        temperature_chart(table.iloc[0:0])


def test_invention_chart_plots_the_shares_as_percentages():
    rates = pd.DataFrame({"temperature": [0.0, 1.0], "share_made_up": [0.25, 0.75]})
    fig = invention_chart(rates)
    ax = fig.axes[0]
    x, y = ax.lines[0].get_data()
    assert list(x) == [0.0, 1.0] and list(y) == [25.0, 75.0]
    assert all(_texts(fig).split())
    with pytest.raises(TypeError):
        invention_chart([0.1, 0.2])  # type: ignore[arg-type]


def test_meaning_map_chart_draws_every_word_and_the_placed_star(index, word_map):
    placed = place_word(index, word_map, "late")
    fig = meaning_map_chart(word_map, placed)
    ax = fig.axes[0]
    labels = {t.get_text() for t in ax.texts}
    assert set(word_map.words["word"]) | {"late"} <= labels
    assert len(ax.lines) == len(placed.nearest_on_map)  # dashed lines to the nearest words
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[: len(MAP_WORDS)] == list(MAP_WORDS) and "late" in legend[-1]
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()


def test_meaning_map_chart_says_when_a_word_is_unknown(index, word_map):
    fig = meaning_map_chart(word_map, place_word(index, word_map, "zzzqqq"))
    assert any("not a word the search knows" in t.get_text() for t in fig.axes[0].texts)
    with pytest.raises(TypeError):
        meaning_map_chart("map")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        meaning_map_chart(word_map, "late")  # type: ignore[arg-type]
