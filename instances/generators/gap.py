"""Generalized assignment after Chu and Beasley (1997), their types C and D.

P. C. Chu and J. E. Beasley, "A genetic algorithm for the generalised assignment problem",
Computers & Operations Research 24 (1997) 17-23. Type C: weights uniform in ``[5, 25]``, costs
uniform in ``[10, 50]``; type D: weights uniform in ``[1, 100]`` and costs ``111 - w + u`` with
``u`` uniform in ``[-10, 10]`` (cheap jobs are heavy, the harder type). Each agent's capacity is
``capacity_ratio`` times its share of the total weight, ``0.8 * sum_j w_ij / n_agents`` in their
instances.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pyscipopt

from instances.generators.common import RngLike, as_rng
from instances.generators.packing import first_fit_decreasing

__all__ = ["GapData", "GapType", "GeneralizedAssignment"]

GapType = Literal["C", "D"]


@dataclass(frozen=True)
class GapData:
    """The numbers behind one generalized assignment instance (jobs index rows)."""

    weights: np.ndarray
    """Capacity job ``j`` takes on agent ``i``, shape ``(n_jobs, n_agents)``."""
    costs: np.ndarray
    """Cost of giving job ``j`` to agent ``i``, shape ``(n_jobs, n_agents)``."""
    capacities: np.ndarray
    """Capacity of each agent, shape ``(n_agents,)``."""


@dataclass(frozen=True)
class GeneralizedAssignment:
    """Give every job to one agent, within the agents' capacities, at the least total cost.

    ``min sum_ij c_ij x_ij`` subject to ``sum_i x_ij = 1`` (job ``j`` assigned once) and
    ``sum_j w_ij x_ij <= b_i`` (capacity of agent ``i``), with ``x`` binary. When a first-fit
    decreasing assignment does not fit the drawn capacities, they are raised by 1 % at a time
    until it does, so every instance is feasible.
    """

    n_agents: int = 10
    """Number of agents (knapsack rows)."""
    n_jobs: int = 60
    """Number of jobs (assignment rows); ``x`` has ``n_agents * n_jobs`` binaries."""
    gap_type: GapType = "D"
    """Chu and Beasley's instance type: ``"C"`` (independent costs) or ``"D"`` (costs
    inversely correlated with the weights)."""
    capacity_ratio: float = 0.8
    """Each agent's capacity over its share of the total weight, ``sum_j w_ij / n_agents``;
    lower is tighter."""

    def __post_init__(self) -> None:
        if self.n_agents < 1 or self.n_jobs < 1:
            raise ValueError(
                "generalized assignment needs n_agents >= 1 and n_jobs >= 1, "
                f"got {self.n_agents} and {self.n_jobs}"
            )
        if self.gap_type not in ("C", "D"):
            raise ValueError(
                f"generalized assignment gap_type must be 'C' or 'D', got {self.gap_type!r}"
            )
        if not self.capacity_ratio > 0:
            raise ValueError(
                f"generalized assignment capacity_ratio must be > 0, got {self.capacity_ratio}"
            )

    def sample_data(self, rng: RngLike = None) -> GapData:
        """Sample weights, costs and capacities.

        Parameters
        ----------
        rng
            Random source; see :func:`instances.generators.common.as_rng`.

        Returns
        -------
        GapData
        """
        rng = as_rng(rng)
        shape = (self.n_jobs, self.n_agents)
        if self.gap_type == "C":
            weights = rng.integers(5, 25, size=shape, endpoint=True)
            costs = rng.integers(10, 50, size=shape, endpoint=True)
        else:
            weights = rng.integers(1, 100, size=shape, endpoint=True)
            costs = 111 - weights + rng.integers(-10, 10, size=shape, endpoint=True)
        capacities = np.floor(self.capacity_ratio * weights.sum(axis=0) / self.n_agents)
        while first_fit_decreasing(weights, capacities) is None:
            capacities = np.floor(capacities * 1.01) + 1
        return GapData(weights, costs, capacities.astype(np.int64))

    def generate(self, rng: RngLike = None) -> pyscipopt.Model:
        """Sample one generalized assignment instance.

        Parameters
        ----------
        rng
            Random source; see :func:`instances.generators.common.as_rng`.

        Returns
        -------
        pyscipopt.Model
            A minimisation problem with binaries ``x_{i}_{j}`` (agent ``i`` does job ``j``);
            constraints ``assign_{j}`` and ``capacity_{i}``.
        """
        data = self.sample_data(rng)
        agents, jobs = range(self.n_agents), range(self.n_jobs)
        model = pyscipopt.Model(f"gap{self.gap_type}_{self.n_agents}a_{self.n_jobs}j")
        costs, weights = data.costs.tolist(), data.weights.tolist()
        x = [
            [model.addVar(name=f"x_{i}_{j}", vtype="B", obj=float(costs[j][i])) for j in jobs]
            for i in agents
        ]
        for j in jobs:
            model.addCons(pyscipopt.quicksum(x[i][j] for i in agents) == 1, name=f"assign_{j}")
        for i, capacity in enumerate(data.capacities.tolist()):
            load = pyscipopt.quicksum(weights[j][i] * x[i][j] for j in jobs)
            model.addCons(load <= capacity, name=f"capacity_{i}")
        model.setMinimize()
        return model
