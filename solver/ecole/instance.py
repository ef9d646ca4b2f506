"""ecole's instance generators, on the project's generators (:mod:`instances.generators`).

Each generator is an infinite iterator of :class:`ecole.scip.Model <solver.ecole.scip.Model>`
objects with ecole's parameter names and defaults::

    generator = ecole.instance.SetCoverGenerator(n_rows=100, n_cols=200, density=0.05)
    generator.seed(42)
    for _ in range(10):
        instance = next(generator)
        instance.write_problem("instance.mps")

Instance ``k`` after ``seed(s)`` is ``params.generate(seed_k)`` of the project's generator, with
``seed_k`` the ``k``-th draw of a :class:`~solver.ecole.core.RandomGenerator` seeded with ``s``:
the same seed gives the same instances, but not the ones ecole gave.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from instances.generators import (
    CapacitatedFacilityLocation,
    CombinatorialAuction,
    IndependentSet,
    SetCover,
)
from solver.ecole.core import RandomGenerator, spawn_random_generator
from solver.ecole.scip import Model

__all__ = [
    "CapacitatedFacilityLocationGenerator",
    "CombinatorialAuctionGenerator",
    "IndependentSetGenerator",
    "InstanceGenerator",
    "SetCoverGenerator",
]


class InstanceGenerator:
    """An infinite iterator of generated instances (base of the four generators)."""

    #: The project's parameter dataclass that samples the instances.
    Parameters: type = object

    def __init__(
        self,
        *args: Any,
        rng: RandomGenerator | None = None,
        random_engine: RandomGenerator | None = None,
        **parameters: Any,
    ) -> None:
        names = [f.name for f in dataclasses.fields(self.Parameters)]
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes at most {len(names)} parameters")
        parameters.update(zip(names[: len(args)], args, strict=True))
        self.parameters = self.Parameters(**parameters)
        # ``random_engine`` is the keyword of ecole's earlier releases.
        given = rng if rng is not None else random_engine
        self.rng = given if given is not None else spawn_random_generator()

    def __getattr__(self, name: str) -> Any:
        # Parameters read as attributes (``generator.n_rows``), as in ecole.
        parameters = self.__dict__.get("parameters")
        if parameters is not None and name in {f.name for f in dataclasses.fields(parameters)}:
            return getattr(parameters, name)
        raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")

    def __iter__(self) -> InstanceGenerator:
        return self

    def __next__(self) -> Model:
        return self.generate_instance_with(self.parameters, self.rng)

    def seed(self, value: int) -> None:
        """Restart the sequence of instances from ``value``."""
        self.rng.seed(value)

    @staticmethod
    def generate_instance_with(parameters: Any, rng: RandomGenerator) -> Model:
        """One instance of ``parameters``, seeded by the next draw of ``rng``."""
        model = parameters.generate(rng())
        model.hideOutput()
        return Model(model)

    @classmethod
    def generate_instance(cls, *args: Any, rng: RandomGenerator, **parameters: Any) -> Model:
        """One instance with the given parameters (ecole's static ``generate_instance``)."""
        names = [f.name for f in dataclasses.fields(cls.Parameters)]
        if len(args) > len(names):
            raise TypeError(
                f"{cls.__name__} takes at most {len(names)} parameters, got {len(args)}"
            )
        parameters.update(zip(names[: len(args)], args, strict=True))
        return cls.generate_instance_with(cls.Parameters(**parameters), rng)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.parameters!r})"


class SetCoverGenerator(InstanceGenerator):
    """Set cover instances (Balas and Ho), ecole's ``SetCoverGenerator``.

    Parameters: ``n_rows=500``, ``n_cols=1000``, ``density=0.05``, ``max_coef=100``
    (:class:`instances.generators.SetCover`), and ``rng``.
    """

    Parameters = SetCover


class CombinatorialAuctionGenerator(InstanceGenerator):
    """Combinatorial auction instances (Leyton-Brown et al.), ecole's generator.

    Parameters: ``n_items=100``, ``n_bids=500``, ``min_value=1``, ``max_value=100``,
    ``value_deviation=0.5``, ``add_item_prob=0.9``, ``max_n_sub_bids=5``, ``additivity=0.2``,
    ``budget_factor=1.5``, ``resale_factor=0.5``, ``integers=False``, ``warnings=False``
    (:class:`instances.generators.CombinatorialAuction`), and ``rng``.
    """

    Parameters = CombinatorialAuction


class CapacitatedFacilityLocationGenerator(InstanceGenerator):
    """Capacitated facility location instances (Cornuejols et al.), ecole's generator.

    Parameters: ``n_customers=100``, ``n_facilities=100``, ``continuous_assignment=True``,
    ``ratio=5.0`` (:class:`instances.generators.CapacitatedFacilityLocation`), and ``rng``.
    ecole's four interval parameters (demand, capacity, fixed cost) are fixed at their
    defaults by the project's generator and are not accepted.
    """

    Parameters = CapacitatedFacilityLocation


class IndependentSetGenerator(InstanceGenerator):
    """Maximum independent set instances (clique formulation), ecole's generator.

    Parameters: ``n_nodes=500``, ``edge_probability=0.25``, ``affinity=4``,
    ``graph_type="barabasi_albert"`` (or ``"erdos_renyi"``)
    (:class:`instances.generators.IndependentSet`), and ``rng``.
    """

    Parameters = IndependentSet
