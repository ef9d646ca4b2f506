"""The node observation of Gasse et al. (2019): the current LP as a bipartite graph.

One variable row per LP column, in LP column order (``col.getLPPos()``), so that a branching
candidate ``var`` is row ``var.getCol().getLPPos()``. One constraint row per finite side of each
LP row, stated as ``<=``: first the left-hand sides of all LP rows that have one (in LP row order,
negated), then the right-hand sides (in LP row order), exactly as Gasse et al.'s
``extract_state`` lays them out; a ranged or equality row gives two constraint rows.

Normalisation follows Gasse et al. (and ecole): the objective and reduced costs are divided by the
Euclidean norm of the LP objective, right-hand sides and coefficients by the row's Euclidean norm
(``SCIProwGetNorm``), duals by both, ages by the number of LPs solved plus 5; the fractionality of
continuous variables is 0. Left-hand-side rows carry the negated objective cosine, bias, dual
value and coefficients.

Speed: one extraction costs a few bulk PySCIPOpt accessor calls per column and row (tens of
nanoseconds each) plus numpy arithmetic. What does not change between nodes is cached: the column
set and variable types (rebuilt when the run changes, i.e. after a restart, or the LP columns
change), the coefficients of every LP row (kept per row, so that a cut added to or removed from
the LP costs only its own row) and the assembled edge arrays (rebuilt when the LP rows or the
finiteness of their sides change).
"""

from __future__ import annotations

import gc
import weakref
from dataclasses import dataclass

import numpy as np
import pyscipopt
from pyscipopt import SCIP_LPSOLSTAT, SCIP_STAGE

from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
from gnn.graph import BipartiteGraph
from gnn.observation.scip_numerics import ScipTolerances, variable_type_index

__all__ = ["NodeBipartite"]

_BASIS_INDEX = {"lower": 0, "basic": 1, "upper": 2, "zero": 3}
# Gasse et al. divide LP ages by (number of LPs solved + 5).
_AGE_OFFSET = 5.0

_V = VariableFeature
_C = ConstraintFeature


@dataclass(frozen=True)
class _ColumnCache:
    """What stays fixed about the LP columns during one run."""

    run: int
    keys: list[int]
    """``hash`` of each column (its SCIP pointer), in LP order."""
    columns: list[pyscipopt.Column]
    variables: list[pyscipopt.Variable]
    type_features: np.ndarray
    """``(n_columns, len(VariableFeature))`` float32, zero except the type one-hot."""
    is_continuous: np.ndarray
    tolerances: ScipTolerances


@dataclass(frozen=True)
class _RowCoefficients:
    """The LP part of one row: LP positions of its columns (ascending) and their coefficients."""

    positions: np.ndarray
    coefficients: np.ndarray


@dataclass(frozen=True)
class _Layout:
    """The constraint sides and edges of one set of LP rows, fixed until the LP rows change."""

    keys: list[int]
    names: list[str]
    n_nonzeros: list[int]
    norms: np.ndarray
    has_lhs: np.ndarray
    has_rhs: np.ndarray
    lhs_rows: np.ndarray
    rhs_rows: np.ndarray
    side_rows: np.ndarray
    """LP row of each constraint side (left-hand sides first, then right-hand sides)."""
    side_sign: np.ndarray
    """-1 for a left-hand side, +1 for a right-hand side."""
    side_norm: np.ndarray
    """Row norm of each side, 1 where the norm is 0."""
    objective_cosine: np.ndarray
    """Signed objective cosine of each side."""
    edge_index: np.ndarray
    edge_features: np.ndarray

    def matches(
        self,
        keys: list[int],
        names: list[str],
        n_nonzeros: list[int],
        norms: np.ndarray,
        has_lhs: np.ndarray,
        has_rhs: np.ndarray,
    ) -> bool:
        # The SCIP pointer alone cannot tell a freed cut from a new one that reuses its memory;
        # name, size and norm together can.
        return (
            self.keys == keys
            and self.n_nonzeros == n_nonzeros
            and self.names == names
            and np.array_equal(self.norms, norms)
            and np.array_equal(self.has_lhs, has_lhs)
            and np.array_equal(self.has_rhs, has_rhs)
        )


