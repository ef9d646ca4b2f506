"""The learned branching rule: a policy scores the LP branching candidates, SCIP branches.

The rule is thin: it holds an observation function (``before_reset(model)``,
``extract(model) -> BipartiteGraph``, e.g. ``gnn.observation.NodeBipartite``) and a policy object
(:class:`gnn.policy.BranchingPolicy`). It never breaks a solve: any failure in a node (an
exception, NaN or infinite scores, a wrong number of scores, a candidate outside the observation
after a restart) is logged once per kind and the rule returns ``DIDNOTRUN`` for that node, so
SCIP's next branching rule (reliability pseudocost by default) decides. Nodes deeper than
``max_depth`` are left to SCIP without calling the rule at all (SCIP's own ``maxdepth``), a
problem larger than ``max_variables`` is left to SCIP entirely, and a policy that is too slow on
``slow_node_limit`` consecutive nodes is switched off for the rest of the solve.

Each policy call is bounded in time (:mod:`gnn.bounded`): by the solve's remaining time
(``limits/time`` minus SCIP's solving time), so an inference call in flight when the limit comes
does not hold the solve past it, and by ``inference_timeout_seconds`` per node. A call past its
bound is left running on a worker thread and the node goes to SCIP; later nodes go to SCIP at
once until that call returns. With neither bound the policy is called directly.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyscipopt
from pyscipopt import SCIP_RESULT, Branchrule

from gnn.bounded import BoundedCaller, CallGate
from gnn.graph import BipartiteGraph
from gnn.observation.protocol import CandidateObservationFunction, ObservationFunction
from gnn.policy import BranchingPolicy, NodeContext
from solver.strong_branching import StrongBranchingScores, strong_branch
from solver.time_budget import call_bound

__all__ = [
    "BranchingRuleConfig",
    "LearnedBranching",
    "ObservationMismatch",
    "StrongBranchingDecision",
    "include_learned_branching",
]

logger = logging.getLogger(__name__)


class ObservationMismatch(ValueError):
    """The observation does not cover the node's candidates (e.g. stale after a restart)."""


@dataclass(frozen=True)
class BranchingRuleConfig:
    """How the learned branching rule is registered and guarded."""

    priority: int = 100_000
    """SCIP priority; above relpscost's 10000 so the learned rule is asked first."""
    max_depth: int = -1
    """Deepest node depth at which the learned rule runs (-1: all); deeper nodes use SCIP's rule."""
    max_bound_distance: float = 1.0
    """SCIP's ``maxbounddist`` (1.0: every node)."""
    max_variables: int | None = None
    """Largest problem, in variables of SCIP's presolved problem, on which the rule decides
    (None: any size). On a larger one the rule stands aside for the whole solve and SCIP's
    rules decide every node: a model set sets it where its rule, trained at one size, was
    measured to lose at a larger one."""
    slow_node_seconds: float | None = None
    """A node whose observation plus inference takes longer counts as slow (None: no limit)."""
    slow_node_limit: int = 3
    """After this many consecutive slow nodes the rule stops for the rest of the solve."""
    inference_timeout_seconds: float | None = None
    """Longest wait for the policy at one node, seconds (None: bounded only by the solve's
    remaining time, when it has a time limit).

    A node that waited, say, a second for a branching decision is a stalled inference call (a
    hung server, a forward pass that a ``caller_runs`` client runs itself), not a slow one: the
    node goes to SCIP, and so do the following nodes until the stalled call returns. Bounding a
    call runs it on a worker thread (about 15-40 us a call), which is why unlimited solves are
    not bounded by default; the root encoder on a large LP of a loaded machine can take over a
    second, and a per-node bound that cuts it off leaves the whole solve to SCIP."""
    name: str = "neuralmip-learned"
    """Name of the rule inside SCIP."""
    shortlist_size: int = 0
    """Strong-branch on the policy's ``shortlist_size`` best candidates and branch on the best of
    them by strong branching's product score (0 or 1: branch on the policy's best). The policy
    ranks, strong branching (the expert it imitates) decides among few: far cheaper than full
    strong branching, far more accurate than a weak policy alone. A node where a shortlisted
    candidate's children are both infeasible is cut off, as the expert does."""
    shortlist_max_depth: int = -1
    """Deepest node depth at which the shortlist is strong-branched (-1: all); deeper nodes
    branch on the policy's best."""
    shortlist_iteration_limit: int = 2**31 - 1
    """LP iterations per strong branching child of the shortlist (default: unlimited)."""
    shortlist_reductions: bool = False
    """Use what strong branching on the shortlist proves, as SCIP's full strong branching does:
    cut the node off when a candidate's children are both infeasible, tighten the bound of a
    candidate with one infeasible child (and solve the node's LP again), give the children the
    dual bounds their strong branching LPs proved, and keep SCIP's strong branching statistics
    and pseudocosts. Without it (the default) strong branching only chooses the variable and
    leaves SCIP's state as it was."""
    deep_rule: str | None = None
    """A SCIP branching rule (e.g. ``"pscost"``) raised to just below this rule's priority, so
    that it decides the nodes this rule leaves: those deeper than ``max_depth`` and those it
    falls back on (None: SCIP's default order, reliability pseudocost branching first). The
    learned decisions near the root feed the pseudocosts that rule then branches on."""

    def __post_init__(self) -> None:
        if self.max_depth < -1:
            raise ValueError(f"max_depth must be -1 or >= 0, got {self.max_depth}")
        if self.max_variables is not None and self.max_variables < 1:
            raise ValueError(f"max_variables must be >= 1 or None, got {self.max_variables}")
        if not 0.0 <= self.max_bound_distance <= 1.0:
            raise ValueError(f"max_bound_distance must be in [0, 1], got {self.max_bound_distance}")
        if self.slow_node_seconds is not None and not self.slow_node_seconds > 0:
            raise ValueError(f"slow_node_seconds must be > 0 or None, got {self.slow_node_seconds}")
        if self.slow_node_limit < 1:
            raise ValueError(f"slow_node_limit must be >= 1, got {self.slow_node_limit}")
        if self.shortlist_size < 0:
            raise ValueError(f"shortlist_size must be >= 0, got {self.shortlist_size}")
        if self.shortlist_max_depth < -1:
            raise ValueError(
                f"shortlist_max_depth must be -1 or >= 0, got {self.shortlist_max_depth}"
            )
        if self.shortlist_iteration_limit < 1:
            raise ValueError(
                f"shortlist_iteration_limit must be >= 1, got {self.shortlist_iteration_limit}"
            )
        timeout = self.inference_timeout_seconds
        if timeout is not None and not timeout > 0:
            raise ValueError(f"inference_timeout_seconds must be > 0 or None, got {timeout}")


