"""ecole's public API on PySCIPOpt 6 / SCIP 10: replace ``import ecole`` with ``from solver import ecole``.

Submodules, as in ecole: :mod:`~solver.ecole.environment` (``Branching``, ``Configuring``,
``PrimalSearch``), :mod:`~solver.ecole.observation`, :mod:`~solver.ecole.reward`,
:mod:`~solver.ecole.information`, :mod:`~solver.ecole.instance`, :mod:`~solver.ecole.scip`,
:mod:`~solver.ecole.data` and :mod:`~solver.ecole.dynamics`; at the top: :func:`seed`,
:class:`RandomGenerator`, :func:`spawn_random_generator`, :class:`MarkovError` and
:data:`Default`. What differs from ecole is listed in ``docs/ecole-migration.md``.
"""

from solver.ecole import (
    data,
    dynamics,
    environment,
    information,
    instance,
    observation,
    reward,
    scip,
)
from solver.ecole.core import (
    Default,
    IteratorExhausted,
    MarkovError,
    RandomEngine,
    RandomGenerator,
    seed,
    spawn_random_engine,
    spawn_random_generator,
)

#: The module name some of ecole's documentation pages use (``ecole.instances``).
instances = instance

__all__ = [
    "Default",
    "IteratorExhausted",
    "MarkovError",
    "RandomEngine",
    "RandomGenerator",
    "data",
    "dynamics",
    "environment",
    "information",
    "instance",
    "instances",
    "observation",
    "reward",
    "scip",
    "seed",
    "spawn_random_engine",
    "spawn_random_generator",
]
