"""Variable-sized bin packing in the assignment formulation.

Items of random weights are packed into bins of random capacities, each with a cost near its
capacity; the cheapest set of used bins that holds every item wins. Costs that are not exactly
proportional to the capacities make the choice of bins matter, not only their number, so that
the linear relaxation is not tight and SCIP has to branch (plain bin packing is mostly decided by
the bound ``ceil(total weight / capacity)`` and a first-fit heuristic).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyscipopt

from instances.generators.common import RngLike, as_rng
from instances.generators.packing import first_fit_decreasing

__all__ = ["BinPacking", "BinPackingData"]


@dataclass(frozen=True)
class BinPackingData:
    """The numbers behind one bin packing instance."""

    weights: np.ndarray
    """Integer weight of each item, shape ``(n_items,)``."""
    capacities: np.ndarray
    """Integer capacity of each available bin, shape ``(n_bins,)``."""
    costs: np.ndarray
    """Integer cost of using each bin, shape ``(n_bins,)``."""


@dataclass(frozen=True)
class BinPacking:
    """Pack every item into one bin, within the bins' capacities, at the least total bin cost.

    ``min sum_b c_b y_b`` subject to ``sum_b x_ib = 1`` (item ``i`` packed once) and
    ``sum_i w_i x_ib <= C_b y_b`` (capacity of bin ``b``, usable only when bought), with ``x``
    and ``y`` binary. Bins are drawn until their total capacity reaches ``capacity_ratio``
    times the total weight and a first-fit decreasing packing into them exists, so every
    instance is feasible.
    """

    n_items: int = 60
    """Number of items."""
    min_weight: int = 10
    """Smallest item weight (weights are uniform integers in ``[min_weight, max_weight]``)."""
    max_weight: int = 50
    """Largest item weight."""
    min_capacity: int = 80
    """Smallest bin capacity (capacities are uniform integers in ``[min_capacity,
    max_capacity]``); at least ``max_weight``, so that every item fits in every bin."""
    max_capacity: int = 150
    """Largest bin capacity."""
    capacity_ratio: float = 1.5
    """Total capacity of the available bins over the total weight (``>= 1``): how much choice
    of bins there is."""
    cost_noise: float = 0.2
    """Relative spread of the bin costs around their capacities: ``c_b = round(C_b * u)`` with
    ``u`` uniform in ``[1 - cost_noise, 1 + cost_noise]``."""

    def __post_init__(self) -> None:
        if self.n_items < 1:
            raise ValueError(f"bin packing needs n_items >= 1, got {self.n_items}")
        if not 1 <= self.min_weight <= self.max_weight:
            raise ValueError(
                "bin packing needs 1 <= min_weight <= max_weight, "
                f"got {self.min_weight} and {self.max_weight}"
            )
        if not self.max_weight <= self.min_capacity <= self.max_capacity:
            raise ValueError(
                "bin packing needs max_weight <= min_capacity <= max_capacity (every item fits "
                f"every bin), got {self.max_weight}, {self.min_capacity} and {self.max_capacity}"
            )
        if not self.capacity_ratio >= 1.0:
            raise ValueError(f"bin packing capacity_ratio must be >= 1, got {self.capacity_ratio}")
        if not 0.0 <= self.cost_noise < 1.0:
            raise ValueError(f"bin packing cost_noise must be in [0, 1), got {self.cost_noise}")

    def sample_data(self, rng: RngLike = None) -> BinPackingData:
        """Sample the item weights and the bins.

        Parameters
        ----------
        rng
            Random source; see :func:`instances.generators.common.as_rng`.

        Returns
        -------
        BinPackingData
        """
        rng = as_rng(rng)
        weights = rng.integers(self.min_weight, self.max_weight, size=self.n_items, endpoint=True)
        target = self.capacity_ratio * weights.sum()
        capacities: list[int] = []
        while sum(capacities) < target or first_fit_decreasing(weights, capacities) is None:
            capacities.append(
                int(rng.integers(self.min_capacity, self.max_capacity, endpoint=True))
            )
        capacity_array = np.asarray(capacities, dtype=np.int64)
        factors = rng.uniform(1.0 - self.cost_noise, 1.0 + self.cost_noise, size=len(capacities))
        costs = np.maximum(np.rint(capacity_array * factors), 1).astype(np.int64)
        return BinPackingData(weights, capacity_array, costs)

    def generate(self, rng: RngLike = None) -> pyscipopt.Model:
        """Sample one bin packing instance.

        Parameters
        ----------
        rng
            Random source; see :func:`instances.generators.common.as_rng`.

        Returns
        -------
        pyscipopt.Model
            A minimisation problem with binaries ``x_{i}_{b}`` (item ``i`` in bin ``b``) and
            ``y_{b}`` (bin ``b`` used); constraints ``assign_{i}`` and ``capacity_{b}``.
        """
        data = self.sample_data(rng)
        n_bins = len(data.capacities)
        model = pyscipopt.Model(f"binpacking_{self.n_items}i_{n_bins}b")
        x = [
            [model.addVar(name=f"x_{i}_{b}", vtype="B") for b in range(n_bins)]
            for i in range(self.n_items)
        ]
        y = [model.addVar(name=f"y_{b}", vtype="B", obj=float(c)) for b, c in enumerate(data.costs)]
        for i in range(self.n_items):
            model.addCons(pyscipopt.quicksum(x[i]) == 1, name=f"assign_{i}")
        weights = data.weights.tolist()
        for b, capacity in enumerate(data.capacities.tolist()):
            packed = pyscipopt.quicksum(weights[i] * x[i][b] for i in range(self.n_items))
            model.addCons(packed - capacity * y[b] <= 0, name=f"capacity_{b}")
        model.setMinimize()
        return model
