"""The static bipartite graph of a MIP from the problem alone (ecole's ``MilpBipartite``).

Usable before solving (on the original problem, in stage PROBLEM) and during or after solving
(on the transformed, presolved problem, or with ``original=True`` on the original one, as a
diving heuristic at the root reads it): the observation lists the SCIP variables in row order,
so that predictions map back to variables.

Constraints of every type SCIP can state as one linear constraint (``linear``, ``setppc``,
``logicor``, ``knapsack``, ``varbound``) are read with ``getConsVars`` / ``getConsVals`` /
``getLhs`` / ``getRhs``; other constraints (nonlinear, and, SOS, indicator, ...) are skipped and
counted. After presolve, constraints may be stated over negated variables (``t_x3_neg`` =
``1 - t_x3``) or, rarely, aggregated ones; these are rewritten over the problem variables, and the
constant moves into the sides. Each finite side becomes a ``<=`` row, left-hand sides first (as
``-a x <= -lhs``), then right-hand sides, as :class:`~gnn.observation.NodeBipartite` does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import chain
from types import MappingProxyType

import numpy as np
import pyscipopt
from pyscipopt import SCIP_STAGE

from gnn.features import StaticConstraintFeature, StaticEdgeFeature, StaticVariableFeature
from gnn.graph import BipartiteGraph
from gnn.observation.scip_numerics import ScipTolerances, variable_type_index

__all__ = ["MilpBipartite", "MilpObservation"]

_SV = StaticVariableFeature

# Stages in which the (original or transformed) problem is complete and not being presolved.
_ORIGINAL_STAGES = frozenset({SCIP_STAGE.PROBLEM})
_TRANSFORMED_STAGES = frozenset(
    {
        SCIP_STAGE.TRANSFORMED,
        SCIP_STAGE.PRESOLVED,
        SCIP_STAGE.INITSOLVE,
        SCIP_STAGE.SOLVING,
        SCIP_STAGE.SOLVED,
    }
)


@dataclass(frozen=True, eq=False)
class MilpObservation:
    """A static bipartite graph with the SCIP variables of its rows.

    Attributes
    ----------
    graph
        Features named by :class:`~gnn.features.StaticVariableFeature`,
        :class:`~gnn.features.StaticConstraintFeature` and :class:`~gnn.features.StaticEdgeFeature`.
    variables
        ``variables[i]`` is the SCIP variable of row ``i`` of ``graph.variable_features``:
        original variables in stage PROBLEM, transformed (``t_``-prefixed) problem variables after.
    transformed
        Whether the graph describes the transformed problem.
    skipped_constraints
        Number of constraints left out, by constraint handler name: those that are not linear,
        and linear ones over a variable that is not an affine function of one problem variable.
    """

    graph: BipartiteGraph
    variables: tuple[pyscipopt.Variable, ...]
    transformed: bool
    skipped_constraints: Mapping[str, int] = field(default_factory=dict)

    @property
    def variable_names(self) -> list[str]:
        """Names of :attr:`variables`, in row order."""
        return [var.name for var in self.variables]


class MilpBipartite:
    """Observation function for the static graph of the problem (ecole's ``MilpBipartite``).

    Parameters
    ----------
    normalize
        Divide each constraint side (bias and coefficients) by its Euclidean norm and the
        objective by its Euclidean norm (zero norms count as 1), as ecole's ``normalize=True``.
    original
        Describe the original problem in every stage, with its original bounds; the default
        describes the transformed problem once there is one. A model trained on graphs read
        before solving reads the same graph while SCIP solves.

    Notes
    -----
    The objective is always stated for minimisation: in the original problem of a maximisation,
    its sign is flipped, as SCIP does in the transformed problem. Bounds are global bounds; an
    infinite bound has ``HAS_*_BOUND`` 0 and value 0. ``extract`` returns ``None`` in stages
    where the problem is incomplete or being presolved.
    """

    def __init__(self, *, normalize: bool = False, original: bool = False) -> None:
        self.normalize = normalize
        self.original = original

    def before_reset(self, model: pyscipopt.Model) -> None:
        """Nothing is cached between calls; present for the observation-function protocol."""

    def extract(self, model: pyscipopt.Model) -> MilpObservation | None:
        """Build the static graph of ``model``'s current problem."""
        stage = model.getStage()
        if stage in _ORIGINAL_STAGES:
            transformed = False
        elif stage in _TRANSFORMED_STAGES:
            transformed = not self.original
        else:
            return None
        tol = ScipTolerances.of(model)
        variables = list(model.getVars(transformed=transformed))
        index_of = {var.ptr(): i for i, var in enumerate(variables)}
        variable_features = _variable_features(model, variables, transformed, tol)
        if self.normalize:
            norm = float(np.linalg.norm(variable_features[:, _SV.OBJECTIVE]))
            if norm > 0.0:
                variable_features[:, _SV.OBJECTIVE] /= norm

        skipped: Counter[str] = Counter()
        linear, foreign = _linear_constraints(model, transformed, index_of, skipped)
        affine = _affine_representations(model, variables, foreign)
        sides = _ConstraintSides()
        for cons, cons_vars, cons_vals in linear:
            resolved = _resolve_row(cons_vars, cons_vals, index_of, affine)
            if resolved is None:
                skipped[cons.getConshdlrName()] += 1
                continue
            terms, shift = resolved
            # Plain Python per row, numpy once for all rows: most rows have a few terms, and
            # per-row arrays cost more than the rows themselves (a 10,000-row facility location
            # graph is read at the start of every solve the dive runs in).
            row = sorted((index, value) for index, value in terms.items() if value != 0.0)
            lhs, rhs = model.getLhs(cons), model.getRhs(cons)
            sides.add(
                [index for index, _ in row],
                [value for _, value in row],
                None if tol.is_infinite(np.float64(lhs)) else lhs - shift,
                None if tol.is_infinite(np.float64(rhs)) else rhs - shift,
            )

        constraint_features, edge_index, edge_features = sides.arrays(self.normalize)
        graph = BipartiteGraph(
            constraint_features=constraint_features,
            edge_index=edge_index,
            edge_features=edge_features,
            variable_features=variable_features,
        )
        return MilpObservation(
            graph=graph,
            variables=tuple(variables),
            transformed=transformed,
            skipped_constraints=MappingProxyType(dict(skipped)),
        )


_LinearRow = tuple[pyscipopt.Constraint, list[pyscipopt.Variable], list[float]]


def _linear_constraints(
    model: pyscipopt.Model,
    transformed: bool,
    index_of: dict[int, int],
    skipped: Counter[str],
) -> tuple[list[_LinearRow], list[pyscipopt.Variable]]:
    """The linear constraints with their terms, and the variables they hold that are not
    columns of the graph (aggregated or fixed ones, by pointer); others count in ``skipped``."""
    linear: list[_LinearRow] = []
    foreign: dict[int, pyscipopt.Variable] = {}
    for cons in model.getConss(transformed=transformed):
        if not cons.isLinearType():
            skipped[cons.getConshdlrName()] += 1
            continue
        cons_vars = model.getConsVars(cons)
        cons_vals = model.getConsVals(cons)
        if cons_vars is None or cons_vals is None:
            skipped[cons.getConshdlrName()] += 1
            continue
        for var in cons_vars:
            if var.ptr() not in index_of:
                foreign[var.ptr()] = var
        linear.append((cons, cons_vars, cons_vals))
    return linear, list(foreign.values())


def _resolve_row(
    cons_vars: list[pyscipopt.Variable],
    cons_vals: list[float],
    index_of: dict[int, int],
    affine: dict[int, tuple[int, float, float]],
) -> tuple[dict[int, float], float] | None:
    """A row's coefficients by column index, and the constant its foreign variables add
    (None: a variable has no affine representation in the graph's columns)."""
    terms: dict[int, float] = {}
    shift = 0.0
    for var, value in zip(cons_vars, cons_vals, strict=True):
        ptr = var.ptr()
        index = index_of.get(ptr)
        if index is not None:
            terms[index] = terms.get(index, 0.0) + value
            continue
        representation = affine.get(ptr)
        if representation is None:
            return None
        index, scale, constant = representation
        shift += value * constant
        if index >= 0:
            terms[index] = terms.get(index, 0.0) + value * scale
    return terms, shift


def _variable_features(
    model: pyscipopt.Model,
    variables: list[pyscipopt.Variable],
    transformed: bool,
    tol: ScipTolerances,
) -> np.ndarray:
    n = len(variables)
    features = np.zeros((n, len(StaticVariableFeature)), dtype=np.float32)
    objective = np.array([var.getObj() for var in variables], dtype=np.float64)
    if not transformed and model.getObjectiveSense() == "maximize":
        objective = -objective
    features[:, _SV.OBJECTIVE] = objective
    types = np.array([variable_type_index(var) for var in variables], dtype=np.int64)
    features[np.arange(n), _SV.TYPE_BINARY + types] = 1.0
    if transformed:
        lower = np.array([var.getLbGlobal() for var in variables], dtype=np.float64)
        upper = np.array([var.getUbGlobal() for var in variables], dtype=np.float64)
    else:  # while solving, presolve may have tightened the original variables' global bounds
        lower = np.array([var.getLbOriginal() for var in variables], dtype=np.float64)
        upper = np.array([var.getUbOriginal() for var in variables], dtype=np.float64)
    has_lower = ~tol.is_infinite(lower)
    has_upper = ~tol.is_infinite(upper)
    features[:, _SV.HAS_LOWER_BOUND] = has_lower
    features[:, _SV.HAS_UPPER_BOUND] = has_upper
    features[:, _SV.LOWER_BOUND] = np.where(has_lower, lower, 0.0)
    features[:, _SV.UPPER_BOUND] = np.where(has_upper, upper, 0.0)
    return features


def _affine_representations(
    model: pyscipopt.Model,
    variables: list[pyscipopt.Variable],
    others: list[pyscipopt.Variable],
) -> dict[int, tuple[int, float, float]]:
    """Write each of ``others`` as ``scale * variables[index] + constant``.

    PySCIPOpt offers no access to a negated or aggregated variable's counterpart, but SCIP
    evaluates such variables in any solution; four probe solutions over the problem variables
    (zeros, ones, ``j + 1`` and random values) determine the index, scale and constant and check
    them. Fixed variables get index -1. A variable that depends on several problem variables
    (multi-aggregated) has no entry.
    """
    if not others:
        return {}
    n = len(variables)
    probes = np.stack(
        (
            np.zeros(n),
            np.ones(n),
            np.arange(1.0, n + 1.0),
            np.random.default_rng(12345).uniform(1.0, 2.0, n),
        )
    )
    values = np.empty((len(probes), len(others)))
    for p, probe in enumerate(probes):
        solution = model.createSol()
        try:
            for var, value in zip(variables, probe.tolist(), strict=True):
                if value != 0.0:
                    model.setSolVal(solution, var, value)
            values[p] = [model.getSolVal(solution, var) for var in others]
        finally:
            model.freeSol(solution)

    representations: dict[int, tuple[int, float, float]] = {}
    for k, var in enumerate(others):
        constant, with_ones, with_index, with_random = values[:, k]
        scale = with_ones - constant
        if scale == 0.0:
            index = -1
            predicted = np.full(len(probes), constant)
        else:
            index = int(round((with_index - constant) / scale)) - 1
            if not 0 <= index < n:
                continue
            predicted = constant + scale * probes[:, index]
        if np.allclose(predicted, values[:, k], rtol=1e-9, atol=1e-9):
            representations[var.ptr()] = (index, float(scale), float(constant))
    return representations


class _ConstraintSides:
    """Collects constraints and lays them out as ``<=`` rows, left-hand sides first."""

    def __init__(self) -> None:
        self._lhs: list[tuple[list[int], list[float], float]] = []
        self._rhs: list[tuple[list[int], list[float], float]] = []

    def add(
        self, columns: list[int], values: list[float], lhs: float | None, rhs: float | None
    ) -> None:
        if lhs is not None:
            self._lhs.append((columns, [-value for value in values], -lhs))
        if rhs is not None:
            self._rhs.append((columns, values, rhs))

    def arrays(self, normalize: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        sides = self._lhs + self._rhs
        n_sides = len(sides)
        bias = np.array([side[2] for side in sides], dtype=np.float64)
        lengths = np.array([len(side[0]) for side in sides], dtype=np.int64)
        n_edges = int(lengths.sum())
        columns = np.fromiter(chain.from_iterable(side[0] for side in sides), np.int64, n_edges)
        values = np.fromiter(chain.from_iterable(side[1] for side in sides), np.float64, n_edges)
        side_of_edge = np.repeat(np.arange(n_sides, dtype=np.int64), lengths)
        if normalize:
            norms = np.sqrt(np.bincount(side_of_edge, weights=values**2, minlength=n_sides))
            norms[norms == 0.0] = 1.0
            bias = bias / norms
            values = values / norms[side_of_edge]
        constraint_features = bias.astype(np.float32).reshape(n_sides, len(StaticConstraintFeature))
        edge_index = np.stack((side_of_edge, columns.astype(np.int64)))
        edge_features = values.astype(np.float32).reshape(-1, len(StaticEdgeFeature))
        return constraint_features, edge_index, edge_features
