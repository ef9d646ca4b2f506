"""ecole's root names: seeding, the random generator, the ``Default`` marker and the errors.

ecole seeded everything from one global source of randomness (``ecole.seed``); environments and
instance generators each take their own :class:`RandomGenerator` from it with
:func:`spawn_random_generator`. The same is done here, with numpy's Mersenne Twister behind the
generator: the streams are reproducible but are not the numbers ecole's ``std::mt19937`` gave.
Unlike ecole, the global source starts from a fixed seed, so that a program that never calls
:func:`seed` is reproducible too.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

__all__ = [
    "Default",
    "DefaultType",
    "IteratorExhausted",
    "MarkovError",
    "RandomEngine",
    "RandomGenerator",
    "seed",
    "spawn_random_engine",
    "spawn_random_generator",
]


class MarkovError(RuntimeError):
    """An environment was stepped before ``reset`` or after a terminal state (ecole's error)."""


class IteratorExhausted(StopIteration):
    """An instance iterator has nothing more to give (ecole's ``IteratorExhausted``)."""


class DefaultType:
    """The marker of "the environment's default" for data functions (ecole's ``Default``).

    It compares equal to itself and to the string ``"default"``, as ecole's did, so both
    ``observation_function=ecole.Default`` and ``observation_function="default"`` work.
    """

    _instance: DefaultType | None = None

    def __new__(cls) -> DefaultType:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return other.lower() == "default"
        return other is self

    def __hash__(self) -> int:
        return hash("default")

    def __repr__(self) -> str:
        return "Default"


#: The environment-default marker.
Default = DefaultType()


class RandomGenerator:
    """A seedable source of 32-bit unsigned integers (ecole's ``RandomGenerator``).

    Parameters
    ----------
    value
        Seed in ``[min_seed, max_seed]``; default 5489, the default seed of the Mersenne Twister.

    Notes
    -----
    Calling the generator returns the next integer. Generators compare equal when their states
    are equal; they copy and pickle with their state.
    """

    #: Smallest seed (and smallest value returned).
    min_seed: int = 0
    #: Largest seed (and largest value returned).
    max_seed: int = 2**32 - 1
    #: The seed used when none is given.
    default_seed: int = 5489

    def __init__(self, value: int = default_seed) -> None:
        self._bits = np.random.MT19937(0)
        self.seed(value)

    def seed(self, value: int = default_seed) -> None:
        """Reset the state from ``value``."""
        value = _check_seed(value)
        self._bits = np.random.MT19937(value)

    def __call__(self) -> int:
        """Return the next integer in ``[min_seed, max_seed]`` and advance the state."""
        return int(self._bits.random_raw())

    def discard(self, n: int) -> None:
        """Advance the state by ``n`` draws."""
        if n < 0:
            raise ValueError(f"cannot discard a negative number of draws, got {n}")
        if n:
            self._bits.random_raw(n)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RandomGenerator):
            return NotImplemented
        mine, theirs = self._bits.state, other._bits.state
        return mine["state"]["pos"] == theirs["state"]["pos"] and np.array_equal(
            mine["state"]["key"], theirs["state"]["key"]
        )

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable, like ecole's

    def __copy__(self) -> RandomGenerator:
        new = RandomGenerator.__new__(RandomGenerator)
        new._bits = np.random.MT19937(0)
        new._bits.state = copy.deepcopy(self._bits.state)
        return new

    def __deepcopy__(self, memo: dict[int, Any]) -> RandomGenerator:
        return self.__copy__()

    def __getstate__(self) -> dict[str, Any]:
        return {"state": self._bits.state}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._bits = np.random.MT19937(0)
        self._bits.state = state["state"]

    def __repr__(self) -> str:
        return f"RandomGenerator(position={self._bits.state['state']['pos']})"


def _check_seed(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"a seed must be an integer, got {value!r}")
    value = int(value)
    if not RandomGenerator.min_seed <= value <= RandomGenerator.max_seed:
        raise ValueError(
            f"a seed must be in [{RandomGenerator.min_seed}, {RandomGenerator.max_seed}], got {value}"
        )
    return value


_GLOBAL_SOURCE = RandomGenerator()


def seed(val: int) -> None:
    """Seed the global source from which new environments and instance generators draw."""
    _GLOBAL_SOURCE.seed(val)


def spawn_random_generator() -> RandomGenerator:
    """A new generator seeded from (and advancing) the global source."""
    return RandomGenerator(_GLOBAL_SOURCE())


#: ecole's earlier names (releases up to 0.7), kept so that their examples run.
RandomEngine = RandomGenerator
spawn_random_engine = spawn_random_generator
