"""Small synthetic branching samples for the model, training and checkpoint tests.

The expert's choice is a known function of the features (the candidate with the largest
fractionality, scores growing with it), so a model that learns anything must beat chance.
"""

from __future__ import annotations

import numpy as np
import torch

from gnn.data import BipartiteData
from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature

__all__ = ["ExpertData", "random_sample", "random_samples"]


class ExpertData(BipartiteData):
    """``expert_index`` is a position within the sample's candidates: never offset by batching."""

    def __inc__(self, key, value, *args, **kwargs):
        if key == "expert_index":
            return 0
        return super().__inc__(key, value, *args, **kwargs)


def random_sample(rng: np.random.Generator, n_cons: int = 6, n_vars: int = 10) -> ExpertData:
    n_edges = 2 * n_vars
    edges = np.stack([rng.integers(0, n_cons, n_edges), rng.integers(0, n_vars, n_edges)])
    variables = rng.normal(size=(n_vars, len(VariableFeature))).astype(np.float32)
    n_candidates = int(rng.integers(2, n_vars))
    candidates = np.sort(rng.choice(n_vars, n_candidates, replace=False))
    signal = variables[candidates, VariableFeature.SOLUTION_FRACTIONALITY]
    scores = np.exp(signal).astype(np.float32)
    return ExpertData(
        constraint_features=torch.from_numpy(
            rng.normal(size=(n_cons, len(ConstraintFeature))).astype(np.float32)
        ),
        edge_index=torch.from_numpy(edges.astype(np.int64)),
        edge_attr=torch.from_numpy(rng.normal(size=(n_edges, len(EdgeFeature))).astype(np.float32)),
        variable_features=torch.from_numpy(variables),
        candidates=torch.from_numpy(candidates.astype(np.int64)),
        candidate_scores=torch.from_numpy(scores),
        expert_index=int(np.argmax(scores)),
    )


def random_samples(n: int, seed: int = 0) -> list[ExpertData]:
    rng = np.random.default_rng(seed)
    return [random_sample(rng, int(rng.integers(3, 9)), int(rng.integers(4, 14))) for _ in range(n)]
