"""Split a family's instances into training, validation and test sets by a seeded hash.

Each instance draws ``u = sha256(f"{seed}:{content hash}") / 2**256``, a number in [0, 1)
that depends on its contents and the seed alone (not on its name, folder or the other files).
Instances are ranked by ``u``; the first ``n_train`` train the models, the next ``n_valid``
tune and gate them, the rest test them. The sizes come from the fractions, raised to the
minimums; as ranks move by one per added file, adding files moves few instances across a
boundary. The test set is never used for any choice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from experiments.fit.config import FitConfig, FitError

__all__ = ["Split", "hash_draw", "split_instances"]


def hash_draw(seed: int, digest: str) -> float:
    """The instance's number in [0, 1): ``sha256(f"{seed}:{digest}")`` over ``2**256``."""
    value = int(hashlib.sha256(f"{seed}:{digest}".encode()).hexdigest(), 16)
    return value / 2**256


@dataclass(frozen=True)
class Split:
    """The three sets of instances, each sorted by name."""

    train: tuple[Path, ...]
    """Instances the models are trained on (and their domain fitted on)."""
    valid: tuple[Path, ...]
    """Instances the components are tuned and gated on."""
    test: tuple[Path, ...]
    """Instances the written model set is tested on (never used for any choice)."""

    def sizes(self) -> dict[str, int]:
        """``{"train": n, "valid": n, "test": n}``."""
        return {"train": len(self.train), "valid": len(self.valid), "test": len(self.test)}

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {name: [str(p) for p in getattr(self, name)] for name in ("train", "valid", "test")}

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> Split:
        """The split :meth:`to_json` wrote."""
        return cls(*(tuple(Path(p) for p in record[name]) for name in ("train", "valid", "test")))


def _sizes(n: int, config: FitConfig) -> tuple[int, int, int]:
    """Train, validation and test sizes of ``n`` instances (FitError when too few)."""
    needed = config.min_train + config.min_valid + config.min_test
    if n < needed:
        raise FitError(
            f"{n} usable instance(s); the split needs at least {needed} "
            f"(train {config.min_train}, validation {config.min_valid}, test {config.min_test})"
        )
    n_valid = max(config.min_valid, round(config.valid_fraction * n))
    n_test = max(config.min_test, round(config.test_fraction * n))
    n_train = n - n_valid - n_test
    while n_train < config.min_train:  # fractions rounded up past the minimum: take back
        if n_valid > config.min_valid and n_valid >= n_test:
            n_valid -= 1
        else:
            n_test -= 1
        n_train += 1
    return n_train, n_valid, n_test


def split_instances(hashes: Mapping[str, str], config: FitConfig) -> Split:
    """Split the instances of ``hashes`` (``path -> content hash``) by ``config``'s seed.

    Raises
    ------
    FitError
        When there are fewer instances than the minimums add up to (the message gives both).
    """
    n_train, n_valid, _ = _sizes(len(hashes), config)
    ranked = sorted(hashes, key=lambda path: (hash_draw(config.seed, hashes[path]), path))
    parts = ranked[:n_train], ranked[n_train : n_train + n_valid], ranked[n_train + n_valid :]
    return Split(*(tuple(sorted(Path(p) for p in part)) for part in parts))
