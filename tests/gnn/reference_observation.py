"""Slow reference observations, written straight from the feature definitions, for tests only.

Every value is read with its own PySCIPOpt call and every comparison goes through SCIP's own
functions (``isEQ``, ``isInfinity``, ``feasFrac``), one element at a time, with no caching and
no numpy arithmetic, so that the fast implementations in :mod:`gnn.observation` can be checked
against something that shares none of their code. Where two accessors exist, the other one is
used (``getVarRedcost`` instead of ``getColRedCost``, ``var.getLPSol`` instead of
``col.getPrimsol`` for the solution value, ``getRowDualSol`` instead of ``row.getDualsol``).
"""

from __future__ import annotations

import math

import numpy as np
import pyscipopt

from gnn.features import (
    ConstraintFeature,
    EdgeFeature,
    StaticConstraintFeature,
    StaticEdgeFeature,
    StaticVariableFeature,
    VariableFeature,
)
from gnn.graph import BipartiteGraph

__all__ = ["reference_milp_observation", "reference_node_observation", "reference_type_name"]

_TYPE_COLUMN = {
    "binary": VariableFeature.TYPE_BINARY,
    "integer": VariableFeature.TYPE_INTEGER,
    "implicit": VariableFeature.TYPE_IMPLICIT_INTEGER,
    "continuous": VariableFeature.TYPE_CONTINUOUS,
}
_BASIS_COLUMN = {
    "lower": VariableFeature.BASIS_LOWER,
    "basic": VariableFeature.BASIS_BASIC,
    "upper": VariableFeature.BASIS_UPPER,
    "zero": VariableFeature.BASIS_ZERO,
}
_STATIC_TYPE_COLUMN = {
    "binary": StaticVariableFeature.TYPE_BINARY,
    "integer": StaticVariableFeature.TYPE_INTEGER,
    "implicit": StaticVariableFeature.TYPE_IMPLICIT_INTEGER,
    "continuous": StaticVariableFeature.TYPE_CONTINUOUS,
}


def reference_type_name(var: pyscipopt.Variable) -> str:
    """Type class of ``var``: binary; else implicit if SCIP says implied integral; else its type."""
    vtype = var.vtype()
    if vtype == "BINARY":
        return "binary"
    if vtype == "IMPLINT" or var.isImpliedIntegral():
        return "implicit"
    return "integer" if vtype == "INTEGER" else "continuous"


def reference_node_observation(
    model: pyscipopt.Model, no_incumbent_value: float = 0.0
) -> BipartiteGraph:
    """Gasse et al.'s node observation of the current LP, one element at a time."""
    columns = model.getLPColsData()
    objective_norm = math.sqrt(sum(col.getObjCoeff() ** 2 for col in columns))
    if objective_norm <= 0:
        objective_norm = 1.0
    age_scale = model.getNLPs() + 5
    incumbent = model.getBestSol()
    min_sense = -1.0 if model.getObjectiveSense() == "maximize" else 1.0

    variable_rows: list[list[float] | None] = [None] * len(columns)
    for col in columns:
        var = col.getVar()
        row = [0.0] * len(VariableFeature)
        type_name = reference_type_name(var)
        row[_TYPE_COLUMN[type_name]] = 1.0
        row[VariableFeature.OBJECTIVE] = col.getObjCoeff() / objective_norm
        lower, upper, value = col.getLb(), col.getUb(), var.getLPSol()
        row[VariableFeature.HAS_LOWER_BOUND] = float(not model.isInfinity(abs(lower)))
        row[VariableFeature.HAS_UPPER_BOUND] = float(not model.isInfinity(abs(upper)))
        row[VariableFeature.SOLUTION_AT_LOWER_BOUND] = float(model.isEQ(value, lower))
        row[VariableFeature.SOLUTION_AT_UPPER_BOUND] = float(model.isEQ(value, upper))
        row[VariableFeature.SOLUTION_FRACTIONALITY] = (
            0.0 if type_name == "continuous" else model.feasFrac(value)
        )
        row[_BASIS_COLUMN[col.getBasisStatus()]] = 1.0
        # PySCIPOpt's getVarRedcost states it for the original objective sense; the features
        # live in SCIP's transformed (minimisation) space, like the column objective.
        row[VariableFeature.REDUCED_COST] = min_sense * model.getVarRedcost(var) / objective_norm
        row[VariableFeature.AGE] = col.getAge() / age_scale
        row[VariableFeature.SOLUTION_VALUE] = value
        if incumbent is None:
            row[VariableFeature.INCUMBENT_VALUE] = no_incumbent_value
            row[VariableFeature.AVERAGE_INCUMBENT_VALUE] = no_incumbent_value
        else:
            row[VariableFeature.INCUMBENT_VALUE] = model.getSolVal(incumbent, var)
            row[VariableFeature.AVERAGE_INCUMBENT_VALUE] = var.getAvgSol()
        variable_rows[col.getLPPos()] = row

    lhs_sides: list[tuple[list[float], list[tuple[int, float]]]] = []
    rhs_sides: list[tuple[list[float], list[tuple[int, float]]]] = []
    for lp_row in model.getLPRowsData():
        norm = lp_row.getNorm()
        if norm == 0:
            norm = 1.0
        lhs, rhs, constant = lp_row.getLhs(), lp_row.getRhs(), lp_row.getConstant()
        activity = model.getRowLPActivity(lp_row)
        dual = model.getRowDualSol(lp_row)
        cosine = model.getRowObjParallelism(lp_row)
        age = lp_row.getAge() / age_scale
        entries = [
            (col.getLPPos(), value)
            for col, value in zip(lp_row.getCols(), lp_row.getVals(), strict=True)
            if col.getLPPos() >= 0
        ]
        if not model.isInfinity(abs(lhs)):
            features = [0.0] * len(ConstraintFeature)
            features[ConstraintFeature.OBJECTIVE_COSINE] = -cosine
            features[ConstraintFeature.BIAS] = -(lhs - constant) / norm
            features[ConstraintFeature.IS_TIGHT] = float(model.isEQ(activity, lhs))
            features[ConstraintFeature.DUAL_SOLUTION] = -dual / (norm * objective_norm)
            features[ConstraintFeature.AGE] = age
            lhs_sides.append((features, [(pos, -value / norm) for pos, value in entries]))
        if not model.isInfinity(abs(rhs)):
            features = [0.0] * len(ConstraintFeature)
            features[ConstraintFeature.OBJECTIVE_COSINE] = cosine
            features[ConstraintFeature.BIAS] = (rhs - constant) / norm
            features[ConstraintFeature.IS_TIGHT] = float(model.isEQ(activity, rhs))
            features[ConstraintFeature.DUAL_SOLUTION] = dual / (norm * objective_norm)
            features[ConstraintFeature.AGE] = age
            rhs_sides.append((features, [(pos, value / norm) for pos, value in entries]))

    return _graph(variable_rows, lhs_sides + rhs_sides, len(ConstraintFeature), len(EdgeFeature))


