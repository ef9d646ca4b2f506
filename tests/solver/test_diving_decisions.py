"""Neural diving's decisions, read from the solutions it hands to a real SCIP solve.

The instance is built so that a sub-MIP's optimum shows what the dive did: each binary's
objective pushes it away from its predicted value, and the variables do not interact, so in the
sub-MIP's optimum a variable sits at its predicted value if and only if the dive held it there
(fixed it, or spent the trust region's budget of flips elsewhere). The main solve runs without
SCIP's heuristics, so every solution that agrees with the prediction anywhere is the dive's.
"""

from __future__ import annotations

import math

import numpy as np
import pyscipopt
import pytest

from gnn.graph import BipartiteGraph
from gnn.observation import MilpBipartite
from gnn.observation.milp import MilpObservation
from solver.diving import NeuralDiving, NeuralDivingConfig, include_neural_diving

N_VARIABLES = 22


class KnownPredictor:
    """Predicts fixed probabilities and confidences per variable name.

    ``probability[name]`` and ``confidence[name]`` are given by name; the rows of the graph the
    heuristic passes in are matched to names through the observation function's variables.
    """

    def __init__(
        self,
        observation: NamedObservation,
        probability: dict[str, float],
        confidence: dict[str, float],
    ) -> None:
        self.observation = observation
        self.probability = probability
        self.confidence = confidence

    def predict(self, graph: BipartiteGraph) -> tuple[np.ndarray, np.ndarray]:
        names = self.observation.names
        assert graph.n_variables == len(names)
        return (
            np.array([self.probability[name] for name in names]),
            np.array([self.confidence[name] for name in names]),
        )


class NamedObservation(MilpBipartite):
    """The default diving observation, remembering the names of its variables in row order."""

    def __init__(self) -> None:
        super().__init__(original=True)
        self.names: list[str] = []

    def extract(self, model: pyscipopt.Model) -> MilpObservation | None:
        observation = super().extract(model)
        assert observation is not None
        self.names = [var.name for var in observation.variables]
        return observation


def _prediction(seed: int) -> tuple[dict[str, float], dict[str, float]]:
    """Seeded probabilities of 1 (both sides of 0.5) and distinct confidences, by name."""
    rng = np.random.default_rng(seed)
    names = [f"x{i}" for i in range(N_VARIABLES)]
    probability = rng.choice([0.05, 0.3, 0.45, 0.5, 0.55, 0.7, 0.95], size=N_VARIABLES)
    confidence = rng.permutation(N_VARIABLES) / N_VARIABLES + 0.01
    return (
        dict(zip(names, probability.tolist(), strict=True)),
        dict(zip(names, confidence.tolist(), strict=True)),
    )


def _predicted_value(probability: float) -> int:
    """The value the dive fixes a binary to: 1 where the probability of 1 is at least 0.5."""
    return int(probability >= 0.5)


def _contrary_model(probability: dict[str, float]) -> pyscipopt.Model:
    """Binaries whose objective pushes each away from its predicted value (unit cost to agree).

    One loose knapsack row links them, so the problem has a constraint and a root node.
    """
    model = pyscipopt.Model()
    model.hideOutput()
    variables = {name: model.addVar(name=name, vtype="B") for name in probability}
    objective = pyscipopt.quicksum(
        var if _predicted_value(probability[name]) == 1 else -var for name, var in variables.items()
    )
    model.setObjective(objective, "minimize")
    model.addCons(pyscipopt.quicksum(variables.values()) <= len(variables), name="loose")
    model.setPresolve(pyscipopt.SCIP_PARAMSETTING.OFF)
    model.setHeuristics(pyscipopt.SCIP_PARAMSETTING.OFF)  # only the dive finds agreeing solutions
    return model


def _dive(
    config: NeuralDivingConfig, seed: int
) -> tuple[list[set[str]], dict[str, float], dict[str, float], NeuralDiving]:
    """Solve the contrary model with a diving heuristic; the agreeing sets of its solutions.

    Returns, for each solution of the main solve that agrees with the prediction somewhere (the
    dive's: the sub-MIPs' best solutions, and those they relayed on the way), the names of the
    variables at their predicted values, best solution first; the prediction; and the heuristic.
    """
    probability, confidence = _prediction(seed)
    model = _contrary_model(probability)
    observation = NamedObservation()
    heuristic = include_neural_diving(
        model,
        KnownPredictor(observation, probability, confidence),
        observation=observation,
        config=config,
    )
    model.optimize()
    assert model.getStatus() == "optimal"
    assert heuristic.stats.error is None
    agreeing = []
    for solution in model.getSols():
        held = {
            var.name
            for var in model.getVars()
            if round(model.getSolVal(solution, var)) == _predicted_value(probability[var.name])
        }
        if held:
            agreeing.append(held)
    model.freeProb()
    return agreeing, probability, confidence, heuristic


def _most_confident(confidence: dict[str, float], count: int) -> set[str]:
    return set(sorted(confidence, key=confidence.__getitem__, reverse=True)[:count])


@pytest.mark.parametrize("seed", [0, 1])
def test_each_coverage_level_fixes_the_most_confident_binaries_to_their_predicted_values(
    seed: int,
) -> None:
    coverages = (0.9, 0.5, 0.3)
    agreeing, _, confidence, heuristic = _dive(NeuralDivingConfig(coverages=coverages), seed)
    assert heuristic.stats.n_submips == len(coverages)
    # Each level fixes fewer binaries, so each improves on the one before and reaches SCIP.
    expected = [
        _most_confident(confidence, max(1, round(coverage * N_VARIABLES))) for coverage in coverages
    ]
    # Each level's optimum agrees exactly where it fixed; solutions a sub-MIP relayed before
    # its optimum agree there and elsewhere.
    for fixed in expected:
        assert fixed in agreeing
    assert all(any(fixed <= held for fixed in expected) for held in agreeing)
    assert agreeing[0] == expected[-1]  # the lowest level's optimum is the best


@pytest.mark.parametrize(("coverage", "radius"), [(0.5, 0.25), (1.0, 0.1), (0.6, 0.0)])
def test_the_soft_modes_trust_region_bounds_the_flips_among_the_selected_binaries(
    coverage: float, radius: float
) -> None:
    config = NeuralDivingConfig(coverages=(coverage,), soft=True, soft_radius=radius)
    agreeing, probability, confidence, heuristic = _dive(config, seed=2)
    assert heuristic.stats.n_submips == 1
    # Without the trust region the sub-MIP's optimum would flip every binary: the dive's only
    # solution is the one the ball allows, flipping as many selected binaries as it may.
    n_selected = max(1, round(coverage * N_VARIABLES))
    selected = _most_confident(confidence, n_selected)
    n_flips = math.floor(radius * n_selected)
    assert all(len(selected - held) <= n_flips for held in agreeing)  # every one in the ball
    held = agreeing[0]
    assert held <= selected  # binaries outside the ball's selection are free
    assert len(selected - held) == n_flips
    objective = sum(1 if _predicted_value(p) == 0 else 0 for p in probability.values())
    assert heuristic.stats.best_objective == pytest.approx(len(held) - objective)
