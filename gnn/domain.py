"""A model's training domain: the range of instance profiles it was trained on.

A checkpoint may carry a :class:`ModelDomain`, fitted on the profiles
(:func:`instances.profile.instance_profile`) of its training instances. Before a learned plugin
is included, the instance's profile is checked against it: a model is only used on instances
like those it learned from, since outside them its decisions can cost SCIP many times its own
time (``solver/models/README.md``). Each feature may stray from the training range by a fixed
tolerance, so that held-out instances of the same class, and larger sizes of it, still pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from instances.profile import ProfileFeature

__all__ = ["DOMAIN_TOLERANCE", "DomainError", "ModelDomain"]

#: How far an instance's feature may lie outside the training range and still be admitted:
#: 0.15 for the fractions (the share of variable-bound rows in facility location grows with its
#: size: 0.85 at 15 x 10, 0.98 at 100 x 100), one order of magnitude for the coefficient range.
DOMAIN_TOLERANCE: Mapping[ProfileFeature, float] = {
    feature: (1.0 if feature is ProfileFeature.COEFFICIENT_RANGE else 0.15)
    for feature in ProfileFeature
}


class DomainError(ValueError):
    """A recorded domain cannot be read (wrong features, malformed values)."""


@dataclass(frozen=True)
class ModelDomain:
    """Per-feature ranges of the training instances' profiles.

    Attributes
    ----------
    low, high
        Smallest and largest value of each :class:`ProfileFeature` over the training instances.
    n_instances
        How many instances the ranges were fitted on.
    source
        Where those instances came from (a dataset folder), for the record.
    """

    low: tuple[float, ...]
    high: tuple[float, ...]
    n_instances: int
    source: str = ""

    def __post_init__(self) -> None:
        n = len(ProfileFeature)
        if len(self.low) != n or len(self.high) != n:
            raise DomainError(f"a domain needs {n} features, got {len(self.low)}/{len(self.high)}")
        if any(not lo <= hi for lo, hi in zip(self.low, self.high, strict=True)):
            raise DomainError("a domain's low end exceeds its high end")

    @classmethod
    def fit(cls, profiles: Iterable[np.ndarray], source: str = "") -> ModelDomain:
        """The ranges of ``profiles`` (at least one)."""
        stacked = np.array(list(profiles), dtype=float)
        if stacked.ndim != 2 or stacked.shape[0] == 0:
            raise DomainError("fitting a domain needs at least one instance profile")
        return cls(
            low=tuple(float(v) for v in stacked.min(axis=0)),
            high=tuple(float(v) for v in stacked.max(axis=0)),
            n_instances=int(stacked.shape[0]),
            source=source,
        )

    def violations(self, profile: np.ndarray) -> list[str]:
        """What in ``profile`` lies outside the domain, one phrase per feature (empty: inside)."""
        found = []
        for feature in ProfileFeature:
            value = float(profile[feature.value])
            low, high = self.low[feature.value], self.high[feature.value]
            tolerance = DOMAIN_TOLERANCE[feature]
            if not low - tolerance <= value <= high + tolerance:
                name = feature.name.lower().replace("_", " ")
                found.append(f"{name} {value:.2f} outside [{low:.2f}, {high:.2f}]")
        return found

    def admits(self, profile: np.ndarray) -> bool:
        """Whether ``profile`` lies inside the domain (with its tolerances)."""
        return not self.violations(profile)

    def distance(self, profile: np.ndarray) -> float:
        """Largest excess over the training range, in units of each feature's tolerance (0 when
        inside the ranges themselves); ranks the domains that admit an instance."""
        excess = 0.0
        for feature in ProfileFeature:
            value = float(profile[feature.value])
            low, high = self.low[feature.value], self.high[feature.value]
            outside = max(low - value, value - high, 0.0)
            excess = max(excess, outside / DOMAIN_TOLERANCE[feature])
        return excess

    def to_dict(self) -> dict[str, Any]:
        """Plain values for a checkpoint (``torch.load(weights_only=True)`` reads them)."""
        return {
            "features": [feature.name for feature in ProfileFeature],
            "low": list(self.low),
            "high": list(self.high),
            "n_instances": self.n_instances,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> ModelDomain:
        """Rebuild from :meth:`to_dict`'s output.

        Raises
        ------
        DomainError
            When the record's features are not this build's :class:`ProfileFeature` or its
            values are malformed.
        """
        try:
            features = list(record["features"])
            if features != [feature.name for feature in ProfileFeature]:
                raise DomainError("the domain was fitted on other profile features")
            return cls(
                low=tuple(float(v) for v in record["low"]),
                high=tuple(float(v) for v in record["high"]),
                n_instances=int(record["n_instances"]),
                source=str(record.get("source", "")),
            )
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, DomainError):
                raise
            raise DomainError(f"malformed domain record ({error})") from None
