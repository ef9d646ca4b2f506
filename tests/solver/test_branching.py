import gc
import logging
import time
import weakref

import numpy as np
import pyscipopt
import pytest
import torch

from gnn.models import GCNNPolicy, HybridPolicy
from gnn.observation import NodeBipartite
from gnn.policy import (
    HybridBranchingPolicy,
    NodeContext,
    ScorerPolicy,
    load_branching_policy,
    policy_for_model,
)
from instances.generators import SetCover
from solver.branching import BranchingRuleConfig, LearnedBranching, include_learned_branching


@pytest.fixture(autouse=True)
def _one_torch_thread():
    # Tiny tensors: a second intra-op thread only spins (and on a shared machine, waits).
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


INSTANCE = SetCover(n_rows=200, n_cols=300, density=0.05)
SEED = 1


def _model() -> pyscipopt.Model:
    model = INSTANCE.generate(SEED)
    model.hideOutput()
    model.setParam("presolving/maxrestarts", 0)
    model.setParam("separating/maxrounds", 0)
    model.setHeuristics(pyscipopt.SCIP_PARAMSETTING.OFF)  # more branching in a tiny instance
    return model


@pytest.fixture(scope="module")
def optimum() -> float:
    model = _model()
    model.optimize()
    assert model.getStatus() == "optimal"
    value = model.getObjVal()
    model.freeProb()
    return value


def _solve(policy, **kwargs) -> tuple[pyscipopt.Model, LearnedBranching]:
    model = _model()
    rule = include_learned_branching(model, policy, observation=NodeBipartite(), **kwargs)
    model.optimize()
    return model, rule


class RaisingPolicy:
    def reset(self):
        pass

    def score_node(self, node):
        raise RuntimeError("policy exploded")


class ConstantPolicy:
    """Returns ``make(K)``; used for NaN, infinite and wrongly sized scores."""

    def __init__(self, make):
        self.make = make

    def reset(self):
        pass

    def score_node(self, node: NodeContext):
        return self.make(len(node.candidates))


class FractionalityPolicy:
    """A real (hand-made) policy: most fractional candidate, read from the observation."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay

    def reset(self):
        pass

    def score_node(self, node):
        time.sleep(self.delay)
        from gnn.features import VariableFeature

        return node.candidate_features()[:, VariableFeature.SOLUTION_FRACTIONALITY]


class GraphFractionalityPolicy(FractionalityPolicy):
    """The same scores read from the candidates' rows of the full graph, as the GCNN reads them."""

    def score_node(self, node):
        from gnn.features import VariableFeature

        rows = node.graph().variable_features[node.candidates]
        return rows[:, VariableFeature.SOLUTION_FRACTIONALITY]


class ShrunkObservation(NodeBipartite):
    """Drops the last LP columns, as a stale observation after a restart would."""

    def extract(self, model):
        graph = super().extract(model)
        if graph is None:
            return None
        keep = graph.n_variables // 3
        mask = graph.edge_index[1] < keep
        return type(graph)(
            constraint_features=graph.constraint_features,
            edge_index=graph.edge_index[:, mask],
            edge_features=graph.edge_features[mask],
            variable_features=graph.variable_features[:keep],
        )


def _assert_same_optimum(model, optimum):
    assert model.getStatus() == "optimal"
    assert model.getObjVal() == pytest.approx(optimum, abs=1e-6)


def test_learned_policy_branches_and_keeps_the_optimum(optimum):
    model, rule = _solve(FractionalityPolicy())
    _assert_same_optimum(model, optimum)
    assert rule.n_branched > 0 and rule.n_fallbacks == 0


