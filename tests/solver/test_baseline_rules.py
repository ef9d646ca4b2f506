"""The non-learned rules that the learned branching rules are measured against."""

from __future__ import annotations

import numpy as np
import pytest

from gnn.features import VariableFeature
from gnn.policy import NodeContext
from instances.generators import SetCover
from solver.baseline_rules import (
    LargestObjectivePolicy,
    baseline_policy,
    include_baseline_rule,
    known_rules,
)
from solver.strong_branching import StrongBranchingRule


def test_largest_objective_scores_the_absolute_objective_of_each_candidate() -> None:
    features = np.zeros((3, len(VariableFeature)), dtype=np.float32)
    features[:, VariableFeature.OBJECTIVE] = [0.2, -0.7, 0.5]
    features[:, VariableFeature.SOLUTION_FRACTIONALITY] = [0.5, 0.1, 0.3]
    node = NodeContext(
        np.array([4, 9, 2]), ["a", "b", "c"], graph=lambda: None, column_keys=lambda: [],
        candidate_features=lambda: features,
    )  # fmt: skip
    scores = baseline_policy("largest-objective").score_node(node)
    np.testing.assert_allclose(scores, [0.2, 0.7, 0.5])
    assert int(np.argmax(scores)) == 1  # the rule branches on "b", whatever its fractionality


def test_unknown_rule_names_the_known_ones() -> None:
    assert isinstance(baseline_policy("largest-objective"), LargestObjectivePolicy)
    with pytest.raises(LookupError, match="largest-objective"):
        baseline_policy("smallest-objective")


@pytest.mark.parametrize(
    ("name", "scoring"),
    [("full-strong-expert", "cutoff-gain"), ("full-strong-expert-rank-first", "rank-first")],
)
def test_the_expert_rules_are_the_collection_expert_without_recording(name, scoring) -> None:
    model = SetCover(n_rows=100, n_cols=200, density=0.1).generate(2)
    model.hideOutput()
    model.setParam("separating/maxroundsroot", 0)
    rule = include_baseline_rule(model, name, seed=3)
    assert isinstance(rule, StrongBranchingRule)
    assert rule.config.infeasible_scoring == scoring
    assert rule.observation is None and rule.config.explore_prob == 0.0
    model.optimize()
    assert model.getStatus() == "optimal" and rule.n_expert == rule.n_calls > 0
    model.freeProb()


def test_include_refuses_an_unknown_rule_and_names_them_all() -> None:
    model = SetCover(n_rows=20, n_cols=40, density=0.2).generate(0)
    with pytest.raises(LookupError) as raised:
        include_baseline_rule(model, "most-fractional")
    for name in known_rules():
        assert name in str(raised.value)
    model.freeProb()
