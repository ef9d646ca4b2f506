"""The learned branching rule's decisions, observed in real SCIP solves of a tiny seeded instance.

A policy with known scores (a fixed, seeded score per variable name) drives the rule; an event
handler records, at every branched node, the variable SCIP's children were created on (read
from the children's parent branchings, not from the rule). The tests then compare each
branching with the policy's scores at that node: the rule branches on the highest-scored
candidate, and its shortlist strong-branches the policy's best candidates only.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyscipopt
from pyscipopt import SCIP_EVENTTYPE, Eventhdlr

from gnn.observation import NodeBipartite
from gnn.policy import NodeContext
from instances.generators import SetCover
from solver.branching import BranchingRuleConfig, LearnedBranching, include_learned_branching

INSTANCE = SetCover(n_rows=120, n_cols=250, density=0.05)
SEED = 1


def _model() -> pyscipopt.Model:
    model = INSTANCE.generate(SEED)
    model.hideOutput()
    model.setParam("presolving/maxrestarts", 0)
    model.setParam("separating/maxrounds", 0)
    model.setHeuristics(pyscipopt.SCIP_PARAMSETTING.OFF)  # more branching in a tiny instance
    return model


class KnownScoresPolicy:
    """Scores each candidate by a fixed, seeded score of its variable name.

    Records, per node number, the candidates' names and scores of each call at that node, in
    order (a node whose bounds the rule tightened is scored again).
    """

    def __init__(self, model: pyscipopt.Model, seed: int = 0) -> None:
        self.model = model
        self.rng = np.random.default_rng(seed)
        self.score_of: dict[str, float] = {}
        self.calls: dict[int, list[tuple[list[str], np.ndarray]]] = {}

    def reset(self) -> None:
        pass

    def _score(self, name: str) -> float:
        if name not in self.score_of:
            self.score_of[name] = float(self.rng.random())
        return self.score_of[name]

    def score_node(self, node: NodeContext) -> np.ndarray:
        names = [str(key) for key in node.candidate_keys]
        scores = np.array([self._score(name) for name in names])
        number = self.model.getCurrentNode().getNumber()
        self.calls.setdefault(number, []).append((names, scores))
        return scores


class BranchingRecorder(Eventhdlr):
    """At each branched node: the variable its children branch on, and what was strong-branched.

    ``branched[node number]`` is the name of the variable of the children's parent branching;
    ``strong_branched[node number]`` the names of the variables SCIP last strong-branched at
    that node (only filled by strong branching that leaves SCIP its statistics).
    """

    def __init__(self) -> None:
        super().__init__()
        self.branched: dict[int, str] = {}
        self.strong_branched: dict[int, set[str]] = {}
        self.product_scores: dict[int, dict[str, float]] = {}

    def eventinit(self) -> None:
        self.model.catchEvent(SCIP_EVENTTYPE.NODEBRANCHED, self)

    def eventexit(self) -> None:
        self.model.dropEvent(SCIP_EVENTTYPE.NODEBRANCHED, self)

    def eventexec(self, event: Any) -> dict[str, Any]:
        model = self.model
        number = event.getNode().getNumber()
        variables = set()
        for child in model.getChildren():
            branch_vars, _, _ = child.getParentBranchings()
            variables.update(var.name for var in branch_vars)
        assert len(variables) == 1, f"node {number}: children branch on {variables}"
        self.branched[number] = variables.pop()
        # SCIP stamps a strong-branched column with its count of processed nodes.
        processed = model.getNNodes()
        strong_branched = [
            var
            for var in model.getVars(transformed=True)
            if model.getVarStrongbranchNode(var) == processed
        ]
        self.strong_branched[number] = {var.name for var in strong_branched}
        self.product_scores[number] = {
            var.name: _product_score(model, *model.getVarStrongbranchLast(var))
            for var in strong_branched
        }
        return {}


def _product_score(
    model: pyscipopt.Model,
    down: float,
    up: float,
    down_valid: bool,
    up_valid: bool,
    value: float,
    lp_objective: float,
) -> float:
    """The product score of a strong-branched candidate, from what SCIP recorded of it.

    NaN where a child is infeasible or cut off (scored apart by the expert) or its bound is not
    valid: such candidates are not compared here.
    """
    cutoff = model.getCutoffbound()
    if not (down_valid and up_valid) or max(down, up) >= cutoff or model.isInfinity(max(down, up)):
        return float("nan")
    epsilon = 1e-4  # StrongBranchingConfig.score_epsilon
    return (max(down - lp_objective, 0.0) + epsilon) * (max(up - lp_objective, 0.0) + epsilon)


def _solve(
    config: BranchingRuleConfig,
) -> tuple[KnownScoresPolicy, BranchingRecorder, LearnedBranching]:
    """Solve the instance with the learned rule driven by known scores, recording branchings."""
    model = _model()
    policy = KnownScoresPolicy(model)
    rule = include_learned_branching(model, policy, observation=NodeBipartite(), config=config)
    recorder = BranchingRecorder()
    model.includeEventhdlr(recorder, "branching-recorder", "records each branching")
    model.optimize()
    assert model.getStatus() == "optimal"
    assert rule.n_fallbacks == 0  # every branching below is the learned rule's
    return policy, recorder, rule


def _learned_nodes(policy: KnownScoresPolicy, recorder: BranchingRecorder) -> list[int]:
    """Nodes the learned rule scored and SCIP then branched."""
    return sorted(set(policy.calls) & set(recorder.branched))


def _ranked(names: list[str], scores: np.ndarray) -> list[str]:
    """Candidate names, highest score first."""
    return [names[i] for i in np.argsort(-scores, kind="stable")]


def test_the_rule_branches_on_the_highest_scored_candidate() -> None:
    policy, recorder, rule = _solve(BranchingRuleConfig())
    nodes = _learned_nodes(policy, recorder)
    assert len(nodes) == rule.n_branched > 3
    assert set(recorder.branched) == set(nodes)  # SCIP branched nowhere else
    contested = 0
    for number in nodes:
        names, scores = policy.calls[number][-1]
        best = _ranked(names, scores)[0]
        assert recorder.branched[number] == best, f"node {number}"
        contested += len(names) > 1
    assert contested > 3  # nodes where the choice mattered


def test_the_shortlist_keeps_the_policys_best_candidates() -> None:
    size = 3
    policy, recorder, rule = _solve(BranchingRuleConfig(shortlist_size=size))
    nodes = _learned_nodes(policy, recorder)
    assert rule.n_shortlisted >= len(nodes) > 3
    overridden = 0
    for number in nodes:
        names, scores = policy.calls[number][-1]
        ranked = _ranked(names, scores)
        # Only the best `size` candidates were strong-branched, so the branching is among them.
        assert recorder.branched[number] in ranked[:size], f"node {number}"
        overridden += recorder.branched[number] != ranked[0]
    # Strong branching, not the policy alone, chose among them at some node.
    assert overridden > 0


def test_the_shortlist_strong_branches_exactly_the_policys_best_candidates() -> None:
    # With reductions, strong branching keeps SCIP's statistics: SCIP itself records which
    # variables were strong-branched at each node.
    size = 4
    policy, recorder, rule = _solve(
        BranchingRuleConfig(shortlist_size=size, shortlist_reductions=True)
    )
    nodes = _learned_nodes(policy, recorder)
    assert len(nodes) > 3
    for number in nodes:
        # A node whose bounds the rule tightened was scored again: each call strong-branched
        # the best of its own candidates.
        expected = set()
        for names, scores in policy.calls[number]:
            expected.update(_ranked(names, scores)[:size])
        assert recorder.strong_branched[number] == expected, f"node {number}"
        names, scores = policy.calls[number][-1]
        assert recorder.branched[number] in _ranked(names, scores)[:size]


def test_the_shortlist_branches_on_its_best_candidate_by_strong_branching() -> None:
    policy, recorder, _ = _solve(BranchingRuleConfig(shortlist_size=4, shortlist_reductions=True))
    compared = 0
    for number in _learned_nodes(policy, recorder):
        products = recorder.product_scores[number]
        ranked = sorted(products.values(), reverse=True)
        if len(ranked) < 2 or np.isnan(ranked).any() or ranked[0] <= ranked[1] * (1 + 1e-6):
            continue  # an infeasible child, or a tie: not a clear-cut decision
        assert products[recorder.branched[number]] == ranked[0], f"node {number}"
        compared += 1
    assert compared > 3