class LearnedBranching(Branchrule):
    """Branch on the candidate a policy scores highest.

    Parameters
    ----------
    observation
        The node observation function.
    policy
        Scores the candidates of a :class:`gnn.policy.NodeContext`.
    config
        Guards (slow-node limit); the registration fields are used by
        :func:`include_learned_branching`.

    Attributes
    ----------
    n_branched, n_fallbacks : int
        Nodes the rule branched on and nodes it handed back to SCIP, in the current solve.
    n_shortlisted : int
        Nodes where the policy's shortlist was strong-branched, in the current solve.
    n_reduced : int
        Of those, nodes cut off or whose bounds were tightened instead of branching
        (``shortlist_reductions``).
    seconds : float
        Time spent in observation and inference in the current solve.
    stood_aside : str or None
        Why the rule left the whole current solve to SCIP (``max_variables``); None when it did
        not.
    shortlist_seconds : float
        Time spent strong branching on shortlists in the current solve (not in ``seconds``).
    """

    def __init__(
        self,
        observation: ObservationFunction[BipartiteGraph],
        policy: BranchingPolicy,
        config: BranchingRuleConfig | None = None,
    ) -> None:
        self.observation = observation
        self.policy = policy
        self.config = config or BranchingRuleConfig()
        self._caller = BoundedCaller(name="neuralmip-branching-inference")
        self._reset_counters()

    def _reset_counters(self) -> None:
        self.n_branched = 0
        self.n_fallbacks = 0
        self.n_shortlisted = 0
        self.n_reduced = 0
        self.seconds = 0.0
        self.shortlist_seconds = 0.0
        self._node_shortlist_seconds = 0.0
        self.first_node_seconds: float | None = None
        self._slow_streak = 0
        self._disabled = False
        self.stood_aside: str | None = None
        self._logged: set[str] = set()

    def _log_once(self, kind: str, message: str, *args: Any) -> None:
        if kind not in self._logged:
            self._logged.add(kind)
            logger.warning("learned branching falls back to SCIP: " + message, *args)

    def branchinitsol(self) -> None:
        self._reset_counters()
        try:
            # Refused (CallerBusy) while a call of an earlier solve is still stalled: the policy
            # is not reset under its feet, and this solve leaves branching to SCIP.
            self._caller.call(self.policy.reset, timeout=None)
            self.observation.before_reset(self.model)
            self._stand_aside_if_too_large()
        except Exception as error:  # a plugin never breaks a solve
            self._disabled = True
            self._log_once("init", "initialisation failed (%s: %s)", type(error).__name__, error)

    def _stand_aside_if_too_large(self) -> None:
        """Leave the whole solve to SCIP when the presolved problem exceeds ``max_variables``."""
        limit = self.config.max_variables
        if limit is None:
            return
        n_variables = self.model.getNVars()
        if n_variables > limit:
            self._disabled = True
            self.stood_aside = (
                f"the presolved problem has {n_variables} variables, more than the rule's "
                f"max_variables ({limit})"
            )
            self._log_once("size", "%s; SCIP's rules decide every node", self.stood_aside)

    def branchexitsol(self) -> None:
        """End the inference worker thread with the solve (a stalled call ends it later)."""
        self._caller.close()

    def branchexecext(self, allowaddcons: bool) -> dict[str, Any]:
        """External candidates are SCIP's to branch on (PySCIPOpt's default would raise)."""
        return {"result": SCIP_RESULT.DIDNOTRUN}

    def branchexecps(self, allowaddcons: bool) -> dict[str, Any]:
        """Pseudo solutions (no LP) are SCIP's to branch on (PySCIPOpt's default would raise)."""
        return {"result": SCIP_RESULT.DIDNOTRUN}

    def branchexeclp(self, allowaddcons: bool) -> dict[str, Any]:
        if self._disabled:
            return {"result": SCIP_RESULT.DIDNOTRUN}
        started = time.perf_counter()
        self._node_shortlist_seconds = 0.0
        try:
            candidate = self._choose()
        except Exception as error:  # a plugin never breaks a solve
            self._log_once(type(error).__name__, "%s: %s", type(error).__name__, error)
            candidate = None
        # Strong branching is the solver's work, not the model's: it is counted apart, and a
        # node is slow only by its observation and inference.
        elapsed = time.perf_counter() - started - self._node_shortlist_seconds
        self.seconds += elapsed
        self.shortlist_seconds += self._node_shortlist_seconds
        if self.first_node_seconds is None:
            # Reported apart: a hybrid policy runs its GNN encoder at the first node only.
            self.first_node_seconds = elapsed
        self._watch_speed(elapsed)
        if candidate is None:
            self.n_fallbacks += 1
            return {"result": SCIP_RESULT.DIDNOTRUN}
        try:
            if isinstance(candidate, StrongBranchingDecision):
                result = candidate.apply(self.model)
            else:
                self.model.branchVar(candidate)
                result = SCIP_RESULT.BRANCHED
        except Exception as error:  # a plugin never breaks a solve
            self._log_once("branchVar", "branchVar failed (%s)", error)
            self.n_fallbacks += 1
            return {"result": SCIP_RESULT.DIDNOTRUN}
        if result == SCIP_RESULT.BRANCHED:
            self.n_branched += 1
        else:
            self.n_reduced += 1
        return {"result": result}

    def _watch_speed(self, elapsed: float) -> None:
        limit = self.config.slow_node_seconds
        if limit is None:
            return
        self._slow_streak = self._slow_streak + 1 if elapsed > limit else 0
        if self._slow_streak >= self.config.slow_node_limit:
            self._disabled = True
            self._log_once(
                "slow",
                "%d consecutive nodes took over %.3g s; off for the rest of the solve",
                self._slow_streak,
                limit,
            )

    def _choose(self) -> pyscipopt.Variable | StrongBranchingDecision | None:
        """The node's decision: the policy's best candidate, or strong branching's decision
        among its shortlist (None: no candidate)."""
        variables, values, _, _, n_priority, _ = self.model.getLPBranchCands()
        candidates = variables[:n_priority]
        if not candidates:
            return None
        scores = self._scores(candidates)
        if self._shortlist_applies(len(candidates)):
            return self._shortlist_decision(candidates, values, scores)
        return candidates[int(np.argmax(scores))]

    def _scores(self, candidates: list[pyscipopt.Variable]) -> np.ndarray:
        """The policy's scores of ``candidates`` (finite, one per candidate), within the node's
        inference bound.

        Raises
        ------
        ObservationMismatch, FloatingPointError
            When the policy's answer does not fit the candidates or is not finite.
        """
        model = self.model
        positions = np.fromiter(
            (var.getCol().getLPPos() for var in candidates), np.int64, len(candidates)
        )
        keys = [var.name for var in candidates]
        # The policy may run on a worker thread: it reads SCIP only while this callback waits.
        gate = CallGate()
        candidate_features = self._checked_candidate_features(candidates)
        if candidate_features is not None:
            candidate_features = gate.guard(candidate_features)
        node = NodeContext(
            positions,
            keys,
            graph=gate.guard(self._checked_graph(positions)),
            column_keys=gate.guard(
                lambda: [column.getVar().name for column in model.getLPColsData()]
            ),
            candidate_features=candidate_features,
        )
        try:
            answer = self._caller.call(
                self.policy.score_node, node, timeout=self._inference_bound(), gate=gate
            )
        finally:
            gate.close()
        scores = np.asarray(answer, dtype=np.float64)
        if scores.shape != (len(candidates),):
            raise ObservationMismatch(
                f"policy returned {scores.shape} scores for {len(candidates)} candidates"
            )
        if not np.isfinite(scores).all():
            raise FloatingPointError("policy returned non-finite scores")
        return scores

    def _shortlist_decision(
        self, candidates: list[pyscipopt.Variable], values: list[float], scores: np.ndarray
    ) -> StrongBranchingDecision:
        """Strong-branch on the ``shortlist_size`` best-scored candidates and decide by it."""
        shortlist = np.argsort(-scores, kind="stable")[: self.config.shortlist_size]
        chosen = [candidates[i] for i in shortlist]
        reductions = self.config.shortlist_reductions
        sb_started = time.perf_counter()
        try:
            expert = strong_branch(
                self.model,
                chosen,
                self.config.shortlist_iteration_limit,
                idempotent=not reductions,
            )
        finally:
            self._node_shortlist_seconds = time.perf_counter() - sb_started
        self.n_shortlisted += 1
        return StrongBranchingDecision.from_scores(
            expert, chosen, [values[i] for i in shortlist], reductions=reductions
        )

    def _shortlist_applies(self, n_candidates: int) -> bool:
        config = self.config
        if config.shortlist_size < 2 or n_candidates < 2:
            return False
        return config.shortlist_max_depth < 0 or self.model.getDepth() <= config.shortlist_max_depth

    def _inference_bound(self) -> float | None:
        """Seconds the policy may take at this node: the solve's time left, the per-node limit."""
        return call_bound(self.model, self.config.inference_timeout_seconds)

    def _checked_candidate_features(
        self, candidates: list[pyscipopt.Variable]
    ) -> Callable[[], np.ndarray] | None:
        observation = self.observation
        if not isinstance(observation, CandidateObservationFunction):
            return None  # the policy reads the candidates' rows of the full graph

        def extract() -> np.ndarray:
            features = observation.candidate_features(self.model, candidates)
            if features is None:
                raise ObservationMismatch("the observation function returned no features")
            return features

        return extract

    def _checked_graph(self, positions: np.ndarray) -> Callable[[], BipartiteGraph]:
        def extract() -> BipartiteGraph:
            graph = self.observation.extract(self.model)
            if graph is None:
                raise ObservationMismatch("the observation function returned no graph")
            if positions.min(initial=0) < 0 or positions.max(initial=-1) >= graph.n_variables:
                raise ObservationMismatch(
                    f"candidate columns reach {int(positions.max())} but the observation has "
                    f"{graph.n_variables} variables"
                )
            return graph

        return extract


