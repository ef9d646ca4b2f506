"""Small random MIPs for property tests: a hypothesis strategy, a builder and a brute-force oracle.

A :class:`MipSpec` holds plain numbers (so hypothesis can shrink it): variables (binary, integer
or continuous, bounded or free), rows (``<=``, ``>=``, ``==`` or ranged) and an objective
sense. All-integer specs with finite bounds and at most :data:`MAX_ENUMERATION` points are solved
by enumerating every point, independently of any solver.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import pyscipopt
from hypothesis import strategies as st
from pyscipopt.scip import ExprCons

__all__ = [
    "LIMIT_STATUSES",
    "MAX_ENUMERATION",
    "NODE_LIMIT",
    "MipSpec",
    "brute_force",
    "build_model",
    "mip_specs",
    "same_outcome",
]

#: Node limit of every solve of a spec; a solve that stops at a limit proves nothing.
NODE_LIMIT = 5_000

#: SCIP statuses of a solve that stopped at a limit.
LIMIT_STATUSES = frozenset({"nodelimit", "timelimit", "totalnodelimit", "stallnodelimit"})

#: Largest number of integer points the oracle enumerates.
MAX_ENUMERATION = 20_000

_VARIABLE_TYPES = ("B", "I", "C")


@dataclass(frozen=True)
class MipSpec:
    """A small MIP: ``min/max c x  s.t.  lhs <= A x <= rhs,  lb <= x <= ub``."""

    types: tuple[str, ...]
    """``"B"``, ``"I"`` or ``"C"`` per variable."""
    lower: tuple[float | None, ...]
    """Lower bound per variable; None is minus infinity."""
    upper: tuple[float | None, ...]
    """Upper bound per variable; None is plus infinity."""
    objective: tuple[int, ...]
    """Objective coefficient per variable."""
    rows: tuple[tuple[tuple[int, ...], float | None, float | None], ...]
    """``(coefficients, lhs, rhs)`` per row; None is an infinite side."""
    maximize: bool
    """Objective sense."""

    @property
    def enumerable(self) -> bool:
        """All-integer with finite bounds and few enough points to enumerate."""
        if "C" in self.types or None in self.lower or None in self.upper:
            return False
        points = math.prod(int(u - lo + 1) for lo, u in zip(self.lower, self.upper, strict=True))
        return points <= MAX_ENUMERATION


@st.composite
def mip_specs(draw: st.DrawFn, max_variables: int = 5, max_rows: int = 4) -> MipSpec:
    """Hypothesis strategy of :class:`MipSpec` (feasible, infeasible and unbounded alike)."""
    n = draw(st.integers(1, max_variables))
    types, lower, upper = [], [], []
    for _ in range(n):
        kind = draw(st.sampled_from(_VARIABLE_TYPES))
        types.append(kind)
        if kind == "B":
            lower.append(0.0)
            upper.append(1.0)
            continue
        low = draw(st.one_of(st.none(), st.integers(-4, 2)))
        high = draw(st.one_of(st.none(), st.integers(0, 4)))
        if low is not None and high is not None and high < low:
            low, high = high, low
        if kind == "C" and low is not None and draw(st.booleans()):
            low = low + 0.5  # fractional bounds on continuous variables
        lower.append(None if low is None else float(low))
        upper.append(None if high is None else float(high))
    coefficient = st.integers(-5, 5)
    objective = tuple(draw(st.lists(coefficient, min_size=n, max_size=n)))
    rows = []
    for _ in range(draw(st.integers(0, max_rows))):
        coefficients = tuple(draw(st.lists(coefficient, min_size=n, max_size=n)))
        shape = draw(st.sampled_from(("<=", ">=", "==", "ranged")))
        bound = draw(st.integers(-8, 8))
        if shape == "<=":
            rows.append((coefficients, None, float(bound)))
        elif shape == ">=":
            rows.append((coefficients, float(bound), None))
        elif shape == "==":
            rows.append((coefficients, float(bound), float(bound)))
        else:
            width = draw(st.integers(0, 6))
            rows.append((coefficients, float(bound), float(bound + width)))
    return MipSpec(
        types=tuple(types),
        lower=tuple(lower),
        upper=tuple(upper),
        objective=objective,
        rows=tuple(rows),
        maximize=draw(st.booleans()),
    )


def build_model(spec: MipSpec, *, presolve: bool = True) -> pyscipopt.Model:
    """The spec as a quiet ``pyscipopt.Model`` in problem stage."""
    model = pyscipopt.Model("random-mip")
    model.hideOutput()
    variables = [
        model.addVar(f"x{i}", vtype=kind, lb=lower, ub=upper, obj=float(cost))
        for i, (kind, lower, upper, cost) in enumerate(
            zip(spec.types, spec.lower, spec.upper, spec.objective, strict=True)
        )
    ]
    for j, (coefficients, lhs, rhs) in enumerate(spec.rows):
        # An all-zero row stays in as ``0 * x0``: a constant against its sides.
        expression = pyscipopt.Expr() + pyscipopt.quicksum(
            c * v for c, v in zip(coefficients, variables, strict=True)
        )
        model.addCons(ExprCons(expression, lhs=lhs, rhs=rhs), name=f"r{j}")
    model.setMaximize() if spec.maximize else model.setMinimize()
    # Free integer variables over an unbounded LP can make SCIP branch forever: bound the work.
    model.setParam("limits/nodes", NODE_LIMIT)
    model.setParam("limits/time", 30.0)
    if not presolve:
        model.setPresolve(pyscipopt.SCIP_PARAMSETTING.OFF)
    return model


def brute_force(spec: MipSpec) -> tuple[str, float | None]:
    """``("optimal", value)`` or ``("infeasible", None)`` by enumerating every integer point."""
    assert spec.enumerable
    domains = [range(int(lo), int(u) + 1) for lo, u in zip(spec.lower, spec.upper, strict=True)]
    points = np.array(list(itertools.product(*domains)), dtype=np.float64)
    feasible = np.ones(len(points), dtype=bool)
    for coefficients, lhs, rhs in spec.rows:
        activity = points @ np.asarray(coefficients, dtype=np.float64)
        if lhs is not None:
            feasible &= activity >= lhs
        if rhs is not None:
            feasible &= activity <= rhs
    if not feasible.any():
        return "infeasible", None
    values = points[feasible] @ np.asarray(spec.objective, dtype=np.float64)
    return "optimal", float(values.max() if spec.maximize else values.min())


#: SCIP's word when it knows only that there is no optimum (infeasible or unbounded).
_EITHER = "inforunbd"


def same_outcome(
    first: tuple[str, float | None], second: tuple[str, float | None], rel: float = 1e-6
) -> bool:
    """Whether two ``(status, objective)`` outcomes agree.

    ``inforunbd`` agrees with ``infeasible`` and ``unbounded``; optimal objectives agree to
    ``rel`` relative (1e-6 absolute near zero).
    """
    (status_a, value_a), (status_b, value_b) = first, second
    if status_a != status_b:
        no_optimum = {"infeasible", "unbounded", _EITHER}
        return _EITHER in (status_a, status_b) and {status_a, status_b} <= no_optimum
    if status_a != "optimal":
        return True
    assert value_a is not None and value_b is not None
    return math.isclose(value_a, value_b, rel_tol=rel, abs_tol=1e-6)
