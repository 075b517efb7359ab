"""The enquiries generator: schema, determinism, the shares its mechanism promises, bad input."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from aicourse import SEED
from aicourse.data import CATEGORIES as EXPORTED_CATEGORIES
from aicourse.data import make_enquiries as exported_make_enquiries
from aicourse.data.enquiries import (
    CATEGORIES,
    CATEGORY_SHARES,
    P_LABEL_NOISE,
    P_SECOND_TOPIC,
    P_VAGUE,
    agency_name,
    make_enquiries,
)

#: Large enough that sampling error on every share is well under a percentage point.
N_BIG = 20_000


@pytest.fixture(scope="module")
def big() -> pd.DataFrame:
    return make_enquiries(N_BIG, seed=SEED)


def _tolerance(p: float, n: int) -> float:
    """Four standard errors of a sample share: a false failure is about 1 in 16,000."""
    return 4 * math.sqrt(p * (1 - p) / n)


def test_package_reexports_the_generator():
    assert exported_make_enquiries is make_enquiries
    assert EXPORTED_CATEGORIES == CATEGORIES


def test_constants_describe_five_categories_with_shares_summing_to_one():
    assert len(CATEGORIES) == len(set(CATEGORIES)) == 5
    assert len(CATEGORY_SHARES) == len(CATEGORIES)
    assert sum(CATEGORY_SHARES) == pytest.approx(1.0)
    # The docstring: payments are the most common, information requests the least.
    shares = dict(zip(CATEGORIES, CATEGORY_SHARES, strict=True))
    assert max(shares, key=shares.get) == "Payments"
    assert min(shares, key=shares.get) == "Information request"


def test_agency_name_is_a_non_empty_string():
    assert isinstance(agency_name(), str) and agency_name().strip()


def test_schema_and_types():
    df = make_enquiries(300, seed=7)
    assert list(df.columns) == ["message_id", "text", "category", "ambiguous", "mislabelled"]
    assert len(df) == 300
    assert df["message_id"].tolist() == list(range(1, 301))
    assert df["ambiguous"].dtype == bool
    assert df["mislabelled"].dtype == bool
    assert set(df["category"]) <= set(CATEGORIES)
    assert df["text"].map(lambda t: isinstance(t, str) and t.strip() != "").all()


def test_every_slot_is_filled_and_text_is_tidy(big):
    texts = big["text"]
    # No template placeholder survives, and parts are joined with single spaces.
    assert not texts.str.contains(r"[{}]").any()
    assert not texts.str.contains("  ").any()
    assert (texts == texts.str.strip()).all()


def test_the_smallest_allowed_table():
    assert len(make_enquiries(10)) == 10


def test_numpy_integers_are_accepted_and_mean_the_same():
    pd.testing.assert_frame_equal(
        make_enquiries(np.int64(50), seed=np.int64(3)), make_enquiries(50, seed=3)
    )


def test_same_seed_gives_the_identical_table():
    pd.testing.assert_frame_equal(make_enquiries(500, seed=11), make_enquiries(500, seed=11))


def test_default_seed_is_the_course_seed():
    pd.testing.assert_frame_equal(make_enquiries(200), make_enquiries(200, seed=SEED))


def test_different_seeds_give_different_texts():
    a = make_enquiries(500, seed=1)
    b = make_enquiries(500, seed=2)
    # Each message combines a greeting, one of ~55 phrasings, filled slots and a sign-off,
    # so two independent draws rarely coincide; most positions must differ.
    assert (a["text"] != b["text"]).mean() > 0.8


def test_generating_other_tables_in_between_does_not_change_a_table():
    # Same n and seed -> same table, even after generating other tables in between.
    first = make_enquiries(100, seed=5)
    make_enquiries(400, seed=6)
    pd.testing.assert_frame_equal(first, make_enquiries(100, seed=5))


def test_category_shares_match_the_mechanism(big):
    """Observed shares = drawn share, moved by label noise.

    A label is kept with probability 1 - P_LABEL_NOISE, and a mislabelled message from any
    of the other four categories lands on this one with probability 1/4, so the expected
    share of category c is p_c (1 - e) + (1 - p_c) e / 4.
    """
    observed = big["category"].value_counts(normalize=True)
    e = P_LABEL_NOISE
    for category, p in zip(CATEGORIES, CATEGORY_SHARES, strict=True):
        expected = p * (1 - e) + (1 - p) * e / 4
        assert abs(observed[category] - expected) < _tolerance(expected, N_BIG), category


def test_ambiguous_share_matches_the_mechanism(big):
    """Vague with P_VAGUE; otherwise a second topic with P_SECOND_TOPIC: both flagged."""
    expected = P_VAGUE + (1 - P_VAGUE) * P_SECOND_TOPIC
    assert abs(big["ambiguous"].mean() - expected) < _tolerance(expected, N_BIG)


def test_mislabelled_share_matches_the_mechanism(big):
    assert abs(big["mislabelled"].mean() - P_LABEL_NOISE) < _tolerance(P_LABEL_NOISE, N_BIG)


def test_vague_messages_are_flagged_ambiguous(big):
    vague_openings = ("Can someone please call me back?", "Is anyone reading these messages?")
    vague = big["text"].str.contains("|".join(map(re.escape, vague_openings)), case=False)
    assert vague.sum() > 0
    assert big.loc[vague, "ambiguous"].all()


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"n": 100.0}, TypeError, "n must be a whole number"),
        ({"n": "100"}, TypeError, "n must be a whole number"),
        ({"n": True}, TypeError, "n must be a whole number"),
        ({"n": 100, "seed": 1.5}, TypeError, "seed must be a whole number"),
        ({"n": 100, "seed": None}, TypeError, "seed must be a whole number"),
        ({"n": 9}, ValueError, "between 10 and 100,000"),
        ({"n": 100_001}, ValueError, "between 10 and 100,000"),
        ({"n": -5}, ValueError, "between 10 and 100,000"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(kwargs, error, words):
    with pytest.raises(error, match=words):
        make_enquiries(**kwargs)


def test_a_negative_seed_is_refused_with_a_message_naming_the_seed():
    with pytest.raises(ValueError, match="seed"):
        make_enquiries(100, seed=-1)
