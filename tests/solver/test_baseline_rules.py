"""The non-learned rules that the learned branching rules are measured against."""

from __future__ import annotations

import numpy as np
import pytest

from gnn.features import VariableFeature
from gnn.policy import NodeContext
from solver.baseline_rules import LargestObjectivePolicy, baseline_policy


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
