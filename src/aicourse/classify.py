"""Sorting messages two ways: a hand-written keyword rule, and a model that learns from examples.

These are the concept cores behind "rules versus learning". Every function is pure: it
takes data and returns plain values (numbers, strings, tables), so lessons, widgets,
exercises and tests all use the same code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from aicourse import SEED
from aicourse.data.enquiries import CATEGORIES
from aicourse.threads import one_blas_thread

#: The keywords a sensible person might write down for each category, checked in this
#: order; the first category with a matching word wins.
DEFAULT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "Information request": ("official information", "information", "copy", "request"),
    "Complaint": ("complaint", "complain", "unhappy", "rude"),
    "Appointments": ("appointment", "book", "booking", "cancel"),
    "Update my details": ("address", "update", "moved", "details", "phone number"),
    "Payments": ("payment", "paid", "pay", "money"),
}


def _texts(texts: Iterable[str] | str) -> list[str]:
    """Check that ``texts`` is a list of strings (not one string) and return it as a list."""
    if isinstance(texts, str):
        raise TypeError("expected a list of messages, got a single string; wrap it in [...]")
    out = list(texts)
    bad = [t for t in out if not isinstance(t, str)]
    if bad:
        raise TypeError(f"every message must be text (a string); found {type(bad[0]).__name__}")
    return out


@dataclass(frozen=True)
class KeywordRule:
    """A hand-written rule: the first category whose keyword appears in a message wins.

    Messages with no keyword go to ``default``. This is rules-based automation: it does
    exactly what it was told, and nothing it was not told.
    """

    keywords: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_KEYWORDS))
    default: str = "Payments"

    def __post_init__(self) -> None:
        if not self.keywords:
            raise ValueError("a keyword rule needs at least one category with keywords")
        for category, words in self.keywords.items():
            if isinstance(words, str) or not all(isinstance(w, str) and w for w in words):
                raise TypeError(
                    f"keywords for {category!r} must be a list of non-empty words, got {words!r}"
                )

    def match(self, text: str) -> tuple[str, str | None]:
        """Return the category for one message and the keyword that decided it (or None)."""
        if not isinstance(text, str):
            raise TypeError(f"a message must be text (a string), got {type(text).__name__}")
        lowered = text.lower()
        for category, words in self.keywords.items():
            for word in words:
                if re.search(rf"\b{re.escape(word.lower())}\b", lowered):
                    return category, word
        return self.default, None

    def predict(self, texts: Iterable[str]) -> list[str]:
        """Sort each message into a category."""
        return [self.match(t)[0] for t in _texts(texts)]


def split_enquiries(
    enquiries: pd.DataFrame, test_share: float = 0.25, seed: int = SEED
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split enquiries into training and test sets, keeping category shares the same in both.

    The test set is kept aside: neither the rule's author nor the model sees it, so scores
    on it are an honest guess at how each would do on new messages.
    """
    if not 0.05 <= test_share <= 0.95:
        raise ValueError(f"test_share must be between 0.05 and 0.95, got {test_share}")
    missing = {"text", "category"} - set(enquiries.columns)
    if missing:
        raise ValueError(f"enquiries table is missing columns: {sorted(missing)}")
    train, test = train_test_split(
        enquiries, test_size=test_share, random_state=seed, stratify=enquiries["category"]
    )
    return train.reset_index(drop=True), test.reset_index(drop=True)


def train_text_classifier(
    texts: Iterable[str], labels: Sequence[str], seed: int = SEED
) -> Pipeline:
    """Train a text classifier: word and word-pair counts, weighted, into a logistic regression.

    This is machine learning: nobody writes the rules; the model finds which words go with
    which category from labelled examples.
    """
    texts = _texts(texts)
    labels = list(labels)
    if len(texts) != len(labels):
        raise ValueError(f"got {len(texts)} messages but {len(labels)} labels")
    if len(set(labels)) < 2:
        raise ValueError("training needs examples of at least two categories")
    model = Pipeline(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("classifier", LogisticRegression(C=10.0, max_iter=2000, random_state=seed)),
        ]
    )
    with one_blas_thread():
        model.fit(texts, labels)
    return model


@dataclass(frozen=True)
class Evaluation:
    """How one classifier did on a test set."""

    name: str
    accuracy: float
    confusion: pd.DataFrame  # rows: true category; columns: predicted category
    mistakes: pd.DataFrame  # columns: text, true, predicted

    @property
    def n_mistakes(self) -> int:
        """Number of test messages sorted into the wrong category."""
        return len(self.mistakes)


