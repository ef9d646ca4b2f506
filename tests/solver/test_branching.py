import gc
import logging
import threading
import time
import weakref

import numpy as np
import pyscipopt
import pytest
import torch

from gnn.bounded import CallTimeout
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

pytestmark = pytest.mark.usefixtures("one_torch_thread")


INSTANCE = SetCover(n_rows=200, n_cols=300, density=0.05)
SEED = 1


def _model(instance: SetCover = INSTANCE) -> pyscipopt.Model:
    model = instance.generate(SEED)
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
    assert 0 < rule.first_node_seconds < rule.seconds  # the first node is timed apart too


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


def test_a_problem_above_max_variables_is_left_to_scip_and_one_at_it_is_not(optimum, caplog):
    # The limit is compared with the presolved problem's variables (at most the instance's 300):
    # a limit at that count lets the rule decide, one below it leaves every node to SCIP.
    model, rule = _solve(FractionalityPolicy(), config=BranchingRuleConfig(max_variables=10_000))
    _assert_same_optimum(model, optimum)
    n_variables = model.getNVars()
    assert 10 < n_variables <= 300 and rule.n_branched > 1

    at_the_limit = BranchingRuleConfig(max_variables=n_variables)
    model, rule = _solve(FractionalityPolicy(), config=at_the_limit)
    assert rule.n_branched > 1 and rule.stood_aside is None

    with caplog.at_level(logging.WARNING, logger="solver.branching"):
        config = BranchingRuleConfig(max_variables=n_variables - 1)
        model, rule = _solve(FractionalityPolicy(), config=config)
    _assert_same_optimum(model, optimum)
    assert rule.n_branched == 0 and rule.n_fallbacks == 0 and model.getNNodes() > 3
    reason = (
        f"the presolved problem has {n_variables} variables, more than the rule's max_variables "
        f"({n_variables - 1})"
    )
    assert rule.stood_aside == reason
    messages = [r.getMessage() for r in caplog.records if "max_variables" in r.getMessage()]
    assert messages == [
        f"learned branching falls back to SCIP: {reason}; SCIP's rules decide every node"
    ]


def test_a_deep_rule_decides_below_max_depth(optimum, tmp_path):
    config = BranchingRuleConfig(max_depth=0, deep_rule="pscost")
    model, rule = _solve(FractionalityPolicy(), config=config)
    _assert_same_optimum(model, optimum)
    assert rule.n_branched == 1
    assert model.getParam("branching/pscost/priority") == config.priority - 1
    assert model.getParam("branching/pscost/priority") > model.getParam(
        "branching/relpscost/priority"
    )
    calls = _branching_lp_calls(model, tmp_path / "statistics.txt")
    assert calls["pscost"] > 0 and calls["relpscost"] == 0


def _branching_lp_calls(model: pyscipopt.Model, path) -> dict[str, int]:
    """How often each SCIP branching rule branched on an LP solution (SCIP's statistics)."""
    model.writeStatistics(str(path))
    lines = path.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Branching Rules"))
    calls = {}
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        name, values = line.split(":", 1)
        calls[name.strip()] = int(values.split()[2])  # the BranchLP column
    return calls


def test_an_unknown_deep_rule_is_refused_before_solving():
    with pytest.raises(ValueError, match="no branching rule 'nosuch'"):
        include_learned_branching(
            _model(), FractionalityPolicy(), config=BranchingRuleConfig(deep_rule="nosuch")
        )


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
    with pytest.raises(ValueError, match="max_variables"):
        BranchingRuleConfig(max_variables=0)
    with pytest.raises(ValueError, match="slow_node_seconds"):
        BranchingRuleConfig(slow_node_seconds=0.0)
    for timeout in (0.0, -1.0, float("nan")):
        with pytest.raises(ValueError, match="inference_timeout_seconds"):
            BranchingRuleConfig(inference_timeout_seconds=timeout)


# --- stalled inference: every call is bounded in time ---------------------------------------


