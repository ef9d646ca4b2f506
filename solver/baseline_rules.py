"""Non-learned branching rules, to measure learned ones against.

The bench selects one with a configuration's ``branching_rule``
(``experiments/bench/configurations.py``); :func:`include_baseline_rule` includes it.

- ``largest-objective``: the candidate with the largest absolute objective coefficient. On set
  cover, auctions and facility location its validation accuracy against full strong branching
  matches the shipped models' (``experiments/reports/branching-candidate-baselines``). It runs
  inside :class:`solver.branching.LearnedBranching` like a learned policy, so it pays the same
  per-node bookkeeping and its trees compare node for node.
- ``full-strong-expert``: the expert itself, :class:`solver.strong_branching.StrongBranchingRule`
  exactly as ``collect`` runs it (idempotent strong branching on every candidate), without
  recording or exploration. Its tree is the node count a perfect imitation would reach, with
  none of the side effects (bound tightening, pseudocost updates) of SCIP's own full strong
  branching. ``full-strong-expert-rank-first`` scores infeasible children the old way.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyscipopt

from gnn.features import VariableFeature
from gnn.policy import NodeContext

__all__ = [
    "BASELINE_RULES",
    "EXPERT_RULES",
    "LargestObjectivePolicy",
    "baseline_policy",
    "include_baseline_rule",
    "known_rules",
]


class LargestObjectivePolicy:
    """Scores each candidate by the absolute value of its (normalised) objective coefficient."""

    def reset(self) -> None:
        """Nothing is kept between nodes or solves."""

    def score_node(self, node: NodeContext) -> np.ndarray:
        return np.abs(node.candidate_features()[:, VariableFeature.OBJECTIVE])


#: Policy rules by the name a bench configuration gives (``branching_rule = "..."``).
BASELINE_RULES = {"largest-objective": LargestObjectivePolicy}

#: The strong branching expert, by name, with how it scores infeasible children
#: (:data:`solver.strong_branching.InfeasibleScoring`).
EXPERT_RULES = {
    "full-strong-expert": "cutoff-gain",
    "full-strong-expert-rank-first": "rank-first",
}


def known_rules() -> list[str]:
    """Every name :func:`include_baseline_rule` accepts, sorted."""
    return sorted([*BASELINE_RULES, *EXPERT_RULES])


def _unknown(name: str) -> LookupError:
    return LookupError(f"unknown branching rule {name!r}; known: {', '.join(known_rules())}")


def baseline_policy(name: str) -> LargestObjectivePolicy:
    """A new policy of the rule ``name``.

    Raises
    ------
    LookupError
        No policy rule has that name.
    """
    try:
        return BASELINE_RULES[name]()
    except KeyError:
        raise _unknown(name) from None


def include_baseline_rule(model: pyscipopt.Model, name: str, seed: int = 0) -> Any:
    """Include the rule ``name`` in ``model`` ahead of SCIP's own rules.

    Parameters
    ----------
    model
        A model not yet solving.
    name
        One of :func:`known_rules`.
    seed
        Seed of the rule's random draws (the expert's; the policies draw nothing).

    Returns
    -------
    solver.branching.LearnedBranching or solver.strong_branching.StrongBranchingRule
        The included rule, to read its counters after the solve.

    Raises
    ------
    LookupError
        No rule has that name.
    """
    if name in EXPERT_RULES:
        from solver.strong_branching import StrongBranchingConfig, include_strong_branching

        config = StrongBranchingConfig(infeasible_scoring=EXPERT_RULES[name])  # type: ignore[arg-type]
        return include_strong_branching(model, config, rng=seed)
    from solver.branching import include_learned_branching

    return include_learned_branching(model, baseline_policy(name))
