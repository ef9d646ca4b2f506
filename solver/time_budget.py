"""The time a plugin may still spend in a solve: its time limit minus SCIP's solving time.

The learned plugins wait for inference (and neural diving runs sub-MIPs) inside SCIP callbacks,
where SCIP cannot stop them; each bounds its own work by what this module reports, so that a
solve with ``limits/time`` returns on time whatever a model does.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import pyscipopt

__all__ = ["NO_TIME_LIMIT", "remaining_seconds", "call_bound", "solve_clock"]

#: SCIP's "no limit" for ``limits/time`` (its default, 1e20).
NO_TIME_LIMIT = 1e20

#: ``timing/clocktype`` of SCIP's CPU clock (1: the process's CPU time; 2, the default: wall).
CPU_CLOCK = 1


def remaining_seconds(model: pyscipopt.Model) -> float:
    """Seconds left before ``limits/time`` (infinity without a limit; may be negative)."""
    limit = float(model.getParam("limits/time"))
    if limit >= NO_TIME_LIMIT:
        return math.inf
    return limit - model.getSolvingTime()


def call_bound(model: pyscipopt.Model, per_call: float | None) -> float | None:
    """How long one call may take: the time left and ``per_call``, whichever ends first.

    Returns
    -------
    float or None
        None when neither bounds the call (no time limit and no ``per_call``).
    """
    remaining = remaining_seconds(model)
    if math.isinf(remaining):
        return per_call
    return remaining if per_call is None else min(per_call, remaining)


def solve_clock(model: pyscipopt.Model) -> Callable[[], float]:
    """A fine-grained clock that measures what the solve's clock (``timing/clocktype``) does.

    SCIP's own clock ticks in hundredths of a second on the CPU setting, too coarse for a
    plugin's millisecond steps; this returns ``time.process_time`` when the solve counts its
    process's CPU time (time other processes take is then not charged) and
    ``time.perf_counter`` when it counts wall time.
    """
    if int(model.getParam("timing/clocktype")) == CPU_CLOCK:
        return time.process_time
    return time.perf_counter