class StalledPolicy:
    """Every call waits (a hung inference server) until the test releases it.

    After the wait it reads the node's graph, as a whole-graph policy would, and records what
    that gave: by then the rule has stopped waiting and the node is gone.
    """

    def __init__(self):
        self.release = threading.Event()
        self.calls = 0
        self.threads = []
        self.late_reads = []

    def reset(self):
        pass

    def score_node(self, node):
        self.calls += 1
        self.threads.append(threading.current_thread())
        self.release.wait(30.0)
        try:
            self.late_reads.append(node.graph())
        except Exception as error:
            self.late_reads.append(error)
        return np.zeros(len(node.candidates))


@pytest.fixture
def stalled_policy():
    policy = StalledPolicy()
    yield policy
    policy.release.set()  # let the worker thread finish


def _seconds_to_solve(model) -> float:
    started = time.monotonic()
    model.optimize()
    return time.monotonic() - started


def test_a_stalled_policy_costs_one_bounded_wait(stalled_policy, optimum):
    """No time limit: the per-node bound ends the wait; later nodes do not queue behind it."""
    reference = _model()
    scip_seconds = _seconds_to_solve(reference)
    reference.freeProb()

    model = _model()
    config = BranchingRuleConfig(inference_timeout_seconds=0.5)
    rule = include_learned_branching(
        model, stalled_policy, observation=NodeBipartite(), config=config
    )
    seconds = _seconds_to_solve(model)
    _assert_same_optimum(model, optimum)
    assert stalled_policy.calls == 1, "later nodes must not call a policy that is still stalled"
    assert rule.n_branched == 0 and rule.n_fallbacks > 1
    assert seconds < scip_seconds + 0.5 + 5.0  # one bounded wait, not the 30 s stall

    stalled_policy.release.set()
    deadline = time.monotonic() + 10.0
    while not stalled_policy.late_reads and time.monotonic() < deadline:
        time.sleep(0.01)
    # The late call found the node closed instead of reading SCIP after the rule moved on.
    assert len(stalled_policy.late_reads) == 1
    assert isinstance(stalled_policy.late_reads[0], CallTimeout)
    model.freeProb()


def test_the_time_limit_bounds_a_call_in_flight(stalled_policy):
    model = _model()
    limit = 2.0  # the root LP comes well before it, even on a busy machine
    model.setParam("limits/time", limit)
    config = BranchingRuleConfig(inference_timeout_seconds=None)  # the time limit alone
    include_learned_branching(model, stalled_policy, observation=NodeBipartite(), config=config)
    seconds = _seconds_to_solve(model)
    assert stalled_policy.calls == 1
    assert model.getStatus() == "timelimit"
    assert seconds < limit + 5.0  # not the 30 s the policy stalls
    model.freeProb()


def test_a_bounded_call_runs_on_a_worker_and_an_unbounded_one_in_place(optimum):
    bounded = StalledPolicy()
    bounded.release.set()
    model = _model()
    config = BranchingRuleConfig(max_depth=1, inference_timeout_seconds=5.0)
    include_learned_branching(model, bounded, observation=NodeBipartite(), config=config)
    model.optimize()
    _assert_same_optimum(model, optimum)
    assert bounded.calls > 0
    assert all(thread is not threading.current_thread() for thread in bounded.threads)
    model.freeProb()

    # The default: no per-node bound, and without a time limit nothing to bound the call by.
    direct = StalledPolicy()
    direct.release.set()
    model, _ = _solve(direct, max_depth=1)
    _assert_same_optimum(model, optimum)
    assert direct.calls > 0
    assert all(thread is threading.current_thread() for thread in direct.threads)
    model.freeProb()


def test_policy_from_a_checkpoint_drives_the_rule(tmp_path, optimum):
    from gnn.checkpoint import save_checkpoint
    from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature

    torch.manual_seed(0)
    path = save_checkpoint(
        tmp_path / "hybrid.pt",
        HybridPolicy(embedding_size=8),
        feature_enums=(VariableFeature, ConstraintFeature, EdgeFeature),
    )
    policy = load_branching_policy(path)
    assert isinstance(policy, HybridBranchingPolicy)
    model, rule = _solve(policy, max_depth=1)
    _assert_same_optimum(model, optimum)
    assert rule.n_branched > 0