@pytest.mark.parametrize(
    "policy",
    [
        RaisingPolicy(),
        ConstantPolicy(lambda k: np.full(k, np.nan)),
        ConstantPolicy(lambda k: np.full(k, np.inf)),
        ConstantPolicy(lambda k: np.zeros(k + 1)),
    ],
    ids=["raises", "nan", "inf", "wrong-size"],
)
def test_faulty_policy_falls_back_to_scip_and_logs_once(policy, optimum, caplog):
    with caplog.at_level(logging.WARNING, logger="solver.branching"):
        model, rule = _solve(policy)
    _assert_same_optimum(model, optimum)
    assert rule.n_branched == 0 and rule.n_fallbacks > 1
    assert len([r for r in caplog.records if r.name == "solver.branching"]) == 1


def test_candidate_outside_the_observation_falls_back(optimum):
    model = _model()
    rule = include_learned_branching(
        model, GraphFractionalityPolicy(), observation=ShrunkObservation()
    )
    model.optimize()
    _assert_same_optimum(model, optimum)
    assert rule.n_fallbacks > 0


def test_the_hybrid_observes_the_full_graph_only_for_its_encoder(optimum):
    torch.manual_seed(0)
    observation = NodeBipartite()
    policy = HybridBranchingPolicy(HybridPolicy())
    model = _model()
    rule = include_learned_branching(model, policy, observation=observation)
    model.optimize()
    _assert_same_optimum(model, optimum)
    assert rule.n_branched > 3 and rule.n_fallbacks == 0
    # Later nodes read the candidates' features alone (far cheaper on large LPs).
    assert observation.statistics["extracts"] == policy.refreshes_ >= 1


@pytest.mark.parametrize("network", [GCNNPolicy, HybridPolicy])
def test_untrained_networks_solve_to_the_same_optimum(network, optimum):
    torch.manual_seed(0)
    net = network(embedding_size=16).eval()
    policy = policy_for_model(net)
    assert isinstance(policy, HybridBranchingPolicy if network is HybridPolicy else ScorerPolicy)
    # Untrained networks grow big trees: learned near the root only, SCIP below.
    model, rule = _solve(policy, max_depth=1)
    _assert_same_optimum(model, optimum)
    assert rule.n_branched > 0 and rule.n_fallbacks == 0


def test_hybrid_runs_its_encoder_once_without_restarts():
    torch.manual_seed(0)
    policy = HybridBranchingPolicy(HybridPolicy(embedding_size=8))
    _, rule = _solve(policy, max_depth=1)
    assert rule.n_branched > 1
    assert policy.refreshes_ == 1


def test_max_depth_leaves_deeper_nodes_to_scip(optimum):
    model, rule = _solve(FractionalityPolicy(), max_depth=0)
    _assert_same_optimum(model, optimum)
    assert rule.n_branched == 1
    assert model.getNNodes() > 3


def test_slow_policy_is_switched_off(optimum):
    config = BranchingRuleConfig(slow_node_seconds=0.001, slow_node_limit=2)
    model = _model()
    rule = include_learned_branching(
        model, FractionalityPolicy(delay=0.01), observation=NodeBipartite(), config=config
    )
    model.optimize()
    _assert_same_optimum(model, optimum)
    assert rule.n_branched == 2


def test_rule_is_freed_with_its_model():
    model, rule = _solve(FractionalityPolicy())
    reference = weakref.ref(rule)
    del rule
    model.freeProb()
    del model
    gc.collect()
    assert reference() is None


def test_config_rejects_bad_values():
    with pytest.raises(ValueError, match="max_depth"):
        BranchingRuleConfig(max_depth=-2)
    with pytest.raises(ValueError, match="slow_node_seconds"):
        BranchingRuleConfig(slow_node_seconds=0.0)


def test_policy_from_a_checkpoint_drives_the_rule(tmp_path, optimum):
    from gnn.checkpoint import save_checkpoint
    from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature

    torch.manual_seed(0)
    path = save_checkpoint(tmp_path / "hybrid.pt", HybridPolicy(embedding_size=8),
                           feature_enums=(VariableFeature, ConstraintFeature, EdgeFeature))
    policy = load_branching_policy(path)
    assert isinstance(policy, HybridBranchingPolicy)
    model, rule = _solve(policy, max_depth=1)
    _assert_same_optimum(model, optimum)
    assert rule.n_branched > 0