class NodeBipartite:
    """Gasse et al.'s bipartite observation of the current node's LP, with caching.

    Parameters
    ----------
    no_incumbent_value
        Value of ``INCUMBENT_VALUE`` and ``AVERAGE_INCUMBENT_VALUE`` while SCIP has no incumbent.
        Gasse et al. and ecole use NaN there; the default 0 keeps network inputs finite. Pass
        ``float("nan")`` to reproduce them exactly.
    pause_gc
        Pause Python's cyclic garbage collector during an extraction. An extraction creates
        about one short-lived PySCIPOpt wrapper per LP row and column and frees them all before
        it returns, so it leaves nothing to collect; but the wrappers trip the collector's
        allocation counter, and a full collection (100-200 ms with torch loaded) triggered by
        garbage made elsewhere would otherwise land inside the extraction.

    Notes
    -----
    ``extract`` returns ``None`` unless the model is solving and its LP is solved to optimality.
    The returned arrays are owned by the graph (never shared with the cache or other graphs).
    Row ``i`` of ``variable_features`` is the LP column at position ``i``.
    """

    def __init__(self, *, no_incumbent_value: float = 0.0, pause_gc: bool = True) -> None:
        self.no_incumbent_value = float(no_incumbent_value)
        self.pause_gc = pause_gc
        # A weak reference, not id(): a freed model's id (and its LP's memory) can be reused.
        self._model: weakref.ref[pyscipopt.Model] | None = None
        self._columns: _ColumnCache | None = None
        self._rows: dict[tuple[int, str, int, float], _RowCoefficients] = {}
        self._layout: _Layout | None = None
        self._candidate_tolerances: ScipTolerances | None = None
        self._candidate_norm: tuple[tuple[int, int], float] | None = None
        self._statistics = {"extracts": 0, "column_builds": 0, "row_builds": 0, "layout_builds": 0}

    @property
    def statistics(self) -> dict[str, int]:
        """Counts of extractions and of cache rebuilds (columns, single rows, edge layouts)."""
        return dict(self._statistics)

    def before_reset(self, model: pyscipopt.Model) -> None:
        """Drop every cache; call before each new solve."""
        self._model = weakref.ref(model)
        self._columns = None
        self._rows = {}
        self._layout = None
        self._candidate_tolerances = None
        self._candidate_norm = None

    def extract(self, model: pyscipopt.Model) -> BipartiteGraph | None:
        """Observe the current node's LP; ``None`` unless solving with an optimal LP."""
        if not (self.pause_gc and gc.isenabled()):
            return self._extract(model)
        gc.disable()
        try:
            return self._extract(model)
        finally:
            gc.enable()

    def _extract(self, model: pyscipopt.Model) -> BipartiteGraph | None:
        if model.getStage() != SCIP_STAGE.SOLVING:
            return None
        if model.getLPSolstat() != SCIP_LPSOLSTAT.OPTIMAL:
            return None
        if self._model is None or self._model() is not model:
            self.before_reset(model)
        columns = model.getLPColsData()
        if not columns:
            return None
        cache = self._column_cache(model, columns)
        rows = model.getLPRowsData()
        self._statistics["extracts"] += 1

        objective = np.array([column.getObjCoeff() for column in columns], dtype=np.float64)
        objective_norm = float(np.linalg.norm(objective))
        if objective_norm <= 0.0:
            objective_norm = 1.0
        n_lps = float(model.getNLPs())

        variable_features = self._variable_features(model, cache, objective, objective_norm, n_lps)
        constraint_features, layout = self._constraint_features(
            model, cache, rows, objective_norm, n_lps
        )
        return BipartiteGraph(
            constraint_features=constraint_features,
            edge_index=layout.edge_index.copy(),
            edge_features=layout.edge_features.copy(),
            variable_features=variable_features,
        )

    # -- columns -------------------------------------------------------------------------------

    def _column_cache(
        self, model: pyscipopt.Model, columns: list[pyscipopt.Column]
    ) -> _ColumnCache:
        run = model.getNRuns()
        keys = list(map(hash, columns))
        cache = self._columns
        if cache is not None and cache.run == run and cache.keys == keys:
            return cache
        positions = [column.getLPPos() for column in columns]
        if positions != list(range(len(columns))):
            raise RuntimeError("SCIP returned LP columns out of LP position order")
        variables = [column.getVar() for column in columns]
        type_index = np.array([variable_type_index(var) for var in variables], dtype=np.int64)
        type_features = np.zeros((len(columns), len(VariableFeature)), dtype=np.float32)
        type_features[np.arange(len(columns)), _V.TYPE_BINARY + type_index] = 1.0
        cache = _ColumnCache(
            run=run,
            keys=keys,
            columns=columns,
            variables=variables,
            type_features=type_features,
            is_continuous=type_index == 3,
            tolerances=ScipTolerances.of(model),
        )
        self._columns = cache
        # LP positions in cached rows refer to the old columns; pointers may be reused.
        self._rows = {}
        self._layout = None
        self._statistics["column_builds"] += 1
        return cache

    def _variable_features(
        self,
        model: pyscipopt.Model,
        cache: _ColumnCache,
        objective: np.ndarray,
        objective_norm: float,
        n_lps: float,
    ) -> np.ndarray:
        return _column_features(
            model,
            cache.columns,
            cache.variables,
            cache.type_features.copy(),
            cache.is_continuous,
            cache.tolerances,
            objective,
            objective_norm,
            n_lps,
            self.no_incumbent_value,
        )

    # -- candidates only -----------------------------------------------------------------------

    def candidate_features(
        self, model: pyscipopt.Model, candidates: list[pyscipopt.Variable]
    ) -> np.ndarray | None:
        """The variable features of ``candidates`` only, equal to their rows of :meth:`extract`.

        A per-node model that reuses root embeddings (Gupta et al.'s hybrid) needs nothing else,
        and on an LP with thousands of columns and rows this costs a small fraction of a full
        extraction: one accessor call per candidate, plus the objective norm once per run.
        ``None`` when :meth:`extract` would return ``None``.
        """
        if model.getStage() != SCIP_STAGE.SOLVING:
            return None
        if model.getLPSolstat() != SCIP_LPSOLSTAT.OPTIMAL or not candidates:
            return None
        if self._model is None or self._model() is not model:
            self.before_reset(model)
        columns = [var.getCol() for var in candidates]
        type_index = np.array([variable_type_index(var) for var in candidates], dtype=np.int64)
        type_features = np.zeros((len(candidates), len(VariableFeature)), dtype=np.float32)
        type_features[np.arange(len(candidates)), _V.TYPE_BINARY + type_index] = 1.0
        objective = np.array([column.getObjCoeff() for column in columns], dtype=np.float64)
        return _column_features(
            model,
            columns,
            candidates,
            type_features,
            type_index == 3,
            self._tolerances(model),
            objective,
            self._objective_norm(model),
            float(model.getNLPs()),
            self.no_incumbent_value,
        )

    def _tolerances(self, model: pyscipopt.Model) -> ScipTolerances:
        if self._candidate_tolerances is None:
            self._candidate_tolerances = ScipTolerances.of(model)
        return self._candidate_tolerances

    def _objective_norm(self, model: pyscipopt.Model) -> float:
        # The LP objective changes only with the column set: a new run or columns added/removed.
        key = (model.getNRuns(), model.getNLPCols())
        if self._candidate_norm is None or self._candidate_norm[0] != key:
            columns = model.getLPColsData()
            norm = float(np.linalg.norm([column.getObjCoeff() for column in columns]))
            self._candidate_norm = (key, norm if norm > 0.0 else 1.0)
        return self._candidate_norm[1]

    # -- rows ----------------------------------------------------------------------------------

    def _constraint_features(
        self,
        model: pyscipopt.Model,
        cache: _ColumnCache,
        rows: list[pyscipopt.scip.Row],
        objective_norm: float,
        n_lps: float,
    ) -> tuple[np.ndarray, _Layout]:
        tol = cache.tolerances
        lhs = np.array([row.getLhs() for row in rows], dtype=np.float64)
        rhs = np.array([row.getRhs() for row in rows], dtype=np.float64)
        has_lhs = ~tol.is_infinite(lhs)
        has_rhs = ~tol.is_infinite(rhs)
        keys = list(map(hash, rows))
        names = [row.name for row in rows]
        n_nonzeros = [row.getNNonz() for row in rows]
        norms = np.array([row.getNorm() for row in rows], dtype=np.float64)

        layout = self._layout
        if layout is None or not layout.matches(keys, names, n_nonzeros, norms, has_lhs, has_rhs):
            layout = self._build_layout(
                model, rows, keys, names, n_nonzeros, norms, has_lhs, has_rhs
            )

        constant = np.array([row.getConstant() for row in rows], dtype=np.float64)
        activity = np.array([model.getRowLPActivity(row) for row in rows], dtype=np.float64)
        dual = np.array([row.getDualsol() for row in rows], dtype=np.float64)
        age = np.array([row.getAge() for row in rows], dtype=np.float64)

        lhs_rows, rhs_rows, side_rows = layout.lhs_rows, layout.rhs_rows, layout.side_rows
        features = np.empty((len(side_rows), len(ConstraintFeature)), dtype=np.float32)
        features[:, _C.OBJECTIVE_COSINE] = layout.objective_cosine
        side_bias = np.concatenate(((constant - lhs)[lhs_rows], (rhs - constant)[rhs_rows]))
        features[:, _C.BIAS] = side_bias / layout.side_norm
        features[:, _C.IS_TIGHT] = np.concatenate(
            (tol.is_eq(activity, lhs)[lhs_rows], tol.is_eq(activity, rhs)[rhs_rows])
        )
        features[:, _C.DUAL_SOLUTION] = (
            layout.side_sign * dual[side_rows] / (layout.side_norm * objective_norm)
        )
        features[:, _C.AGE] = age[side_rows] / (n_lps + _AGE_OFFSET)
        return features, layout

    def _build_layout(
        self,
        model: pyscipopt.Model,
        rows: list[pyscipopt.scip.Row],
        keys: list[int],
        names: list[str],
        n_nonzeros: list[int],
        norms: np.ndarray,
        has_lhs: np.ndarray,
        has_rhs: np.ndarray,
    ) -> _Layout:
        """The LP's layout: which row sides are constraints, their edges and norms (cached)."""
        structures = self._row_structures(rows, keys, names, n_nonzeros, norms)
        lhs_rows = np.flatnonzero(has_lhs)
        rhs_rows = np.flatnonzero(has_rhs)
        side_rows = np.concatenate((lhs_rows, rhs_rows))
        side_sign = np.concatenate((-np.ones(len(lhs_rows)), np.ones(len(rhs_rows))))
        safe_norms = np.where(norms > 0.0, norms, 1.0)
        side_norm = safe_norms[side_rows]
        parallelism = np.array([model.getRowObjParallelism(row) for row in rows], dtype=np.float64)
        edge_index, edge_features = _side_edges(structures, side_rows, side_sign / side_norm)
        layout = _Layout(
            keys=keys,
            names=names,
            n_nonzeros=n_nonzeros,
            norms=norms,
            has_lhs=has_lhs,
            has_rhs=has_rhs,
            lhs_rows=lhs_rows,
            rhs_rows=rhs_rows,
            side_rows=side_rows,
            side_sign=side_sign,
            side_norm=side_norm,
            objective_cosine=(side_sign * parallelism[side_rows]).astype(np.float32),
            edge_index=edge_index,
            edge_features=edge_features,
        )
        self._layout = layout
        self._statistics["layout_builds"] += 1
        return layout

    def _row_structures(
        self,
        rows: list[pyscipopt.scip.Row],
        keys: list[int],
        names: list[str],
        n_nonzeros: list[int],
        norms: np.ndarray,
    ) -> list[_RowCoefficients]:
        """Each row's coefficients, reused from the previous call for a row that is the same
        (same key, name, size and norm); the cache then holds this call's rows."""
        previous = self._rows
        current: dict[tuple[int, str, int, float], _RowCoefficients] = {}
        structures = []
        for row, key, name, size, norm in zip(
            rows, keys, names, n_nonzeros, norms.tolist(), strict=True
        ):
            row_key = (key, name, size, norm)
            structure = previous.get(row_key)
            if structure is None:
                structure = _row_coefficients(row)
                self._statistics["row_builds"] += 1
            current[row_key] = structure
            structures.append(structure)
        self._rows = current
        return structures


