"""The candidate-only baselines recover a rule that is a function of a candidate's features."""

from __future__ import annotations

import numpy as np

from experiments.studies.candidate_baselines import evaluate_rules
from gnn.dataset import BranchingSample
from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
from gnn.graph import BipartiteGraph


def _sample(rng: np.random.Generator) -> BranchingSample:
    """An expert that branches on the most fractional candidate (scores grow with it)."""
    n_cons, n_vars, n_edges = 4, 30, 40
    variables = rng.normal(size=(n_vars, len(VariableFeature))).astype(np.float32)
    candidates = np.sort(rng.choice(n_vars, 12, replace=False)).astype(np.int64)
    scores = np.exp(variables[candidates, VariableFeature.SOLUTION_FRACTIONALITY]).astype(float)
    graph = BipartiteGraph(
        constraint_features=np.zeros((n_cons, len(ConstraintFeature)), np.float32),
        edge_index=np.stack(
            [rng.integers(n_cons, size=n_edges), rng.integers(n_vars, size=n_edges)]
        ),
        edge_features=np.ones((n_edges, len(EdgeFeature)), np.float32),
        variable_features=variables,
    )
    zeros = np.zeros(len(candidates))
    return BranchingSample(
        graph, candidates, scores, int(np.argmax(scores)), 0, 0, 0.0, zeros, zeros,
        zeros.astype(bool), zeros.astype(bool),
    )  # fmt: skip


def test_trained_and_fixed_rules_against_a_feature_driven_expert() -> None:
    rng = np.random.default_rng(0)
    train = [_sample(rng) for _ in range(200)]
    valid = [_sample(rng) for _ in range(100)]
    results = evaluate_rules(train, valid, epochs=60, seed=0)
    assert results["most fractional"]["top1"] == 1.0
    assert results["most fractional"]["score_ratio"] == 1.0
    # The linear model learns the rule from the expert's choices alone; chance is 1/12.
    assert results["linear (candidate features)"]["top1"] > 0.8
    assert results["random"]["top1"] < 0.3
    assert all(metrics["n_samples"] == 100 for metrics in results.values())
