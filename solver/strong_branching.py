"""Full strong branching as a SCIP branching rule: the expert that learned branching imitates.

At each node the rule strong-branches on every LP branching candidate (the first
``npriolpcands`` of ``getLPBranchCands()``), scores each with the product score of Nair et al.
(2020), ``s_i = (max(up_i - lp, 0) + eps) * (max(down_i - lp, 0) + eps)``, and branches on the
best. A child that strong branching proves infeasible scores as SCIP's own (vanilla) full strong
branching scores it: its gain is the distance from the node's LP value to the cutoff bound, the
largest gain a child can have (see :func:`product_scores` for why not "every such candidate
first"). When some candidate's children are both infeasible the node is cut off, as SCIP's rule
does, instead of branching into two children that would be pruned. With probability
``explore_prob`` it branches on the pseudocost-best candidate instead
(exploration, as Gasse et al. 2019 do, so that recorded states are not only the expert's own
trajectory). A node where the expert branched is recorded (observation, candidates, scores)
with probability ``record_prob``.

Cheaper labels: with ``candidate_limit`` the rule strong-branches only on a pre-selection of the
candidates (the best by a cheap ranking, :func:`ranking_scores`, plus ``random_candidates``
drawn among the rest, :func:`preselect`); the others are recorded as not scored (NaN score,
``candidate_scored`` False), never with a made-up score. A node where a scored child's LP
failed or stopped at ``iteration_limit`` without a valid bound gives no sample (counted in
``n_unlabelled``): its scores would be estimates, not labels.

With recording off (no observation function) the rule is the "full strong branching"
configuration of a benchmark.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np
import pyscipopt
from pyscipopt import SCIP_RESULT, Branchrule

from gnn.graph import BipartiteGraph

if TYPE_CHECKING:
    from gnn.dataset import BranchingSample

__all__ = [
    "INFEASIBLE_SCORINGS",
    "PRESELECTIONS",
    "InfeasibleScoring",
    "Preselection",
    "GainHistory",
    "NodeObservation",
    "StrongBranchingConfig",
    "StrongBranchingScores",
    "StrongBranchingRule",
    "dual_bound_gains",
    "preselect",
    "product_scores",
    "ranking_scores",
    "strong_branch",
    "include_strong_branching",
]

logger = logging.getLogger(__name__)

#: SCIP's own iteration limit for "unlimited" (``INT_MAX``), as its vanillafullstrong rule uses.
UNLIMITED_ITERATIONS = 2**31 - 1

#: How a candidate with an infeasible child is scored (:func:`product_scores`).
InfeasibleScoring = Literal["cutoff-gain", "rank-first"]
INFEASIBLE_SCORINGS: tuple[str, ...] = ("cutoff-gain", "rank-first")

#: How the candidates to strong-branch on are pre-selected (:func:`ranking_scores`).
Preselection = Literal["history", "pseudocost", "lookahead"]
PRESELECTIONS: tuple[str, ...] = ("history", "pseudocost", "lookahead")


class NodeObservation(Protocol):
    """What the rule needs from an observation function (e.g. ``gnn.observation.NodeBipartite``).

    Variable rows of the returned graph are in LP column order (``var.getCol().getLPPos()``).
    """

    def before_reset(self, model: pyscipopt.Model) -> None:
        """Prepare for a new solve of ``model``."""

    def extract(self, model: pyscipopt.Model) -> BipartiteGraph | None:
        """Return the bipartite graph of the current node (None: no observation available)."""


@dataclass(frozen=True)
class StrongBranchingConfig:
    """Settings of the strong branching expert."""

    iteration_limit: int = UNLIMITED_ITERATIONS
    """LP iteration limit of each strong branching call (``INT_MAX``: solve the children to
    optimality, "full" strong branching)."""
    explore_prob: float = 0.0
    """Probability, at each node, of branching on the pseudocost-best candidate instead of the
    expert's (no strong branching is computed at such a node, and nothing is recorded)."""
    record_prob: float = 1.0
    """Probability of recording a node at which the expert branched (Gasse et al.: 0.05). Only
    used when the rule has an observation function."""
    max_samples: int | None = None
    """Stop the solve (``interruptSolve``) once this many samples are recorded; None: never."""
    score_epsilon: float = 1e-4
    """The ``eps`` of the product score ``(up_gain + eps) * (down_gain + eps)`` (Nair et al.)."""
    cut_off_infeasible_nodes: bool = True
    """Cut off a node where some candidate's children are both proven infeasible, as SCIP's
    rules do, instead of branching into two children that are pruned at once. ecole's
    ``Branching`` environment can only branch: following the expert there needs False."""
    infeasible_scoring: InfeasibleScoring = "cutoff-gain"
    """How a candidate with an infeasible child scores (:func:`product_scores`): ``"cutoff-gain"``
    (SCIP's vanilla full strong branching; the default) or ``"rank-first"`` (every such
    candidate above every other, as the earliest training data of the shipped models was labelled)."""
    candidate_limit: int | None = None
    """Strong-branch on at most this many candidates per node, the best by ``preselection``;
    the others are recorded as not scored. None (the default): every candidate, full strong
    branching."""
    preselection: Preselection = "history"
    """Ranking of the pre-selection (:func:`ranking_scores`): ``"history"`` (the default; the
    product score predicted from the gains strong branching found for each variable earlier in
    the solve, :class:`GainHistory`), ``"pseudocost"`` (SCIP's pseudocost score) or
    ``"lookahead"`` (strong branching limited to ``lookahead_iterations`` LP iterations per
    child). Only with ``candidate_limit``."""
    lookahead_iterations: int = 3
    """LP iteration limit per child of the ``"lookahead"`` ranking (default 3)."""
    random_candidates: int = 0
    """Also strong-branch on this many candidates drawn uniformly among those not pre-selected
    (default 0), so that labels do not only rank the pre-selection's favourites. Only with
    ``candidate_limit``."""

    def __post_init__(self) -> None:
        for name in ("iteration_limit", "lookahead_iterations"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1, got {getattr(self, name)}")
        if self.candidate_limit is not None and self.candidate_limit < 1:
            raise ValueError(f"candidate_limit must be >= 1 or None, got {self.candidate_limit}")
        if self.random_candidates < 0:
            raise ValueError(f"random_candidates must be >= 0, got {self.random_candidates}")
        if self.preselection not in PRESELECTIONS:
            raise ValueError(
                f"preselection must be one of {', '.join(PRESELECTIONS)}, got {self.preselection!r}"
            )
        for name in ("explore_prob", "record_prob"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be in [0, 1], got {value}")
        if self.max_samples is not None and self.max_samples < 1:
            raise ValueError(f"max_samples must be >= 1 or None, got {self.max_samples}")
        if not self.score_epsilon > 0.0:
            raise ValueError(f"score_epsilon must be > 0, got {self.score_epsilon}")
        if self.infeasible_scoring not in INFEASIBLE_SCORINGS:
            raise ValueError(
                f"infeasible_scoring must be one of {', '.join(INFEASIBLE_SCORINGS)}, "
                f"got {self.infeasible_scoring!r}"
            )


@dataclass(frozen=True, eq=False)
class StrongBranchingScores:
    """Strong branching outcome for the candidates of one node (arrays aligned with them).

    Attributes
    ----------
    lp_objective : float
        The node's LP objective value (transformed problem, minimisation).
    down_gains, up_gains : numpy.ndarray
        ``(K,)`` float64, ``max(bound - lp_objective, 0)``; 0 where the bound was unusable (NaN,
        infinite, an LP error); NaN exactly where the candidate was not scored.
    down_infeasible, up_infeasible : numpy.ndarray
        ``(K,)`` bool: the child is infeasible or its bound reaches the cutoff bound.
    scores : numpy.ndarray
        ``(K,)`` float64 product scores (:func:`product_scores`); NaN exactly where the
        candidate was not scored.
    down_proven, up_proven : numpy.ndarray
        ``(K,)`` bool: the child is proven infeasible (by SCIP, or by a valid bound at the
        cutoff); unlike ``*_infeasible``, never from an iteration-limited estimate, and never
        when the node's LP is not a relaxation (columns missing, or an exact solve).
    down_valid, up_valid : numpy.ndarray
        ``(K,)`` bool: ``lp_objective + *_gains`` is a valid dual bound of the child (under the
        same conditions).
    lp_error : numpy.ndarray
        ``(K,)`` bool: the candidate's strong branching LP failed.
    scored : numpy.ndarray
        ``(K,)`` bool: the candidate was strong-branched (all, unless pre-selected).
    cpu_seconds : numpy.ndarray
        ``(K,)`` float64 CPU seconds (this thread) of each candidate's strong branching, both
        children; NaN where not scored.
    """

    lp_objective: float
    down_gains: np.ndarray
    up_gains: np.ndarray
    down_infeasible: np.ndarray
    up_infeasible: np.ndarray
    scores: np.ndarray
    down_proven: np.ndarray
    up_proven: np.ndarray
    down_valid: np.ndarray
    up_valid: np.ndarray
    lp_error: np.ndarray
    scored: np.ndarray
    cpu_seconds: np.ndarray

    @property
    def node_infeasible(self) -> bool:
        """Some candidate has both children proven infeasible: the node can be cut off."""
        return bool((self.down_proven & self.up_proven).any())

    @property
    def best(self) -> int:
        """Position of the best-scored candidate among the scored ones (the first on ties)."""
        return int(np.argmax(np.where(self.scored, self.scores, -np.inf)))

    @property
    def labelled(self) -> bool:
        """The scores are a label: every scored child has a valid bound or is proven infeasible.

        False when a strong branching LP failed, stopped at its iteration limit (its bound is
        then an estimate), or the LP is not a relaxation of the node (see ``down_proven``).
        """
        down = self.down_valid | self.down_proven
        up = self.up_valid | self.up_proven
        return bool(self.scored.any() and (down & up & ~self.lp_error)[self.scored].all())


def dual_bound_gains(bounds: np.ndarray, lp_objective: float, usable: np.ndarray) -> np.ndarray:
    """Dual bound gains ``max(bound - lp_objective, 0)`` of strong branching children.

    Parameters
    ----------
    bounds
        ``(K,)`` child dual bounds as SCIP returned them.
    lp_objective
        The parent's LP objective value.
    usable
        ``(K,)`` bool; False (e.g. an LP error) gives gain 0.

    Returns
    -------
    numpy.ndarray
        ``(K,)`` float64, finite and non-negative: 0 where the bound is NaN, infinite or
        SCIP-infinite (``|x| >= 1e20``, e.g. the ``-1e20`` of an unsolved child), or unusable.
    """
    bounds = np.asarray(bounds, dtype=np.float64)
    finite = np.isfinite(bounds) & (np.abs(bounds) < 1e20) & np.asarray(usable, dtype=bool)
    if not (math.isfinite(lp_objective) and abs(lp_objective) < 1e20):
        return np.zeros_like(bounds)
    gains = np.where(finite, bounds - lp_objective, 0.0)
    return np.maximum(gains, 0.0)


def product_scores(
    down_gains: np.ndarray,
    up_gains: np.ndarray,
    down_infeasible: np.ndarray,
    up_infeasible: np.ndarray,
    epsilon: float = 1e-4,
    cutoff_gain: float | None = None,
) -> np.ndarray:
    """Product scores of strong branching; an infeasible child gets the top gain.

    With ``cutoff_gain`` (the node's distance to a finite cutoff bound), an infeasible child's
    gain is ``cutoff_gain``, the largest a child can have, and every candidate scores
    ``(down + eps) * (up + eps)``: SCIP's vanilla full strong branching scores this way. A
    candidate with one infeasible child and a near-zero gain on the other side is then worth
    little, and one with two infeasible children scores above every other.

    Without it (no incumbent yet, or the ``"rank-first"`` scoring), a candidate with ``k``
    infeasible children (k = 1 or 2) scores ``(1 + k) * M + f``, where ``M`` is the largest
    product over all candidates (an infeasible side counted as gain 0) and ``f`` its own such
    product: above every candidate without one, two infeasible children above one. Ranking every
    such candidate first made our idempotent expert take 1.0-1.7 times the nodes of scoring to
    the cutoff (``experiments/reports/branching-expert-floor-cpu``).

    Parameters
    ----------
    down_gains, up_gains
        ``(K,)`` non-negative, finite gains.
    down_infeasible, up_infeasible
        ``(K,)`` bool.
    epsilon
        Added to each gain before the product.
    cutoff_gain
        Cutoff bound minus the node's LP value; None, or not finite and positive: rank first.

    Returns
    -------
    numpy.ndarray
        ``(K,)`` float64, finite and positive.
    """
    down = np.nan_to_num(np.asarray(down_gains, dtype=np.float64), nan=0.0, posinf=0.0)
    up = np.nan_to_num(np.asarray(up_gains, dtype=np.float64), nan=0.0, posinf=0.0)
    down_inf = np.asarray(down_infeasible, dtype=bool)
    up_inf = np.asarray(up_infeasible, dtype=bool)
    down, up = np.maximum(down, 0.0), np.maximum(up, 0.0)
    if cutoff_gain is not None and math.isfinite(cutoff_gain) and cutoff_gain > 0.0:
        return (np.where(down_inf, np.maximum(down, cutoff_gain), down) + epsilon) * (
            np.where(up_inf, np.maximum(up, cutoff_gain), up) + epsilon
        )
    finite_product = (np.where(down_inf, 0.0, down) + epsilon) * (
        np.where(up_inf, 0.0, up) + epsilon
    )
    if finite_product.size == 0:
        return finite_product
    n_infeasible = down_inf.astype(np.float64) + up_inf.astype(np.float64)
    top = float(finite_product.max())
    return np.where(n_infeasible > 0, (1.0 + n_infeasible) * top + finite_product, finite_product)


def strong_branch(
    model: pyscipopt.Model,
    candidates: Sequence[pyscipopt.Variable],
    iteration_limit: int = UNLIMITED_ITERATIONS,
    epsilon: float = 1e-4,
    infeasible_scoring: InfeasibleScoring = "cutoff-gain",
    idempotent: bool = True,
    scored: np.ndarray | None = None,
) -> StrongBranchingScores:
    """Strong-branch on ``candidates`` (or the ``scored`` ones among them) at the current node.

    Must be called from a branching callback with a solved LP. With ``idempotent`` (the
    default, for labels) SCIP neither tightens bounds nor updates pseudocosts: the labels
    describe the node as it is. Without it SCIP keeps the strong branching statistics and
    pseudocosts, as its own strong branching rules do.

    Parameters
    ----------
    model
        The model being solved.
    candidates
        Fractional LP branching candidates.
    iteration_limit
        LP iteration limit per candidate.
    epsilon
        See :func:`product_scores`.
    infeasible_scoring
        ``"cutoff-gain"`` scores an infeasible child with the node's distance to the cutoff
        bound (when it is finite); ``"rank-first"`` ranks every candidate with one first. See
        :func:`product_scores`.
    idempotent
        Leave SCIP's state unchanged (see above).
    scored
        ``(K,)`` bool mask of the candidates to strong-branch on (e.g. from :func:`preselect`);
        the others get NaN scores and gains. None (the default): every candidate.

    Returns
    -------
    StrongBranchingScores
    """
    lp_objective = float(model.getLPObjVal())
    cutoff = float(model.getCutoffbound())
    if scored is None:
        scored = np.ones(len(candidates), dtype=bool)
    positions = np.flatnonzero(scored)
    chosen = [candidates[i] for i in positions]
    bounds = _child_bounds(model, chosen, iteration_limit, idempotent)
    scores = _score_children(model, bounds, lp_objective, cutoff, epsilon, infeasible_scoring)
    return _scatter(scores, positions, len(candidates))


def _scatter(
    scores: StrongBranchingScores, positions: np.ndarray, n_candidates: int
) -> StrongBranchingScores:
    """The scores of a subset placed at ``positions`` among ``n_candidates`` (NaN, False
    elsewhere)."""
    if len(positions) == n_candidates:
        return scores
    fields: dict[str, Any] = {"lp_objective": scores.lp_objective}
    for item in dataclasses.fields(scores):
        value = getattr(scores, item.name)
        if isinstance(value, np.ndarray):
            fill = np.nan if value.dtype.kind == "f" else False
            full = np.full(n_candidates, fill, dtype=value.dtype)
            full[positions] = value
            fields[item.name] = full
    return StrongBranchingScores(**fields)


class GainHistory:
    """Average strong branching gain per unit of LP value moved, per variable and direction.

    The pseudocosts of reliability branching, fed by the labels' own strong branching (SCIP's
    pseudocosts learn only from the branchings made, since labels are strong-branched
    idempotently). A child proven infeasible counts with the node's distance to the cutoff
    bound (when finite), as its score does.
    """

    def __init__(self) -> None:
        # variable index -> [down sum, down count, up sum, up count]
        self._sums: dict[int, list[float]] = {}

    def update(
        self,
        candidates: Sequence[pyscipopt.Variable],
        values: Sequence[float],
        scores: StrongBranchingScores,
        cutoff_gain: float | None,
    ) -> None:
        """Add the unit gains of the scored candidates whose LPs did not fail."""
        values = np.asarray(values, dtype=np.float64)
        down_frac, up_frac = values - np.floor(values), np.ceil(values) - values
        gain = cutoff_gain if cutoff_gain is not None and math.isfinite(cutoff_gain) else np.nan
        down = np.where(scores.down_infeasible, gain, scores.down_gains)
        up = np.where(scores.up_infeasible, gain, scores.up_gains)
        for i in np.flatnonzero(scores.scored & ~scores.lp_error):
            sums = self._sums.setdefault(candidates[i].getIndex(), [0.0, 0.0, 0.0, 0.0])
            if math.isfinite(down[i]) and down_frac[i] > 0.0:
                sums[0] += down[i] / down_frac[i]
                sums[1] += 1
            if math.isfinite(up[i]) and up_frac[i] > 0.0:
                sums[2] += up[i] / up_frac[i]
                sums[3] += 1

    def predict(
        self, candidates: Sequence[pyscipopt.Variable], values: Sequence[float], epsilon: float
    ) -> np.ndarray:
        """Predicted product scores ``(frac_down * unit_down + eps) * (frac_up * unit_up + eps)``;
        a direction never strong-branched takes the average over all variables (1 before any).
        """
        rows = np.array(
            [self._sums.get(var.getIndex(), (0.0, 0.0, 0.0, 0.0)) for var in candidates]
        ).reshape(-1, 4)
        values = np.asarray(values, dtype=np.float64)
        down = self._average(rows[:, 0], rows[:, 1])
        up = self._average(rows[:, 2], rows[:, 3])
        down_frac, up_frac = values - np.floor(values), np.ceil(values) - values
        return (down_frac * down + epsilon) * (up_frac * up + epsilon)

    def _average(self, sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Per-candidate mean unit gain, the mean over all variables where none is known."""
        known = counts > 0
        means = np.divide(sums, counts, out=np.zeros_like(sums), where=known)
        fallback = float(means[known].mean()) if known.any() else 1.0
        return np.where(known, means, fallback)


def ranking_scores(
    model: pyscipopt.Model,
    candidates: Sequence[pyscipopt.Variable],
    values: Sequence[float],
    config: StrongBranchingConfig,
    history: GainHistory | None = None,
) -> np.ndarray:
    """Cheap scores of ``candidates`` (LP values ``values``) that pre-select those to label.

    ``config.preselection`` ``"history"``: ``history``'s predicted product scores (an empty
    history when None). ``"pseudocost"``: SCIP's pseudocost score, which before any branching
    on a variable is its fractionality times the average pseudocosts. ``"lookahead"``: the
    product scores of strong branching limited to ``config.lookahead_iterations`` LP
    iterations per child (estimates; idempotent).

    Returns
    -------
    numpy.ndarray
        ``(K,)`` float64, higher is better.
    """
    if config.preselection == "history":
        history = GainHistory() if history is None else history
        return history.predict(candidates, values, config.score_epsilon)
    if config.preselection == "pseudocost":
        return np.array(
            [
                model.getVarPseudocostScore(var, value)
                for var, value in zip(candidates, values, strict=True)
            ],
            dtype=np.float64,
        )
    lookahead = strong_branch(
        model,
        candidates,
        config.lookahead_iterations,
        config.score_epsilon,
        config.infeasible_scoring,
    )
    return lookahead.scores


def preselect(
    ranking: np.ndarray, limit: int, n_random: int, rng: np.random.Generator
) -> np.ndarray:
    """Mask of the candidates to strong-branch on: the ``limit`` best by ``ranking`` (the first
    on ties; NaN ranks last), plus ``n_random`` drawn uniformly among the others.

    Returns
    -------
    numpy.ndarray
        ``(K,)`` bool, with ``min(limit + n_random, K)`` entries set.
    """
    ranking = np.nan_to_num(np.asarray(ranking, dtype=np.float64), nan=-np.inf)
    order = np.argsort(-ranking, kind="stable")
    mask = np.zeros(len(ranking), dtype=bool)
    mask[order[:limit]] = True
    rest = order[limit:]
    if n_random > 0 and len(rest) > 0:
        mask[rng.choice(rest, size=min(n_random, len(rest)), replace=False)] = True
    return mask


@dataclass
class _ChildBounds:
    """What SCIP's strong branching returned per candidate, before any scoring: the children's
    dual bounds, whether each bound is valid (not iteration-limited), whether SCIP found each
    child infeasible, whether the candidate's LP failed, and the CPU seconds of each (arrays
    aligned with the candidates)."""

    down: np.ndarray
    up: np.ndarray
    down_valid: np.ndarray
    up_valid: np.ndarray
    down_infeasible: np.ndarray
    up_infeasible: np.ndarray
    lp_error: np.ndarray
    cpu_seconds: np.ndarray


def _child_bounds(
    model: pyscipopt.Model,
    candidates: Sequence[pyscipopt.Variable],
    iteration_limit: int,
    idempotent: bool,
) -> _ChildBounds:
    """Strong-branch on each candidate in turn (one strong branching session)."""
    n = len(candidates)
    bounds = _ChildBounds(
        down=np.empty(n),
        up=np.empty(n),
        down_valid=np.zeros(n, dtype=bool),
        up_valid=np.zeros(n, dtype=bool),
        down_infeasible=np.zeros(n, dtype=bool),
        up_infeasible=np.zeros(n, dtype=bool),
        lp_error=np.zeros(n, dtype=bool),
        cpu_seconds=np.zeros(n),
    )
    model.startStrongbranch()
    try:
        for i, var in enumerate(candidates):
            start = time.thread_time()
            (
                bounds.down[i],
                bounds.up[i],
                bounds.down_valid[i],
                bounds.up_valid[i],
                bounds.down_infeasible[i],
                bounds.up_infeasible[i],
                _,
                _,
                bounds.lp_error[i],
            ) = model.getVarStrongbranch(var, iteration_limit, idempotent=idempotent)
            bounds.cpu_seconds[i] = time.thread_time() - start
    finally:
        model.endStrongbranch()
    return bounds


def _score_children(
    model: pyscipopt.Model,
    bounds: _ChildBounds,
    lp_objective: float,
    cutoff: float,
    epsilon: float,
    infeasible_scoring: InfeasibleScoring,
) -> StrongBranchingScores:
    """Gains, infeasibility, proofs and product scores of the strong branching ``bounds``."""
    down, up, lp_error = bounds.down, bounds.up, bounds.lp_error
    down_inf, up_inf = bounds.down_infeasible.copy(), bounds.up_infeasible.copy()
    has_cutoff = not model.isInfinity(cutoff)
    # Strong branching bounds prove anything only when the LP is a relaxation of the node: it
    # holds every column, and the solve is not exact.
    # A candidate whose strong branching LP failed proves nothing either.
    trusted = ~lp_error & (model.allColsInLP() and not model.isExact())
    # Proof that a child is pruned: SCIP says so, or a valid (not iteration-limited) bound
    # reaches the cutoff. Both children of one candidate proven so: the node is infeasible.
    down_proven = (down_inf | (has_cutoff & bounds.down_valid & (down >= cutoff))) & trusted
    up_proven = (up_inf | (has_cutoff & bounds.up_valid & (up >= cutoff))) & trusted
    if has_cutoff:
        # A child whose dual bound reaches the cutoff is pruned as soon as it is created.
        usable = ~lp_error & np.isfinite(down) & np.isfinite(up)
        down_inf |= usable & (down >= cutoff)
        up_inf |= usable & (up >= cutoff)
    # Invalid bounds (iteration limit hit) are estimates: SCIP's own rules use them as such.
    down_gains = dual_bound_gains(down, lp_objective, ~lp_error)
    up_gains = dual_bound_gains(up, lp_objective, ~lp_error)
    down_inf &= ~lp_error
    up_inf &= ~lp_error
    cutoff_gain = None
    if infeasible_scoring == "cutoff-gain" and has_cutoff and math.isfinite(lp_objective):
        cutoff_gain = cutoff - lp_objective
    scores = product_scores(down_gains, up_gains, down_inf, up_inf, epsilon, cutoff_gain)
    return StrongBranchingScores(
        lp_objective=lp_objective,
        down_gains=down_gains,
        up_gains=up_gains,
        down_infeasible=down_inf,
        up_infeasible=up_inf,
        scores=scores,
        down_proven=down_proven,
        up_proven=up_proven,
        down_valid=bounds.down_valid & trusted & (np.abs(down) < 1e20),
        up_valid=bounds.up_valid & trusted & (np.abs(up) < 1e20),
        lp_error=lp_error.copy(),
        scored=np.ones(len(lp_error), dtype=bool),
        cpu_seconds=bounds.cpu_seconds,
    )


class StrongBranchingRule(Branchrule):
    """Full strong branching, with pseudocost exploration and optional sample recording.

    Parameters
    ----------
    config
        Expert settings.
    rng
        Random source of the exploration and recording draws (explicit for reproducibility).
    observation
        Observation function for recorded samples; None records nothing (benchmark use).

    Attributes
    ----------
    samples : list of gnn.dataset.BranchingSample
        Recorded samples, in the order visited.
    n_calls, n_expert, n_explored, n_recorded, n_failed, n_cutoff, n_unlabelled : int
        Counters: branching calls, nodes the expert decided (branched or cut off), exploration
        branchings, recorded samples, calls that failed (handed back to SCIP with DIDNOTRUN),
        nodes cut off because a candidate's children were both infeasible, and nodes drawn
        for recording that gave no sample because their scores were no label
        (:attr:`StrongBranchingScores.labelled`).
    history : GainHistory
        Strong branching gains seen so far (kept only for the ``"history"`` pre-selection).
    stopped_by_sample_limit : bool
        True once ``config.max_samples`` was reached and the solve interrupted.
    strong_branching_seconds, observation_seconds : float
        Time spent strong branching and extracting observations.
    """

    def __init__(
        self,
        config: StrongBranchingConfig | None = None,
        rng: np.random.Generator | int | None = None,
        observation: NodeObservation | None = None,
    ) -> None:
        super().__init__()
        self.config = config if config is not None else StrongBranchingConfig()
        self.rng = np.random.default_rng(rng)
        self.observation = observation
        self.samples: list[BranchingSample] = []
        self.n_calls = 0
        self.n_expert = 0
        self.n_explored = 0
        self.n_recorded = 0
        self.n_failed = 0
        self.n_cutoff = 0
        self.n_unlabelled = 0
        self.stopped_by_sample_limit = False
        self.strong_branching_seconds = 0.0
        self.observation_seconds = 0.0
        self._failure_logged = False
        self.history = GainHistory()

    # SCIP calls these when the node LP is not solved; SCIP's own rules handle those nodes.
    def branchexecps(self, allowaddcons: bool) -> dict[str, Any]:
        return {"result": SCIP_RESULT.DIDNOTRUN}

    def branchexecext(self, allowaddcons: bool) -> dict[str, Any]:
        return {"result": SCIP_RESULT.DIDNOTRUN}

    def branchexeclp(self, allowaddcons: bool) -> dict[str, Any]:
        try:
            return {"result": self._branch()}
        except Exception:  # a callback must never abort the solve
            self.n_failed += 1
            if not self._failure_logged:
                self._failure_logged = True
                logger.exception("strong branching failed; SCIP's own rules take over this node")
            return {"result": SCIP_RESULT.DIDNOTRUN}

    def _branch(self) -> Any:
        model = self.model
        self.n_calls += 1
        variables, solution_values, _, _, n_priority, _ = model.getLPBranchCands()
        candidates = variables[:n_priority]
        if not candidates:
            return SCIP_RESULT.DIDNOTRUN
        if self.config.explore_prob > 0.0 and self.rng.random() < self.config.explore_prob:
            pseudocost = [
                model.getVarPseudocostScore(var, value)
                for var, value in zip(candidates, solution_values[:n_priority], strict=True)
            ]
            model.branchVar(candidates[int(np.argmax(pseudocost))])
            self.n_explored += 1
            return SCIP_RESULT.BRANCHED

        graph = None
        if self.observation is not None and self.rng.random() < self.config.record_prob:
            # Observe before strong branching, so the graph is exactly the node's LP state.
            start = time.perf_counter()
            graph = self.observation.extract(model)
            self.observation_seconds += time.perf_counter() - start
        start = time.perf_counter()
        scores = strong_branch(
            model,
            candidates,
            self.config.iteration_limit,
            self.config.score_epsilon,
            self.config.infeasible_scoring,
            scored=self._preselection(candidates, solution_values[:n_priority]),
        )
        self.strong_branching_seconds += time.perf_counter() - start
        if self.config.candidate_limit is not None and self.config.preselection == "history":
            cutoff = model.getCutoffbound()
            cutoff_gain = None if model.isInfinity(cutoff) else cutoff - scores.lp_objective
            self.history.update(candidates, solution_values[:n_priority], scores, cutoff_gain)
        if graph is not None and scores.labelled:
            self._record(graph, candidates, scores)
        elif graph is not None:
            self.n_unlabelled += 1
        self.n_expert += 1
        limit = self.config.max_samples
        if limit is not None and self.n_recorded >= limit and not self.stopped_by_sample_limit:
            self.stopped_by_sample_limit = True
            model.interruptSolve()
        if self.config.cut_off_infeasible_nodes and scores.node_infeasible:
            self.n_cutoff += 1
            return SCIP_RESULT.CUTOFF
        model.branchVar(candidates[scores.best])
        return SCIP_RESULT.BRANCHED

    def _preselection(
        self, candidates: Sequence[pyscipopt.Variable], values: Sequence[float]
    ) -> np.ndarray | None:
        """Mask of the candidates to strong-branch on; None: all (no ``candidate_limit``, or
        no fewer candidates than it and ``random_candidates`` together)."""
        config = self.config
        limit = config.candidate_limit
        if limit is None or limit + config.random_candidates >= len(candidates):
            return None
        ranking = ranking_scores(self.model, candidates, values, config, self.history)
        return preselect(ranking, limit, config.random_candidates, self.rng)

    def _record(
        self,
        graph: BipartiteGraph,
        candidates: Sequence[pyscipopt.Variable],
        scores: StrongBranchingScores,
    ) -> None:
        rows = np.array([var.getCol().getLPPos() for var in candidates], dtype=np.int64)
        if rows.min() < 0 or rows.max() >= graph.n_variables:
            raise ValueError(
                f"candidate LP positions {rows.min()}..{rows.max()} fall outside the observation's "
                f"{graph.n_variables} variable rows"
            )
        # The dataset module batches with PyG: imported only when samples are recorded, not by
        # the learned rule's shortlist, which uses this module's scoring on the solve path.
        from gnn.dataset import BranchingSample

        node = self.model.getCurrentNode()
        self.samples.append(
            BranchingSample(
                graph=graph,
                candidates=rows,
                candidate_scores=scores.scores,
                expert_index=scores.best,
                node_number=int(node.getNumber()),
                depth=int(node.getDepth()),
                lp_objective=scores.lp_objective,
                down_gains=scores.down_gains,
                up_gains=scores.up_gains,
                down_infeasible=scores.down_infeasible,
                up_infeasible=scores.up_infeasible,
                candidate_scored=scores.scored,
            )
        )
        self.n_recorded += 1


def include_strong_branching(
    model: pyscipopt.Model,
    config: StrongBranchingConfig | None = None,
    rng: np.random.Generator | int | None = None,
    observation: NodeObservation | None = None,
    priority: int = 1_000_000,
) -> StrongBranchingRule:
    """Include a :class:`StrongBranchingRule` in ``model`` ahead of SCIP's own rules.

    Parameters
    ----------
    model
        A model not yet solving.
    config, rng, observation
        See :class:`StrongBranchingRule`.
    priority
        Branching rule priority (SCIP's default rule, relpscost, has 10000).

    Returns
    -------
    StrongBranchingRule
        The included rule, to read its counters and samples after the solve.
    """
    rule = StrongBranchingRule(config, rng, observation)
    model.includeBranchrule(
        rule,
        "neuralmip_strongbranching",
        "full strong branching (expert of learned branching), optionally recording samples",
        priority=priority,
        maxdepth=-1,
        maxbounddist=1.0,
    )
    return rule
