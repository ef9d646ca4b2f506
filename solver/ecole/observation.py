"""ecole's observation functions, built on the project's own (:mod:`gnn.observation`).

Every function has ``before_reset(model)`` and ``extract(model, done)`` with ``model`` an
:class:`ecole.scip.Model <solver.ecole.scip.Model>`, returns ``None`` where no observation
exists (e.g. after the episode ended), and indexes variables by their position in the
transformed problem, so that ``observation.variable_features[action_set]`` and
``scores[action_set]`` select the branching candidates, as in ecole.

Differences from ecole (see ``docs/ecole-migration.md``):

- :class:`NodeBipartite` has one constraint row per finite *side* of each LP row (Gasse et al.'s
  layout, the project's :class:`gnn.observation.NodeBipartite`), not one per LP row; feature
  columns are in the project's order, and the ``VariableFeatures`` / ``RowFeatures`` enums give
  each ecole name its column. While there is no incumbent the incumbent features are 0, not NaN.
- :class:`StrongBranchingScores` are the project's product scores
  (:func:`solver.strong_branching.strong_branch`), the labels the project's collector records,
  not SCIP's ``vanillafullstrong`` scores.
- :class:`Khalil2016` computes 25 of the 72 features; the others are NaN (see its docstring).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any, ClassVar

import numpy as np
import pyscipopt
from pyscipopt import SCIP_BRANCHDIR, SCIP_LPSOLSTAT, SCIP_STAGE

from gnn import observation as gnn_observation
from gnn.features import (
    ConstraintFeature,
    StaticConstraintFeature,
    StaticVariableFeature,
    VariableFeature,
)
from gnn.graph import BipartiteGraph
from solver.ecole.dynamics import problem_indices

__all__ = [
    "KHALIL_COMPUTED",
    "Khalil2016",
    "Khalil2016Obs",
    "MilpBipartite",
    "MilpBipartiteObs",
    "NodeBipartite",
    "NodeBipartiteObs",
    "Nothing",
    "Pseudocosts",
    "StrongBranchingScores",
    "coo_matrix",
]


def _pyscipopt(model: Any) -> pyscipopt.Model:
    """The PySCIPOpt model behind an ecole model (or the model itself)."""
    return model if isinstance(model, pyscipopt.Model) else model.as_pyscipopt()


class Nothing:
    """Observes nothing: ``None``."""

    def before_reset(self, model: Any) -> None:
        """Nothing to reset."""

    def extract(self, model: Any, done: bool = False) -> None:
        """Return ``None``."""
        return None


@dataclass(eq=False)
class coo_matrix:  # noqa: N801 - ecole's name
    """A sparse matrix in coordinate format (ecole's ``observation.coo_matrix``).

    Attributes
    ----------
    values : numpy.ndarray
        ``(nnz,)`` nonzero values.
    indices : numpy.ndarray
        ``(2, nnz)`` int64: row 0 the row (constraint) index, row 1 the column (variable) index.
    shape : tuple of int
        ``(n_rows, n_columns)`` of the dense matrix.
    """

    values: np.ndarray
    indices: np.ndarray
    shape: tuple[int, int]

    @property
    def nnz(self) -> int:
        """Number of nonzeros."""
        return int(self.values.shape[0])


def _coefficient_matrix(graph: BipartiteGraph) -> coo_matrix:
    """The graph's one edge feature, the constraint coefficient, as ecole's sparse matrix."""
    return coo_matrix(
        values=graph.edge_features[:, 0].copy(),
        indices=graph.edge_index,
        shape=(graph.n_constraints, graph.n_variables),
    )


class _NodeVariableFeatures(IntEnum):
    """ecole's variable feature names, valued by the project's column of each."""

    objective = VariableFeature.OBJECTIVE
    is_type_binary = VariableFeature.TYPE_BINARY
    is_type_integer = VariableFeature.TYPE_INTEGER
    is_type_implicit_integer = VariableFeature.TYPE_IMPLICIT_INTEGER
    is_type_continuous = VariableFeature.TYPE_CONTINUOUS
    has_lower_bound = VariableFeature.HAS_LOWER_BOUND
    has_upper_bound = VariableFeature.HAS_UPPER_BOUND
    normed_reduced_cost = VariableFeature.REDUCED_COST
    solution_value = VariableFeature.SOLUTION_VALUE
    solution_frac = VariableFeature.SOLUTION_FRACTIONALITY
    is_solution_at_lower_bound = VariableFeature.SOLUTION_AT_LOWER_BOUND
    is_solution_at_upper_bound = VariableFeature.SOLUTION_AT_UPPER_BOUND
    scaled_age = VariableFeature.AGE
    incumbent_value = VariableFeature.INCUMBENT_VALUE
    average_incumbent_value = VariableFeature.AVERAGE_INCUMBENT_VALUE
    is_basis_lower = VariableFeature.BASIS_LOWER
    is_basis_basic = VariableFeature.BASIS_BASIC
    is_basis_upper = VariableFeature.BASIS_UPPER
    is_basis_zero = VariableFeature.BASIS_ZERO


class _NodeRowFeatures(IntEnum):
    """ecole's row feature names, valued by the project's column of each."""

    bias = ConstraintFeature.BIAS
    objective_cosine_similarity = ConstraintFeature.OBJECTIVE_COSINE
    is_tight = ConstraintFeature.IS_TIGHT
    dual_solution_value = ConstraintFeature.DUAL_SOLUTION
    scaled_age = ConstraintFeature.AGE


@dataclass(eq=False)
class NodeBipartiteObs:
    """The current node's LP as a bipartite graph, with ecole's field names.

    Attributes
    ----------
    variable_features : numpy.ndarray
        ``(n_variables, 19)`` float32; row ``i`` is transformed problem variable ``i``.
    row_features : numpy.ndarray
        ``(n_rows, 5)`` float32; one row per finite side of each LP row, as ``<=``.
    edge_features : coo_matrix
        The normalised coefficients: ``indices[0]`` row, ``indices[1]`` variable.
    graph : gnn.graph.BipartiteGraph
        The same observation as the project's type (what :mod:`gnn` models take).
    """

    variable_features: np.ndarray
    row_features: np.ndarray
    edge_features: coo_matrix
    graph: BipartiteGraph

    VariableFeatures: ClassVar[type[IntEnum]] = _NodeVariableFeatures
    RowFeatures: ClassVar[type[IntEnum]] = _NodeRowFeatures

    @property
    def column_features(self) -> np.ndarray:
        """``variable_features`` under the name of ecole's earlier releases."""
        return self.variable_features


def _lp_column_problem_indices(model: pyscipopt.Model) -> tuple[np.ndarray, int]:
    """Problem index of each LP column (LP order), and the number of problem variables."""
    index = problem_indices(model)
    columns = model.getLPColsData()
    positions = np.fromiter(
        (index[column.getVar().ptr()] for column in columns), dtype=np.int64, count=len(columns)
    )
    return positions, len(index)


def _in_problem_order(model: pyscipopt.Model, graph: BipartiteGraph) -> BipartiteGraph:
    """``graph`` with variable rows moved from LP column order to problem variable order.

    Without a restart the two orders coincide and ``graph`` is returned as is; otherwise
    variables that are not LP columns get all-zero rows.
    """
    positions, n_variables = _lp_column_problem_indices(model)
    if n_variables == graph.n_variables and np.array_equal(positions, np.arange(n_variables)):
        return graph
    variable_features = np.zeros((n_variables, graph.variable_features.shape[1]), np.float32)
    variable_features[positions] = graph.variable_features
    edge_index = graph.edge_index.copy()
    edge_index[1] = positions[edge_index[1]]
    return BipartiteGraph(
        constraint_features=graph.constraint_features,
        edge_index=edge_index,
        edge_features=graph.edge_features,
        variable_features=variable_features,
    )


class NodeBipartite:
    """Gasse et al.'s node observation (ecole's ``NodeBipartite``).

    Parameters
    ----------
    cache
        Accepted for ecole's signature; the project's function always caches what cannot
        change (and notices when cuts change the LP), so this changes nothing.
    """

    def __init__(self, cache: bool = False) -> None:
        self.cache = cache
        self._function = gnn_observation.NodeBipartite()

    def before_reset(self, model: Any) -> None:
        """Drop what was cached about the previous episode."""
        self._function.before_reset(_pyscipopt(model))

    def extract(self, model: Any, done: bool = False) -> NodeBipartiteObs | None:
        """Observe the current node; None when done or without a solved LP."""
        if done:
            return None
        scip = _pyscipopt(model)
        graph = self._function.extract(scip)
        if graph is None:
            return None
        graph = _in_problem_order(scip, graph)
        return NodeBipartiteObs(
            variable_features=graph.variable_features,
            row_features=graph.constraint_features,
            edge_features=_coefficient_matrix(graph),
            graph=graph,
        )


class _MilpVariableFeatures(IntEnum):
    objective = StaticVariableFeature.OBJECTIVE
    is_type_binary = StaticVariableFeature.TYPE_BINARY
    is_type_integer = StaticVariableFeature.TYPE_INTEGER
    is_type_implicit_integer = StaticVariableFeature.TYPE_IMPLICIT_INTEGER
    is_type_continuous = StaticVariableFeature.TYPE_CONTINUOUS
    has_lower_bound = StaticVariableFeature.HAS_LOWER_BOUND
    has_upper_bound = StaticVariableFeature.HAS_UPPER_BOUND
    lower_bound = StaticVariableFeature.LOWER_BOUND
    upper_bound = StaticVariableFeature.UPPER_BOUND


class _MilpConstraintFeatures(IntEnum):
    bias = StaticConstraintFeature.BIAS


@dataclass(eq=False)
class MilpBipartiteObs:
    """The problem's static bipartite graph, with ecole's field names.

    Attributes
    ----------
    variable_features : numpy.ndarray
        ``(n_variables, 9)``; row ``i`` is problem variable ``i`` (transformed once solving).
    constraint_features : numpy.ndarray
        ``(n_constraint_sides, 1)``: one row per finite side, as ``<=``.
    edge_features : coo_matrix
        The coefficients.
    variables : tuple of pyscipopt.Variable
        The SCIP variable of each variable row.
    """

    variable_features: np.ndarray
    constraint_features: np.ndarray
    edge_features: coo_matrix
    variables: tuple[pyscipopt.Variable, ...]

    VariableFeatures: ClassVar[type[IntEnum]] = _MilpVariableFeatures
    ConstraintFeatures: ClassVar[type[IntEnum]] = _MilpConstraintFeatures


class MilpBipartite:
    """The static graph of the problem (ecole's ``MilpBipartite``).

    Parameters
    ----------
    normalize
        Normalise the objective and each constraint side by their Euclidean norms.
    """

    def __init__(self, normalize: bool = False) -> None:
        self.normalize = normalize
        self._function = gnn_observation.MilpBipartite(normalize=normalize)

    def before_reset(self, model: Any) -> None:
        """Nothing is cached."""
        self._function.before_reset(_pyscipopt(model))

    def extract(self, model: Any, done: bool = False) -> MilpBipartiteObs | None:
        """The problem as it stands (original before solving, transformed after)."""
        if done:
            return None
        result = self._function.extract(_pyscipopt(model))
        if result is None:
            return None
        graph = result.graph
        return MilpBipartiteObs(
            variable_features=graph.variable_features,
            constraint_features=graph.constraint_features,
            edge_features=_coefficient_matrix(graph),
            variables=result.variables,
        )


def _solving_with_lp(model: pyscipopt.Model) -> bool:
    return model.getStage() == SCIP_STAGE.SOLVING and model.getLPSolstat() == SCIP_LPSOLSTAT.OPTIMAL


def _candidates(
    model: pyscipopt.Model, pseudo_candidates: bool
) -> tuple[list[pyscipopt.Variable], list[float]]:
    """Branching candidates (of maximal priority) and their LP values."""
    if pseudo_candidates:
        variables, _, n_priority = model.getPseudoBranchCands()
        variables = list(variables[:n_priority])
        return variables, [var.getLPSol() for var in variables]
    variables, values, _, _, n_priority, _ = model.getLPBranchCands()
    return list(variables[:n_priority]), list(values[:n_priority])


def _scatter(
    model: pyscipopt.Model, variables: list[pyscipopt.Variable], values: np.ndarray
) -> np.ndarray:
    index = problem_indices(model)
    out = np.full(len(index), np.nan)
    out[[index[var.ptr()] for var in variables]] = values
    return out


class StrongBranchingScores:
    """Full strong branching scores of the branching candidates (ecole's function).

    Returns a ``(n_variables,)`` float64 array, NaN except at the candidates. Scores are the
    project's product scores, an infeasible child scored by the distance to the cutoff bound
    (:func:`solver.strong_branching.strong_branch`); strong branching runs with
    ``idempotent=True``, so observing changes nothing in the solve.

    Parameters
    ----------
    pseudo_candidates
        Score the pseudo candidates (unfixed integer variables, the integral ones with SCIP's
        integral strong branching) instead of the fractional LP candidates.
    iteration_limit
        LP iterations per child (default unlimited, as "full" strong branching).
    """

    def __init__(self, pseudo_candidates: bool = False, iteration_limit: int = 2**31 - 1) -> None:
        self.pseudo_candidates = pseudo_candidates
        self.iteration_limit = iteration_limit

    def before_reset(self, model: Any) -> None:
        """Nothing is cached."""

    def extract(self, model: Any, done: bool = False) -> np.ndarray | None:
        """Strong-branch on the candidates; None when done or without a solved LP."""
        scip = _pyscipopt(model)
        if done or not _solving_with_lp(scip):
            return None
        # Imported here: solver.strong_branching pulls in torch (through gnn.dataset), which
        # ``from solver import ecole`` should not pay for unless strong branching is used.
        from solver.strong_branching import strong_branch

        candidates, values = _candidates(scip, self.pseudo_candidates)
        if not candidates:
            return _scatter(scip, [], np.empty(0))
        if self.pseudo_candidates:
            scores = self._pseudo_scores(scip, candidates, values)
        else:
            scores = strong_branch(scip, candidates, self.iteration_limit).scores
        return _scatter(scip, candidates, scores)

    def _pseudo_scores(
        self, model: pyscipopt.Model, candidates: list[pyscipopt.Variable], values: list[float]
    ) -> np.ndarray:
        from solver.strong_branching import dual_bound_gains, product_scores

        n = len(candidates)
        down, up = np.empty(n), np.empty(n)
        down_inf, up_inf, lp_error = (np.zeros(n, dtype=bool) for _ in range(3))
        lp_objective = float(model.getLPObjVal())
        model.startStrongbranch()
        try:
            for i, (var, value) in enumerate(zip(candidates, values, strict=True)):
                integral = bool(model.isFeasIntegral(value))
                result = model.getVarStrongbranch(
                    var, self.iteration_limit, idempotent=True, integral=integral
                )
                down[i], up[i] = result[0], result[1]
                down_inf[i], up_inf[i], lp_error[i] = result[4], result[5], result[8]
        finally:
            model.endStrongbranch()
        down_gains = dual_bound_gains(down, lp_objective, ~lp_error)
        up_gains = dual_bound_gains(up, lp_objective, ~lp_error)
        cutoff = float(model.getCutoffbound())
        cutoff_gain = None if model.isInfinity(cutoff) else cutoff - lp_objective
        return product_scores(
            down_gains, up_gains, down_inf & ~lp_error, up_inf & ~lp_error, cutoff_gain=cutoff_gain
        )


class Pseudocosts:
    """SCIP's pseudocost score of each LP branching candidate; NaN elsewhere (ecole's function)."""

    def before_reset(self, model: Any) -> None:
        """Nothing is cached."""

    def extract(self, model: Any, done: bool = False) -> np.ndarray | None:
        """``(n_variables,)`` float64 pseudocost scores; None when done or without a solved LP."""
        scip = _pyscipopt(model)
        if done or not _solving_with_lp(scip):
            return None
        candidates, values = _candidates(scip, pseudo_candidates=False)
        scores = np.array(
            [
                scip.getVarPseudocostScore(var, value)
                for var, value in zip(candidates, values, strict=True)
            ],
            dtype=np.float64,
        )
        return _scatter(scip, candidates, scores)


class _KhalilFeatures(IntEnum):
    """The 72 columns of ecole's ``Khalil2016Obs`` (18 static, then 54 dynamic)."""

    obj_coef = 0
    obj_coef_pos_part = 1
    obj_coef_neg_part = 2
    n_rows = 3
    rows_deg_mean = 4
    rows_deg_stddev = 5
    rows_deg_min = 6
    rows_deg_max = 7
    rows_pos_coefs_count = 8
    rows_pos_coefs_mean = 9
    rows_pos_coefs_stddev = 10
    rows_pos_coefs_min = 11
    rows_pos_coefs_max = 12
    rows_neg_coefs_count = 13
    rows_neg_coefs_mean = 14
    rows_neg_coefs_stddev = 15
    rows_neg_coefs_min = 16
    rows_neg_coefs_max = 17
    slack = 18
    ceil_dist = 19
    pseudocost_up = 20
    pseudocost_down = 21
    pseudocost_ratio = 22
    pseudocost_sum = 23
    pseudocost_product = 24
    n_cutoff_up = 25
    n_cutoff_down = 26
    n_cutoff_up_ratio = 27
    n_cutoff_down_ratio = 28
    rows_dynamic_deg_mean = 29
    rows_dynamic_deg_stddev = 30
    rows_dynamic_deg_min = 31
    rows_dynamic_deg_max = 32
    rows_dynamic_deg_mean_ratio = 33
    rows_dynamic_deg_min_ratio = 34
    rows_dynamic_deg_max_ratio = 35
    coef_pos_rhs_ratio_min = 36
    coef_pos_rhs_ratio_max = 37
    coef_neg_rhs_ratio_min = 38
    coef_neg_rhs_ratio_max = 39
    pos_coef_pos_coef_ratio_min = 40
    pos_coef_pos_coef_ratio_max = 41
    pos_coef_neg_coef_ratio_min = 42
    pos_coef_neg_coef_ratio_max = 43
    neg_coef_pos_coef_ratio_min = 44
    neg_coef_pos_coef_ratio_max = 45
    neg_coef_neg_coef_ratio_min = 46
    neg_coef_neg_coef_ratio_max = 47
    active_coef_weight1_count = 48
    active_coef_weight1_sum = 49
    active_coef_weight1_mean = 50
    active_coef_weight1_stddev = 51
    active_coef_weight1_min = 52
    active_coef_weight1_max = 53
    active_coef_weight2_count = 54
    active_coef_weight2_sum = 55
    active_coef_weight2_mean = 56
    active_coef_weight2_stddev = 57
    active_coef_weight2_min = 58
    active_coef_weight2_max = 59
    active_coef_weight3_count = 60
    active_coef_weight3_sum = 61
    active_coef_weight3_mean = 62
    active_coef_weight3_stddev = 63
    active_coef_weight3_min = 64
    active_coef_weight3_max = 65
    active_coef_weight4_count = 66
    active_coef_weight4_sum = 67
    active_coef_weight4_mean = 68
    active_coef_weight4_stddev = 69
    active_coef_weight4_min = 70
    active_coef_weight4_max = 71


_K = _KhalilFeatures

#: The columns :class:`Khalil2016` computes; every other column is NaN.
KHALIL_COMPUTED: tuple[_KhalilFeatures, ...] = tuple(_K)[: _K.pseudocost_product + 1]


@dataclass(eq=False)
class Khalil2016Obs:
    """Candidate features of Khalil et al. (2016): ``features`` is ``(n_variables, 72)``.

    Rows of non-candidates are NaN; so are the columns this port cannot compute (see
    :class:`Khalil2016`).
    """

    features: np.ndarray

    Features: ClassVar[type[IntEnum]] = _KhalilFeatures
    n_static_features: ClassVar[int] = 18
    n_dynamic_features: ClassVar[int] = 54


def _stats(values: np.ndarray) -> tuple[float, float, float, float]:
    """Mean, standard deviation, min and max; zeros for an empty array (ecole's convention)."""
    if values.size == 0:
        return 0.0, 0.0, 0.0, 0.0
    return float(values.mean()), float(values.std()), float(values.min()), float(values.max())


class Khalil2016:
    """Khalil et al.'s branching candidate features (ecole's ``Khalil2016``), in part.

    Computed: the 18 static features (objective coefficient and its parts; count, degree
    statistics and positive / negative coefficient statistics of the LP rows a variable is in,
    from the first LP of the episode) and 7 dynamic ones (``slack``, ``ceil_dist`` and the five
    pseudocost features). Left NaN: the 4 cutoff counts (SCIP's per-variable cutoff sums are not
    reachable through PySCIPOpt 6), and the 43 features on dynamic row degrees, coefficient /
    right-hand-side ratios and active constraint weights (not ported yet).

    Parameters
    ----------
    pseudo_candidates
        Observe the pseudo candidates instead of the LP candidates.
    """

    def __init__(self, pseudo_candidates: bool = False) -> None:
        self.pseudo_candidates = pseudo_candidates
        self._static: dict[int, np.ndarray] = {}

    def before_reset(self, model: Any) -> None:
        """Drop the static features of the previous episode."""
        self._static = {}

    def extract(self, model: Any, done: bool = False) -> Khalil2016Obs | None:
        """Features of the current candidates; None when done or without a solved LP."""
        scip = _pyscipopt(model)
        if done or not _solving_with_lp(scip):
            return None
        index = problem_indices(scip)
        features = np.full((len(index), len(_K)), np.nan)
        candidates, values = _candidates(scip, self.pseudo_candidates)
        static = self._static_features(scip)
        for var, value in zip(candidates, values, strict=True):
            row = features[index[var.ptr()]]
            row[: Khalil2016Obs.n_static_features] = static.get(var.ptr(), np.nan)
            fraction = value - np.floor(value)
            row[_K.slack] = min(fraction, 1.0 - fraction)
            row[_K.ceil_dist] = np.ceil(value) - value
            up = scip.getVarPseudocost(var, SCIP_BRANCHDIR.UPWARDS)
            down = scip.getVarPseudocost(var, SCIP_BRANCHDIR.DOWNWARDS)
            row[_K.pseudocost_up] = up
            row[_K.pseudocost_down] = down
            total = up + down
            row[_K.pseudocost_ratio] = up / total if total != 0 else 0.0
            row[_K.pseudocost_sum] = total
            row[_K.pseudocost_product] = up * down
        return Khalil2016Obs(features=features)

    def _static_features(self, model: pyscipopt.Model) -> dict[int, np.ndarray]:
        if self._static:
            return self._static
        coefficients: dict[int, list[float]] = {}
        degrees: dict[int, list[int]] = {}
        for row in model.getLPRowsData():
            row_columns = row.getCols()
            row_values = row.getVals()
            for column, value in zip(row_columns, row_values, strict=True):
                key = column.getVar().ptr()
                coefficients.setdefault(key, []).append(value)
                degrees.setdefault(key, []).append(len(row_columns))
        static: dict[int, np.ndarray] = {}
        for column in model.getLPColsData():
            var = column.getVar()
            key = var.ptr()
            objective = var.getObj()
            coefs = np.asarray(coefficients.get(key, []), dtype=np.float64)
            positive, negative = coefs[coefs > 0], coefs[coefs < 0]
            static[key] = np.array(
                [
                    objective,
                    max(objective, 0.0),
                    min(objective, 0.0),
                    float(coefs.size),
                    *_stats(np.asarray(degrees.get(key, []), dtype=np.float64)),
                    float(positive.size),
                    *_stats(positive),
                    float(negative.size),
                    *_stats(negative),
                ]
            )
        self._static = static
        return static
