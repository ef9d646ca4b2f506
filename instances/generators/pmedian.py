"""Capacitated p-median after Osman and Christofides (1994).

I. H. Osman and N. Christofides, "Capacitated clustering problems by hybrid simulated annealing
and tabu search", International Transactions in Operational Research 1 (1994) 317-336: customers
at uniform random points in a 100 x 100 square, every customer a candidate median, one capacity
for all medians. Their demands are integers in ``[1, 20]``; the defaults here draw lumpier ones,
in ``[1, 100]``, and tighter capacities, since with small demands SCIP closes the gap at the root
node and there is nothing to branch on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyscipopt

from instances.generators.common import RngLike, as_rng
from instances.generators.packing import first_fit_decreasing

__all__ = ["CapacitatedPMedian", "PMedianData"]


@dataclass(frozen=True)
class PMedianData:
    """The numbers behind one capacitated p-median instance."""

    demands: np.ndarray
    """Integer demand of each customer, shape ``(n_customers,)``."""
    capacity: int
    """Capacity of every median."""
    distances: np.ndarray
    """Integer (rounded Euclidean) distance between customers ``i`` and ``j``, shape
    ``(n_customers, n_customers)``."""


@dataclass(frozen=True)
class CapacitatedPMedian:
    """Open exactly ``p`` medians among the customers and assign each customer to one of them.

    ``min sum_ij d_ij x_ij`` subject to ``sum_j x_ij = 1`` (customer ``i`` assigned once),
    ``sum_i q_i x_ij <= Q y_j`` (capacity of median ``j``, usable only when open) and
    ``sum_j y_j = p`` (number of medians), with ``x`` and ``y`` binary. The capacity ``Q`` is
    ``ceil(capacity_ratio * total demand / p)``, raised if needed until a first-fit decreasing
    packing of the demands into ``p`` medians exists, so every instance is feasible.
    """

    n_customers: int = 20
    """Number of customers, each also a candidate median (``x`` has ``n_customers ** 2``
    binaries)."""
    n_medians: int = 4
    """Number of medians to open, ``p``."""
    capacity_ratio: float = 1.02
    """Total capacity of the ``p`` medians over the total demand (``>= 1``); near 1 the
    capacities bind."""
    max_demand: int = 100
    """Largest customer demand (demands are uniform integers in ``[1, max_demand]``)."""

    def __post_init__(self) -> None:
        if not 1 <= self.n_medians <= self.n_customers:
            raise ValueError(
                "p-median needs 1 <= n_medians <= n_customers, "
                f"got {self.n_medians} and {self.n_customers}"
            )
        if not self.capacity_ratio >= 1.0:
            raise ValueError(f"p-median capacity_ratio must be >= 1, got {self.capacity_ratio}")
        if self.max_demand < 1:
            raise ValueError(f"p-median max_demand must be >= 1, got {self.max_demand}")

    def sample_data(self, rng: RngLike = None) -> PMedianData:
        """Sample the customers' positions and demands, and the median capacity.

        Parameters
        ----------
        rng
            Random source; see :func:`instances.generators.common.as_rng`.

        Returns
        -------
        PMedianData
        """
        rng = as_rng(rng)
        points = rng.uniform(0.0, 100.0, size=(self.n_customers, 2))
        demands = rng.integers(1, self.max_demand, size=self.n_customers, endpoint=True)
        capacity = math.ceil(self.capacity_ratio * demands.sum() / self.n_medians)
        while first_fit_decreasing(demands, np.full(self.n_medians, capacity)) is None:
            capacity += 1
        distances = np.rint(
            np.linalg.norm(points[:, np.newaxis, :] - points[np.newaxis, :, :], axis=2)
        ).astype(np.int64)
        return PMedianData(demands, capacity, distances)

    def generate(self, rng: RngLike = None) -> pyscipopt.Model:
        """Sample one capacitated p-median instance.

        Parameters
        ----------
        rng
            Random source; see :func:`instances.generators.common.as_rng`.

        Returns
        -------
        pyscipopt.Model
            A minimisation problem with binaries ``x_{i}_{j}`` (customer ``i`` assigned to
            median ``j``) and ``y_{j}`` (median ``j`` open); constraints ``assign_{i}``,
            ``capacity_{j}`` and ``medians``.
        """
        data = self.sample_data(rng)
        n = self.n_customers
        model = pyscipopt.Model(f"pmedian_{n}c_{self.n_medians}p_{self.capacity_ratio}r")
        distances = data.distances.tolist()
        x = [
            [
                model.addVar(name=f"x_{i}_{j}", vtype="B", obj=float(distances[i][j]))
                for j in range(n)
            ]
            for i in range(n)
        ]
        y = [model.addVar(name=f"y_{j}", vtype="B") for j in range(n)]
        for i in range(n):
            model.addCons(pyscipopt.quicksum(x[i]) == 1, name=f"assign_{i}")
        demands = data.demands.tolist()
        for j in range(n):
            served = pyscipopt.quicksum(demands[i] * x[i][j] for i in range(n))
            model.addCons(served - data.capacity * y[j] <= 0, name=f"capacity_{j}")
        model.addCons(pyscipopt.quicksum(y) == self.n_medians, name="medians")
        model.setMinimize()
        return model
