"""The strong branching expert: scores against an independent LP computation, edge cases, rule."""

from __future__ import annotations

import math

import numpy as np
import pyscipopt
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyscipopt import SCIP_RESULT, Branchrule

from gnn.observation import NodeBipartite
from instances.generators import IndependentSet, SetCover, preset
from solver import strong_branching
from solver.strong_branching import (
    GainHistory,
    StrongBranchingConfig,
    StrongBranchingRule,
    dual_bound_gains,
    include_strong_branching,
    preselect,
    product_scores,
    strong_branch,
)

#: Settings under which the tiny instances below need a few dozen nodes (instead of none).
BRANCHY_PARAMS = {
    "presolving/maxrestarts": 0,
    "presolving/maxrounds": 0,
    "separating/maxrounds": 0,
    "separating/maxroundsroot": 0,
}

#: (generator parameters, seed) of small instances that branch under BRANCHY_PARAMS.
BRANCHY_INSTANCES = {
    "facilities": (preset("facilities", "tiny"), 0),
    "setcover": (SetCover(n_rows=100, n_cols=200, density=0.1), 2),
    "indset": (IndependentSet(n_nodes=100, affinity=4), 0),
}


def branchy_model(name: str) -> pyscipopt.Model:
    params, seed = BRANCHY_INSTANCES[name]
    model = params.generate(seed)
    model.hideOutput()
    for key, value in BRANCHY_PARAMS.items():
        model.setParam(key, value)
    return model


def default_optimum(name: str) -> float:
    """The optimum SCIP's own branching reaches on ``branchy_model(name)``."""
    reference = branchy_model(name)
    reference.optimize()
    optimum = reference.getObjVal()
    reference.freeProb()
    return optimum


def probe_child_bound(model: pyscipopt.Model, var: pyscipopt.Variable, lb: float, ub: float):
    """Solve the LP with ``var`` in ``[lb, ub]`` by probing: (cut off or infeasible, objective)."""
    model.startProbing()
    try:
        model.chgVarLbProbing(var, lb)
        model.chgVarUbProbing(var, ub)
        lp_error, cutoff = model.solveProbingLP()
        assert not lp_error
        return cutoff, (math.inf if cutoff else model.getLPObjVal())
    finally:
        model.endProbing()


class ProbingCheck(Branchrule):
    """At each node: strong_branch(), then every child LP again by probing; branches itself.

    It must branch itself: a rule that returns DIDNOTRUN lets relpscost strong-branch with an
    iteration limit, and SCIP then serves those cached (non-optimal) bounds for the same LP.
    """

    def __init__(self, n_nodes: int) -> None:
        self.n_nodes = n_nodes
        self.checked: list[tuple[float, np.ndarray, np.ndarray, object, float]] = []

    def branchexeclp(self, allowaddcons):
        model = self.model
        variables, values, _, _, n_priority, _ = model.getLPBranchCands()
        candidates = variables[:n_priority]
        lp_objective = model.getLPObjVal()
        cutoff = model.getCutoffbound()
        cutoff = math.inf if model.isInfinity(cutoff) else cutoff
        scores = strong_branch(model, candidates)
        probed = np.array(
            [
                [
                    probe_child_bound(model, var, var.getLbLocal(), math.floor(value)),
                    probe_child_bound(model, var, math.ceil(value), var.getUbLocal()),
                ]
                for var, value in zip(candidates, values[:n_priority], strict=True)
            ],
            dtype=object,
        )
        self.checked.append((lp_objective, probed[:, 0], probed[:, 1], scores, cutoff))
        if len(self.checked) >= self.n_nodes:
            model.interruptSolve()
        # The LP solution is gone after probing: branch on the value saved before it.
        model.branchVarVal(candidates[scores.best], values[scores.best])
        return {"result": SCIP_RESULT.BRANCHED}


def expected_scores(lp_objective, down, up, cutoff=math.inf, eps=1e-4):
    """Nair et al.'s product score from probed child bounds, written out independently.

    A cut-off child gains the distance to a finite cutoff, as SCIP's vanilla full strong
    branching scores it; with no cutoff such a candidate is ``inf`` (ranked first).
    """
    out = []
    for (down_cut, down_obj), (up_cut, up_obj) in zip(down, up, strict=True):
        if (down_cut or up_cut) and math.isinf(cutoff):
            out.append(math.inf)
            continue
        down_gain = cutoff - lp_objective if down_cut else max(down_obj - lp_objective, 0)
        up_gain = cutoff - lp_objective if up_cut else max(up_obj - lp_objective, 0)
        out.append((down_gain + eps) * (up_gain + eps))
    return np.array(out)


