"""Named feature columns of the bipartite observations.

Network input widths come from ``len(Enum)``; a column is addressed by its member, never by a
literal index. The node features follow Gasse et al. (2019); the static features follow ecole's
``MilpBipartite``.
"""

from __future__ import annotations

from enum import IntEnum

__all__ = [
    "VariableFeature",
    "ConstraintFeature",
    "EdgeFeature",
    "StaticVariableFeature",
    "StaticConstraintFeature",
    "StaticEdgeFeature",
]


class VariableFeature(IntEnum):
    """Columns of a node observation's variable features (one row per LP column)."""

    TYPE_BINARY = 0
    TYPE_INTEGER = 1
    TYPE_IMPLICIT_INTEGER = 2
    TYPE_CONTINUOUS = 3
    OBJECTIVE = 4
    """Objective coefficient divided by the objective's Euclidean norm."""
    HAS_LOWER_BOUND = 5
    HAS_UPPER_BOUND = 6
    SOLUTION_AT_LOWER_BOUND = 7
    SOLUTION_AT_UPPER_BOUND = 8
    SOLUTION_FRACTIONALITY = 9
    BASIS_LOWER = 10
    BASIS_BASIC = 11
    BASIS_UPPER = 12
    BASIS_ZERO = 13
    REDUCED_COST = 14
    """Reduced cost divided by the objective's Euclidean norm."""
    AGE = 15
    """LP age of the column divided by (number of LPs solved + 5)."""
    SOLUTION_VALUE = 16
    INCUMBENT_VALUE = 17
    AVERAGE_INCUMBENT_VALUE = 18


class ConstraintFeature(IntEnum):
    """Columns of a node observation's constraint features (one row per LP row side, as ``<=``)."""

    OBJECTIVE_COSINE = 0
    BIAS = 1
    """Right-hand side divided by the row's Euclidean norm."""
    IS_TIGHT = 2
    DUAL_SOLUTION = 3
    """Dual value divided by (row norm times objective norm)."""
    AGE = 4


class EdgeFeature(IntEnum):
    """Columns of a node observation's edge features."""

    COEFFICIENT = 0
    """Coefficient divided by its row's Euclidean norm."""


class StaticVariableFeature(IntEnum):
    """Columns of the static (problem-only) variable features, as ecole's ``MilpBipartite``."""

    OBJECTIVE = 0
    TYPE_BINARY = 1
    TYPE_INTEGER = 2
    TYPE_IMPLICIT_INTEGER = 3
    TYPE_CONTINUOUS = 4
    HAS_LOWER_BOUND = 5
    HAS_UPPER_BOUND = 6
    LOWER_BOUND = 7
    UPPER_BOUND = 8


class StaticConstraintFeature(IntEnum):
    """Columns of the static constraint features (one row per constraint side, as ``<=``)."""

    BIAS = 0


class StaticEdgeFeature(IntEnum):
    """Columns of the static edge features."""

    COEFFICIENT = 0
