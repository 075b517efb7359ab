"""More examples, better model, up to a point: the learning-curve core.

The model is trained on the first ``n`` messages of a fixed shuffle of the training set and
scored on the same held-out test set every time, so the only thing that changes along the
curve is how many examples the model learned from.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from aicourse import SEED
from aicourse.classify import split_enquiries, train_text_classifier
from aicourse.data.enquiries import make_enquiries

#: The training-set sizes the lessons and demos use (the largest is the whole training set).
TRAINING_SIZES: tuple[int, ...] = (20, 50, 100, 200, 400, 800, 2250)


@lru_cache(maxsize=4)
def _standard_split(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    return split_enquiries(make_enquiries(3000, seed=seed), seed=seed)


def standard_split(seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The course's standard enquiries data: 3,000 messages split 2,250 to train, 750 to test.

    Computed once per session and copied on each call, so callers may change their copy.
    """
    train, test = _standard_split(seed)
    return train.copy(), test.copy()


def _check_size(n_train: object, available: int) -> int:
    if isinstance(n_train, bool) or not isinstance(n_train, (int, np.integer)):
        raise TypeError(f"the number of training examples must be a whole number, got {n_train!r}")
    if not 10 <= n_train <= available:
        raise ValueError(
            f"the number of training examples must be between 10 and {available}, got {n_train}"
        )
    return int(n_train)


def accuracy_with_examples(
    n_train: int,
    train: pd.DataFrame | None = None,
    test: pd.DataFrame | None = None,
    seed: int = SEED,
) -> float:
    """Test accuracy (0 to 1) of the learned model trained on the first ``n_train`` examples.

    Uses the standard split unless both ``train`` and ``test`` are given. Results on the
    standard split are remembered for the session, so checking an answer twice is instant.
    """
    if (train is None) != (test is None):
        raise ValueError("give both a training set and a test set, or neither")
    if train is None or test is None:
        n = _check_size(n_train, len(_standard_split(seed)[0]))
        return _standard_accuracy(n, seed)
    return _accuracy(_check_size(n_train, len(train)), train, test, seed)


def _accuracy(n: int, train: pd.DataFrame, test: pd.DataFrame, seed: int) -> float:
    order = np.random.default_rng(seed).permutation(len(train))[:n]
    subset = train.iloc[order]
    model = train_text_classifier(subset["text"], subset["category"], seed=seed)
    return float((model.predict(list(test["text"])) == test["category"].to_numpy()).mean())


@lru_cache(maxsize=64)
def _standard_accuracy(n: int, seed: int) -> float:
    train, test = _standard_split(seed)
    return _accuracy(n, train, test, seed)


def learning_curve(
    sizes: Sequence[int] = TRAINING_SIZES,
    train: pd.DataFrame | None = None,
    test: pd.DataFrame | None = None,
    seed: int = SEED,
) -> pd.DataFrame:
    """Test accuracy for each training-set size: columns ``n_train`` and ``accuracy`` (0 to 1)."""
    if len(sizes) == 0:
        raise ValueError("give at least one training-set size")
    rows = [(int(n), accuracy_with_examples(n, train, test, seed)) for n in sorted(set(sizes))]
    return pd.DataFrame(rows, columns=["n_train", "accuracy"])
