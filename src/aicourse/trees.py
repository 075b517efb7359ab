"""A decision tree drawn out: how a model turns past examples into a few yes/no questions.

The concept core behind Week 3's "a decision tree drawn out". A decision tree learns from
the training applications by asking, again and again, "which single yes/no question splits
these applications into two groups that differ most in how often they had a problem?".
Each answer leads to another question, until the tree reaches its **depth** (the most
questions it may ask in a row) or a group gets too small (``MIN_LEAF`` applications).
The final groups are the **leaves**. A new application follows the answers down to a
leaf, and gets that leaf's decision: **"Flag for a check"** if most of the training
applications that ended there had a problem, otherwise **"No check"**.

Problems are fairly rare (about 1 in 6), so a leaf needs a lot of warning signs before
most of its applications had a problem. A shallow tree may therefore flag nobody at all,
and deeper trees flag only small, high-risk groups; section 4 of the lesson shows why
accuracy alone cannot tell these apart.

Every function is pure: it returns plain values, dataclasses or tables. The tree is
scikit-learn's ``DecisionTreeClassifier`` underneath, with a fixed ``random_state``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from sklearn.exceptions import NotFittedError
from sklearn.tree import DecisionTreeClassifier
from sklearn.utils.validation import check_is_fitted

from aicourse import SEED
from aicourse.decisions import FEATURE_LABELS, FEATURES, application_split
from aicourse.evaluation import FLAG_WORDS, Metrics, metrics_from_flags

#: The depths the lesson's slider offers: up to four questions in a row.
DEPTHS: tuple[int, ...] = (1, 2, 3, 4)

#: The smallest group a leaf may hold, so no rule rests on a handful of applications.
MIN_LEAF: int = 20

FLAG, NO_CHECK = FLAG_WORDS

#: How each question is worded, by input. ``{n}`` is the smallest whole number that
#: answers "yes"; ``{amount}`` is a dollar amount.
_QUESTIONS: dict[str, str] = {
    "documents_complete": "All documents supplied?",
    "weekly_income": "Weekly income over {amount}?",
    "household_size": "Household of {n} or more people?",
    "months_at_address": "At their address {n} months or more?",
    "income_changes": "Income changed {n} or more times last year?",
    "prior_grants": "{n} or more grants in the last two years?",
    "age": "Aged {n} or over?",
}


# --- training ------------------------------------------------------------------------------


def _depth(depth: object) -> int:
    if isinstance(depth, bool) or not isinstance(depth, (int, np.integer)):
        raise TypeError(f"depth must be a whole number of questions, got {depth!r}")
    if not 1 <= depth <= 8:
        raise ValueError(f"depth must be between 1 and 8 questions, got {depth}")
    return int(depth)


def _inputs(df: pd.DataFrame, features: Sequence[str]) -> pd.DataFrame:
    """The tree's inputs: the feature columns, with yes/no columns as 1/0 numbers."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a table of applications, got {type(df).__name__}")
    missing = [f for f in features if f not in df.columns]
    if missing:
        raise ValueError(f"the applications table is missing columns: {missing}")
    X = df[list(features)].copy()
    for f in X.columns:
        if X[f].dtype == bool:
            X[f] = X[f].astype(float)
        elif not pd.api.types.is_numeric_dtype(X[f]):
            raise TypeError(f"a tree here needs number or yes/no inputs; {f!r} is {X[f].dtype}")
    return X


def train_tree(
    df: pd.DataFrame,
    depth: int,
    features: Sequence[str] = FEATURES,
    target: str = "problem",
    seed: int = SEED,
    min_leaf: int = MIN_LEAF,
) -> DecisionTreeClassifier:
    """Grow a decision tree that asks at most ``depth`` questions in a row.

    It learns from ``df`` which applications had ``target`` True (by default, a real
    problem), using the honest features. Every leaf holds at least ``min_leaf``
    applications.

    Raises:
        TypeError: if ``depth`` or ``min_leaf`` is not a whole number, or an input is text.
        ValueError: if ``depth`` is not 1 to 8, a column is missing, or ``target`` is
            always True or always False.
    """
    depth = _depth(depth)
    if isinstance(features, str):
        raise TypeError("features must be a list of column names; wrap a single name in [...]")
    features = list(features)
    if not features:
        raise ValueError("give the tree at least one feature")
    if isinstance(min_leaf, bool) or not isinstance(min_leaf, (int, np.integer)):
        raise TypeError(f"min_leaf must be a whole number, got {min_leaf!r}")
    if min_leaf < 1:
        raise ValueError(f"min_leaf must be at least 1, got {min_leaf}")
    X = _inputs(df, features)
    if target not in df.columns:
        raise ValueError(f"the applications table has no {target!r} column")
    y = df[target].to_numpy()
    if y.dtype != bool:
        raise TypeError(f"the target {target!r} must hold True/False values")
    if y.all() or not y.any():
        raise ValueError(f"training needs examples where {target!r} is True and where it is False")
    tree = DecisionTreeClassifier(
        max_depth=depth, min_samples_leaf=int(min_leaf), random_state=seed
    )
    return tree.fit(X, y)


