"""Honest testing and overfitting: scores on examples a model learned from, and on new ones.

These are the concept cores behind Week 2's "training and test data" and "why a model that
memorises fails". Every function is pure (results for the course's standard data are
remembered for the session, so a widget or a self-check asks again instantly).

- :func:`split_scores` trains two models on the enquiries: Week 1's learned model, and a
  **memoriser** that sorts a message by finding the most similar message it was trained on
  and copying its category. Each is scored on the messages it learned from and on
  messages kept aside. Because the memoriser has every training message stored, it is
  nearly always right on them, and that says little about new messages.
- :func:`scoring_three_ways` scores the learned model three ways, only one of them honest,
  for the exercise "pick the split that gives an honest test score".
- :func:`fit_curve` and :func:`overfitting_sweep` fit curves of growing flexibility to ten
  busy weeks (:func:`aicourse.data.messy.make_busy_weeks`) and measure how far off
  each is, on the weeks it learned from and on new weeks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from numpy.polynomial import Polynomial
from sklearn import config_context
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline

from aicourse import SEED
from aicourse.classify import MODEL_NAME, split_enquiries, train_text_classifier
from aicourse.data.enquiries import make_enquiries
from aicourse.validation import require_table

# --- Honest testing ----------------------------------------------------------------------

#: Week 1's learned model (word patterns into a logistic regression).
LEARNED: str = MODEL_NAME
#: A model that stores every training message and copies the category of the most similar.
MEMORISER: str = "Memoriser"
#: The two models, in the order tables and charts use.
MODELS: tuple[str, str] = (LEARNED, MEMORISER)

#: Shares of the messages kept aside for testing that the demo offers.
TEST_SHARES: tuple[float, ...] = (0.1, 0.2, 0.25, 0.3, 0.4, 0.5)


def train_memoriser(texts: Iterable[str], labels: Sequence[str]) -> Pipeline:
    """Train a memoriser: it stores every message and, for a new one, copies the category
    of the single most similar stored message (by the words they share)."""
    if isinstance(texts, str):
        raise TypeError("texts must be a list of messages, not one string; wrap it in [...]")
    texts = list(texts)
    labels = list(labels)
    if not all(isinstance(t, str) for t in texts):
        raise TypeError("texts must be a list of messages (strings)")
    if len(texts) != len(labels):
        raise ValueError(f"got {len(texts)} messages but {len(labels)} labels")
    if len(texts) < 2:
        raise ValueError("a memoriser needs at least two messages to store")
    model = Pipeline(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("nearest", KNeighborsClassifier(n_neighbors=1, metric="cosine")),
        ]
    )
    model.fit(texts, labels)
    return model


@dataclass(frozen=True)
class SplitScores:
    """Both models' accuracy (0 to 1) on the messages they learned from and on held-back ones.

    ``table`` has one row per model (``MODELS``) and columns ``on_training`` and ``on_test``.
    """

    test_share: float
    n_train: int
    n_test: int
    table: pd.DataFrame

    def gap(self, model: str) -> float:
        """How much higher ``model`` scores on its training messages than on new ones."""
        if model not in self.table.index:
            raise ValueError(f"model must be one of {list(self.table.index)}, got {model!r}")
        row = self.table.loc[model]
        return float(row["on_training"] - row["on_test"])


def _check_share(test_share: object) -> float:
    if isinstance(test_share, bool) or not isinstance(
        test_share, (int, float, np.integer, np.floating)
    ):
        raise TypeError(f"test_share must be a number between 0.05 and 0.5, got {test_share!r}")
    if not 0.05 <= float(test_share) <= 0.5:
        raise ValueError(f"test_share must be between 0.05 and 0.5, got {test_share}")
    return float(test_share)


#: Megabytes the memoriser's search may use at once. scikit-learn's default (1 GB) compares
#: every message with every stored one in one go, over 100 MB for the course's messages;
#: in 8 MB slices the answers are the same, the kernel stays small, and it is faster.
SEARCH_MEMORY_MB = 8


def _accuracy(model: Pipeline, table: pd.DataFrame) -> float:
    with config_context(working_memory=SEARCH_MEMORY_MB):
        predicted = model.predict(list(table["text"]))
    return float((predicted == table["category"].to_numpy()).mean())


def _split_scores(enquiries: pd.DataFrame, test_share: float, seed: int) -> SplitScores:
    train, test = split_enquiries(enquiries, test_share=test_share, seed=seed)
    models = {
        LEARNED: train_text_classifier(train["text"], train["category"], seed=seed),
        MEMORISER: train_memoriser(train["text"], train["category"]),
    }
    table = pd.DataFrame(
        {
            "on_training": [_accuracy(models[m], train) for m in MODELS],
            "on_test": [_accuracy(models[m], test) for m in MODELS],
        },
        index=pd.Index(MODELS, name="model"),
    )
    return SplitScores(test_share, len(train), len(test), table)


@lru_cache(maxsize=32)
def _standard_split_scores(test_share: float, seed: int) -> SplitScores:
    return _split_scores(make_enquiries(3000, seed=seed), test_share, seed)


def split_scores(
    test_share: float = 0.25, enquiries: pd.DataFrame | None = None, seed: int = SEED
) -> SplitScores:
    """Keep ``test_share`` of the enquiries aside, train both models on the rest, score both.

    Uses the course's 3,000 enquiries unless ``enquiries`` is given (results for those are
    remembered for the session). At 0.25 the split is the one used in Week 1, so the
    learned model's test score is the accuracy Week 1 reported.

    Raises:
        TypeError: if ``test_share`` is not a number.
        ValueError: if ``test_share`` is outside 0.05 to 0.5.
    """
    share = _check_share(test_share)
    if enquiries is None:
        s = _standard_split_scores(share, seed)
        return SplitScores(s.test_share, s.n_train, s.n_test, s.table.copy())
    enquiries = require_table("enquiries", enquiries, {"text", "category"})
    return _split_scores(enquiries, share, seed)


#: The three ways of scoring in the exercise, by letter: what the model learned from, and
#: what it was scored on.
WAYS: dict[str, tuple[str, str]] = {
    "A": ("all 3,000 messages", "the same 3,000 messages"),
    "B": ("2,250 messages", "the other 750 messages, kept aside before training"),
    "C": ("all 3,000 messages", "750 of those 3,000, picked at random after training"),
}

#: The letter of the honest way (the right answer is also checked from the scores).
HONEST_WAY: str = "B"


@lru_cache(maxsize=4)
def _three_ways(seed: int) -> pd.DataFrame:
    enquiries = make_enquiries(3000, seed=seed)
    everything = train_text_classifier(enquiries["text"], enquiries["category"], seed=seed)
    picked = enquiries.iloc[np.random.default_rng(seed).permutation(len(enquiries))[:750]]
    accuracy = {
        "A": _accuracy(everything, enquiries),
        "B": float(_standard_split_scores(0.25, seed).table.loc[LEARNED, "on_test"]),
        "C": _accuracy(everything, picked),
    }
    return pd.DataFrame(
        [
            (way, learned, scored, round(100 * accuracy[way], 1))
            for way, (learned, scored) in WAYS.items()
        ],
        columns=["way", "trained on", "scored on", "accuracy (%)"],
    ).set_index("way")


def scoring_three_ways(seed: int = SEED) -> pd.DataFrame:
    """Week 1's learned model scored three ways (``WAYS``); only way B is an honest test.

    Returns one row per way (index ``way``: "A", "B", "C") with what the model was trained
    on, what it was scored on, and its accuracy as a percentage (one decimal place).
    """
    return _three_ways(seed).copy()


# --- Overfitting ------------------------------------------------------------------------

#: The flexibility settings the demo offers: the highest power in the fitted curve.
FLEXIBILITY: tuple[int, ...] = tuple(range(1, 10))


@dataclass(frozen=True)
class CurveFit:
    """One curve fitted to the training weeks, and how far off it is.

    ``curve_x`` and ``curve_y`` trace the curve for drawing. Errors are the average number
    of days the curve is off by (mean absolute error), on the training weeks and on new ones.
    """

    flexibility: int
    curve_x: np.ndarray
    curve_y: np.ndarray
    train_error: float
    new_error: float


def _weeks(weeks: object) -> tuple[pd.DataFrame, pd.DataFrame]:
    weeks = require_table("the weeks", weeks, {"applications", "days_to_decision", "set"})
    train = weeks[weeks["set"] == "training"]
    new = weeks[weeks["set"] == "new"]
    if len(train) < 2 or new.empty:
        raise ValueError("the weeks table needs at least two training weeks and one new week")
    return train, new


def _check_flexibility(flexibility: object, n_train: int) -> int:
    if isinstance(flexibility, bool) or not isinstance(flexibility, (int, np.integer)):
        raise TypeError(f"flexibility must be a whole number, got {flexibility!r}")
    if not 1 <= flexibility <= n_train - 1:
        raise ValueError(
            f"flexibility must be between 1 and {n_train - 1} (one less than the number of "
            f"training weeks), got {flexibility}"
        )
    return int(flexibility)


def fit_curve(weeks: pd.DataFrame, flexibility: int) -> CurveFit:
    """Fit a curve of the given flexibility (highest power, 1 = a straight line) to the
    training weeks; measure how far off it is on them and on the new weeks.

    At flexibility one less than the number of training weeks the curve can pass through
    every training week exactly: it has memorised them.

    Raises:
        TypeError: if ``weeks`` is not a table or ``flexibility`` not a whole number.
        ValueError: if ``flexibility`` is outside 1 to (training weeks - 1).
    """
    train, new = _weeks(weeks)
    degree = _check_flexibility(flexibility, len(train))
    x = train["applications"].to_numpy(dtype=float)
    y = train["days_to_decision"].to_numpy(dtype=float)
    curve = Polynomial.fit(x, y, degree)
    grid = np.linspace(x.min(), x.max(), 400)
    new_x = new["applications"].to_numpy(dtype=float)
    new_y = new["days_to_decision"].to_numpy(dtype=float)
    return CurveFit(
        degree,
        grid,
        curve(grid),
        float(np.round(np.abs(curve(x) - y).mean(), 6)),
        float(np.abs(curve(new_x) - new_y).mean()),
    )


def overfitting_sweep(weeks: pd.DataFrame, settings: Sequence[int] = FLEXIBILITY) -> pd.DataFrame:
    """``fit_curve`` at each flexibility: columns ``flexibility``, ``train_error``, ``new_error``
    (average days off, on the training weeks and on new weeks)."""
    if isinstance(settings, (str, bytes)) or len(settings) == 0:
        raise ValueError("give at least one flexibility setting")
    fits = [fit_curve(weeks, s) for s in settings]
    return pd.DataFrame(
        [(f.flexibility, f.train_error, f.new_error) for f in fits],
        columns=["flexibility", "train_error", "new_error"],
    )