def reference_milp_observation(
    model: pyscipopt.Model, transformed: bool
) -> tuple[BipartiteGraph, list[pyscipopt.Variable]]:
    """The static graph of a problem whose linear constraints use problem variables only.

    Written for models without negated or aggregated variables (the original problem, or a
    transformed one without presolving), where each constraint coefficient belongs to one
    problem variable.
    """
    variables = model.getVars(transformed=transformed)
    position = {var.name: i for i, var in enumerate(variables)}
    sign = -1.0 if (not transformed and model.getObjectiveSense() == "maximize") else 1.0
    variable_rows = []
    for var in variables:
        row = [0.0] * len(StaticVariableFeature)
        row[StaticVariableFeature.OBJECTIVE] = sign * var.getObj()
        row[_STATIC_TYPE_COLUMN[reference_type_name(var)]] = 1.0
        lower, upper = var.getLbGlobal(), var.getUbGlobal()
        if not model.isInfinity(abs(lower)):
            row[StaticVariableFeature.HAS_LOWER_BOUND] = 1.0
            row[StaticVariableFeature.LOWER_BOUND] = lower
        if not model.isInfinity(abs(upper)):
            row[StaticVariableFeature.HAS_UPPER_BOUND] = 1.0
            row[StaticVariableFeature.UPPER_BOUND] = upper
        variable_rows.append(row)
    lhs_sides, rhs_sides = [], []
    for cons in model.getConss(transformed=transformed):
        entries = [
            (position[var.name], value)
            for var, value in zip(model.getConsVars(cons), model.getConsVals(cons), strict=True)
            if value != 0.0
        ]
        lhs, rhs = model.getLhs(cons), model.getRhs(cons)
        if not model.isInfinity(abs(lhs)):
            lhs_sides.append(([-lhs], [(pos, -value) for pos, value in entries]))
        if not model.isInfinity(abs(rhs)):
            rhs_sides.append(([rhs], [(pos, value) for pos, value in entries]))
    assert len(StaticConstraintFeature) == 1 and len(StaticEdgeFeature) == 1
    return _graph(variable_rows, lhs_sides + rhs_sides, 1, 1), list(variables)


def _graph(
    variable_rows: list,
    sides: list[tuple[list[float], list[tuple[int, float]]]],
    n_constraint_features: int,
    n_edge_features: int,
) -> BipartiteGraph:
    edges = [
        (side, pos, value) for side, (_, entries) in enumerate(sides) for pos, value in entries
    ]
    return BipartiteGraph(
        constraint_features=np.array([features for features, _ in sides], dtype=np.float32).reshape(
            -1, n_constraint_features
        ),
        edge_index=np.array([[e[0] for e in edges], [e[1] for e in edges]], dtype=np.int64),
        edge_features=np.array([[e[2]] for e in edges], dtype=np.float32).reshape(
            -1, n_edge_features
        ),
        variable_features=np.array(variable_rows, dtype=np.float32),
    )
