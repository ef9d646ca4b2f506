"""Multi-item capacitated lot sizing with setup times and overtime, after Trigeiro et al. (1989).

W. W. Trigeiro, L. J. Thomas and J. O. McClain, "Capacitated lot sizing with setup times",
Management Science 35 (1989) 353-366: several items share one machine whose capacity per period
covers production and setup times; producing an item in a period costs a setup, carrying stock
costs holding. Overtime at a high price per unit keeps every instance feasible, as in their
experiments.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyscipopt

from instances.generators.common import RngLike, as_rng

__all__ = ["CapacitatedLotSizing", "LotSizingData"]


@dataclass(frozen=True)
class LotSizingData:
    """The numbers behind one lot sizing instance (items index rows of 2-D arrays)."""

    demands: np.ndarray
    """Integer demand of item ``i`` in period ``t``, shape ``(n_items, n_periods)``."""
    setup_costs: np.ndarray
    """Cost of a setup of each item, shape ``(n_items,)``."""
    holding_costs: np.ndarray
    """Cost of carrying one unit of each item from one period to the next, shape
    ``(n_items,)``."""
    setup_times: np.ndarray
    """Capacity a setup of each item takes, shape ``(n_items,)``."""
    capacity: int
    """Machine capacity of every period (production units plus setup times)."""


@dataclass(frozen=True)
class CapacitatedLotSizing:
    """Plan production of several items over periods on one machine at least setup, holding and
    overtime cost.

    ``min sum_it (f_i y_it + h_i s_it) + sum_t o_cost o_t`` subject to
    ``s_i,t-1 + x_it - s_it = d_it`` (stock balance, no initial stock),
    ``sum_i (x_it + st_i y_it) - o_t <= C`` (capacity with overtime ``o_t``) and
    ``x_it <= M_it y_it`` (production only after a setup, ``M_it`` the item's demand still to
    come), with ``y`` binary and production ``x``, stock ``s`` and overtime ``o`` continuous.
    """

    n_items: int = 10
    """Number of items."""
    n_periods: int = 20
    """Number of periods of the planning horizon."""
    max_demand: int = 100
    """Largest demand of an item in a period (demands are uniform integers in
    ``[0, max_demand]``)."""
    capacity_ratio: float = 1.05
    """Capacity of a period over the mean total demand and setup time of a period: near 1 the
    machine is tight and setups have to be spread over periods."""
    min_setup_cost: int = 200
    """Smallest setup cost (setup costs are uniform integers in ``[min_setup_cost,
    max_setup_cost]``)."""
    max_setup_cost: int = 1000
    """Largest setup cost."""
    max_holding_cost: int = 5
    """Largest holding cost per unit and period (uniform integers in ``[1, max_holding_cost]``)."""
    max_setup_time: int = 60
    """Largest setup time (uniform integers in ``[max_setup_time // 3, max_setup_time]``)."""
    overtime_cost: float = 100.0
    """Cost of one unit of overtime capacity; far above the holding costs so that overtime is a
    last resort."""

    def __post_init__(self) -> None:
        if self.n_items < 1 or self.n_periods < 1:
            raise ValueError(
                "lot sizing needs n_items >= 1 and n_periods >= 1, "
                f"got {self.n_items} and {self.n_periods}"
            )
        if self.max_demand < 1:
            raise ValueError(f"lot sizing max_demand must be >= 1, got {self.max_demand}")
        if not self.capacity_ratio > 0:
            raise ValueError(f"lot sizing capacity_ratio must be > 0, got {self.capacity_ratio}")
        if not 0 <= self.min_setup_cost <= self.max_setup_cost:
            raise ValueError(
                "lot sizing needs 0 <= min_setup_cost <= max_setup_cost, "
                f"got {self.min_setup_cost} and {self.max_setup_cost}"
            )
        if self.max_holding_cost < 1 or self.max_setup_time < 0:
            raise ValueError(
                "lot sizing needs max_holding_cost >= 1 and max_setup_time >= 0, "
                f"got {self.max_holding_cost} and {self.max_setup_time}"
            )
        if not self.overtime_cost >= 0:
            raise ValueError(f"lot sizing overtime_cost must be >= 0, got {self.overtime_cost}")

    def sample_data(self, rng: RngLike = None) -> LotSizingData:
        """Sample demands, costs, setup times and the capacity.

        Parameters
        ----------
        rng
            Random source; see :func:`instances.generators.common.as_rng`.

        Returns
        -------
        LotSizingData
        """
        rng = as_rng(rng)
        shape = (self.n_items, self.n_periods)
        demands = rng.integers(0, self.max_demand, size=shape, endpoint=True)
        setup_costs = rng.integers(
            self.min_setup_cost, self.max_setup_cost, size=self.n_items, endpoint=True
        )
        holding_costs = rng.integers(1, self.max_holding_cost, size=self.n_items, endpoint=True)
        setup_times = rng.integers(
            self.max_setup_time // 3, self.max_setup_time, size=self.n_items, endpoint=True
        )
        load = demands.sum() / self.n_periods + setup_times.sum()
        capacity = int(np.ceil(self.capacity_ratio * load))
        return LotSizingData(demands, setup_costs, holding_costs, setup_times, capacity)

    def generate(self, rng: RngLike = None) -> pyscipopt.Model:
        """Sample one lot sizing instance.

        Parameters
        ----------
        rng
            Random source; see :func:`instances.generators.common.as_rng`.

        Returns
        -------
        pyscipopt.Model
            A minimisation problem with binaries ``y_{i}_{t}`` (setup of item ``i`` in period
            ``t``) and continuous ``x_{i}_{t}`` (production), ``s_{i}_{t}`` (stock at the end of
            the period) and ``o_{t}`` (overtime); constraints ``balance_{i}_{t}``,
            ``capacity_{t}`` and ``setup_{i}_{t}``.
        """
        data = self.sample_data(rng)
        items, periods = range(self.n_items), range(self.n_periods)
        model = pyscipopt.Model(f"lotsizing_{self.n_items}i_{self.n_periods}t")
        demands = data.demands.tolist()
        x = [[model.addVar(name=f"x_{i}_{t}", lb=0.0) for t in periods] for i in items]
        s = [
            [
                model.addVar(name=f"s_{i}_{t}", lb=0.0, obj=float(data.holding_costs[i]))
                for t in periods
            ]
            for i in items
        ]
        y = [
            [
                model.addVar(name=f"y_{i}_{t}", vtype="B", obj=float(data.setup_costs[i]))
                for t in periods
            ]
            for i in items
        ]
        o = [model.addVar(name=f"o_{t}", lb=0.0, obj=self.overtime_cost) for t in periods]
        for i in items:
            for t in periods:
                stock_in = s[i][t - 1] if t > 0 else 0.0
                model.addCons(
                    stock_in + x[i][t] - s[i][t] == demands[i][t], name=f"balance_{i}_{t}"
                )
        setup_times = data.setup_times.tolist()
        for t in periods:
            used = pyscipopt.quicksum(x[i][t] + setup_times[i] * y[i][t] for i in items)
            model.addCons(used - o[t] <= data.capacity, name=f"capacity_{t}")
        for i in items:
            for t in periods:
                remaining = float(sum(demands[i][t:]))
                model.addCons(x[i][t] - remaining * y[i][t] <= 0, name=f"setup_{i}_{t}")
        model.setMinimize()
        return model
