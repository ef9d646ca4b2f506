"""Capacitated facility location after Cornuejols, Sridharan and Thizy (1991), as in Gasse et al.

G. Cornuejols, R. Sridharan and J.-M. Thizy, "A comparison of heuristics and relaxations for the
capacitated plant location problem", European Journal of Operational Research 50 (1991) 280-297.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyscipopt

from instances.generators.common import RngLike, as_rng

__all__ = ["CapacitatedFacilityLocation", "FacilityData"]


@dataclass(frozen=True)
class FacilityData:
    """The numbers behind one facility location instance (customers index rows of 2-D arrays)."""

    demands: np.ndarray
    """Demand of each customer, shape ``(n_customers,)``."""
    capacities: np.ndarray
    """Capacity of each facility after scaling to ``ratio``, shape ``(n_facilities,)``."""
    fixed_costs: np.ndarray
    """Cost of opening each facility, shape ``(n_facilities,)``."""
    transport_costs: np.ndarray
    """Cost of serving all of customer ``i``'s demand from facility ``j``, shape
    ``(n_customers, n_facilities)``."""


@dataclass(frozen=True)
class CapacitatedFacilityLocation:
    """Open facilities and serve every customer's demand within the open facilities' capacities.

    ``min sum_ij t_ij x_ij + sum_j f_j y_j`` subject to ``sum_j x_ij >= 1`` (demand of customer
    ``i``), ``sum_i d_i x_ij <= s_j y_j`` (capacity of facility ``j``), ``sum_j s_j y_j >=
    sum_i d_i`` (total capacity) and ``x_ij <= y_j`` (tightening), with ``y`` binary and
    ``x_ij`` in ``[0, 1]``. Parameter names and defaults are ecole's
    ``CapacitatedFacilityLocationGenerator``.
    """

    n_customers: int = 100
    """Number of customers."""
    n_facilities: int = 100
    """Number of candidate facilities (binary variables)."""
    continuous_assignment: bool = True
    """Let a customer's demand be split among facilities (``x`` continuous); if False, each
    customer is served by one facility (``x`` binary)."""
    ratio: float = 5.0
    """Total capacity over total demand; below 1 the instances are infeasible."""

    def __post_init__(self) -> None:
        if self.n_customers < 1 or self.n_facilities < 1:
            raise ValueError(
                "facility location needs n_customers >= 1 and n_facilities >= 1, "
                f"got {self.n_customers} and {self.n_facilities}"
            )
        if not self.ratio > 0:
            raise ValueError(f"facility location ratio must be > 0, got {self.ratio}")

    def sample_data(self, rng: RngLike = None) -> FacilityData:
        """Sample demands, capacities and costs.

        ``rng``: see :func:`~instances.generators.common.as_rng`.

        Returns
        -------
        FacilityData
        """
        rng = as_rng(rng)
        n_c, n_f = self.n_customers, self.n_facilities
        customer_xy = rng.random((n_c, 2))
        facility_xy = rng.random((n_f, 2))
        demands = rng.integers(5, 35, size=n_c, endpoint=True)
        raw_capacities = rng.integers(10, 160, size=n_f, endpoint=True)
        fixed_costs = (
            rng.integers(100, 110, size=n_f, endpoint=True) * np.sqrt(raw_capacities)
            + rng.integers(0, 90, size=n_f, endpoint=True)
        ).astype(np.int64)
        capacities = (raw_capacities * self.ratio * demands.sum() / raw_capacities.sum()).astype(
            np.int64
        )
        # Broadcast with explicit axes (customers x facilities): when n_customers == n_facilities
        # a transposed operand would still broadcast, silently, so the axes are spelled out.
        distances = np.linalg.norm(
            customer_xy[:, np.newaxis, :] - facility_xy[np.newaxis, :, :], axis=2
        )
        transport_costs = 10.0 * distances * demands[:, np.newaxis]
        return FacilityData(demands, capacities, fixed_costs, transport_costs)

    def generate(self, rng: RngLike = None) -> pyscipopt.Model:
        """Sample one capacitated facility location instance.

        Returns a minimisation problem with variables ``x_{i}_{j}`` (customer ``i`` served by
        facility ``j``) and ``y_{j}`` (facility ``j`` open); constraints ``demand_{i}``,
        ``capacity_{j}``, ``total_capacity`` and ``tighten_{i}_{j}``. ``rng`` is as in
        :func:`~instances.generators.common.as_rng`.
        """
        data = self.sample_data(rng)
        n_c, n_f = self.n_customers, self.n_facilities
        model = pyscipopt.Model(f"facilities_{n_c}c_{n_f}f_{self.ratio}r")
        assignment_type = "C" if self.continuous_assignment else "B"
        x = [
            [
                model.addVar(
                    name=f"x_{i}_{j}",
                    vtype=assignment_type,
                    lb=0.0,
                    ub=1.0,
                    obj=float(data.transport_costs[i, j]),
                )
                for j in range(n_f)
            ]
            for i in range(n_c)
        ]
        y = [
            model.addVar(name=f"y_{j}", vtype="B", obj=float(data.fixed_costs[j]))
            for j in range(n_f)
        ]

        demands = data.demands.tolist()
        capacities = data.capacities.tolist()
        for i in range(n_c):
            model.addCons(pyscipopt.quicksum(x[i]) >= 1, name=f"demand_{i}")
        for j in range(n_f):
            served = pyscipopt.quicksum(demands[i] * x[i][j] for i in range(n_c))
            model.addCons(served - capacities[j] * y[j] <= 0, name=f"capacity_{j}")
        model.addCons(
            pyscipopt.quicksum(capacities[j] * y[j] for j in range(n_f)) >= sum(demands),
            name="total_capacity",
        )
        for i in range(n_c):
            for j in range(n_f):
                model.addCons(x[i][j] - y[j] <= 0, name=f"tighten_{i}_{j}")
        model.setMinimize()
        return model
