"""A decision tree drawn out: training, reading it in plain words, laying it out, testing it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from sklearn.tree import DecisionTreeClassifier

from aicourse.decisions import FEATURES, application_split
from aicourse.evaluation import Metrics
from aicourse.plots.evaluation import tree_chart
from aicourse.trees import (
    DEPTHS,
    FLAG,
    MIN_LEAF,
    NO_CHECK,
    TreeNode,
    TreeResult,
    grow_tree,
    split_question,
    train_tree,
    tree_flags,
    tree_layout,
    tree_nodes,
    tree_rules,
)


@pytest.fixture(scope="module")
def split() -> tuple[pd.DataFrame, pd.DataFrame]:
    return application_split()


@pytest.fixture(scope="module")
def tree3(split) -> DecisionTreeClassifier:
    return train_tree(split[0], 3)


@pytest.fixture(scope="module")
def results() -> dict[int, TreeResult]:
    return {d: grow_tree(d) for d in DEPTHS}


# --- questions in plain words -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("feature", "threshold", "question"),
    [
        ("documents_complete", 0.5, "All documents supplied?"),
        ("weekly_income", 1005.0, "Weekly income over $1,005?"),
        ("income_changes", 1.5, "Income changed 2 or more times last year?"),
        ("household_size", 2.5, "Household of 3 or more people?"),
        ("months_at_address", 9.5, "At their address 10 months or more?"),
        ("prior_grants", 0.5, "1 or more grants in the last two years?"),
        ("age", 25.5, "Aged 26 or over?"),
        ("shoe_size", 9.5, "shoe_size more than 9.5?"),
    ],
)
def test_split_question_wording(feature, threshold, question):
    assert split_question(feature, threshold) == question


def test_split_question_bad_input():
    with pytest.raises(TypeError, match="column name"):
        split_question(3, 0.5)
    with pytest.raises(TypeError, match="number"):
        split_question("age", "30")


# --- training ---------------------------------------------------------------------------------


def test_same_data_and_seed_give_the_same_tree(split, tree3):
    again = train_tree(split[0], 3)
    pd.testing.assert_frame_equal(tree_rules(again), tree_rules(tree3))


def test_tree_respects_its_depth_and_smallest_leaf(split):
    for depth in DEPTHS:
        nodes = tree_nodes(train_tree(split[0], depth))
        assert max(n.depth for n in nodes) <= depth
        assert all(n.applications >= MIN_LEAF for n in nodes if n.is_leaf)
    tiny = tree_nodes(train_tree(split[0], 2, min_leaf=1500))  # only one split fits
    assert len(tiny) <= 3


@pytest.mark.parametrize(
    ("depth", "error"),
    [(0, ValueError), (9, ValueError), ("3", TypeError), (True, TypeError), (2.5, TypeError)],
)
def test_train_tree_refuses_a_bad_depth(split, depth, error):
    with pytest.raises(error, match="depth"):
        train_tree(split[0], depth)


def test_train_tree_bad_data(split):
    train = split[0]
    with pytest.raises(ValueError, match="missing columns"):
        train_tree(train.drop(columns=["age"]), 2)
    with pytest.raises(TypeError, match="number or yes/no"):
        train_tree(train, 2, features=["area", "age"])
    with pytest.raises(ValueError, match="True and where it is False"):
        train_tree(train.assign(problem=False), 2)
    with pytest.raises(TypeError, match="True/False"):
        train_tree(train, 2, target="age")
    with pytest.raises(TypeError, match="list of column names"):
        train_tree(train, 2, features="age")
    with pytest.raises(TypeError, match="table"):
        train_tree(train.to_numpy(), 2)
    with pytest.raises(ValueError, match="min_leaf"):
        train_tree(train, 2, min_leaf=0)


def test_tree_functions_refuse_something_that_is_not_a_trained_tree(split):
    with pytest.raises(TypeError, match="train_tree"):
        tree_nodes("a tree")
    with pytest.raises(ValueError, match="not been trained"):
        tree_nodes(DecisionTreeClassifier())
    with pytest.raises(ValueError, match="no applications"):
        tree_flags(train_tree(split[0], 1), split[1].iloc[:0])


# --- reading the tree -------------------------------------------------------------------------


def test_node_counts_add_up(split, tree3):
    train = split[0]
    nodes = {n.node_id: n for n in tree_nodes(tree3)}
    root = nodes[0]
    assert root.depth == 0
    assert root.applications == len(train)
    assert root.problems == int(train["problem"].sum())
    for n in nodes.values():
        if not n.is_leaf:
            yes, no = nodes[n.yes], nodes[n.no]
            assert yes.applications + no.applications == n.applications
            assert yes.problems + no.problems == n.problems
            assert yes.depth == no.depth == n.depth + 1


def test_yes_means_above_the_threshold(split, tree3):
    train = split[0]
    root = tree_nodes(tree3)[0]
    above = int((train[root.feature].astype(float) > root.threshold).sum())
    nodes = {n.node_id: n for n in tree_nodes(tree3)}
    assert nodes[root.yes].applications == above


def test_a_leaf_flags_when_most_of_its_applications_had_a_problem():
    assert TreeNode(1, 2, applications=10, problems=6).decision == FLAG
    assert TreeNode(1, 2, applications=10, problems=5).decision == NO_CHECK
    assert TreeNode(1, 2, applications=10, problems=4).decision == NO_CHECK
    question = TreeNode(0, 0, 10, 4, feature="age", threshold=40.5, yes=1, no=2)
    assert not question.is_leaf and question.question == "Aged 41 or over?"
    assert TreeNode(1, 2, 10, 4).question is None and TreeNode(1, 2, 10, 4).share == 0.4


def test_tree_flags_follow_the_leaf_decisions(split, tree3):
    """The drawn decision of each leaf is what the trained tree really does."""
    test = split[1]
    nodes = {n.node_id: n for n in tree_nodes(tree3)}
    inputs = test[list(FEATURES)].astype(float)
    leaves = tree3.apply(inputs)
    expected = np.array([nodes[int(leaf)].decision == FLAG for leaf in leaves])
    np.testing.assert_array_equal(tree_flags(tree3, test), expected)


def test_rules_one_row_per_leaf_in_drawing_order(split, tree3):
    rules = tree_rules(tree3)
    leaves = [n for n in tree_nodes(tree3) if n.is_leaf]
    assert len(rules) == len(leaves)
    assert rules["applications"].sum() == len(split[0])
    assert rules["had a problem"].sum() == int(split[0]["problem"].sum())
    root_question = tree_nodes(tree3)[0].question
    assert rules["rule"].iloc[0].startswith(f"{root_question} yes")
    assert rules["rule"].iloc[-1].startswith(f"{root_question} no")
    assert rules["rule"].str.count(" then ").max() == 2  # three questions in a row at most
    majority = rules["had a problem"] * 2 > rules["applications"]
    assert (rules["decision"] == np.where(majority, FLAG, NO_CHECK)).all()


def test_layout_puts_leaves_in_the_last_column_and_questions_between_their_branches(tree3):
    nodes = tree_nodes(tree3)
    where = tree_layout(nodes)
    leaves = [n for n in nodes if n.is_leaf]
    assert sorted(where[n.node_id][1] for n in leaves) == list(range(len(leaves)))
    assert {where[n.node_id][0] for n in leaves} == {3.0}
    assert where[0][0] == 0.0
    for n in nodes:
        if not n.is_leaf:
            assert where[n.node_id][0] == n.depth
            assert where[n.node_id][1] == (where[n.yes][1] + where[n.no][1]) / 2
    with pytest.raises(ValueError, match="at least one box"):
        tree_layout(())


# --- growing and testing ----------------------------------------------------------------------


def test_grow_tree_with_the_standard_split_matches_an_explicit_one(split, results):
    explicit = grow_tree(2, *split)
    assert explicit.test_metrics == results[2].test_metrics
    assert explicit.train_metrics == results[2].train_metrics
    assert isinstance(explicit.test_metrics, Metrics)
    assert explicit.test_metrics.n == len(split[1])
    with pytest.raises(ValueError, match="both a training set and a test set"):
        grow_tree(2, train=split[0])


def test_deeper_trees_fit_their_training_data_at_least_as_well(results):
    """Mechanism: a deeper tree splits the same groups further, and a majority vote in
    smaller groups can only get more of its own training applications right."""
    train_accuracy = [results[d].train_metrics.accuracy for d in DEPTHS]
    assert train_accuracy == sorted(train_accuracy)
    assert train_accuracy[-1] > train_accuracy[0]


def test_tree_result_summaries(results):
    for depth, r in results.items():
        assert r.depth == depth
        assert 2 <= r.leaves <= 2**depth
        assert r.questions_used[0] == "All documents supplied"
    assert len(results[4].questions_used) >= len(results[1].questions_used)


def test_tree_chart_draws_every_box(results):
    r = results[3]
    fig = tree_chart(r)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title().strip() and ax.get_xlabel().strip() and ax.get_ylabel().strip()
    texts = [t.get_text() for t in ax.texts]
    leaves = [n for n in r.nodes if n.is_leaf]
    assert sum(t.startswith((FLAG, NO_CHECK)) for t in texts) == len(leaves)
    assert texts.count("yes") == texts.count("no") == len(r.nodes) - len(leaves)
    assert f"{r.test_metrics.accuracy:.1%}" in ax.get_title()
    assert tree_chart(r, title="My tree").axes[0].get_title() == "My tree"
    with pytest.raises(TypeError, match="TreeResult"):
        tree_chart(r.nodes)