@dataclass(frozen=True)
class StrongBranchingDecision:
    """What strong branching on a shortlist proved, to apply as SCIP's full strong branching
    does: cut off the node, tighten bounds, or branch with the children's proven dual bounds."""

    cutoff: bool
    """A candidate's children are both infeasible: so is the node."""
    new_lower_bounds: list[tuple[pyscipopt.Variable, float]]
    """``(variable, new lower bound)`` of each candidate whose down child is infeasible."""
    new_upper_bounds: list[tuple[pyscipopt.Variable, float]]
    """``(variable, new upper bound)`` of each candidate whose up child is infeasible."""
    variable: pyscipopt.Variable
    """The candidate to branch on when nothing was proven."""
    value: float
    """Its LP value."""
    down_bound: float | None
    """A proven dual bound of the down child (None: none)."""
    up_bound: float | None
    """A proven dual bound of the up child (None: none)."""

    @classmethod
    def from_scores(
        cls,
        scores: StrongBranchingScores,
        candidates: list[pyscipopt.Variable],
        values: list[float],
        reductions: bool = True,
    ) -> StrongBranchingDecision:
        """The decision for ``candidates`` (LP values ``values``) strong-branched to ``scores``.

        Without ``reductions`` only a node proven infeasible is acted on (cut off); otherwise
        the rule branches on the best candidate and leaves every bound as it was.
        """
        down_only = scores.down_proven & ~scores.up_proven & reductions
        up_only = scores.up_proven & ~scores.down_proven & reductions
        best = scores.best
        return cls(
            cutoff=scores.node_infeasible,
            new_lower_bounds=[(candidates[i], math.ceil(values[i])) for i in np.flatnonzero(down_only)],
            new_upper_bounds=[(candidates[i], math.floor(values[i])) for i in np.flatnonzero(up_only)],
            variable=candidates[best],
            value=float(values[best]),
            down_bound=(scores.lp_objective + float(scores.down_gains[best])
                        if reductions and scores.down_valid[best] else None),
            up_bound=(scores.lp_objective + float(scores.up_gains[best])
                      if reductions and scores.up_valid[best] else None),
        )  # fmt: skip

    def apply(self, model: pyscipopt.Model) -> Any:
        """Carry the decision out at the current node; returns the branching rule's result.

        Once a bound has changed the result is ``REDUCEDDOM``, and once the node has branched
        it is ``BRANCHED``, whatever fails after: SCIP must not run a second rule on a node this
        one has already changed. Tightenings that change nothing fall through to branching, so
        that SCIP never solves the same node again for nothing.
        """
        if self.cutoff:
            return SCIP_RESULT.CUTOFF
        changed = False
        tightenings = [(model.tightenVarLb, v, b) for v, b in self.new_lower_bounds] + [
            (model.tightenVarUb, v, b) for v, b in self.new_upper_bounds
        ]
        try:
            for tighten, variable, bound in tightenings:
                infeasible, tightened = tighten(variable, bound)
                if infeasible:
                    return SCIP_RESULT.CUTOFF
                changed = changed or bool(tightened)
        except Exception:
            if changed:
                logger.exception("tightening a bound failed; SCIP solves the node again")
                return SCIP_RESULT.REDUCEDDOM
            raise
        if changed:
            return SCIP_RESULT.REDUCEDDOM
        down, _, up = model.branchVarVal(self.variable, self.value)
        try:
            for child, bound in ((down, self.down_bound), (up, self.up_bound)):
                if child is not None and bound is not None:
                    model.updateNodeLowerbound(child, bound)
        except Exception:  # the bounds only speed pruning up
            logger.exception("setting a child's dual bound failed; the children keep the node's")
        return SCIP_RESULT.BRANCHED


