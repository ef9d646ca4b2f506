"""The time a plugin may still spend in a solve: its time limit minus SCIP's solving time.

The learned plugins wait for inference (and neural diving runs sub-MIPs) inside SCIP callbacks,
where SCIP cannot stop them; each bounds its own work by what this module reports, so that a
solve with ``limits/time`` returns on time whatever a model does.
"""

from __future__ import annotations

import math

import pyscipopt

__all__ = ["NO_TIME_LIMIT", "remaining_seconds", "call_bound"]

#: SCIP's "no limit" for ``limits/time`` (its default, 1e20).
NO_TIME_LIMIT = 1e20


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