def test_a_shortlist_of_every_candidate_branches_as_full_strong_branching():
    from solver.strong_branching import include_strong_branching

    small = SetCover(n_rows=120, n_cols=250, density=0.05)  # full strong branching is slow
    expert_model = _model(small)
    expert = include_strong_branching(expert_model)
    expert_model.optimize()
    optimum = expert_model.getObjVal()
    expert_nodes = expert_model.getNNodes()
    expert_model.free()

    # A shortlist holding every candidate hands the whole decision to strong branching: the
    # same tree as the expert's (equal scores keep SCIP's candidate order, so ties break alike).
    model = _model(small)
    rule = include_learned_branching(
        model,
        ConstantPolicy(np.zeros),
        observation=NodeBipartite(),
        config=BranchingRuleConfig(shortlist_size=10_000),
    )
    model.optimize()
    _assert_same_optimum(model, optimum)
    assert expert.n_expert == rule.n_branched + rule.n_reduced == rule.n_shortlisted > 1
    assert expert.n_cutoff == rule.n_reduced  # nodes proven infeasible are cut off alike
    assert model.getNNodes() == expert_nodes


def test_the_shortlist_stops_at_its_depth(optimum):
    model, rule = _solve(
        FractionalityPolicy(),
        config=BranchingRuleConfig(shortlist_size=3, shortlist_max_depth=0),
    )
    _assert_same_optimum(model, optimum)
    assert rule.n_shortlisted == 1 and rule.n_branched > 1 and rule.n_fallbacks == 0


def test_shortlist_reductions_apply_what_strong_branching_proves(optimum):
    plain, plain_rule = _solve(FractionalityPolicy(), config=BranchingRuleConfig(shortlist_size=4))
    _assert_same_optimum(plain, optimum)
    model, rule = _solve(
        FractionalityPolicy(),
        config=BranchingRuleConfig(shortlist_size=4, shortlist_reductions=True),
    )
    _assert_same_optimum(model, optimum)
    assert rule.n_reduced > 0 and rule.n_fallbacks == 0
    # Tightened bounds and cut-off nodes replace branchings.
    assert rule.n_branched < plain_rule.n_branched
    # Strong branching time is counted apart from the policy's.
    assert rule.shortlist_seconds > 0 and plain_rule.shortlist_seconds > 0
    _, no_shortlist = _solve(FractionalityPolicy())
    assert no_shortlist.shortlist_seconds == 0 and no_shortlist.seconds > 0


def _scores(**arrays):
    from solver.strong_branching import StrongBranchingScores

    n = len(arrays["scores"])
    defaults = (
        {name: np.zeros(n) for name in ("down_gains", "up_gains", "cpu_seconds")}
        | {
            name: np.zeros(n, dtype=bool)
            for name in ("down_infeasible", "up_infeasible", "down_proven", "up_proven", "lp_error")
        }
        | {name: np.ones(n, dtype=bool) for name in ("down_valid", "up_valid", "scored")}
    )
    return StrongBranchingScores(lp_objective=10.0, **(defaults | arrays))


def test_a_strong_branching_decision_tightens_cuts_off_or_bounds_the_children():
    from solver.branching import StrongBranchingDecision

    a, b, c = object(), object(), object()
    values = [0.5, 2.25, 3.75]
    one_sided = _scores(
        scores=np.array([1.0, 5.0, 3.0]),
        down_proven=np.array([False, True, False]),
        up_proven=np.array([False, False, True]),
    )
    decision = StrongBranchingDecision.from_scores(one_sided, [a, b, c], values)
    assert not decision.cutoff
    assert decision.new_lower_bounds == [(b, 3)] and decision.new_upper_bounds == [(c, 3)]
    plain = StrongBranchingDecision.from_scores(one_sided, [a, b, c], values, reductions=False)
    assert plain.new_lower_bounds == plain.new_upper_bounds == []
    assert plain.variable is b and plain.down_bound is None and plain.up_bound is None

    both = _scores(
        scores=np.array([1.0, 2.0]),
        down_proven=np.array([False, True]),
        up_proven=np.array([False, True]),
    )
    for reductions in (True, False):
        assert StrongBranchingDecision.from_scores(both, [a, b], values, reductions).cutoff

    feasible = _scores(
        scores=np.array([4.0, 1.0]),
        down_gains=np.array([2.0, 0.5]),
        up_gains=np.array([3.0, 0.5]),
        up_valid=np.array([False, True]),
    )
    decision = StrongBranchingDecision.from_scores(feasible, [a, b], values)
    assert decision.variable is a and decision.value == 0.5
    assert decision.down_bound == 12.0 and decision.up_bound is None  # invalid: no bound