def evaluate(
    name: str, texts: Sequence[str], truth: Sequence[str], predicted: Sequence[str]
) -> Evaluation:
    """Score predictions against the true categories: accuracy, confusion table, mistakes."""
    if not (len(texts) == len(truth) == len(predicted)):
        raise ValueError("texts, truth and predicted must be the same length")
    if len(truth) == 0:
        raise ValueError("cannot evaluate on an empty test set")
    truth_s = pd.Series(list(truth), name="true")
    pred_s = pd.Series(list(predicted), name="predicted")
    labels = [c for c in CATEGORIES if c in set(truth_s) | set(pred_s)]
    labels += sorted((set(truth_s) | set(pred_s)) - set(labels))
    confusion = pd.crosstab(
        pd.Categorical(truth_s, labels), pd.Categorical(pred_s, labels), dropna=False
    ).rename_axis(index="true category", columns="predicted category")
    wrong = truth_s != pred_s
    mistakes = pd.DataFrame({"text": list(texts), "true": truth_s, "predicted": pred_s})[
        wrong.to_numpy()
    ].reset_index(drop=True)
    return Evaluation(name, float((~wrong).mean()), confusion, mistakes)


@dataclass(frozen=True)
class Comparison:
    """The keyword rule and the learned model, scored on the same test messages."""

    rule: Evaluation
    model: Evaluation

    def summary(self) -> pd.DataFrame:
        """One row per method: accuracy (as a percentage) and number of mistakes."""
        return pd.DataFrame(
            {
                "method": [self.rule.name, self.model.name],
                "accuracy (%)": [
                    round(100 * self.rule.accuracy, 1),
                    round(100 * self.model.accuracy, 1),
                ],
                "mistakes": [self.rule.n_mistakes, self.model.n_mistakes],
            }
        ).set_index("method")


RULE_NAME = "Keyword rule"
MODEL_NAME = "Learned model"


def compare_classifiers(
    train: pd.DataFrame, test: pd.DataFrame, rule: KeywordRule | None = None, seed: int = SEED
) -> Comparison:
    """Train the model on ``train``, then score it and the keyword rule on ``test``."""
    rule = rule or KeywordRule()
    model = train_text_classifier(train["text"], train["category"], seed=seed)
    texts = list(test["text"])
    truth = list(test["category"])
    return Comparison(
        rule=evaluate(RULE_NAME, texts, truth, rule.predict(texts)),
        model=evaluate(MODEL_NAME, texts, truth, list(model.predict(texts))),
    )


def predict_with_confidence(model: Pipeline, texts: Iterable[str]) -> pd.DataFrame:
    """The model's category for each message and how sure it is (its highest probability)."""
    texts = _texts(texts)
    proba = model.predict_proba(texts)
    best = proba.argmax(axis=1)
    return pd.DataFrame(
        {
            "text": texts,
            "predicted": model.classes_[best],
            "confidence": proba[np.arange(len(texts)), best].round(3),
        }
    )


def sort_message(text: str, model: Pipeline, rule: KeywordRule | None = None) -> dict[str, object]:
    """Sort one message both ways, for the "type your own message" demo.

    Returns the rule's category and the keyword that decided it, and the model's category
    with its confidence (0 to 1).
    """
    if not isinstance(text, str):
        raise TypeError(f"a message must be text (a string), got {type(text).__name__}")
    rule = rule or KeywordRule()
    rule_category, keyword = rule.match(text)
    row = predict_with_confidence(model, [text]).iloc[0]
    return {
        "rule": rule_category,
        "keyword": keyword,
        "model": str(row["predicted"]),
        "confidence": float(row["confidence"]),
    }


@dataclass(frozen=True)
class ConfidenceSplit:
    """What happens when only confident predictions are automated and the rest go to a person."""

    threshold: float
    n_total: int
    n_automatic: int
    n_to_person: int
    accuracy_automatic: float  # share of automated messages sorted correctly (nan if none)

    @property
    def share_automatic(self) -> float:
        """Share of all messages sorted automatically."""
        return self.n_automatic / self.n_total


def confidence_split(
    confidence: Sequence[float], correct: Sequence[bool], threshold: float
) -> ConfidenceSplit:
    """Automate the messages whose confidence is at least ``threshold``; people sort the rest.

    ``confidence`` is the model's confidence per message (0 to 1) and ``correct`` whether its
    category was right. Returns the counts and the accuracy of the automated part.
    """
    conf = np.asarray(confidence, dtype=float)
    ok = np.asarray(correct, dtype=bool)
    if conf.shape != ok.shape or conf.ndim != 1 or conf.size == 0:
        raise ValueError("confidence and correct must be non-empty lists of the same length")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
        raise TypeError(f"threshold must be a number between 0 and 1, got {threshold!r}")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
    auto = conf >= threshold
    n_auto = int(auto.sum())
    acc = float(ok[auto].mean()) if n_auto else float("nan")
    return ConfidenceSplit(float(threshold), int(conf.size), n_auto, int(conf.size) - n_auto, acc)


def confidence_sweep(
    confidence: Sequence[float], correct: Sequence[bool], thresholds: Sequence[float]
) -> pd.DataFrame:
    """``confidence_split`` at each threshold: share automated and accuracy of that share."""
    rows = []
    for t in thresholds:
        s = confidence_split(confidence, correct, t)
        rows.append((s.threshold, s.share_automatic, s.accuracy_automatic, s.n_to_person))
    return pd.DataFrame(
        rows, columns=["threshold", "share_automatic", "accuracy_automatic", "n_to_person"]
    )