def _fitted(tree: object) -> DecisionTreeClassifier:
    if not isinstance(tree, DecisionTreeClassifier):
        raise TypeError(f"expected a tree made by train_tree, got {type(tree).__name__}")
    try:
        check_is_fitted(tree)
    except NotFittedError as err:
        raise ValueError("this tree has not been trained yet") from err
    if not hasattr(tree, "feature_names_in_") or list(tree.classes_) != [False, True]:
        raise TypeError("expected a tree made by train_tree (trained on a yes/no column)")
    return tree


def tree_flags(tree: DecisionTreeClassifier, df: pd.DataFrame) -> np.ndarray:
    """The tree's decision for each application in ``df``: True means "Flag for a check"."""
    tree = _fitted(tree)
    if len(df) == 0:
        raise ValueError("there are no applications to decide on")
    return np.asarray(tree.predict(_inputs(df, list(tree.feature_names_in_))), dtype=bool)


# --- reading the tree in plain words ---------------------------------------------------------


def split_question(feature: str, threshold: float) -> str:
    """A tree's split as a yes/no question; "yes" means the value is above ``threshold``.

    For example ``("income_changes", 1.5)`` is "Income changed 2 or more times last year?"
    and ``("documents_complete", 0.5)`` is "All documents supplied?".
    """
    if not isinstance(feature, str):
        raise TypeError(f"feature must be a column name (text), got {feature!r}")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float, np.number)):
        raise TypeError(f"threshold must be a number, got {threshold!r}")
    template = _QUESTIONS.get(feature)
    if template is None:
        return f"{FEATURE_LABELS.get(feature, feature)} more than {float(threshold):g}?"
    return template.format(n=math.floor(threshold) + 1, amount=f"${float(threshold):,.0f}")


@dataclass(frozen=True)
class TreeNode:
    """One box of a drawn tree: a question (with a yes and a no branch), or a leaf.

    ``applications`` and ``problems`` count the training applications that reached this
    box and how many of them had a problem. ``yes`` and ``no`` are the ``node_id`` of the
    box each answer leads to (None for a leaf).
    """

    node_id: int
    depth: int
    applications: int
    problems: int
    feature: str | None = None
    threshold: float | None = None
    yes: int | None = None
    no: int | None = None

    @property
    def is_leaf(self) -> bool:
        """True for a leaf (a final group), False for a question."""
        return self.feature is None

    @property
    def question(self) -> str | None:
        """The question asked here, in plain words (None for a leaf)."""
        if self.feature is None or self.threshold is None:
            return None
        return split_question(self.feature, self.threshold)

    @property
    def share(self) -> float:
        """Share of the training applications here that had a problem."""
        return self.problems / self.applications

    @property
    def decision(self) -> str:
        """What the tree decides for an application that ends here: most had a problem?"""
        return FLAG if 2 * self.problems > self.applications else NO_CHECK


def tree_nodes(tree: DecisionTreeClassifier) -> tuple[TreeNode, ...]:
    """Every box of a trained tree, the first question first (``node_id`` 0)."""
    tree = _fitted(tree)
    t = tree.tree_
    names = [str(n) for n in tree.feature_names_in_]
    depth = np.zeros(t.node_count, dtype=int)
    nodes = []
    for i in range(t.node_count):
        n = int(round(float(t.weighted_n_node_samples[i])))
        problems = int(round(float(t.value[i, 0, 1]) * n))
        left, right = int(t.children_left[i]), int(t.children_right[i])
        if left == -1:
            nodes.append(TreeNode(i, int(depth[i]), n, problems))
            continue
        depth[left] = depth[right] = depth[i] + 1
        nodes.append(
            TreeNode(
                i,
                int(depth[i]),
                n,
                problems,
                feature=names[int(t.feature[i])],
                threshold=float(t.threshold[i]),
                yes=right,  # scikit-learn sends values above the threshold to the right
                no=left,
            )
        )
    return tuple(nodes)