@pytest.mark.parametrize("name", sorted(BRANCHY_INSTANCES))
def test_scores_match_child_lps_solved_by_probing(name):
    model = branchy_model(name)
    check = ProbingCheck(n_nodes=4)
    # Conflict analysis of an infeasible probing LP can fix variables globally, and the rule
    # could then not branch on its choice; the scores compared here do not depend on it.
    model.setParam("conflict/enable", False)
    model.includeBranchrule(check, "check", "", 10**6, -1, 1.0)
    model.optimize()
    assert check.checked, "the instance must branch for this test to mean anything"
    for lp_objective, down, up, scores, cutoff in check.checked:
        expected = expected_scores(lp_objective, down, up, cutoff)
        infeasible = np.isinf(expected)
        np.testing.assert_array_equal(scores.down_infeasible, [cut for cut, _ in down])
        np.testing.assert_array_equal(scores.up_infeasible, [cut for cut, _ in up])
        np.testing.assert_allclose(scores.scores[~infeasible], expected[~infeasible], rtol=1e-6)
        if infeasible.any() and (~infeasible).any():
            assert scores.scores[infeasible].min() > scores.scores[~infeasible].max()
        assert np.all(np.isfinite(scores.scores))
    model.freeProb()


def test_recorded_root_sample_matches_an_independent_solve():
    # Solve 1: the rule records the root. Solve 2 (same seeds, deterministic): probe the root.
    model = branchy_model("facilities")
    rule = include_strong_branching(
        model, StrongBranchingConfig(max_samples=1), rng=0, observation=NodeBipartite()
    )
    rule.observation.before_reset(model)
    model.optimize()
    model.freeProb()
    (sample,) = rule.samples
    assert (sample.node_number, sample.depth) == (1, 0)

    model = branchy_model("facilities")
    check = ProbingCheck(n_nodes=1)
    model.includeBranchrule(check, "check", "", 10**6, -1, 1.0)
    model.optimize()
    model.freeProb()
    lp_objective, down, up, _, cutoff = check.checked[0]
    expected = expected_scores(lp_objective, down, up, cutoff)
    assert len(sample.candidates) == len(expected)
    finite = np.isfinite(expected)
    np.testing.assert_allclose(sample.candidate_scores[finite], expected[finite], rtol=1e-6)
    assert sample.expert_index == int(np.argmax(sample.candidate_scores))
    assert sample.lp_objective == pytest.approx(lp_objective)
    assert sample.graph.variable_features.shape[0] > sample.candidates.max()


def test_infeasible_children_score_above_every_feasible_candidate():
    down = np.array([5.0, 0.0, 1.0, 0.0])
    up = np.array([5.0, 0.0, 0.0, 3.0])
    down_inf = np.array([False, True, False, True])
    up_inf = np.array([False, False, False, True])
    scores = product_scores(down, up, down_inf, up_inf)
    feasible_best = (5.0 + 1e-4) ** 2
    assert scores[0] == pytest.approx(feasible_best)
    assert scores[2] == pytest.approx((1.0 + 1e-4) * 1e-4)
    assert scores[1] > scores[0] and scores[3] > scores[1]  # two infeasible children above one
    assert np.argmax(scores) == 3


def test_with_a_cutoff_an_infeasible_child_gains_the_distance_to_it():
    # Candidate 0: both children feasible (gains 2 and 3). Candidate 1: the down child is cut
    # off, the up child barely moves the bound. Candidate 2: both children cut off.
    down = np.array([2.0, 0.0, 0.0])
    up = np.array([3.0, 0.01, 0.0])
    down_inf = np.array([False, True, True])
    up_inf = np.array([False, False, True])
    scores = product_scores(down, up, down_inf, up_inf, epsilon=1e-4, cutoff_gain=5.0)
    np.testing.assert_allclose(
        scores, [(2.0 + 1e-4) * (3.0 + 1e-4), (5.0 + 1e-4) * (0.01 + 1e-4), (5.0 + 1e-4) ** 2]
    )
    assert scores[0] > scores[1]  # unlike "rank-first", which would branch on candidate 1
    assert np.argmax(scores) == 2
    ranked = product_scores(down, up, down_inf, up_inf, epsilon=1e-4)
    assert ranked[1] > ranked[0]
    for no_cutoff in (None, math.inf, 0.0, -1.0):  # no usable cutoff: rank first
        np.testing.assert_array_equal(
            product_scores(down, up, down_inf, up_inf, epsilon=1e-4, cutoff_gain=no_cutoff),
            ranked,
        )


