"""Non-learned branching rules written as policies, to measure learned ones against.

A policy here runs inside :class:`solver.branching.LearnedBranching` like a learned one, so it
pays the same per-node bookkeeping and its trees compare node for node. The bench selects one
with a configuration's ``branching_rule`` (``experiments/bench/configurations.py``).

- ``largest-objective``: the candidate with the largest absolute objective coefficient. On set
  cover, auctions and facility location its validation accuracy against full strong branching
  matches the shipped models' (``experiments/reports/branching-candidate-baselines``).
"""

from __future__ import annotations

import numpy as np

from gnn.features import VariableFeature
from gnn.policy import NodeContext

__all__ = ["BASELINE_RULES", "LargestObjectivePolicy", "baseline_policy"]


class LargestObjectivePolicy:
    """Scores each candidate by the absolute value of its (normalised) objective coefficient."""

    def reset(self) -> None:
        """Nothing is kept between nodes or solves."""

    def score_node(self, node: NodeContext) -> np.ndarray:
        return np.abs(node.candidate_features()[:, VariableFeature.OBJECTIVE])


#: The rules by the name a bench configuration gives (``branching_rule = "..."``).
BASELINE_RULES = {"largest-objective": LargestObjectivePolicy}


def baseline_policy(name: str) -> LargestObjectivePolicy:
    """A new policy of the rule ``name``.

    Raises
    ------
    LookupError
        No rule has that name.
    """
    try:
        return BASELINE_RULES[name]()
    except KeyError:
        known = ", ".join(sorted(BASELINE_RULES))
        raise LookupError(f"unknown branching rule {name!r}; known: {known}") from None
