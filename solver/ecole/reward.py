"""ecole's reward functions and their arithmetic.

A reward function has ``before_reset(model)`` and ``extract(model, done) -> float``. Reward
functions combine like numbers: ``-NNodes()``, ``IsDone() * 10 + LpIterations()``,
``abs(r)``, ``r ** 2``, ``r.exp()``, ``r.log()``, ``r.apply(f)`` and ``r.cumsum()`` all give
reward functions, as in ecole.

The bound integrals (:class:`PrimalIntegral`, :class:`DualIntegral`,
:class:`PrimalDualIntegral`) record bounds with the project's
:class:`solver.trajectory.BoundTrajectoryRecorder`, timed by Python's clocks from
``before_reset``: the process's CPU time (ecole's default) or wall time (``wall=True``). SCIP's
own CPU clock ticks in 10 ms steps, too coarse for short episodes. As in ecole, the time an
agent takes between steps counts.
"""

from __future__ import annotations

import builtins
import math
import numbers
import time
from collections.abc import Callable
from typing import Any

import pyscipopt
from pyscipopt import SCIP_EVENTTYPE, SCIP_STAGE

from solver.trajectory import BoundTrajectoryRecorder, incumbent_objective

__all__ = [
    "Arithmetic",
    "Constant",
    "Cumulative",
    "DualIntegral",
    "IsDone",
    "LpIterations",
    "NNodes",
    "PrimalDualIntegral",
    "PrimalIntegral",
    "RewardFunction",
    "SolvingTime",
]

#: SCIP's infinity, ecole's default initial bound of the integrals.
_SCIP_INFINITY = 1e20


def _pyscipopt(model: Any) -> pyscipopt.Model:
    return model if isinstance(model, pyscipopt.Model) else model.as_pyscipopt()


def _has_statistics(model: pyscipopt.Model) -> bool:
    """Whether SCIP's solving statistics exist (not in the problem stage)."""
    return model.getStage() not in (SCIP_STAGE.INIT, SCIP_STAGE.PROBLEM, SCIP_STAGE.FREE)


class RewardFunction:
    """Base of reward functions: the arithmetic operators of ecole's rewards."""

    def before_reset(self, model: Any) -> None:
        """Reset internal state before an episode."""

    def extract(self, model: Any, done: bool = False) -> float:
        """The reward of the last transition."""
        raise NotImplementedError

    # Binary and reversed binary operators give Arithmetic reward functions.
    def __add__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: x + y, [self, other], "({} + {})")

    def __radd__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: y + x, [self, other], "({1} + {0})")

    def __sub__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: x - y, [self, other], "({} - {})")

    def __rsub__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: y - x, [self, other], "({1} - {0})")

    def __mul__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: x * y, [self, other], "({} * {})")

    def __rmul__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: y * x, [self, other], "({1} * {0})")

    def __truediv__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: x / y, [self, other], "({} / {})")

    def __rtruediv__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: y / x, [self, other], "({1} / {0})")

    def __floordiv__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: x // y, [self, other], "({} // {})")

    def __rfloordiv__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: y // x, [self, other], "({1} // {0})")

    def __mod__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: x % y, [self, other], "({} % {})")

    def __rmod__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: y % x, [self, other], "({1} % {0})")

    def __pow__(self, other: Any) -> Arithmetic:
        return Arithmetic(builtins.pow, [self, other], "({} ** {})")

    def __rpow__(self, other: Any) -> Arithmetic:
        return Arithmetic(lambda x, y: y**x, [self, other], "({1} ** {0})")

    # Unary operators.
    def __neg__(self) -> Arithmetic:
        return Arithmetic(lambda x: -x, [self], "(-{})")

    def __pos__(self) -> Arithmetic:
        return Arithmetic(lambda x: +x, [self], "(+{})")

    def __abs__(self) -> Arithmetic:
        return Arithmetic(builtins.abs, [self], "(abs({}))")

    def apply(self, function: Callable[[float], float]) -> Arithmetic:
        """A reward function whose value is ``function(this reward)``."""
        return Arithmetic(function, [self], "lambda({})")

    def cumsum(self) -> Cumulative:
        """A reward function whose value is the sum of this one's values so far in the episode."""
        return Cumulative(self, lambda total, value: total + value, 0.0, "{}.cumsum()")


