"""Record the primal and dual bound of a SCIP solve over time, for primal integrals and plots.

An event handler catches ``BESTSOLFOUND`` (a new incumbent) and ``DUALBOUNDIMPROVED`` (SCIP 10;
``NODESOLVED`` on older SCIP, where the global dual bound can only change after a node) and
appends ``(solving time, bound)`` points, in the original objective space. Like every plugin of
this package it never breaks a solve: a failure inside the callback is logged once and the
recorder stops recording.

Example
-------
>>> recorder = attach_bound_trajectory(model)  # doctest: +SKIP
>>> model.optimize()  # doctest: +SKIP
>>> recorder.trajectory().primal  # doctest: +SKIP
((0.01, 1234.0), (0.4, 1200.0))
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pyscipopt
from pyscipopt import SCIP_EVENTTYPE, Eventhdlr

__all__ = [
    "BoundTrajectory",
    "BoundTrajectoryRecorder",
    "attach_bound_trajectory",
    "incumbent_objective",
]

_LOG = logging.getLogger(__name__)

#: SCIP 10 signals dual bound improvements directly; before that, solved nodes are the proxy.
_DUAL_EVENT = getattr(SCIP_EVENTTYPE, "DUALBOUNDIMPROVED", SCIP_EVENTTYPE.NODESOLVED)


def incumbent_objective(model: pyscipopt.Model) -> float:
    """The objective value of the best solution, valid inside a ``BESTSOLFOUND`` event.

    Inside that event SCIP 10 has stored the new solution but not yet updated the primal bound:
    ``getPrimalbound()`` still returns the previous incumbent's value (or infinity), which would
    date every incumbent one improvement late.
    """
    return float(model.getSolObjVal(model.getBestSol()))


@dataclass(frozen=True)
class BoundTrajectory:
    """Bounds of one solve over time, each a tuple of ``(seconds, value)`` points."""

    primal: tuple[tuple[float, float], ...]
    """Incumbent objective values when they were found, in increasing time."""
    dual: tuple[tuple[float, float], ...]
    """Global dual bound values when they changed, in increasing time."""


class BoundTrajectoryRecorder(Eventhdlr):
    """Event handler that appends primal and dual bound points while SCIP solves.

    Use :func:`attach_bound_trajectory` to create and include one.
    """

    def __init__(self) -> None:
        super().__init__()
        self._primal: list[tuple[float, float]] = []
        self._dual: list[tuple[float, float]] = []
        self._failed = False

    def eventinit(self) -> None:
        """Catch the two events when the problem is transformed."""
        self.model.catchEvent(SCIP_EVENTTYPE.BESTSOLFOUND, self)
        self.model.catchEvent(_DUAL_EVENT, self)

    def eventexit(self) -> None:
        """Drop the events when the transformed problem is freed."""
        self.model.dropEvent(SCIP_EVENTTYPE.BESTSOLFOUND, self)
        self.model.dropEvent(_DUAL_EVENT, self)

    def eventexec(self, event: pyscipopt.scip.Event) -> dict:
        """Append a point; on any failure, log once and stop recording."""
        if self._failed:
            return {}
        try:
            self._record(event)
        except Exception:  # a recorder must never abort the solve
            self._failed = True
            _LOG.exception("bound trajectory recorder failed; recording stops for this solve")
        return {}

    def _record(self, event: pyscipopt.scip.Event) -> None:
        time = float(self.model.getSolvingTime())
        if event.getType() == SCIP_EVENTTYPE.BESTSOLFOUND:
            self._append(self._primal, time, incumbent_objective(self.model))
        else:
            self._append(self._dual, time, self.model.getDualbound())

    def _append(self, points: list[tuple[float, float]], time: float, value: float) -> None:
        if self.model.isInfinity(abs(value)):
            return
        if points and points[-1][1] == value:
            return  # an unchanged bound adds nothing to a step function
        points.append((time, float(value)))

    def trajectory(self, *, final: bool = True) -> BoundTrajectory:
        """Return the points recorded so far.

        Parameters
        ----------
        final
            Also append the bounds SCIP reports now, if they differ from the last points:
            an incumbent improved in the last moments of a solve (or by SCIP's final polishing)
            does not always come with its own event. Call it before the problem is freed.
        """
        primal, dual = list(self._primal), list(self._dual)
        if final and not self._failed:
            try:
                time = float(self.model.getSolvingTime())
                if self.model.getNSols() > 0:
                    self._append(primal, time, self.model.getPrimalbound())
                self._append(dual, time, self.model.getDualbound())
            except Exception:  # the model may already be freed: keep what was recorded
                _LOG.debug("could not read the final bounds", exc_info=True)
        return BoundTrajectory(primal=tuple(primal), dual=tuple(dual))


def attach_bound_trajectory(model: pyscipopt.Model) -> BoundTrajectoryRecorder:
    """Include a :class:`BoundTrajectoryRecorder` in ``model`` (before ``optimize()``).

    Parameters
    ----------
    model
        The model to observe.

    Returns
    -------
    BoundTrajectoryRecorder
        Call its :meth:`~BoundTrajectoryRecorder.trajectory` after the solve.
    """
    recorder = BoundTrajectoryRecorder()
    model.includeEventhdlr(
        recorder, "neuralmip_bound_trajectory", "records primal and dual bounds over time"
    )
    return recorder
