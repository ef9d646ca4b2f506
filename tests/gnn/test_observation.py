"""Tests of the bipartite observation functions against slow reference implementations."""

from __future__ import annotations

import gc
from collections.abc import Callable

import numpy as np
import pyscipopt
import pytest
from pyscipopt import SCIP_RESULT, SCIP_ROWORIGINTYPE

from gnn.features import (
    ConstraintFeature,
    EdgeFeature,
    StaticConstraintFeature,
    StaticEdgeFeature,
    StaticVariableFeature,
    VariableFeature,
)
from gnn.graph import BipartiteGraph
from gnn.observation import (
    MilpBipartite,
    MilpObservation,
    NodeBipartite,
    ObservationFunction,
    variable_type_index,
)
from gnn.observation.scip_numerics import ScipTolerances
from tests.gnn.reference_observation import (
    reference_milp_observation,
    reference_node_observation,
    reference_type_name,
)

# -- tiny instances ------------------------------------------------------------------------------


def multi_knapsack(
    rng: np.random.Generator, n_items: int = 40, n_knapsacks: int = 4
) -> pyscipopt.Model:
    """A maximisation multi-knapsack that needs a few dozen nodes."""
    model = pyscipopt.Model()
    model.hideOutput()
    weights = rng.integers(5, 60, size=(n_knapsacks, n_items))
    values = weights.mean(axis=0) + rng.integers(0, 10, n_items)
    x = [model.addVar(f"x{j}", vtype="B", obj=float(values[j])) for j in range(n_items)]
    for i in range(n_knapsacks):
        model.addCons(
            pyscipopt.quicksum(float(weights[i, j]) * x[j] for j in range(n_items))
            <= float(weights[i].sum() // 2),
            name=f"knapsack{i}",
        )
    model.setMaximize()
    return model


def covering_knapsack(
    rng: np.random.Generator, n_items: int = 40, n_rows: int = 4
) -> pyscipopt.Model:
    """A minimisation with ``>=`` knapsack rows, which are often tight at their left-hand side."""
    model = pyscipopt.Model()
    model.hideOutput()
    weights = rng.integers(5, 60, size=(n_rows, n_items))
    values = weights.mean(axis=0) + rng.integers(0, 10, n_items)
    x = [model.addVar(f"x{j}", vtype="B", obj=float(values[j])) for j in range(n_items)]
    for i in range(n_rows):
        model.addCons(
            pyscipopt.quicksum(float(weights[i, j]) * x[j] for j in range(n_items))
            >= float(weights[i].sum() // 2),
            name=f"cover{i}",
        )
    return model


def mixed_instance(rng: np.random.Generator) -> pyscipopt.Model:
    """A maximisation over binary, integer (one without upper bound) and continuous (one without
    lower bound) variables with <=, >=, ranged and equality constraints; needs branching."""
    model = pyscipopt.Model()
    model.hideOutput()
    n_binaries = 36
    weights = rng.integers(5, 60, size=(4, n_binaries))
    values = weights.mean(axis=0) + rng.integers(0, 10, n_binaries)
    binaries = [model.addVar(f"b{j}", vtype="B", obj=float(values[j])) for j in range(n_binaries)]
    integers = [
        model.addVar(
            f"i{j}", vtype="I", lb=0, ub=None if j == 0 else 7, obj=float(rng.integers(20, 40))
        )
        for j in range(4)
    ]
    continuous = [
        model.addVar(f"c{j}", vtype="C", lb=None if j == 0 else 0, ub=30, obj=float(rng.random()))
        for j in range(3)
    ]
    for k in range(4):
        model.addCons(
            pyscipopt.quicksum(float(w) * v for w, v in zip(weights[k], binaries, strict=True))
            + pyscipopt.quicksum(float(rng.integers(25, 50)) * v for v in integers)
            <= float(weights[k].sum() // 2),
            name=f"knapsack{k}",
        )
    model.addCons(integers[0] + integers[1] <= 2 * binaries[0] + 9, name="linking")
    picked = rng.choice(n_binaries, 10, replace=False)
    model.addCons(pyscipopt.quicksum(binaries[j] for j in picked) >= 2, name="cover")
    model.addCons(
        (2 <= pyscipopt.quicksum(binaries[j] for j in range(12, 24)) + integers[2]) <= 9,
        name="ranged",
    )
    model.addCons(continuous[0] - continuous[1] + 2 * continuous[2] == 3 + integers[3], name="eq")
    model.setMaximize()
    return model


# -- helpers -------------------------------------------------------------------------------------


class _NodeProbe(pyscipopt.Branchrule):
    """Calls ``on_node(model)`` at each branching node, then lets SCIP branch."""

    def __init__(self, on_node: Callable[[pyscipopt.Model], None]) -> None:
        self.on_node = on_node
        self.calls = 0
        self.errors: list[BaseException] = []

    def branchexeclp(self, allowaddcons: bool) -> dict:
        self.calls += 1
        try:
            self.on_node(self.model)
        except BaseException as exc:  # re-raised after the solve: SCIP must not see it
            self.errors.append(exc)
            self.model.interruptSolve()
        return {"result": SCIP_RESULT.DIDNOTRUN}


def run_nodes(
    model: pyscipopt.Model, on_node: Callable[[pyscipopt.Model], None], max_nodes: int = 40
) -> int:
    """Solve ``model`` for at most ``max_nodes`` nodes calling ``on_node`` at each branching."""
    probe = _NodeProbe(on_node)
    model.includeBranchrule(probe, "probe", "test probe", 1_000_000, -1, 1.0)
    model.setParam("limits/nodes", max_nodes)
    model.optimize()
    if probe.errors:
        raise probe.errors[0]
    return probe.calls


class _SamePointer:
    """A row or column whose hash is its LP position, as if SCIP reused freed memory each time."""

    def __init__(self, inner: object, position: int) -> None:
        self.inner = inner
        self.position = position

    def __hash__(self) -> int:
        return self.position

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


class _ReusedPointers:
    """A model whose LP rows and columns look like freed-and-reused memory to a cache."""

    def __init__(self, model: pyscipopt.Model) -> None:
        self._model = model

    def __getattr__(self, name: str) -> object:
        return getattr(self._model, name)

    def getLPRowsData(self) -> list[_SamePointer]:
        return [_SamePointer(row, i) for i, row in enumerate(self._model.getLPRowsData())]

    def getLPColsData(self) -> list[_SamePointer]:
        return [_SamePointer(col, i) for i, col in enumerate(self._model.getLPColsData())]

    def getRowLPActivity(self, row: _SamePointer) -> float:
        return self._model.getRowLPActivity(row.inner)

    def getRowObjParallelism(self, row: _SamePointer) -> float:
        return self._model.getRowObjParallelism(row.inner)

    def getColRedCost(self, col: _SamePointer) -> float:
        return self._model.getColRedCost(col.inner)


def sorted_edges(graph: BipartiteGraph) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((graph.edge_index[1], graph.edge_index[0]))
    return graph.edge_index[:, order], graph.edge_features[order]


def assert_same_graph(actual: BipartiteGraph, expected: BipartiteGraph) -> None:
    assert actual.variable_features.shape == expected.variable_features.shape
    assert actual.constraint_features.shape == expected.constraint_features.shape
    assert actual.edge_index.shape == expected.edge_index.shape
    assert actual.variable_features.dtype == np.float32
    assert actual.constraint_features.dtype == np.float32
    assert actual.edge_features.dtype == np.float32
    assert actual.edge_index.dtype == np.int64
    np.testing.assert_allclose(
        actual.variable_features, expected.variable_features, rtol=1e-5, atol=1e-6, equal_nan=True
    )
    np.testing.assert_allclose(
        actual.constraint_features, expected.constraint_features, rtol=1e-5, atol=1e-6
    )
    actual_index, actual_values = sorted_edges(actual)
    expected_index, expected_values = sorted_edges(expected)
    np.testing.assert_array_equal(actual_index, expected_index)
    np.testing.assert_allclose(actual_values, expected_values, rtol=1e-5, atol=1e-6)


def compare_at_every_node(
    model: pyscipopt.Model, observation: NodeBipartite, max_nodes: int = 40
) -> list[int]:
    """Compare fast and reference observations at each branching node; return the run numbers."""
    seen: list[int] = []

    def on_node(m: pyscipopt.Model) -> None:
        graph = observation.extract(m)
        assert graph is not None
        assert_same_graph(graph, reference_node_observation(m))
        seen.append(m.getNRuns())

    observation.before_reset(model)
    run_nodes(model, on_node, max_nodes)
    assert seen, "the instance was solved without branching"
    return seen


# -- NodeBipartite -------------------------------------------------------------------------------


def test_observation_functions_follow_the_protocol():
    assert isinstance(NodeBipartite(), ObservationFunction)
    assert isinstance(MilpBipartite(), ObservationFunction)


@pytest.mark.parametrize("seed", [0, 1])
def test_node_matches_reference_on_presolved_knapsack_with_cuts(seed):
    model = multi_knapsack(np.random.default_rng(seed))
    observation = NodeBipartite()
    separated_rows: list[int] = []
    original = observation.extract

    def extract_and_count(m: pyscipopt.Model) -> BipartiteGraph | None:
        separated_rows.append(
            sum(row.getOrigintype() == SCIP_ROWORIGINTYPE.SEPA for row in m.getLPRowsData())
        )
        return original(m)

    observation.extract = extract_and_count  # type: ignore[method-assign]
    compare_at_every_node(model, observation)
    assert max(separated_rows) > 0, "no cut reached the LP: the test does not cover cuts"
    stats = observation.statistics
    assert stats["column_builds"] == 1
    assert stats["extracts"] >= 10


def test_node_matches_reference_on_covering_rows_tight_at_lhs():
    model = covering_knapsack(np.random.default_rng(0))
    # presolve would restate the rows as knapsacks over negated variables (right-hand sides)
    model.setPresolve(pyscipopt.SCIP_PARAMSETTING.OFF)
    observation = NodeBipartite()
    tight_lhs: list[float] = []
    original = observation.extract

    def extract_and_count(m: pyscipopt.Model) -> BipartiteGraph | None:
        graph = original(m)
        assert graph is not None
        n_lhs = sum(not m.isInfinity(abs(row.getLhs())) for row in m.getLPRowsData())
        tight_lhs.append(graph.constraint_features[:n_lhs, ConstraintFeature.IS_TIGHT].sum())
        return graph

    observation.extract = extract_and_count  # type: ignore[method-assign]
    compare_at_every_node(model, observation)
    assert max(tight_lhs) > 0, "no left-hand side was tight: the test does not cover them"


@pytest.mark.parametrize(
    "build",
    [
        lambda: multi_knapsack(np.random.default_rng(1)),
        lambda: mixed_instance(np.random.default_rng(3)),
    ],
)
def test_node_caches_survive_reused_pointers(build):
    """Rows and columns that keep their pointer while their content changes (SCIP's block memory
    recycles freed rows) must not be served from the cache."""
    model = build()
    observation = NodeBipartite()
    proxy = _ReusedPointers(model)

    def on_node(m: pyscipopt.Model) -> None:
        graph = observation.extract(proxy)  # type: ignore[arg-type]
        assert graph is not None
        assert_same_graph(graph, reference_node_observation(m))

    run_nodes(model, on_node, max_nodes=40)
    assert observation.statistics["layout_builds"] > 1


@pytest.mark.parametrize("presolve", [True, False])
def test_node_matches_reference_on_mixed_rows_and_types(presolve):
    model = mixed_instance(np.random.default_rng(3))
    if not presolve:
        model.setPresolve(pyscipopt.SCIP_PARAMSETTING.OFF)
    observation = NodeBipartite()
    sides: list[tuple[int, int]] = []
    original = observation.extract

    def extract_and_measure(m: pyscipopt.Model) -> BipartiteGraph | None:
        graph = original(m)
        assert graph is not None
        sides.append((graph.n_constraints, m.getNLPRows()))
        return graph

    observation.extract = extract_and_measure  # type: ignore[method-assign]
    compare_at_every_node(model, observation)
    if not presolve:
        # ranged and equality rows give two sides each
        assert all(n_sides > n_rows for n_sides, n_rows in sides)


def test_node_rebuilds_after_restart():
    model = multi_knapsack(np.random.default_rng(5), n_items=50, n_knapsacks=5)
    observation = NodeBipartite()
    restarted = []

    def on_node(m: pyscipopt.Model) -> None:
        graph = observation.extract(m)
        assert graph is not None
        assert_same_graph(graph, reference_node_observation(m))
        if not restarted and m.getNNodes() >= 5:
            restarted.append(m.getNRuns())
            m.restartSolve()

    observation.before_reset(model)
    run_nodes(model, on_node, max_nodes=60)
    assert restarted and model.getNRuns() > restarted[0], "SCIP did not restart"
    assert observation.statistics["column_builds"] >= 2


@pytest.mark.parametrize(
    "build",
    [
        lambda: multi_knapsack(np.random.default_rng(1)),
        lambda: mixed_instance(np.random.default_rng(3)),
    ],
    ids=["knapsack-with-cuts", "mixed-types"],
)
def test_candidate_features_equal_the_candidate_rows_of_a_full_extraction(build):
    model = build()
    candidate_observation = NodeBipartite()  # used alone, as the hybrid policy uses it
    full_observation = NodeBipartite()
    compared: list[int] = []

    def on_node(m: pyscipopt.Model) -> None:
        variables, *_, n_priority, _ = m.getLPBranchCands()
        candidates = variables[:n_priority]
        features = candidate_observation.candidate_features(m, candidates)
        graph = full_observation.extract(m)
        assert features is not None and graph is not None
        rows = [var.getCol().getLPPos() for var in candidates]
        np.testing.assert_allclose(features, graph.variable_features[rows], rtol=1e-6, atol=1e-7)
        compared.append(len(candidates))

    run_nodes(model, on_node, max_nodes=40)
    assert len(compared) >= 5


def test_candidate_features_follow_a_restart():
    model = multi_knapsack(np.random.default_rng(5), n_items=50, n_knapsacks=5)
    observation = NodeBipartite()
    runs: list[int] = []

    def on_node(m: pyscipopt.Model) -> None:
        variables, *_, n_priority, _ = m.getLPBranchCands()
        features = observation.candidate_features(m, variables[:n_priority])
        reference = reference_node_observation(m)
        rows = [var.getCol().getLPPos() for var in variables[:n_priority]]
        assert features is not None
        np.testing.assert_allclose(
            features, reference.variable_features[rows], rtol=1e-5, atol=1e-6
        )
        runs.append(m.getNRuns())
        if len(runs) == 5:
            m.restartSolve()

    run_nodes(model, on_node, max_nodes=60)
    assert max(runs) > min(runs), "SCIP did not restart"


def test_candidate_features_outside_solving_are_none():
    model = multi_knapsack(np.random.default_rng(0))
    assert NodeBipartite().candidate_features(model, model.getVars()) is None


def test_node_incumbent_features_without_incumbent():
    """An odd parity constraint over binaries: the LP is feasible, no integral point is."""
    rng = np.random.default_rng(0)
    model = pyscipopt.Model()
    model.hideOutput()
    x = [model.addVar(f"x{j}", vtype="B", obj=float(rng.integers(1, 10))) for j in range(12)]
    model.addCons(pyscipopt.quicksum(2 * v for v in x) == 11)
    model.setPresolve(pyscipopt.SCIP_PARAMSETTING.OFF)
    model.setSeparating(pyscipopt.SCIP_PARAMSETTING.OFF)
    fill = NodeBipartite(no_incumbent_value=-7.0)
    nan = NodeBipartite(no_incumbent_value=float("nan"))
    incumbent_columns = [VariableFeature.INCUMBENT_VALUE, VariableFeature.AVERAGE_INCUMBENT_VALUE]

    def on_node(m: pyscipopt.Model) -> None:
        assert m.getBestSol() is None
        filled, with_nan = fill.extract(m), nan.extract(m)
        assert filled is not None and with_nan is not None
        assert np.all(filled.variable_features[:, incumbent_columns] == -7.0)
        assert np.all(np.isnan(with_nan.variable_features[:, incumbent_columns]))
        assert_same_graph(with_nan, reference_node_observation(m, no_incumbent_value=np.nan))

    assert run_nodes(model, on_node, max_nodes=10) > 0


def test_node_incumbent_features_with_incumbent():
    model = multi_knapsack(np.random.default_rng(2))
    observation = NodeBipartite(no_incumbent_value=-7.0)
    checked = []

    def on_node(m: pyscipopt.Model) -> None:
        graph = observation.extract(m)
        assert graph is not None
        incumbent = m.getBestSol()
        if incumbent is None:
            return
        values = graph.variable_features[:, VariableFeature.INCUMBENT_VALUE]
        expected = [m.getSolVal(incumbent, col.getVar()) for col in m.getLPColsData()]
        np.testing.assert_array_equal(values, np.asarray(expected, dtype=np.float32))
        averages = graph.variable_features[:, VariableFeature.AVERAGE_INCUMBENT_VALUE]
        assert np.all((averages >= 0.0) & (averages <= 1.0))
        checked.append(m.getNSolsFound())

    run_nodes(model, on_node, max_nodes=20)
    assert checked, "no incumbent was found"


def test_branching_candidates_map_to_rows_by_lp_position():
    model = multi_knapsack(np.random.default_rng(4))
    observation = NodeBipartite()
    checked = []

    def on_node(m: pyscipopt.Model) -> None:
        graph = observation.extract(m)
        assert graph is not None
        candidates, values, fractions, *_ = m.getLPBranchCands()
        rows = [var.getCol().getLPPos() for var in candidates]
        features = graph.variable_features[rows]
        np.testing.assert_allclose(features[:, VariableFeature.SOLUTION_VALUE], values, rtol=1e-6)
        np.testing.assert_allclose(
            features[:, VariableFeature.SOLUTION_FRACTIONALITY], fractions, rtol=1e-5, atol=1e-6
        )
        assert np.all(features[:, VariableFeature.BASIS_BASIC] == 1.0)
        checked.append(len(rows))

    run_nodes(model, on_node, max_nodes=10)
    assert sum(checked) > 0


def test_node_feature_widths_and_one_hot_groups():
    model = mixed_instance(np.random.default_rng(7))
    observation = NodeBipartite()
    graphs: list[BipartiteGraph] = []

    def on_node(m: pyscipopt.Model) -> None:
        graph = observation.extract(m)
        assert graph is not None
        graphs.append(graph)

    run_nodes(model, on_node, max_nodes=3)
    graph = graphs[0]
    assert graph.variable_features.shape[1] == len(VariableFeature)
    assert graph.constraint_features.shape[1] == len(ConstraintFeature)
    assert graph.edge_features.shape[1] == len(EdgeFeature)
    types = graph.variable_features[
        :, VariableFeature.TYPE_BINARY : VariableFeature.TYPE_CONTINUOUS + 1
    ]
    basis = graph.variable_features[:, VariableFeature.BASIS_LOWER : VariableFeature.BASIS_ZERO + 1]
    assert np.all(types.sum(axis=1) == 1.0) and np.all(basis.sum(axis=1) == 1.0)
    assert graph.edge_index[0].max() < graph.n_constraints
    assert graph.edge_index[1].max() < graph.n_variables
    # the graph owns its arrays: changing one observation leaves the next one intact
    graph.edge_features[:] = 0.0
    assert len(graphs) < 2 or np.any(graphs[1].edge_features != 0.0)


def test_node_pauses_the_garbage_collector_only_during_extraction():
    model = multi_knapsack(np.random.default_rng(0))
    observation = NodeBipartite()
    inside: list[bool] = []
    after: list[bool] = []
    extract_now = observation._extract

    def spy(m: pyscipopt.Model) -> BipartiteGraph | None:
        inside.append(gc.isenabled())
        return extract_now(m)

    def on_node(m: pyscipopt.Model) -> None:
        assert observation.extract(m) is not None
        after.append(gc.isenabled())

    observation._extract = spy  # type: ignore[method-assign]
    run_nodes(model, on_node, max_nodes=3)
    assert inside and not any(inside)
    assert after and all(after)


def test_node_reused_across_models_without_before_reset():
    observation = NodeBipartite()
    for build in (
        lambda: multi_knapsack(np.random.default_rng(0)),
        lambda: covering_knapsack(np.random.default_rng(1)),
        lambda: multi_knapsack(np.random.default_rng(0), n_items=30),
    ):
        model = build()

        def on_node(m: pyscipopt.Model) -> None:
            graph = observation.extract(m)
            assert graph is not None
            assert_same_graph(graph, reference_node_observation(m))

        assert run_nodes(model, on_node, max_nodes=5) > 0
        model.freeProb()
        del model


def test_node_returns_none_outside_solving():
    model = multi_knapsack(np.random.default_rng(0))
    assert NodeBipartite().extract(model) is None


# -- SCIP numerics and types ---------------------------------------------------------------------


def test_vectorised_numerics_equal_scip_element_wise():
    model = pyscipopt.Model()
    tol = ScipTolerances.of(model)
    eps, feastol = model.epsilon(), model.feastol()
    values = np.array(
        [
            0.0,
            1.0,
            -1.0,
            0.5,
            1 - feastol / 2,
            1 - 2 * feastol,
            2 + feastol / 2,
            -3 - feastol / 3,
            7 - eps / 2,
            7 - 2 * eps,
            1e6 - 1e-7,
            -2.5,
            1e20,
            -1e20,
            3e20,
        ]
    )
    shifted = values + np.array([0.0, eps / 2, 2 * eps, 0, 0, 0, 0, 0, 0, 0, 0, 1e-12, 0, 0, 0])
    finite = np.abs(values) < 1e19
    np.testing.assert_array_equal(
        tol.feas_frac(values[finite]), [model.feasFrac(v) for v in values[finite]]
    )
    np.testing.assert_array_equal(
        tol.is_eq(values[finite], shifted[finite]),
        [model.isEQ(a, b) for a, b in zip(values[finite], shifted[finite], strict=True)],
    )
    np.testing.assert_array_equal(
        tol.is_infinite(values), [model.isInfinity(abs(v)) for v in values]
    )


def test_type_columns_share_one_order_in_both_enums():
    for first, offset in ((VariableFeature.TYPE_BINARY, 0), (StaticVariableFeature.TYPE_BINARY, 0)):
        enum = type(first)
        names = [enum(first + k + offset).name for k in range(4)]
        assert names == ["TYPE_BINARY", "TYPE_INTEGER", "TYPE_IMPLICIT_INTEGER", "TYPE_CONTINUOUS"]
    model = pyscipopt.Model()
    kinds = [
        (model.addVar("b", vtype="B"), "binary"),
        (model.addVar("i", vtype="I"), "integer"),
        (model.addVar("c", vtype="C"), "continuous"),
    ]
    order = ["binary", "integer", "implicit", "continuous"]
    for var, kind in kinds:
        assert reference_type_name(var) == kind
        assert variable_type_index(var) == order.index(kind)


# -- MilpBipartite -------------------------------------------------------------------------------


def two_by_three() -> tuple[pyscipopt.Model, list[pyscipopt.Variable]]:
    """max 3x - y + 2z  s.t.  2 <= x + 4y - z <= 10,  3x + z >= 1;  x binary, y integer in
    [-2, inf), z continuous in (-inf, 5]."""
    model = pyscipopt.Model()
    model.hideOutput()
    x = model.addVar("x", vtype="B", obj=3.0)
    y = model.addVar("y", vtype="I", lb=-2, ub=None, obj=-1.0)
    z = model.addVar("z", vtype="C", lb=None, ub=5, obj=2.0)
    model.addCons((2 <= x + 4 * y - z) <= 10, name="ranged")
    model.addCons(3 * x + z >= 1, name="cover")
    model.setMaximize()
    return model, [x, y, z]


def test_milp_two_by_three_element_by_element():
    model, (x, y, z) = two_by_three()
    observation = MilpBipartite().extract(model)
    assert isinstance(observation, MilpObservation)
    assert not observation.transformed
    assert observation.variable_names == ["x", "y", "z"]
    assert dict(observation.skipped_constraints) == {}
    graph = observation.graph
    V = StaticVariableFeature
    expected_variables = np.zeros((3, len(V)), dtype=np.float32)
    # maximisation: the objective is stated for minimisation
    expected_variables[:, V.OBJECTIVE] = [-3.0, 1.0, -2.0]
    expected_variables[0, V.TYPE_BINARY] = 1
    expected_variables[1, V.TYPE_INTEGER] = 1
    expected_variables[2, V.TYPE_CONTINUOUS] = 1
    expected_variables[:, V.HAS_LOWER_BOUND] = [1, 1, 0]
    expected_variables[:, V.HAS_UPPER_BOUND] = [1, 0, 1]
    expected_variables[:, V.LOWER_BOUND] = [0, -2, 0]
    expected_variables[:, V.UPPER_BOUND] = [1, 0, 5]
    np.testing.assert_array_equal(graph.variable_features, expected_variables)
    # left-hand sides first (ranged, cover), then right-hand sides (ranged)
    np.testing.assert_array_equal(
        graph.constraint_features, np.array([[-2.0], [-1.0], [10.0]], dtype=np.float32)
    )
    assert graph.constraint_features.shape[1] == len(StaticConstraintFeature)
    assert graph.edge_features.shape[1] == len(StaticEdgeFeature)
    edges = {
        (int(c), int(v)): float(value)
        for c, v, value in zip(
            graph.edge_index[0], graph.edge_index[1], graph.edge_features[:, 0], strict=True
        )
    }
    assert edges == {
        (0, 0): -1.0,
        (0, 1): -4.0,
        (0, 2): 1.0,
        (1, 0): -3.0,
        (1, 2): -1.0,
        (2, 0): 1.0,
        (2, 1): 4.0,
        (2, 2): -1.0,
    }


def test_milp_normalize_divides_sides_and_objective_by_their_norms():
    model, _ = two_by_three()
    plain = MilpBipartite().extract(model)
    scaled = MilpBipartite(normalize=True).extract(model)
    assert plain is not None and scaled is not None
    objective = plain.graph.variable_features[:, StaticVariableFeature.OBJECTIVE]
    np.testing.assert_allclose(
        scaled.graph.variable_features[:, StaticVariableFeature.OBJECTIVE],
        objective / np.linalg.norm(objective),
        rtol=1e-6,
    )
    row_norms = np.sqrt([1 + 16 + 1, 9 + 1, 1 + 16 + 1])
    np.testing.assert_allclose(
        scaled.graph.constraint_features[:, 0],
        plain.graph.constraint_features[:, 0] / row_norms,
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        scaled.graph.edge_features[:, 0],
        plain.graph.edge_features[:, 0] / row_norms[plain.graph.edge_index[0]],
        rtol=1e-6,
    )


def test_milp_matches_reference_on_original_and_unpresolved_transformed_problem():
    model = mixed_instance(np.random.default_rng(11))
    graph, variables = reference_milp_observation(model, transformed=False)
    observation = MilpBipartite().extract(model)
    assert observation is not None
    assert_same_graph(observation.graph, graph)
    assert [v.name for v in observation.variables] == [v.name for v in variables]

    model.setPresolve(pyscipopt.SCIP_PARAMSETTING.OFF)
    model.presolve()
    observation = MilpBipartite().extract(model)
    graph, variables = reference_milp_observation(model, transformed=True)
    assert observation is not None and observation.transformed
    assert_same_graph(observation.graph, graph)
    assert [v.name for v in observation.variables] == [v.name for v in variables]


def negated_knapsacks(rng: np.random.Generator) -> pyscipopt.Model:
    """Knapsack rows with negative weights: presolve restates them over negated variables."""
    model = pyscipopt.Model()
    model.hideOutput()
    x = [model.addVar(f"x{j}", vtype="B", obj=-float(rng.integers(1, 20))) for j in range(40)]
    for _ in range(15):
        items = rng.choice(40, 10, replace=False)
        model.addCons(
            pyscipopt.quicksum(float(rng.integers(-10, 20)) * x[j] for j in items)
            <= float(rng.integers(5, 30))
        )
    return model


def assert_rows_agree_with_constraints(
    model: pyscipopt.Model, observation: MilpObservation, rng: np.random.Generator
) -> None:
    """The graph's ``<=`` rows give the same slacks as SCIP's constraints at random 0/1 points
    over the problem variables (SCIP evaluates negated variables itself)."""
    graph = observation.graph
    conss = model.getConss()
    matrix = np.zeros((graph.n_constraints, graph.n_variables))
    np.add.at(matrix, (graph.edge_index[0], graph.edge_index[1]), graph.edge_features[:, 0])
    bias = graph.constraint_features[:, 0].astype(np.float64)
    for _ in range(5):
        point = rng.integers(0, 2, graph.n_variables).astype(float)
        solution = model.createSol()
        for var, value in zip(observation.variables, point, strict=True):
            model.setSolVal(solution, var, value)
        lhs_slacks, rhs_slacks = [], []
        for cons in conss:
            activity = sum(
                value * model.getSolVal(solution, var)
                for var, value in zip(model.getConsVars(cons), model.getConsVals(cons), strict=True)
            )
            lhs, rhs = model.getLhs(cons), model.getRhs(cons)
            if not model.isInfinity(abs(lhs)):
                lhs_slacks.append(activity - lhs)
            if not model.isInfinity(abs(rhs)):
                rhs_slacks.append(rhs - activity)
        model.freeSol(solution)
        np.testing.assert_allclose(bias - matrix @ point, lhs_slacks + rhs_slacks, atol=1e-4)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_milp_presolved_rows_agree_with_scip_constraints_at_random_points(seed):
    rng = np.random.default_rng(seed)
    model = negated_knapsacks(rng)
    model.presolve()
    statuses = {v.getStatus() for c in model.getConss() for v in model.getConsVars(c)}
    assert "NEGATED" in statuses, "presolve left no negated variable: the test covers nothing"
    observation = MilpBipartite().extract(model)
    assert observation is not None and observation.transformed
    assert [v.name for v in observation.variables] == [
        v.name for v in model.getVars(transformed=True)
    ]
    assert_rows_agree_with_constraints(model, observation, rng)


class _RootHeuristic(pyscipopt.Heur):
    """Calls ``on_root(model)`` once after the root LP, as a diving heuristic would."""

    def __init__(self, on_root: Callable[[pyscipopt.Model], None]) -> None:
        self.on_root = on_root
        self.errors: list[BaseException] = []

    def heurexec(self, heurtiming: int, nodeinfeasible: bool) -> dict:
        try:
            self.on_root(self.model)
        except BaseException as exc:  # re-raised after the solve: SCIP must not see it
            self.errors.append(exc)
        return {"result": SCIP_RESULT.DIDNOTRUN}


def test_milp_during_solving_inside_a_heuristic():
    rng = np.random.default_rng(3)  # a seed whose root LP is fractional: the heuristic runs
    model = negated_knapsacks(rng)
    observations: list[MilpObservation] = []

    def on_root(m: pyscipopt.Model) -> None:
        if observations:
            return
        statuses = {v.getStatus() for c in m.getConss() for v in m.getConsVars(c)}
        assert "NEGATED" in statuses, "no negated variable left: the test covers nothing"
        observation = MilpBipartite().extract(m)
        assert observation is not None and observation.transformed
        assert_rows_agree_with_constraints(m, observation, rng)
        observations.append(observation)

    heuristic = _RootHeuristic(on_root)
    model.includeHeur(
        heuristic,
        "probe",
        "test probe",
        "Y",
        10_000,
        0,
        0,
        0,
        pyscipopt.SCIP_HEURTIMING.AFTERLPNODE,
        False,
    )
    model.optimize()
    if heuristic.errors:
        raise heuristic.errors[0]
    assert len(observations) == 1


def test_milp_original_reads_the_graph_of_before_solving_while_solving():
    from instances.generators import preset

    # Presolve tightens the continuous flows' upper bounds: the original variables' global
    # bounds move, their original bounds do not.
    model = preset("facilities", "tiny").generate(0)
    model.hideOutput()
    before = MilpBipartite().extract(model)
    during: list[MilpObservation] = []

    def on_root(m: pyscipopt.Model) -> None:
        if not during:
            during.append(MilpBipartite(original=True).extract(m))
            assert MilpBipartite().extract(m).transformed

    heuristic = _RootHeuristic(on_root)
    model.includeHeur(
        heuristic, "probe", "test probe", "Y", 10_000, 0, 0, 0,
        pyscipopt.SCIP_HEURTIMING.DURINGLPLOOP, False,
    )  # fmt: skip
    model.optimize()
    if heuristic.errors:
        raise heuristic.errors[0]
    (observation,) = during
    assert not observation.transformed
    assert [v.name for v in observation.variables] == [v.name for v in before.variables]
    for name in ("variable_features", "constraint_features", "edge_features", "edge_index"):
        np.testing.assert_array_equal(
            getattr(observation.graph, name), getattr(before.graph, name), err_msg=name
        )
    global_upper = np.array([v.getUbGlobal() for v in model.getVars(transformed=False)])
    original_upper = np.array([v.getUbOriginal() for v in model.getVars(transformed=False)])
    assert (global_upper < original_upper).any(), "presolve tightened nothing: nothing is tested"


def test_milp_skips_and_counts_nonlinear_constraints():
    model, (x, y, z) = two_by_three()
    model.addCons(x * y + z * z <= 4, name="quadratic")
    observation = MilpBipartite().extract(model)
    assert observation is not None
    assert dict(observation.skipped_constraints) == {"nonlinear": 1}
    assert observation.graph.n_constraints == 3
