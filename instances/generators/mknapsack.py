"""Multidimensional knapsack after Chu and Beasley (1998), the OR-Library ``mknapcb`` instances.

P. C. Chu and J. E. Beasley, "A genetic algorithm for the multidimensional knapsack problem",
Journal of Heuristics 4 (1998) 63-86: weights uniform integers in ``[0, 1000]``, each capacity a
fraction (the tightness) of its row's total weight, and profits correlated with the weights,
``p_j = sum_i w_ij / n_constraints + 500 u_j`` with ``u_j`` uniform in ``[0, 1]``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyscipopt

from instances.generators.common import RngLike, as_rng

__all__ = ["KnapsackData", "MultidimensionalKnapsack"]


@dataclass(frozen=True)
class KnapsackData:
    """The numbers behind one multidimensional knapsack instance."""

    weights: np.ndarray
    """Weight of item ``j`` in constraint ``i``, shape ``(n_constraints, n_items)``."""
    capacities: np.ndarray
    """Capacity of each constraint, shape ``(n_constraints,)``."""
    profits: np.ndarray
    """Integer profit of each item, shape ``(n_items,)``."""


@dataclass(frozen=True)
class MultidimensionalKnapsack:
    """Choose the most profitable set of items that fits every one of several knapsacks.

    ``max sum_j p_j x_j`` subject to ``sum_j w_ij x_j <= b_i`` for each constraint ``i``, with
    ``x`` binary. The empty set is always feasible.
    """

    n_items: int = 50
    """Number of items (binary variables)."""
    n_constraints: int = 5
    """Number of knapsack constraints."""
    tightness: float = 0.25
    """Each capacity over its row's total weight, in ``(0, 1)``; Chu and Beasley used 0.25, 0.5
    and 0.75 (the lowest is the hardest)."""

    def __post_init__(self) -> None:
        if self.n_items < 1 or self.n_constraints < 1:
            raise ValueError(
                "multidimensional knapsack needs n_items >= 1 and n_constraints >= 1, "
                f"got {self.n_items} and {self.n_constraints}"
            )
        if not 0.0 < self.tightness < 1.0:
            raise ValueError(
                f"multidimensional knapsack tightness must be in (0, 1), got {self.tightness}"
            )

    def sample_data(self, rng: RngLike = None) -> KnapsackData:
        """Sample weights, capacities and profits.

        Parameters
        ----------
        rng
            Random source; see :func:`instances.generators.common.as_rng`.

        Returns
        -------
        KnapsackData
        """
        rng = as_rng(rng)
        weights = rng.integers(0, 1000, size=(self.n_constraints, self.n_items), endpoint=True)
        capacities = np.floor(self.tightness * weights.sum(axis=1)).astype(np.int64)
        noise = rng.uniform(0.0, 1.0, size=self.n_items)
        profits = np.rint(weights.sum(axis=0) / self.n_constraints + 500 * noise).astype(np.int64)
        return KnapsackData(weights, capacities, profits)

    def generate(self, rng: RngLike = None) -> pyscipopt.Model:
        """Sample one multidimensional knapsack instance.

        Parameters
        ----------
        rng
            Random source; see :func:`instances.generators.common.as_rng`.

        Returns
        -------
        pyscipopt.Model
            A maximisation problem with binaries ``x_{j}`` (item ``j`` taken) and constraints
            ``knapsack_{i}``.
        """
        data = self.sample_data(rng)
        model = pyscipopt.Model(
            f"mknapsack_{self.n_items}n_{self.n_constraints}m_{self.tightness}t"
        )
        x = [
            model.addVar(name=f"x_{j}", vtype="B", obj=float(p))
            for j, p in enumerate(data.profits.tolist())
        ]
        weights = data.weights.tolist()
        for i, capacity in enumerate(data.capacities.tolist()):
            row = pyscipopt.quicksum(w * x[j] for j, w in enumerate(weights[i]) if w != 0)
            model.addCons(row <= capacity, name=f"knapsack_{i}")
        model.setMaximize()
        return model
