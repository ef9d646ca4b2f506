"""Pieces every generator shares: turning an ``rng`` argument into a generator, and the protocol.

A generator is a frozen dataclass of parameters with ``generate(rng) -> pyscipopt.Model``; the
:class:`InstanceParams` protocol states that contract for type checkers and for the registry.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np
import pyscipopt

__all__ = ["InstanceParams", "RngLike", "as_rng"]

#: What every sampling function accepts: a generator (used as is), a seed, or None (fresh entropy).
RngLike = np.random.Generator | np.random.SeedSequence | int | None


def as_rng(rng: RngLike) -> np.random.Generator:
    """Return ``rng`` as a :class:`numpy.random.Generator`.

    Parameters
    ----------
    rng
        A generator (returned unchanged, so the caller's stream advances), a seed or
        :class:`~numpy.random.SeedSequence` (a new PCG64 generator), or None (fresh OS entropy:
        not reproducible).

    Returns
    -------
    numpy.random.Generator
    """
    if isinstance(rng, bool):  # bool is an int subclass; True as a seed is almost surely a bug
        raise TypeError(
            "rng must be a numpy Generator, a SeedSequence, an int seed or None, not bool"
        )
    return np.random.default_rng(rng)


@runtime_checkable
class InstanceParams(Protocol):
    """The contract of an instance generator: parameters that sample a SCIP model."""

    def generate(self, rng: RngLike = None) -> pyscipopt.Model:
        """Sample one instance with ``rng``; the same parameters and seed give the same model."""
        ...