@pytest.mark.parametrize(
    ("config", "cuts_off"),
    [
        (StrongBranchingConfig(infeasible_scoring="cutoff-gain"), True),
        (StrongBranchingConfig(infeasible_scoring="rank-first"), True),
        # ecole's Branching environment can only branch: the expert must branch there too.
        (StrongBranchingConfig(cut_off_infeasible_nodes=False), False),
    ],
)
def test_the_expert_cuts_off_nodes_it_proves_infeasible_and_keeps_the_optimum(config, cuts_off):
    optimum = default_optimum("setcover")
    model = branchy_model("setcover")
    rule = include_strong_branching(model, config)
    model.optimize()
    assert model.getStatus() == "optimal"
    assert model.getObjVal() == pytest.approx(optimum)
    # The instance has nodes with both children infeasible (the first two cases cut some off).
    assert (rule.n_cutoff > 0) == cuts_off
    assert rule.n_expert == rule.n_calls > 0
    model.freeProb()


def test_unknown_infeasible_scoring_is_refused():
    with pytest.raises(ValueError, match="infeasible_scoring"):
        StrongBranchingConfig(infeasible_scoring="first")  # type: ignore[arg-type]


@given(
    st.lists(
        st.tuples(
            st.floats(allow_nan=True, allow_infinity=True),
            st.floats(allow_nan=True, allow_infinity=True),
            st.booleans(),
            st.booleans(),
            st.booleans(),
        ),
        min_size=1,
        max_size=20,
    ),
    st.floats(min_value=-1e6, max_value=1e6),
)
def test_gains_and_scores_are_never_nan(rows, lp_objective):
    down, up, usable, down_inf, up_inf = (np.array(column) for column in zip(*rows, strict=True))
    down_gains = dual_bound_gains(down, lp_objective, usable)
    up_gains = dual_bound_gains(up, lp_objective, usable)
    scores = product_scores(down_gains, up_gains, down_inf, up_inf)
    for array in (down_gains, up_gains, scores):
        assert np.all(np.isfinite(array))
    assert np.all(down_gains >= 0) and np.all(scores > 0)
    if (down_inf | up_inf).any() and not (down_inf | up_inf).all():
        assert scores[down_inf | up_inf].min() > scores[~(down_inf | up_inf)].max()


def test_unusable_bounds_give_zero_gain():
    bounds = np.array([np.nan, -1e20, 1e20, np.inf, 12.0, 12.0, 8.0])
    usable = np.array([True, True, True, True, True, False, True])
    np.testing.assert_array_equal(dual_bound_gains(bounds, 10.0, usable), [0, 0, 0, 0, 2.0, 0, 0])


class FailingObservation:
    """An observation function that always raises, to check the rule never breaks a solve."""

    def before_reset(self, model):
        pass

    def extract(self, model):
        raise RuntimeError("observation failed on purpose")


def test_a_failing_rule_hands_the_node_to_scip_and_the_solve_finishes(caplog):
    optimum = default_optimum("facilities")
    model = branchy_model("facilities")
    rule = include_strong_branching(model, rng=0, observation=FailingObservation())
    model.optimize()
    assert model.getStatus() == "optimal"
    assert model.getObjVal() == pytest.approx(optimum)
    assert rule.n_failed == rule.n_calls > 0 and not rule.samples
    failures = [r for r in caplog.records if "strong branching failed" in r.getMessage()]
    assert len(failures) == 1  # logged once, not at every node
    model.freeProb()


def test_full_strong_branching_alone_solves_to_the_same_optimum():
    optimum = default_optimum("setcover")
    model = branchy_model("setcover")
    rule = include_strong_branching(model)  # no observation: the benchmark configuration
    model.optimize()
    assert model.getStatus() == "optimal"
    assert model.getObjVal() == pytest.approx(optimum)
    assert rule.n_expert == rule.n_calls > 0 and rule.n_explored == 0 and not rule.samples
    model.freeProb()


@pytest.mark.parametrize("explore_prob", [0.0, 1.0])
def test_exploration_branches_on_pseudocosts_without_recording(explore_prob):
    model = branchy_model("facilities")
    rule = include_strong_branching(
        model, StrongBranchingConfig(explore_prob=explore_prob), rng=0, observation=NodeBipartite()
    )
    rule.observation.before_reset(model)
    model.optimize()
    assert model.getStatus() == "optimal" and rule.n_calls > 0
    if explore_prob == 1.0:
        assert rule.n_explored == rule.n_calls and rule.n_expert == 0 and not rule.samples
    else:
        assert rule.n_explored == 0 and rule.n_recorded == rule.n_expert == rule.n_calls
    model.freeProb()


