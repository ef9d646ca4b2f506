"""solver.ecole.observation: ecole's fields on the project's observations, and the expert labels.

The key check: a ``Branching`` environment observing ``(NodeBipartite(), StrongBranchingScores())``
and branching on the best score records exactly the samples of the project's own collector
(``experiments.collect_branching``) on the same instance and SCIP seed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from experiments.collect_branching import CollectBranchingConfig, InstanceJob, collect_instance
from gnn.dataset import read_metadata, read_samples
from gnn.features import ConstraintFeature, VariableFeature
from instances.generators import CapacitatedFacilityLocation, write_instance
from solver import ecole

BRANCHY = {
    "presolving/maxrounds": 0,
    "presolving/maxrestarts": 0,
    "separating/maxrounds": 0,
    "separating/maxroundsroot": 0,
}
TINY_FACILITIES = {"n_customers": 15, "n_facilities": 10}


@pytest.fixture(scope="module")
def instance_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ecole_obs")
    for seed in (0, 1):
        write_instance(
            CapacitatedFacilityLocation(**TINY_FACILITIES).generate(seed), folder / f"cfl{seed}.mps"
        )
    return folder


class _FixedSeed:
    """A random engine that always draws ``seed`` (environments read ``random_engine()``)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def __call__(self) -> int:
        return self.seed


@pytest.mark.parametrize("name", ["cfl0", "cfl1"])
def test_branching_environment_records_the_collectors_samples(
    instance_dir: Path, name: str
) -> None:
    instance = instance_dir / f"{name}.mps"
    output = instance_dir / f"{name}.npz"
    # The environment can only branch, so the expert must branch where it could cut off.
    config = CollectBranchingConfig(
        samples_per_instance=10_000,
        explore_prob=0.0,
        record_prob=1.0,
        time_limit=60.0,
        seed=0,
        scip_params=BRANCHY,
        cut_off_infeasible_nodes=False,
    )
    collect_instance(InstanceJob(instance, output, config, ("test",)))
    expected = read_samples(output)
    scip_seed = read_metadata(output)["scip_seed"]

    env = ecole.environment.Branching(
        observation_function=(
            ecole.observation.NodeBipartite(),
            ecole.observation.StrongBranchingScores(),
        ),
        scip_params={**BRANCHY, "limits/time": 60.0},
    )
    env.random_engine = _FixedSeed(scip_seed)
    observation, action_set, _, done, _ = env.reset(instance)
    recorded = []
    while not done:
        node, scores = observation
        recorded.append((node, action_set, scores))
        observation, action_set, _, done, _ = env.step(action_set[np.argmax(scores[action_set])])

    assert len(expected) >= 3
    assert len(recorded) == len(expected)
    for sample, (node, action_set, scores) in zip(expected, recorded, strict=True):
        graph = sample.graph
        np.testing.assert_array_equal(node.variable_features, graph.variable_features)
        np.testing.assert_array_equal(node.row_features, graph.constraint_features)
        np.testing.assert_array_equal(node.edge_features.indices, graph.edge_index)
        np.testing.assert_array_equal(node.edge_features.values, graph.edge_features[:, 0])
        # Without restarts, LP columns are in problem order: LP positions are the action set.
        np.testing.assert_array_equal(action_set.astype(np.int64), sample.candidates)
        np.testing.assert_array_equal(scores[action_set], sample.candidate_scores)
        assert int(np.argmax(scores[action_set])) == sample.expert_index


@pytest.fixture()
def paused_env(instance_dir: Path):
    env = ecole.environment.Branching(
        observation_function={
            "node": ecole.observation.NodeBipartite(),
            "milp": ecole.observation.MilpBipartite(),
            "strong": ecole.observation.StrongBranchingScores(),
            "pseudo_strong": ecole.observation.StrongBranchingScores(pseudo_candidates=True),
            "pseudocosts": ecole.observation.Pseudocosts(),
            "khalil": ecole.observation.Khalil2016(),
            "nothing": ecole.observation.Nothing(),
        },
        scip_params=BRANCHY,
    )
    env.seed(0)
    observation, action_set, _, done, _ = env.reset(instance_dir / "cfl0.mps")
    assert not done
    # Step once so that pseudocosts exist (they are learnt from branchings).
    observation, action_set, _, done, _ = env.step(action_set[0])
    assert not done
    yield env, observation, action_set
    env.close()


def test_node_bipartite_has_ecoles_fields_and_feature_names(paused_env) -> None:
    env, observation, action_set = paused_env
    node = observation["node"]
    n_variables = env.model.as_pyscipopt().getNVars()
    assert node.variable_features.shape == (n_variables, len(VariableFeature))
    assert node.row_features.shape[1] == len(ConstraintFeature)
    assert node.column_features is node.variable_features
    edges = node.edge_features
    assert edges.indices.shape == (2, edges.nnz) and edges.values.shape == (edges.nnz,)
    assert edges.shape == (node.row_features.shape[0], n_variables)
    names = ecole.observation.NodeBipartiteObs.VariableFeatures
    rows = ecole.observation.NodeBipartiteObs.RowFeatures
    assert len(names) == 19 and len(rows) == 5
    # Candidates are fractional binaries: ecole's names pick the right columns.
    candidates = node.variable_features[action_set.astype(np.int64)]
    assert np.all(candidates[:, names.is_type_binary] == 1.0)
    assert np.all(candidates[:, names.solution_frac] > 0.0)
    assert np.all(candidates[:, names.is_type_continuous] == 0.0)
    assert set(np.unique(node.row_features[:, rows.is_tight])) <= {0.0, 1.0}