def _math_method(name: str) -> Callable[[RewardFunction], Arithmetic]:
    function = getattr(math, name)

    def method(self: RewardFunction) -> Arithmetic:
        return Arithmetic(function, [self], "{}." + name + "()")

    method.__name__ = name
    method.__doc__ = f"A reward function whose value is ``math.{name}(this reward)``."
    return method


for _name in (
    "exp",
    "log",
    "log2",
    "log10",
    "sqrt",
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "sinh",
    "cosh",
    "tanh",
    "asinh",
    "acosh",
    "atanh",
    "isfinite",
    "isinf",
    "isnan",
):
    setattr(RewardFunction, _name, _math_method(_name))


class Constant(RewardFunction):
    """Always the same reward."""

    def __init__(self, constant: float = 0.0) -> None:
        self.constant = float(constant)

    def extract(self, model: Any, done: bool = False) -> float:
        """Return the constant."""
        return self.constant

    def __repr__(self) -> str:
        return repr(self.constant)


class Arithmetic(RewardFunction):
    """The result of an operation on reward functions (numbers become :class:`Constant`)."""

    def __init__(self, operation: Callable[..., Any], functions: list[Any], text: str) -> None:
        self.operation = operation
        self.functions = [Constant(f) if isinstance(f, numbers.Number) else f for f in functions]
        self.text = text

    def before_reset(self, model: Any) -> None:
        """Reset every operand."""
        for function in self.functions:
            function.before_reset(model)

    def extract(self, model: Any, done: bool = False) -> float:
        """Apply the operation to the operands' rewards."""
        return self.operation(*(function.extract(model, done) for function in self.functions))

    def __repr__(self) -> str:
        return self.text.format(*self.functions)


class Cumulative(RewardFunction):
    """A running reduction (e.g. the sum) of a reward function over an episode."""

    def __init__(
        self,
        function: Any,
        reduce: Callable[[float, float], float],
        initial: float,
        text: str,
    ) -> None:
        self.function = function
        self.reduce = reduce
        self.initial = initial
        self.total = initial
        self.text = text

    def before_reset(self, model: Any) -> None:
        """Restart the reduction."""
        self.total = self.initial
        self.function.before_reset(model)

    def extract(self, model: Any, done: bool = False) -> float:
        """Reduce the new reward into the running value and return it."""
        self.total = self.reduce(self.total, self.function.extract(model, done))
        return self.total

    def __repr__(self) -> str:
        return self.text.format(self.function)


class IsDone(RewardFunction):
    """1 on a terminal state, 0 otherwise."""

    def extract(self, model: Any, done: bool = False) -> float:
        """Return ``float(done)``."""
        return 1.0 if done else 0.0

    def __repr__(self) -> str:
        return "IsDone()"


class _Difference(RewardFunction):
    """A SCIP counter's increase since the previous extraction."""

    def __init__(self) -> None:
        self._last = 0.0

    def _count(self, model: pyscipopt.Model) -> float:
        raise NotImplementedError

    def before_reset(self, model: Any) -> None:
        """Restart counting."""
        self._last = 0.0

    def extract(self, model: Any, done: bool = False) -> float:
        """The counter's increase since the previous call (or the episode's start)."""
        scip = _pyscipopt(model)
        count = self._count(scip) if _has_statistics(scip) else 0.0
        difference, self._last = count - self._last, count
        return difference


class NNodes(_Difference):
    """Number of nodes processed since the previous state (SCIP's total over all runs)."""

    def _count(self, model: pyscipopt.Model) -> float:
        return float(model.getNTotalNodes())

    def __repr__(self) -> str:
        return "NNodes()"