def _leaf_paths(nodes: Sequence[TreeNode]) -> list[tuple[TreeNode, list[str]]]:
    """Each leaf, top to bottom (yes before no), with the answers that lead to it."""
    by_id = {node.node_id: node for node in nodes}
    out: list[tuple[TreeNode, list[str]]] = []

    def walk(node_id: int, answers: list[str]) -> None:
        node = by_id[node_id]
        if node.is_leaf or node.yes is None or node.no is None:
            out.append((node, answers))
            return
        walk(node.yes, [*answers, f"{node.question} yes"])
        walk(node.no, [*answers, f"{node.question} no"])

    walk(0, [])
    return out


def tree_rules(tree: DecisionTreeClassifier) -> pd.DataFrame:
    """The tree as rules in plain words: one row per leaf, in the order they are drawn.

    Columns: ``rule`` (the answers that lead to the leaf, joined by "then"), ``decision``,
    ``applications`` (training applications in the leaf), ``had a problem`` and ``share``.
    """
    rows = []
    for leaf, answers in _leaf_paths(tree_nodes(tree)):
        rows.append(
            {
                "rule": " then ".join(answers) if answers else "every application",
                "decision": leaf.decision,
                "applications": leaf.applications,
                "had a problem": leaf.problems,
                "share": leaf.share,
            }
        )
    return pd.DataFrame(rows)


def tree_layout(nodes: Sequence[TreeNode]) -> dict[int, tuple[float, float]]:
    """Where to draw each box: ``(column, row)`` with the first question at the left.

    A question sits in the column of its depth; every leaf sits in the last column, one row
    each, top to bottom in the order of :func:`tree_rules` (yes before no). A question sits
    halfway between the rows of its two branches. Rows count downwards from 0.
    """
    if not nodes:
        raise ValueError("a tree has at least one box")
    last = max(node.depth for node in nodes)
    by_id = {node.node_id: node for node in nodes}
    where: dict[int, tuple[float, float]] = {}
    for row, (leaf, _answers) in enumerate(_leaf_paths(nodes)):
        where[leaf.node_id] = (float(last if last else 0), float(row))
    for node in sorted(nodes, key=lambda n: -n.depth):
        if not node.is_leaf and node.yes is not None and node.no is not None:
            row = (where[node.yes][1] + where[node.no][1]) / 2
            where[node.node_id] = (float(node.depth), row)
    missing = set(by_id) - set(where)
    if missing:
        raise ValueError(f"these boxes are not connected to the first question: {sorted(missing)}")
    return where


# --- growing and testing a tree --------------------------------------------------------------


@dataclass(frozen=True)
class TreeResult:
    """A tree of one depth, its boxes, and how it does on training and test applications."""

    depth: int
    tree: DecisionTreeClassifier
    nodes: tuple[TreeNode, ...]
    train_metrics: Metrics
    test_metrics: Metrics

    @property
    def leaves(self) -> int:
        """Number of leaves (final groups)."""
        return sum(node.is_leaf for node in self.nodes)

    @property
    def questions_used(self) -> tuple[str, ...]:
        """The inputs the tree's questions ask about, in plain words, first use first."""
        seen: list[str] = []
        for node in sorted(self.nodes, key=lambda n: (n.depth, n.node_id)):
            if node.feature is not None:
                label = FEATURE_LABELS.get(node.feature, node.feature)
                if label not in seen:
                    seen.append(label)
        return tuple(seen)


def grow_tree(
    depth: int,
    train: pd.DataFrame | None = None,
    test: pd.DataFrame | None = None,
    seed: int = SEED,
) -> TreeResult:
    """Train a tree of ``depth`` on ``train`` and measure its decisions on both sets.

    Uses the course's standard applications split (2,800 to train, 1,200 to test) unless
    both ``train`` and ``test`` are given. Judged against ``problem``, what was really true.
    """
    if (train is None) != (test is None):
        raise ValueError("give both a training set and a test set, or neither")
    if train is None or test is None:
        return _standard_tree(_depth(depth), seed)
    return _grow(_depth(depth), train, test, seed)


def _grow(depth: int, train: pd.DataFrame, test: pd.DataFrame, seed: int) -> TreeResult:
    tree = train_tree(train, depth, seed=seed)
    return TreeResult(
        depth=depth,
        tree=tree,
        nodes=tree_nodes(tree),
        train_metrics=metrics_from_flags(train["problem"], tree_flags(tree, train)),
        test_metrics=metrics_from_flags(test["problem"], tree_flags(tree, test)),
    )


@lru_cache(maxsize=16)
def _standard_tree(depth: int, seed: int) -> TreeResult:
    train, test = application_split(seed)
    return _grow(depth, train, test, seed)