def test_record_prob_records_a_reproducible_subset():
    def run(seed: int) -> list[int]:
        model = branchy_model("facilities")
        rule = include_strong_branching(
            model, StrongBranchingConfig(record_prob=0.5), rng=seed, observation=NodeBipartite()
        )
        rule.observation.before_reset(model)
        model.optimize()
        model.freeProb()
        assert 0 < rule.n_recorded < rule.n_expert
        return [sample.node_number for sample in rule.samples]

    assert run(1) == run(1)


def test_config_rejects_bad_values():
    with pytest.raises(ValueError, match="explore_prob"):
        StrongBranchingConfig(explore_prob=1.5)
    with pytest.raises(ValueError, match="max_samples"):
        StrongBranchingConfig(max_samples=0)
    with pytest.raises(ValueError, match="candidate_limit"):
        StrongBranchingConfig(candidate_limit=0)
    with pytest.raises(ValueError, match="random_candidates"):
        StrongBranchingConfig(random_candidates=-1)
    with pytest.raises(ValueError, match="lookahead_iterations"):
        StrongBranchingConfig(lookahead_iterations=0)
    with pytest.raises(ValueError, match="preselection"):
        StrongBranchingConfig(preselection="best")  # type: ignore[arg-type]
    assert isinstance(StrongBranchingRule(), Branchrule)


class SubsetCheck(Branchrule):
    """At the first node with 6+ candidates: full strong branching, then on a subset."""

    def __init__(self, mask_of) -> None:
        self.mask_of = mask_of
        self.checked: tuple = ()

    def branchexeclp(self, allowaddcons):
        model = self.model
        variables, _, _, _, n_priority, _ = model.getLPBranchCands()
        candidates = variables[:n_priority]
        full = strong_branch(model, candidates)
        if len(candidates) >= 6 and not self.checked:
            mask = self.mask_of(len(candidates))
            self.checked = (full, strong_branch(model, candidates, scored=mask), mask)
            model.interruptSolve()
        model.branchVar(candidates[full.best])
        return {"result": SCIP_RESULT.BRANCHED}


def test_scoring_a_subset_gives_the_full_scores_there_and_no_score_elsewhere():
    # The full best is left out, so that the subset's choice must differ from it.
    model = branchy_model("setcover")
    check = SubsetCheck(lambda n: np.arange(n) % 2 == 1)
    model.includeBranchrule(check, "check", "", 10**6, -1, 1.0)
    model.optimize()
    model.freeProb()
    full, subset, mask = check.checked
    np.testing.assert_allclose(subset.scores[mask], full.scores[mask], rtol=1e-9)
    np.testing.assert_allclose(subset.down_gains[mask], full.down_gains[mask], rtol=1e-9)
    for name in ("scores", "down_gains", "up_gains", "cpu_seconds"):
        assert np.isnan(getattr(subset, name)[~mask]).all(), name
    assert not (subset.down_infeasible[~mask] | subset.down_valid[~mask]).any()
    np.testing.assert_array_equal(subset.scored, mask)
    assert subset.best == int(np.flatnonzero(mask)[np.argmax(full.scores[mask])])
    assert full.labelled and subset.labelled and full.scored.all()
    assert (full.cpu_seconds > 0).all()


def test_preselect_keeps_the_best_ranked_and_draws_the_extras_among_the_rest():
    ranking = np.array([0.5, 3.0, np.nan, 2.0, 1.0, 0.1, 0.2])
    np.testing.assert_array_equal(
        np.flatnonzero(preselect(ranking, 2, 0, np.random.default_rng(0))), [1, 3]
    )
    for seed in range(20):
        mask = preselect(ranking, 3, 2, np.random.default_rng(seed))
        assert mask.sum() == 5 and mask[[1, 3, 4]].all()
    assert preselect(ranking, 5, 9, np.random.default_rng(0)).all()


class FakeVariable:
    def __init__(self, index: int) -> None:
        self.index = index

    def getIndex(self) -> int:  # noqa: N802 (pyscipopt's name)
        return self.index