class LpIterations(_Difference):
    """Number of LP iterations since the previous state."""

    def _count(self, model: pyscipopt.Model) -> float:
        return float(model.getNLPIterations())

    def __repr__(self) -> str:
        return "LpIterations()"


class SolvingTime(RewardFunction):
    """Seconds since the previous state: process (CPU) time, or wall time with ``wall=True``.

    Measured by Python's clocks from ``before_reset``, so it includes the time of ``reset``
    and the agent's own time, as ecole's did.
    """

    def __init__(self, wall: bool = False) -> None:
        self.wall = wall
        self._clock = time.perf_counter if wall else time.process_time
        self._last = self._clock()

    def before_reset(self, model: Any) -> None:
        """Restart the clock."""
        self._last = self._clock()

    def extract(self, model: Any, done: bool = False) -> float:
        """Seconds since the previous call (or ``before_reset``)."""
        now = self._clock()
        elapsed, self._last = now - self._last, now
        return elapsed

    def __repr__(self) -> str:
        return f"SolvingTime(wall={self.wall})"


def _is_maximization(model: pyscipopt.Model) -> bool:
    return model.getObjectiveSense() == "maximize"


class _ClockedBoundRecorder(BoundTrajectoryRecorder):
    """The project's bound recorder, timed by a Python clock from its creation."""

    def __init__(self, clock: Callable[[], float]) -> None:
        super().__init__()
        self.clock = clock
        self.start = clock()

    def now(self) -> float:
        """Seconds since creation on this recorder's clock."""
        return self.clock() - self.start

    def _record(self, event: pyscipopt.scip.Event) -> None:
        if event.getType() == SCIP_EVENTTYPE.BESTSOLFOUND:
            self._append(self._primal, self.now(), incumbent_objective(self.model))
        else:
            self._append(self._dual, self.now(), self.model.getDualbound())


def _step_integral(
    points: tuple[tuple[float, float], ...],
    initial: float,
    end: float,
    gap: Callable[[float], float],
) -> float:
    """Integral of ``gap(bound(t))`` over ``[0, end]`` for a step function of time."""
    total, value, since = 0.0, initial, 0.0
    for moment, bound in points:
        moment = min(max(moment, since), end)
        total += gap(value) * (moment - since)
        value, since = bound, moment
    return total + gap(value) * max(end - since, 0.0)


class _BoundIntegral(RewardFunction):
    """Increase of a bound integral since the previous state."""

    def __init__(
        self, wall: bool = False, bound_function: Callable[[Any], tuple[float, float]] | None = None
    ) -> None:
        self.wall = wall
        self.bound_function = bound_function
        self._recorder: _ClockedBoundRecorder | None = None
        self._bounds = (0.0, 0.0)
        self._last = 0.0

    def _default_bounds(self, model: pyscipopt.Model) -> tuple[float, float]:
        raise NotImplementedError

    def _integral(self, model: pyscipopt.Model) -> float:
        raise NotImplementedError

    def before_reset(self, model: Any) -> None:
        """Attach a bound recorder to the new model (before it solves) and read the bounds."""
        scip = _pyscipopt(model)
        # One recorder per reward function, under its own name: several integrals may share
        # a model (``PrimalIntegral() + DualIntegral()``), and SCIP refuses duplicate names.
        self._recorder = _ClockedBoundRecorder(
            time.perf_counter if self.wall else time.process_time
        )
        scip.includeEventhdlr(
            self._recorder, f"ecole_bounds_{id(self):x}", "bounds over time for an ecole reward"
        )
        bounds = (
            self.bound_function(model)
            if self.bound_function is not None
            else self._default_bounds(scip)
        )
        self._bounds = (float(bounds[0]), float(bounds[1]))
        self._last = 0.0

    def extract(self, model: Any, done: bool = False) -> float:
        """The integral's increase since the previous call."""
        scip = _pyscipopt(model)
        integral = self._integral(scip) if _has_statistics(scip) else 0.0
        difference, self._last = integral - self._last, integral
        return difference

    def _points(self, model: pyscipopt.Model) -> tuple[tuple[tuple[float, float], ...], ...]:
        """Primal and dual points so far, each ending with the current bound at time now."""
        assert self._recorder is not None
        trajectory = self._recorder.trajectory(final=False)
        now = self._recorder.now()
        primal, dual = list(trajectory.primal), list(trajectory.dual)
        # The last bounds do not always come with an event (e.g. SCIP's final polishing).
        if model.getNSols() > 0:
            primal.append((now, float(model.getPrimalbound())))
        bound = float(model.getDualbound())
        if not model.isInfinity(abs(bound)):
            dual.append((now, bound))
        return tuple(primal), tuple(dual), now


