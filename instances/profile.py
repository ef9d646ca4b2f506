"""An instance's structural profile: size-free statistics that tell problem classes apart.

A learned model is trained on one family of instances (set covering, auctions, ...). Its
decisions mean little on a MIP of another structure, where they can make SCIP many times slower
(``solver/models/README.md``: the set cover policy on MIPLIB's neos-911880). The profile is what
a model's training domain (:mod:`gnn.domain`) is fitted on and checked against before a learned
plugin is included. Every feature is a fraction or a logarithm that does not grow with the
instance, so one class's Easy and Medium sizes share a profile.

Computed from the original (not presolved) problem, before solving. Rows are read through
``getConsVars`` and ``getConsVals``; constraints that are not linear count as
:attr:`ProfileFeature.OTHER_ROWS`.
"""

from __future__ import annotations

import math
from enum import Enum

import numpy as np
import pyscipopt

__all__ = ["MAX_PROFILED_ROWS", "ProfileFeature", "instance_profile"]

#: Rows read for the row statistics (the first ones; the profile stays cheap on huge models).
MAX_PROFILED_ROWS = 20_000

_INTEGRAL = 1e-9


class ProfileFeature(Enum):
    """The columns of :func:`instance_profile`, in order."""

    BINARY_VARIABLES = 0
    """Fraction of variables that are binary."""
    INTEGER_VARIABLES = 1
    """Fraction of variables that are general integers (implicit integers included)."""
    CONTINUOUS_VARIABLES = 2
    """Fraction of variables that are continuous."""
    OBJECTIVE_SUPPORT = 3
    """Fraction of variables with a nonzero objective coefficient."""
    OBJECTIVE_SIGN = 4
    """Fraction of nonzero objective coefficients that worsen the objective as the variable
    grows (positive when minimising, negative when maximising)."""
    EQUALITY_ROWS = 5
    """Fraction of rows with equal finite sides."""
    SET_COVER_ROWS = 6
    """Fraction of rows ``sum of binaries >= 1`` (unit coefficients)."""
    SET_PACKING_ROWS = 7
    """Fraction of rows ``sum of binaries <= 1`` (unit coefficients)."""
    PURE_BINARY_ROWS = 8
    """Fraction of rows over binaries only (any coefficients and sides)."""
    MIXED_ROWS = 9
    """Fraction of rows over both integer and continuous variables."""
    CONTINUOUS_ROWS = 10
    """Fraction of rows over continuous variables only."""
    TWO_VARIABLE_ROWS = 11
    """Fraction of rows with exactly two nonzeros (variable bounds, precedences)."""
    OTHER_ROWS = 12
    """Fraction of constraints that are not linear (SOS, indicator, nonlinear, ...)."""
    UNIT_COEFFICIENTS = 13
    """Fraction of row nonzeros that are +1 or -1."""
    COEFFICIENT_RANGE = 14
    """log10 of the largest over the smallest absolute row coefficient (0 for none)."""


def _fraction(count: float, total: float) -> float:
    return count / total if total > 0 else 0.0


def instance_profile(model: pyscipopt.Model) -> np.ndarray:
    """The profile of ``model``'s original problem, one float per :class:`ProfileFeature`.

    Call it before ``optimize()`` (or on a model whose original problem is intact).
    """
    profile = np.zeros(len(ProfileFeature))
    _profile_variables(model, profile)
    rows = _RowTally()
    for constraint in model.getConss()[:MAX_PROFILED_ROWS]:
        rows.add(model, constraint)
    for feature in _ROW_FEATURES:
        profile[feature.value] = _fraction(rows.counts[feature], rows.n_rows)
    profile[ProfileFeature.UNIT_COEFFICIENTS.value] = _fraction(rows.n_unit, rows.n_entries)
    if rows.largest > 0.0:
        profile[ProfileFeature.COEFFICIENT_RANGE.value] = math.log10(rows.largest / rows.smallest)
    return profile