def fake_scores(down_gains, up_gains, down_infeasible=None, scored=None):
    k = len(down_gains)
    zeros = np.zeros(k, dtype=bool)
    return strong_branching.StrongBranchingScores(
        lp_objective=0.0,
        down_gains=np.asarray(down_gains, dtype=float),
        up_gains=np.asarray(up_gains, dtype=float),
        down_infeasible=zeros if down_infeasible is None else np.asarray(down_infeasible),
        up_infeasible=zeros,
        scores=np.ones(k),
        down_proven=zeros,
        up_proven=zeros,
        down_valid=~zeros,
        up_valid=~zeros,
        lp_error=zeros,
        scored=~zeros if scored is None else np.asarray(scored),
        cpu_seconds=np.zeros(k),
    )


def test_gain_history_predicts_from_unit_gains_and_averages_the_unknown():
    variables = [FakeVariable(i) for i in range(4)]
    history = GainHistory()
    assert np.allclose(history.predict(variables[:2], [0.5, 0.5], 0.0), 0.25)  # no history yet
    # Variable 0 moved by 0.5 each way gained 1 and 2; variable 1 gained little; variable 2's
    # down child was infeasible (gains the cutoff distance, 4); variable 3 was not scored.
    history.update(
        variables,
        [0.5, 0.5, 0.25, 0.5],
        fake_scores(
            [1.0, 0.1, 0.0, 9.0],
            [2.0, 0.1, 1.0, 9.0],
            [False, False, True, False],
            scored=[True, True, True, False],
        ),
        cutoff_gain=4.0,
    )
    predicted = history.predict(variables, [0.5, 0.5, 0.25, 0.5], epsilon=0.0)
    np.testing.assert_allclose(predicted[:3], [1.0 * 2.0, 0.1 * 0.1, 4.0 * 1.0])
    unit_down, unit_up = np.mean([2.0, 0.2, 16.0]), np.mean([4.0, 0.2, 4.0 / 3.0])
    assert predicted[3] == pytest.approx((0.5 * unit_down) * (0.5 * unit_up))
    assert list(np.argsort(-predicted)) == [2, 3, 0, 1]


def test_preselected_labels_score_few_candidates_and_the_solve_keeps_its_optimum():
    optimum = default_optimum("setcover")
    model = branchy_model("setcover")
    config = StrongBranchingConfig(candidate_limit=3, random_candidates=1)
    rule = include_strong_branching(model, config, rng=0, observation=NodeBipartite())
    rule.observation.before_reset(model)
    model.optimize()
    assert model.getStatus() == "optimal"
    assert model.getObjVal() == pytest.approx(optimum)
    assert rule.samples and rule.n_unlabelled == 0
    for sample in rule.samples:
        scored = sample.candidate_scored
        assert scored.sum() == min(4, len(scored))
        assert np.isnan(sample.candidate_scores[~scored]).all()
        assert np.isfinite(sample.candidate_scores[scored]).all()
        assert scored[sample.expert_index]
        assert sample.expert_index == int(np.nanargmax(sample.candidate_scores))
    model.freeProb()


def test_a_node_whose_child_lps_stop_at_the_iteration_limit_gives_no_sample():
    optimum = default_optimum("setcover")
    model = branchy_model("setcover")
    config = StrongBranchingConfig(iteration_limit=1)
    rule = include_strong_branching(model, config, rng=0, observation=NodeBipartite())
    rule.observation.before_reset(model)
    model.optimize()
    assert model.getStatus() == "optimal"
    assert model.getObjVal() == pytest.approx(optimum)
    assert rule.n_expert > 0
    # One LP iteration proves (almost) nothing: such nodes are not labels.
    assert rule.n_unlabelled > 0
    assert rule.n_recorded + rule.n_unlabelled == rule.n_expert
    for sample in rule.samples:  # any node still recorded had every child settled
        assert np.isfinite(sample.candidate_scores).all()
    model.freeProb()


def test_a_node_whose_strong_branching_lp_fails_gives_no_sample(monkeypatch):
    real = strong_branching._child_bounds

    def failing_second_candidate(model, candidates, iteration_limit, idempotent):
        bounds = real(model, candidates, iteration_limit, idempotent)
        if len(candidates) > 1:
            bounds.lp_error[1] = True
        return bounds

    monkeypatch.setattr(strong_branching, "_child_bounds", failing_second_candidate)
    optimum = default_optimum("setcover")
    model = branchy_model("setcover")
    rule = include_strong_branching(model, rng=0, observation=NodeBipartite())
    rule.observation.before_reset(model)
    model.optimize()
    assert model.getStatus() == "optimal"
    assert model.getObjVal() == pytest.approx(optimum)
    assert rule.n_unlabelled > 0 and rule.n_failed == 0
    assert all(len(sample.candidates) == 1 for sample in rule.samples)
    assert rule.n_recorded + rule.n_unlabelled == rule.n_expert
    model.freeProb()