class PrimalIntegral(_BoundIntegral):
    """Primal integral since the previous state: the area between the primal bound and an offset.

    Parameters
    ----------
    wall
        Integrate over wall time instead of process time.
    bound_function
        ``model -> (offset, initial_primal_bound)``; default ``(0, 1e20)`` when minimising,
        ``(0, -1e20)`` when maximising.
    """

    def _default_bounds(self, model: pyscipopt.Model) -> tuple[float, float]:
        return (0.0, -_SCIP_INFINITY if _is_maximization(model) else _SCIP_INFINITY)

    def _integral(self, model: pyscipopt.Model) -> float:
        primal, _, now = self._points(model)
        offset, initial = self._bounds
        sign = -1.0 if _is_maximization(model) else 1.0
        return _step_integral(primal, initial, now, lambda bound: sign * (bound - offset))

    def __repr__(self) -> str:
        return f"PrimalIntegral(wall={self.wall})"


class DualIntegral(_BoundIntegral):
    """Dual integral since the previous state: the area between an offset and the dual bound.

    Parameters
    ----------
    wall
        Integrate over wall time instead of process time.
    bound_function
        ``model -> (offset, initial_dual_bound)``; default ``(0, -1e20)`` when minimising,
        ``(0, 1e20)`` when maximising.
    """

    def _default_bounds(self, model: pyscipopt.Model) -> tuple[float, float]:
        return (0.0, _SCIP_INFINITY if _is_maximization(model) else -_SCIP_INFINITY)

    def _integral(self, model: pyscipopt.Model) -> float:
        _, dual, now = self._points(model)
        offset, initial = self._bounds
        sign = -1.0 if _is_maximization(model) else 1.0
        return _step_integral(dual, initial, now, lambda bound: sign * (offset - bound))

    def __repr__(self) -> str:
        return f"DualIntegral(wall={self.wall})"


class PrimalDualIntegral(_BoundIntegral):
    """Primal-dual integral since the previous state: the area between the two bounds.

    Parameters
    ----------
    wall
        Integrate over wall time instead of process time.
    bound_function
        ``model -> (initial_primal_bound, initial_dual_bound)``; default ``(1e20, -1e20)`` when
        minimising, ``(-1e20, 1e20)`` when maximising.
    """

    def _default_bounds(self, model: pyscipopt.Model) -> tuple[float, float]:
        if _is_maximization(model):
            return (-_SCIP_INFINITY, _SCIP_INFINITY)
        return (_SCIP_INFINITY, -_SCIP_INFINITY)

    def _integral(self, model: pyscipopt.Model) -> float:
        primal_points, dual_points, end = self._points(model)
        initial_primal, initial_dual = self._bounds
        sign = -1.0 if _is_maximization(model) else 1.0
        # Merge the two step functions into one of (primal, dual) pairs.
        events = sorted([(t, 0, v) for t, v in primal_points] + [(t, 1, v) for t, v in dual_points])
        total, primal, dual, since = 0.0, initial_primal, initial_dual, 0.0
        for moment, kind, value in events:
            moment = min(max(moment, since), end)
            total += sign * (primal - dual) * (moment - since)
            since = moment
            if kind == 0:
                primal = value
            else:
                dual = value
        return total + sign * (primal - dual) * max(end - since, 0.0)

    def __repr__(self) -> str:
        return f"PrimalDualIntegral(wall={self.wall})"
