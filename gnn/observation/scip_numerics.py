"""SCIP's numerical comparisons as numpy array operations, and the variable type code.

SCIP compares values with fixed tolerances (``numerics/epsilon``, ``numerics/feastol``); the
functions here reproduce ``SCIPisEQ``, ``SCIPisInfinity`` and ``SCIPfeasFrac`` element-wise so
that features computed in bulk equal those SCIP would report one value at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyscipopt

__all__ = ["ScipTolerances", "variable_type_index", "N_VARIABLE_TYPES"]

#: Number of variable type classes: binary, integer, implicit integer, continuous (in this order,
#: the order of the one-hot columns ``TYPE_*`` in both variable feature Enums).
N_VARIABLE_TYPES = 4


def variable_type_index(var: pyscipopt.Variable) -> int:
    """Return 0 (binary), 1 (integer), 2 (implicit integer) or 3 (continuous) for ``var``.

    SCIP 10 keeps implied integrality apart from the variable type; a variable of any type but
    binary that SCIP marks implied integral (weakly or strongly) counts as implicit integer, as the
    ``IMPLINT`` type of earlier SCIP versions did.
    """
    vtype = var.vtype()
    if vtype == "BINARY":
        return 0
    if vtype == "IMPLINT" or var.isImpliedIntegral():
        return 2
    if vtype == "INTEGER":
        return 1
    return 3


@dataclass(frozen=True)
class ScipTolerances:
    """The numerical settings of one SCIP model, with its comparisons as array operations."""

    epsilon: float
    """``numerics/epsilon``: absolute tolerance of ``SCIPisEQ``."""
    feastol: float
    """``numerics/feastol``: tolerance of ``SCIPfeasFloor`` and ``SCIPfeasFrac``."""
    infinity: float
    """``numerics/infinity``: values at least this large in magnitude are infinite."""

    @classmethod
    def of(cls, model: pyscipopt.Model) -> ScipTolerances:
        """Read the tolerances of ``model``."""
        return cls(
            epsilon=float(model.epsilon()),
            feastol=float(model.feastol()),
            infinity=float(model.infinity()),
        )

    def is_infinite(self, values: np.ndarray) -> np.ndarray:
        """``SCIPisInfinity(|v|)`` element-wise."""
        return np.abs(values) >= self.infinity

    def is_eq(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """``SCIPisEQ(a, b)`` element-wise: ``|a - b| <= epsilon``."""
        return np.abs(first - second) <= self.epsilon

    def feas_frac(self, values: np.ndarray) -> np.ndarray:
        """``SCIPfeasFrac(v)`` element-wise: ``v - floor(v + feastol)``."""
        return values - np.floor(values + self.feastol)