def _side_edges(
    structures: list[_RowCoefficients], side_rows: np.ndarray, side_scale: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Edges of the row sides: each side's row coefficients times its scale, side after side
    (a CSR row gather). Returns ``edge_index`` (2, E) as [side; column] and the features."""
    lengths = np.array([len(s.positions) for s in structures], dtype=np.int64)
    starts = np.zeros(len(structures) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    all_positions = _concatenate([s.positions for s in structures], np.int64)
    all_coefficients = _concatenate([s.coefficients for s in structures], np.float64)
    side_lengths = lengths[side_rows]
    n_edges = int(side_lengths.sum())
    side_of_edge = np.repeat(np.arange(len(side_rows), dtype=np.int64), side_lengths)
    side_starts = np.zeros(len(side_rows), dtype=np.int64)
    np.cumsum(side_lengths[:-1], out=side_starts[1:])
    gather = np.arange(n_edges, dtype=np.int64) + np.repeat(
        starts[side_rows] - side_starts, side_lengths
    )
    edge_index = np.stack((side_of_edge, all_positions[gather]))
    edge_values = all_coefficients[gather] * side_scale[side_of_edge]
    return edge_index, edge_values.astype(np.float32).reshape(-1, len(EdgeFeature))


def _column_features(
    model: pyscipopt.Model,
    columns: list[pyscipopt.Column],
    variables: list[pyscipopt.Variable],
    features: np.ndarray,
    is_continuous: np.ndarray,
    tol: ScipTolerances,
    objective: np.ndarray,
    objective_norm: float,
    n_lps: float,
    no_incumbent_value: float,
) -> np.ndarray:
    """Fill ``features`` (type one-hot already set) with the LP state of ``columns``."""
    lower = np.array([column.getLb() for column in columns], dtype=np.float64)
    upper = np.array([column.getUb() for column in columns], dtype=np.float64)
    solution = np.array([column.getPrimsol() for column in columns], dtype=np.float64)
    reduced_cost = np.array([model.getColRedCost(column) for column in columns])
    age = np.array([column.getAge() for column in columns], dtype=np.float64)
    basis = np.array([_BASIS_INDEX[column.getBasisStatus()] for column in columns])

    features[:, _V.OBJECTIVE] = objective / objective_norm
    features[:, _V.HAS_LOWER_BOUND] = ~tol.is_infinite(lower)
    features[:, _V.HAS_UPPER_BOUND] = ~tol.is_infinite(upper)
    features[:, _V.SOLUTION_AT_LOWER_BOUND] = tol.is_eq(solution, lower)
    features[:, _V.SOLUTION_AT_UPPER_BOUND] = tol.is_eq(solution, upper)
    fractionality = tol.feas_frac(solution)
    fractionality[is_continuous] = 0.0
    features[:, _V.SOLUTION_FRACTIONALITY] = fractionality
    features[np.arange(len(columns)), _V.BASIS_LOWER + basis] = 1.0
    features[:, _V.REDUCED_COST] = reduced_cost / objective_norm
    features[:, _V.AGE] = age / (n_lps + _AGE_OFFSET)
    features[:, _V.SOLUTION_VALUE] = solution

    incumbent = model.getBestSol()
    if incumbent is None:
        features[:, _V.INCUMBENT_VALUE] = no_incumbent_value
        features[:, _V.AVERAGE_INCUMBENT_VALUE] = no_incumbent_value
    else:
        features[:, _V.INCUMBENT_VALUE] = [incumbent[var] for var in variables]
        features[:, _V.AVERAGE_INCUMBENT_VALUE] = [var.getAvgSol() for var in variables]
    return features


def _row_coefficients(row: pyscipopt.scip.Row) -> _RowCoefficients:
    """Read the LP columns and coefficients of ``row``, sorted by LP position."""
    positions = np.array([column.getLPPos() for column in row.getCols()], dtype=np.int64)
    coefficients = np.array(row.getVals(), dtype=np.float64)
    in_lp = positions >= 0
    positions, coefficients = positions[in_lp], coefficients[in_lp]
    order = np.argsort(positions, kind="stable")
    return _RowCoefficients(positions=positions[order], coefficients=coefficients[order])


def _concatenate(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.zeros(0, dtype)
