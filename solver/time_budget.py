"""Time budgets: what a plugin may still spend in a solve, and when a command started.

The learned plugins wait for inference (and neural diving runs sub-MIPs) inside SCIP callbacks,
where SCIP cannot stop them; each bounds its own work by what this module reports, so that a
solve with ``limits/time`` returns on time whatever a model does.

A user's time limit bounds a whole command: :func:`process_start` says when the process began
and :func:`seconds_left` what is left of a limit counted from such an instant, so that imports,
reading, profiling and model loading are charged to it as SCIP's own solving time is.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable

import pyscipopt

__all__ = [
    "NO_TIME_LIMIT",
    "call_bound",
    "process_start",
    "remaining_seconds",
    "seconds_left",
    "solve_clock",
]

#: SCIP's "no limit" for ``limits/time`` (its default, 1e20).
NO_TIME_LIMIT = 1e20

#: ``timing/clocktype`` of SCIP's CPU clock (1: the process's CPU time; 2, the default: wall).
CPU_CLOCK = 1

#: ``time.monotonic()`` when this module was first imported: :func:`process_start`'s answer
#: where the OS does not say when the process started (``import solver`` imports it).
_FIRST_IMPORT = time.monotonic()


def _seconds_since_process_start() -> float | None:
    """The age of this process from ``/proc/self/stat`` (Linux), or None where it cannot be read.

    Field 22 of ``/proc/self/stat`` is the start time in clock ticks after boot, on the clock
    that ``CLOCK_BOOTTIME`` reads.
    """
    try:
        with open("/proc/self/stat", encoding="ascii") as stream:
            stat = stream.read()
        # The command name (field 2) is in parentheses and may hold spaces: split after it.
        fields = stat[stat.rindex(")") + 2 :].split()
        started_ticks = int(fields[19])  # field 22 of the whole line
        ticks_per_second = os.sysconf("SC_CLK_TCK")
        now = time.clock_gettime(time.CLOCK_BOOTTIME)
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    age = now - started_ticks / ticks_per_second
    return age if age >= 0 else None


def process_start() -> float:
    """When this process started, on the ``time.monotonic()`` clock.

    Read from the OS where it says (Linux: ``/proc/self/stat``, to a clock tick, 10 ms), so that
    the interpreter's start and every import are counted; elsewhere, the first import of this
    module (during ``import solver``, which ``solve`` does first).
    """
    age = _seconds_since_process_start()
    if age is None:
        return _FIRST_IMPORT
    return min(time.monotonic() - age, _FIRST_IMPORT)


def seconds_left(time_limit: float, started: float) -> float:
    """What is left of ``time_limit`` seconds counted from ``started`` (``time.monotonic()``),
    never less than 0."""
    return max(time_limit - (time.monotonic() - started), 0.0)


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