def test_milp_bipartite_lists_the_transformed_problem(paused_env) -> None:
    env, observation, _ = paused_env
    milp = observation["milp"]
    model = env.model.as_pyscipopt()
    assert milp.variable_features.shape == (model.getNVars(), 9)
    assert [v.name for v in milp.variables] == [v.name for v in model.getVars(transformed=True)]
    features = ecole.observation.MilpBipartiteObs.VariableFeatures
    binaries = milp.variable_features[:, features.is_type_binary] == 1.0
    assert binaries.sum() == 10
    assert np.all(milp.variable_features[binaries, features.upper_bound] == 1.0)
    assert milp.edge_features.nnz > 0


def test_strong_branching_and_pseudocost_scores_are_nan_outside_candidates(paused_env) -> None:
    env, observation, action_set = paused_env
    candidates = action_set.astype(np.int64)
    for key in ("strong", "pseudocosts"):
        scores = observation[key]
        assert scores.shape == (env.model.as_pyscipopt().getNVars(),)
        assert np.all(np.isfinite(scores[candidates]))
        others = np.delete(scores, candidates)
        assert np.all(np.isnan(others))
    # Pseudo candidates are every unfixed binary, fractional or not: a superset.
    pseudo = observation["pseudo_strong"]
    assert set(candidates) <= set(np.flatnonzero(np.isfinite(pseudo)))
    assert np.all(pseudo[np.isfinite(pseudo)] > 0.0)
    assert observation["nothing"] is None


def test_khalil2016_computes_its_documented_subset(paused_env) -> None:
    env, observation, action_set = paused_env
    features = observation["khalil"].features
    Features = ecole.observation.Khalil2016Obs.Features
    assert features.shape == (env.model.as_pyscipopt().getNVars(), 72)
    assert ecole.observation.Khalil2016Obs.n_static_features == 18
    candidates = action_set.astype(np.int64)
    computed = [int(f) for f in ecole.observation.KHALIL_COMPUTED]
    assert len(computed) == 25
    assert np.all(np.isfinite(features[np.ix_(candidates, computed)]))
    missing = [int(f) for f in Features if int(f) not in computed]
    assert np.all(np.isnan(features[:, missing]))
    variables = env.model.as_pyscipopt().getVars(transformed=True)
    for i in candidates:
        assert features[i, Features.obj_coef] == variables[i].getObj()
        value = variables[i].getLPSol()
        assert features[i, Features.ceil_dist] == pytest.approx(np.ceil(value) - value)
        assert features[i, Features.n_rows] >= 1


def test_observations_are_none_when_done(instance_dir: Path) -> None:
    env = ecole.environment.Branching(
        observation_function=(ecole.observation.NodeBipartite(), ecole.observation.Pseudocosts()),
        scip_params=BRANCHY,
    )
    observation, action_set, _, done, _ = env.reset(instance_dir / "cfl1.mps")
    while not done:
        observation, action_set, _, done, _ = env.step(action_set[0])
    assert observation is None
    function = ecole.observation.NodeBipartite()
    assert function.extract(env.model, True) is None
    # Outside of solving there is no node observation.
    assert ecole.observation.Pseudocosts().extract(env.model, False) is None


class ScaledNodeBipartite(ecole.observation.NodeBipartite):
    """ecole's "create functions" how-to example, unchanged but for the import."""

    def extract(self, model, done):
        obs = super().extract(model, done)
        column_max_abs = np.abs(obs.column_features).max(0)
        obs.column_features[:] /= np.where(column_max_abs > 0, column_max_abs, 1.0)
        row_max_abs = np.abs(obs.row_features).max(0)
        obs.row_features[:] /= np.where(row_max_abs > 0, row_max_abs, 1.0)
        return obs


class LpRowCount:
    """A function written from scratch on PySCIPOpt, as ecole's how-to shows."""

    def before_reset(self, model):
        self.calls = 0

    def extract(self, model, done):
        self.calls += 1
        return None if done else model.as_pyscipopt().getNLPRows()


def test_custom_functions_from_ecoles_howto(instance_dir: Path) -> None:
    env = ecole.environment.Branching(
        observation_function=(ScaledNodeBipartite(), LpRowCount()), scip_params=BRANCHY
    )
    (scaled, n_rows), action_set, _, done, _ = env.reset(instance_dir / "cfl0.mps")
    assert not done
    assert np.abs(scaled.variable_features).max() <= 1.0 + 1e-6
    assert np.isclose(np.abs(scaled.row_features).max(0), 1.0).any()
    assert n_rows == env.model.as_pyscipopt().getNLPRows() > 0
    env.close()
