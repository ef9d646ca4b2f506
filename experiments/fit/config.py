"""What one ``neuralmip fit`` does: :class:`FitConfig`, parsed once at the command line."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = ["DEFAULT_SHARES", "FitConfig", "FitError", "parse_budget"]


class FitError(ValueError):
    """Bad input a fit cannot go on with (exit 2); ``str()`` is one clear message."""


#: Each timed stage's share of the budget (they sum to 1). Discovery, the gate and the model
#: set's writing take no share: they are short, and what they take comes out of the others.
DEFAULT_SHARES: Mapping[str, float] = MappingProxyType(
    {
        "baseline": 0.05,
        "collect_branching": 0.15,
        "collect_solutions": 0.10,
        "train_branching": 0.15,
        "train_diving": 0.10,
        "tune": 0.30,
        "test": 0.12,
        "report": 0.03,
    }
)

_BUDGET = re.compile(
    r"^(?:(?P<h>\d+(?:\.\d+)?)h)?(?:(?P<m>\d+(?:\.\d+)?)m)?(?:(?P<s>\d+(?:\.\d+)?)s?)?$"
)


def parse_budget(text: str) -> float:
    """Seconds of a budget written ``3600``, ``90s``, ``20m``, ``1h`` or ``1h30m``.

    Raises
    ------
    FitError
        For text of another form, or a budget that is not positive.
    """
    match = _BUDGET.match(text.strip().lower())
    if not text.strip() or match is None or not any(match.groupdict().values()):
        raise FitError(f"--budget {text!r}: expected seconds or a duration such as 90s, 20m, 1h30m")
    parts = {unit: float(value or 0.0) for unit, value in match.groupdict().items()}
    seconds = 3600.0 * parts["h"] + 60.0 * parts["m"] + parts["s"]
    if seconds <= 0:
        raise FitError(f"--budget {text!r}: must be more than 0 seconds")
    return seconds


@dataclass(frozen=True)
class FitConfig:
    """The options of one fit (:mod:`experiments.commands.fit` builds it from the command line)."""

    out: Path
    """The model set folder to write (the fit's own files go to ``out/fit``)."""
    inputs: tuple[Path, ...] = ()
    """Instance files or folders of one family (used when ``generate`` is None)."""
    generate: str | None = None
    """A shipped generator's class (``setcover``, ...) to draw the instances from instead."""
    preset: str = "easy"
    """Size preset of the generated instances."""
    count: int = 30
    """Instances to generate."""
    budget_s: float = 3600.0
    """Seconds the whole fit may take, resumed runs included (it ends within 5 % of it)."""
    workers: int = 1
    """Solves at once (local processes, or Ray tasks with ``ray``)."""
    ray: str | None = None
    """Ray cluster address (``auto`` or ``HOST:PORT``); None: local processes."""
    resume: bool = False
    """Continue the fit whose state lies in ``out/fit``; its finished work is not redone."""
    seed: int = 0
    """Master seed: the split, generation, collection, training and every solve derive from it."""
    redo_from: str | None = None
    """With ``resume``: run this stage and every later one again from scratch, even if
    finished (e.g. ``gate``, to decide again from the stored tuning figures with this
    version's gate); what those stages left on disk is removed first. None: only what is
    unfinished."""
    train_fraction: float = 0.6
    """Share of the instances that trains the models."""
    valid_fraction: float = 0.2
    """Share that tunes and gates them (the rest is the test split, never used for a choice)."""
    min_train: int = 4
    """Fewest training instances a fit accepts."""
    min_valid: int = 3
    """Fewest validation instances a fit accepts."""
    min_test: int = 3
    """Fewest test instances a fit accepts."""
    shares: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_SHARES), hash=False)
    """Each timed stage's share of the budget (:data:`DEFAULT_SHARES`)."""
    command: tuple[str, ...] = ()
    """The command line, recorded in the checkpoints and the manifest."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "shares", MappingProxyType(dict(self.shares)))
        if (self.generate is None) == (not self.inputs):
            raise FitError("give instance files or folders, or --generate CLASS (not both)")
        needed = self.min_train + self.min_valid + self.min_test
        if self.generate is not None and self.count < needed:
            raise FitError(
                f"--count {self.count}: the split needs at least {needed} instances "
                f"(train {self.min_train}, validation {self.min_valid}, test {self.min_test})"
            )
        if self.redo_from is not None and not self.resume:
            raise FitError("--redo-from needs --resume (it redoes stages of an existing fit)")
        if self.workers < 1:
            raise FitError(f"--workers must be >= 1, got {self.workers}")
        if self.seed < 0:
            raise FitError(f"--seed must be >= 0, got {self.seed}")
        if not self.budget_s > 0:
            raise FitError(f"--budget must be more than 0 seconds, got {self.budget_s}")
        test_fraction = 1.0 - self.train_fraction - self.valid_fraction
        if min(self.train_fraction, self.valid_fraction, test_fraction) <= 0:
            raise FitError("the split fractions must be positive and leave a test split")
        unknown = set(self.shares) - set(DEFAULT_SHARES)
        if unknown or any(value < 0 for value in self.shares.values()):
            raise FitError(
                f"stage shares: unknown stages or negative shares in {dict(self.shares)}"
            )

    @property
    def test_fraction(self) -> float:
        """Share of the instances in the test split."""
        return 1.0 - self.train_fraction - self.valid_fraction

    @property
    def work(self) -> Path:
        """The fit's own folder: state, data, runs (``out/fit``)."""
        return self.out / "fit"

    def identity(self) -> str:
        """A hash of what decides the fit's results (inputs, generation, seed, split): a
        resumed fit must have the same. The budget, workers and shares may change."""
        record: dict[str, Any] = {
            "inputs": sorted(str(Path(path).resolve()) for path in self.inputs),
            "generate": [self.generate, self.preset, self.count] if self.generate else None,
            "seed": self.seed,
            "split": [self.train_fraction, self.valid_fraction],
            "minimums": [self.min_train, self.min_valid, self.min_test],
        }
        return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        """The config as a JSON-ready dict (for the state and the manifest)."""
        return {
            "out": str(self.out),
            "inputs": [str(path) for path in self.inputs],
            "generate": self.generate,
            "preset": self.preset,
            "count": self.count,
            "budget_s": self.budget_s,
            "workers": self.workers,
            "ray": self.ray,
            "seed": self.seed,
            "train_fraction": self.train_fraction,
            "valid_fraction": self.valid_fraction,
            "minimums": {"train": self.min_train, "valid": self.min_valid, "test": self.min_test},
            "shares": dict(self.shares),
            "command": list(self.command),
        }
