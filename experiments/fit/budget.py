"""The fit's time budget: what is left, and each stage's allotment from its share.

A stage's allotment is taken from what is left when it starts, in proportion to its share
among the stages still to run: time a stage saves goes to the ones after it, and time it
overruns comes out of them, so the allotments never add up to more than what is left. Every
child solve, collection and training gets a time limit from its stage's allotment; the whole
fit ends within :data:`OVERRUN_TOLERANCE` of its budget.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from experiments.fit.config import FitError

__all__ = ["MIN_STAGE_SECONDS", "OVERRUN_TOLERANCE", "Budget", "format_duration"]

#: The fewest seconds a timed stage can do anything useful in; a budget that gives a stage
#: less is refused before any work.
MIN_STAGE_SECONDS = 0.5

#: The fit may end this fraction past its budget (process start-up, the last stage's tail).
OVERRUN_TOLERANCE = 0.05


def format_duration(seconds: float) -> str:
    """``"42s"``, ``"12m05s"`` or ``"1h02m"``: a duration for the progress display."""
    whole = int(round(max(0.0, seconds)))
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m{secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


@dataclass
class Budget:
    """Seconds a fit may take, and what it has spent (earlier runs of a resumed fit included).

    Parameters
    ----------
    total_s
        The whole fit's budget.
    spent_s
        Seconds spent before this run started (by the runs a resumed fit continues).
    shares
        Each timed stage's share of the budget.
    started
        The ``time.monotonic()`` instant this run started (default: now: the interpreter's
        start and imports, a second or two, fall within :data:`OVERRUN_TOLERANCE`).
    """

    total_s: float
    spent_s: float = 0.0
    shares: Mapping[str, float] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    _deadlines: dict[str, float] = field(default_factory=dict, repr=False)

    def elapsed(self) -> float:
        """Seconds spent by the fit so far, this run and the earlier ones."""
        return self.spent_s + (time.monotonic() - self.started)

    def left(self) -> float:
        """Seconds left of the budget (0 when it is spent)."""
        return max(0.0, self.total_s - self.elapsed())

    def check(self, stages: Sequence[str], *, resumed: bool = False) -> None:
        """Refuse a budget too small for the timed ``stages`` still to run, before any work.

        A new fit must give each stage at least :data:`MIN_STAGE_SECONDS`; a resumed one
        goes on with whatever is left, unless that is under :data:`MIN_STAGE_SECONDS`.

        Raises
        ------
        FitError
            When the budget is too small; the message names the stage and the smallest
            budget that would do.
        """
        left = self.total_s - self.spent_s
        if resumed:
            if left < MIN_STAGE_SECONDS:
                raise FitError(
                    f"the budget of {format_duration(self.total_s)} is spent "
                    f"({format_duration(self.spent_s)} used); give a larger --budget to continue"
                )
            return
        timed = {name: self.shares.get(name, 0.0) for name in stages if self.shares.get(name)}
        if not timed:
            return
        total_share = sum(timed.values())
        name, share = min(timed.items(), key=lambda item: item[1])
        if left * share / total_share >= MIN_STAGE_SECONDS:
            return
        needed = self.spent_s + MIN_STAGE_SECONDS * total_share / share
        raise FitError(
            f"a budget of {format_duration(left)} is too small: stage {name} ({share:.0%} of "
            f"it) would get {left * share / total_share:.1f} s; give at least --budget "
            f"{math.ceil(needed)}s"
        )

    def start_stage(self, name: str, remaining: Sequence[str]) -> float:
        """Allot stage ``name`` its part of what is left and return those seconds.

        Parameters
        ----------
        name
            The stage starting.
        remaining
            The timed stages still to run, ``name`` included.
        """
        share = self.shares.get(name, 0.0)
        total_share = sum(self.shares.get(stage, 0.0) for stage in remaining)
        seconds = self.left() * share / total_share if total_share > 0 else 0.0
        self._deadlines[name] = time.monotonic() + seconds
        return seconds

    def stage_deadline(self, name: str) -> float:
        """The ``time.monotonic()`` instant stage ``name`` must end by (now if not started)."""
        return self._deadlines.get(name, time.monotonic())

    def timed(self, name: str) -> bool:
        """Whether stage ``name`` has a share of the budget."""
        return self.shares.get(name, 0.0) > 0

    def stage_left(self, name: str) -> float:
        """Seconds left of stage ``name``'s allotment, never more than the budget's."""
        return max(0.0, min(self.stage_deadline(name) - time.monotonic(), self.left()))