def _profile_variables(model: pyscipopt.Model, profile: np.ndarray) -> None:
    """Fill the variable and objective features of ``profile``."""
    variables = model.getVars()
    # By variable object, not name: names need not be valid UTF-8 (PySCIPOpt decodes them).
    kinds = [var.vtype() for var in variables]
    n_vars = len(variables)
    n_binary = kinds.count("BINARY")
    n_continuous = kinds.count("CONTINUOUS")
    objective = np.array([var.getObj() for var in variables], dtype=float)
    nonzero = objective[objective != 0.0]
    worsening = nonzero > 0 if model.getObjectiveSense() == "minimize" else nonzero < 0
    profile[ProfileFeature.BINARY_VARIABLES.value] = _fraction(n_binary, n_vars)
    profile[ProfileFeature.INTEGER_VARIABLES.value] = _fraction(
        n_vars - n_binary - n_continuous, n_vars
    )
    profile[ProfileFeature.CONTINUOUS_VARIABLES.value] = _fraction(n_continuous, n_vars)
    profile[ProfileFeature.OBJECTIVE_SUPPORT.value] = _fraction(nonzero.size, n_vars)
    profile[ProfileFeature.OBJECTIVE_SIGN.value] = _fraction(
        int(np.count_nonzero(worsening)), nonzero.size
    )


#: The features that are fractions of the profiled rows.
_ROW_FEATURES = (
    ProfileFeature.EQUALITY_ROWS,
    ProfileFeature.SET_COVER_ROWS,
    ProfileFeature.SET_PACKING_ROWS,
    ProfileFeature.PURE_BINARY_ROWS,
    ProfileFeature.MIXED_ROWS,
    ProfileFeature.CONTINUOUS_ROWS,
    ProfileFeature.TWO_VARIABLE_ROWS,
    ProfileFeature.OTHER_ROWS,
)


class _RowTally:
    """Counts over the profiled rows: rows of each kind, coefficients, their magnitudes."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(ProfileFeature, 0.0)
        self.n_rows = 0
        self.n_entries = 0
        self.n_unit = 0
        self.smallest, self.largest = math.inf, 0.0

    def add(self, model: pyscipopt.Model, constraint: pyscipopt.Constraint) -> None:
        """Count one constraint (a non-linear one only as ``OTHER_ROWS``)."""
        self.n_rows += 1
        if constraint.getConshdlrName() != "linear":
            self.counts[ProfileFeature.OTHER_ROWS] += 1
            return
        row_variables = model.getConsVars(constraint)
        values = np.asarray(model.getConsVals(constraint), dtype=float)
        magnitudes = np.abs(values[values != 0.0])
        if magnitudes.size:
            self.smallest = min(self.smallest, float(magnitudes.min()))
            self.largest = max(self.largest, float(magnitudes.max()))
        self.n_entries += magnitudes.size
        self.n_unit += int(np.count_nonzero(np.abs(magnitudes - 1.0) <= _INTEGRAL))
        row_kinds = {var.vtype() for var in row_variables}
        lhs, rhs = model.getLhs(constraint), model.getRhs(constraint)
        infinite = model.infinity()
        counts = self.counts
        if abs(lhs) < infinite and lhs == rhs:
            counts[ProfileFeature.EQUALITY_ROWS] += 1
        if len(row_variables) == 2:
            counts[ProfileFeature.TWO_VARIABLE_ROWS] += 1
        if row_kinds == {"BINARY"}:
            counts[ProfileFeature.PURE_BINARY_ROWS] += 1
            unit = bool(np.all(values == 1.0))
            if unit and rhs >= infinite and abs(lhs - 1.0) <= _INTEGRAL:
                counts[ProfileFeature.SET_COVER_ROWS] += 1
            if unit and lhs <= -infinite and abs(rhs - 1.0) <= _INTEGRAL:
                counts[ProfileFeature.SET_PACKING_ROWS] += 1
        if row_kinds == {"CONTINUOUS"}:
            counts[ProfileFeature.CONTINUOUS_ROWS] += 1
        elif "CONTINUOUS" in row_kinds and len(row_kinds) > 1:
            counts[ProfileFeature.MIXED_ROWS] += 1