@pytest.mark.parametrize(
    "field, value",
    [("shortlist_size", -1), ("shortlist_max_depth", -2), ("shortlist_iteration_limit", 0)],
)
def test_bad_shortlist_settings_are_refused(field, value):
    with pytest.raises(ValueError, match=field):
        BranchingRuleConfig(**{field: value})


class ResetCountingStalledPolicy(StalledPolicy):
    def __init__(self):
        super().__init__()
        self.resets = 0

    def reset(self):
        self.resets += 1


def test_a_policy_whose_call_is_still_stalled_is_not_reset_by_the_next_solve(optimum):
    policy = ResetCountingStalledPolicy()
    try:
        model = _model()
        config = BranchingRuleConfig(inference_timeout_seconds=0.2)
        rule = include_learned_branching(model, policy, observation=NodeBipartite(), config=config)
        model.optimize()
        assert policy.calls == 1 and policy.resets == 1
        model.freeTransform()
        model.optimize()  # the same rule again, while its first call still waits
        _assert_same_optimum(model, optimum)
        assert policy.resets == 1 and policy.calls == 1
        assert rule.n_branched == 0 and rule.n_fallbacks == 0  # off for this solve
        model.freeProb()
    finally:
        policy.release.set()


class RecordingModel:
    """What StrongBranchingDecision.apply calls, with chosen answers and failures."""

    def __init__(self, tightened=True, infeasible=False, fail_bounds=False):
        self.tightened, self.infeasible, self.fail_bounds = tightened, infeasible, fail_bounds
        self.calls = []

    def tightenVarLb(self, var, bound):
        self.calls.append(("lb", var, bound))
        return self.infeasible, self.tightened

    def tightenVarUb(self, var, bound):
        self.calls.append(("ub", var, bound))
        return self.infeasible, self.tightened

    def branchVarVal(self, var, value):
        self.calls.append(("branch", var, value))
        return "down", None, "up"

    def updateNodeLowerbound(self, node, bound):
        if self.fail_bounds:
            raise RuntimeError("no bound today")
        self.calls.append(("bound", node, bound))


def _decision(**fields):
    from solver.branching import StrongBranchingDecision

    base = dict(cutoff=False, new_lower_bounds=[], new_upper_bounds=[], variable="x",
                value=0.5, down_bound=1.0, up_bound=2.0)  # fmt: skip
    return StrongBranchingDecision(**(base | fields))


def test_applying_a_decision_tightens_branches_or_cuts_off():
    from pyscipopt import SCIP_RESULT

    model = RecordingModel()
    assert _decision(cutoff=True).apply(model) == SCIP_RESULT.CUTOFF and not model.calls
    reduce = _decision(new_lower_bounds=[("y", 1)], new_upper_bounds=[("z", 0)])
    assert reduce.apply(model) == SCIP_RESULT.REDUCEDDOM
    assert model.calls == [("lb", "y", 1), ("ub", "z", 0)]
    assert reduce.apply(RecordingModel(infeasible=True)) == SCIP_RESULT.CUTOFF

    # A tightening that changes nothing must not send SCIP back to the same node: branch.
    unchanged = RecordingModel(tightened=False)
    assert reduce.apply(unchanged) == SCIP_RESULT.BRANCHED
    assert unchanged.calls[-3:] == [("branch", "x", 0.5), ("bound", "down", 1.0),
                                    ("bound", "up", 2.0)]  # fmt: skip

    # Once branched, a failure to bound the children still reports the branching.
    failing = RecordingModel(fail_bounds=True)
    assert _decision().apply(failing) == SCIP_RESULT.BRANCHED
    assert failing.calls == [("branch", "x", 0.5)]