def include_learned_branching(
    model: pyscipopt.Model,
    policy: BranchingPolicy,
    *,
    observation: ObservationFunction[BipartiteGraph] | None = None,
    priority: int = BranchingRuleConfig.priority,
    max_depth: int = BranchingRuleConfig.max_depth,
    slow_node_seconds: float | None = BranchingRuleConfig.slow_node_seconds,
    config: BranchingRuleConfig | None = None,
) -> LearnedBranching:
    """Add the learned branching rule to ``model`` (before ``optimize()``).

    Parameters
    ----------
    model
        The SCIP model.
    policy
        E.g. :class:`gnn.policy.HybridBranchingPolicy` or a :class:`gnn.policy.ScorerPolicy`.
    observation
        Node observation function; default ``gnn.observation.NodeBipartite()``.
    priority, max_depth, slow_node_seconds
        Shortcuts for the fields of :class:`BranchingRuleConfig` (ignored when ``config`` is given).
    config
        The full rule configuration.

    Returns
    -------
    LearnedBranching
        The included rule (its counters tell how often it branched and fell back).
    """
    if config is None:
        config = BranchingRuleConfig(
            priority=priority, max_depth=max_depth, slow_node_seconds=slow_node_seconds
        )
    if observation is None:
        from gnn.observation import NodeBipartite  # the default observation, loaded on demand

        observation = NodeBipartite()
    if config.deep_rule is not None:
        parameter = f"branching/{config.deep_rule}/priority"
        try:
            model.getParam(parameter)
        except KeyError:
            raise ValueError(
                f"deep_rule: SCIP has no branching rule {config.deep_rule!r}"
            ) from None
        model.setParam(parameter, config.priority - 1)
    rule = LearnedBranching(observation, policy, config)
    model.includeBranchrule(
        rule,
        config.name,
        "branch on the candidate a learned policy scores highest",
        priority=config.priority,
        maxdepth=config.max_depth,
        maxbounddist=config.max_bound_distance,
    )
    return rule
