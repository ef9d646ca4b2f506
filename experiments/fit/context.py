"""What every stage of a fit reads: :class:`FitContext`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from experiments.fit.budget import Budget
from experiments.fit.config import FitConfig

if TYPE_CHECKING:
    from experiments.fit.baseline import Baseline
    from experiments.fit.discover import InstanceCatalog
    from experiments.fit.split import Split

__all__ = ["FitContext"]


def _no_log(line: str) -> None:
    """Drop ``line``."""


@dataclass
class FitContext:
    """The fit's configuration, folders, budget and what its finished stages produced.

    A stage reads what the stages before it filled in (``split`` after discovery, ``baseline``
    after the baseline, ``checkpoints`` after training); a resumed fit refills them from its
    state before it runs the stages still to do.
    """

    config: FitConfig
    """The fit's options."""
    out: Path
    """The model set folder."""
    work: Path
    """The fit's own folder, ``out/fit``: state, data (``data/``), trained models (``runs/``)."""
    budget: Budget
    """Time left (``.left()``) and each stage's allotment (``.stage_deadline(name)``)."""
    split: Split | None = None
    """Training, validation and test instances (None before discovery)."""
    baseline: Baseline | None = None
    """SCIP's default on the validation instances (None before the baseline stage)."""
    checkpoints: dict[str, Path] = field(default_factory=dict)
    """``"branching"`` / ``"diving"`` -> the trained checkpoint; missing: not trained."""
    log: Callable[[str], None] = _no_log
    """Sink of the lines a user should see (skipped files, warnings, decisions)."""
    catalog: InstanceCatalog | None = None
    """The discovered instances, what was left out, and the spread of their profiles."""
    results: dict[str, Any] = field(default_factory=dict)
    """Each finished stage's outputs, by stage name (what the report is written from)."""

    @property
    def command(self) -> str:
        """The fit's command line, as recorded in the checkpoints."""
        return " ".join(self.config.command) or "neuralmip fit"
