"""Neural Diving: a primal heuristic that fixes the variables a network is sure about.

At the root, before its LP (or after its first LP: ``NeuralDivingConfig.start``),
:class:`NeuralDiving` asks a policy for a predicted value and a confidence per binary variable
(over the static graph of the *original* problem, the graph the policy was trained on). Then,
for each coverage level, highest first, it fixes that fraction of the binaries to their
predicted values (or, in soft mode, constrains the sub-MIP to a local-branching ball around
them), solves the sub-MIP under node and time limits taken from the main solve's remaining time,
and hands each new best solution of the sub-MIP to SCIP with ``trySol`` as soon as the sub-MIP
finds it (its other solutions cannot improve the incumbent). A wrong prediction costs time,
never correctness: SCIP checks each solution against the original problem.

After the dive it can refine (``NeuralDivingConfig.refine_calls``): each new incumbent the
root's LP loop sees is searched once, in a sub-MIP that fixes the binaries on which the
incumbent, the prediction and the LP solution agree (RINS's neighbourhood, narrowed by the
network's confidence).

The heuristic works in named steps: the dive (:meth:`NeuralDiving._dive`), the refinements
(:meth:`NeuralDiving._refine`), both solving their coverage levels in order within one budget
(:meth:`NeuralDiving._solve_levels`), each level one sub-MIP (:meth:`NeuralDiving._solve_submip`:
a quiet copy, restricted to the level's neighbourhood, whose improving solutions are handed on).

Why sub-MIPs are copies of the *original* problem (``Model(sourceModel=m, origcopy=True)``):
predictions are indexed by original variables, the copy keeps their names (no presolve
aggregation to undo), solutions come back as original-space solutions (``createOrigSol``) that
SCIP checks in full, and on a 300 x 600 set cover the copy took 2-3 ms while solving, against
about 0.6 s for a copy of the transformed problem of a 500 x 1000 one (NOTES-scip.md).
``copyLargeNeighborhoodSearch`` is not used: it is unsafe while solving in PySCIPOpt 6.3.

The prediction is bounded in time (:mod:`gnn.bounded`): by the main solve's remaining time, so a
prediction in flight when the limit comes does not hold the solve past it, and by
``inference_timeout_seconds``. A prediction past its bound is left running on a worker thread
and the heuristic stands down for the rest of the solve.
"""

from __future__ import annotations

import gc
import logging
import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pyscipopt
from pyscipopt import (
    SCIP_EVENTTYPE,
    SCIP_HEURTIMING,
    SCIP_LPSOLSTAT,
    SCIP_PARAMSETTING,
    SCIP_RESULT,
    SCIP_STAGE,
    Eventhdlr,
    Heur,
)

from gnn.bounded import BoundedCaller
from gnn.graph import BipartiteGraph
from gnn.observation.protocol import ObservationFunction
from solver.time_budget import call_bound, remaining_seconds, solve_clock

if TYPE_CHECKING:
    from gnn.observation.milp import MilpObservation

__all__ = [
    "DivingPredictor",
    "NeuralDiving",
    "NeuralDivingConfig",
    "NeuralDivingStats",
    "DIVING_STARTS",
    "SUBMIP_SETTINGS",
    "apply_submip_settings",
    "include_neural_diving",
]

logger = logging.getLogger(__name__)

#: How a sub-MIP is set up before ``submip_params``: ``"default"`` leaves SCIP's defaults;
#: ``"lns"`` uses what SCIP's own large neighbourhood heuristics (RINS, RENS) set in their
#: sub-SCIPs: no cutting planes, fast presolving and heuristics, no conflict analysis,
#: inference branching and best-estimate node selection. A sub-MIP only needs good solutions
#: soon, not a proof.
SUBMIP_SETTINGS = ("default", "lns")

#: When the heuristic first dives: ``"after_first_lp"``, inside the root's cutting loop after
#: its first LP (SCIP's rounding heuristics have then found an incumbent, which the sub-MIPs
#: must beat); ``"before_root_lp"``, when the root node starts, before its LP: the prediction
#: needs no LP, and where the root LP is slow the dive's solutions come that much sooner.
DIVING_STARTS = ("after_first_lp", "before_root_lp")

_START_TIMINGS = {
    "after_first_lp": SCIP_HEURTIMING.DURINGLPLOOP | SCIP_HEURTIMING.AFTERLPNODE,
    # The later timings stay: if the first call does not dive, a later one still may.
    "before_root_lp": SCIP_HEURTIMING.BEFORENODE
    | SCIP_HEURTIMING.DURINGLPLOOP
    | SCIP_HEURTIMING.AFTERLPNODE,
}

#: Priority that puts a branching rule or node selector ahead of SCIP's defaults (SCIP's
#: LNS heuristics use INT_MAX / 4).
_FIRST_PRIORITY = 536_870_911


def apply_submip_settings(sub: pyscipopt.Model, settings: str) -> None:
    """Set up ``sub`` as :data:`SUBMIP_SETTINGS` describes ``settings``."""
    if settings == "default":
        return
    if settings != "lns":
        raise ValueError(f"unknown sub-MIP settings {settings!r}; known: {SUBMIP_SETTINGS}")
    sub.setSeparating(SCIP_PARAMSETTING.OFF)
    sub.setPresolve(SCIP_PARAMSETTING.FAST)
    sub.setHeuristics(SCIP_PARAMSETTING.FAST)
    sub.setParam("conflict/enable", False)
    sub.setParam("branching/inference/priority", _FIRST_PRIORITY)
    sub.setParam("nodeselection/estimate/stdpriority", _FIRST_PRIORITY)


class DivingPredictor(Protocol):
    """What the heuristic needs from a policy (e.g. :class:`gnn.diving.DivingPolicy`)."""

    def predict(self, graph: BipartiteGraph) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(probability_one, confidence)``, both ``(n_variables,)`` floats in [0, 1]."""
        ...


@dataclass(frozen=True)
class NeuralDivingConfig:
    """Settings of the neural diving heuristic.

    How the defaults were chosen, with the measurements, is in ``solver/models/README.md``
    ("Why the plugins' defaults are what they are")."""

    coverages: tuple[float, ...] = (0.9, 0.8, 0.7, 0.5, 0.3)
    """Fractions of the binary variables the dive fixes (most confident first), one sub-MIP
    per level, tried in this order; each later level starts from the incumbent the earlier
    ones improved. Default: ``(0.9, 0.8, 0.7, 0.5, 0.3)``."""
    soft: bool = False
    """If True, do not fix: add a local-branching constraint allowing ``soft_radius`` flips.
    Default: False."""
    soft_radius: float = 0.1
    """In soft mode, the fraction of the selected variables allowed to differ from the
    prediction. Default: 0.1."""
    time_fraction: float = 0.1
    """Share of the main solve's remaining time that all sub-MIPs of one call may use, in
    seconds of the main solve's clock (``timing/clocktype``), which the sub-MIPs copy.
    Default: 0.1."""
    max_total_seconds: float = 2.0
    """Upper bound on that share, seconds (the root waits while the sub-MIPs run). It bounds
    the sub-MIPs' own clocks; reading the graph, predicting, and copying and freeing each
    sub-MIP come on top. Default: 2.0."""
    max_dive_seconds: float | None = None
    """Upper bound on the dive's share (the first call), seconds; refinements keep
    ``max_total_seconds``. Default: None (``max_total_seconds``)."""
    max_submip_seconds: float = 2.0
    """Upper bound on one sub-MIP's time limit, seconds. Levels run in order, each with what
    is left of the call's budget up to this bound. Default: 2.0."""
    min_submip_seconds: float = 0.05
    """A sub-MIP with less time than this is not started. Default: 0.05."""
    submip_node_limit: int = 5000
    """Node limit of each sub-MIP (``limits/nodes``; -1: none). Default: 5000."""
    safety_seconds: float = 0.25
    """Time kept back from the main solve's limit (the copy and its set-up are not limited).
    Default: 0.25."""
    max_calls: int = 1
    """How many times per solve the heuristic dives (the root may call it again after a
    restart). Default: 1."""
    relay_solutions: bool = True
    """If True, hand each new best solution of a sub-MIP to the main solve when it is found;
    otherwise its best solution is handed on when it ends. Default: True."""
    stop_at_first_solution: bool = False
    """If True, stop trying coverage levels once one sub-MIP improved the incumbent; otherwise
    the lower levels run too, with the improved incumbent as their objective limit.
    Default: False."""
    refine_calls: int = 0
    """How many times, after the dive, the heuristic searches around the incumbent (0: never).

    A refinement runs when the root has an LP solution and an incumbent it has not refined
    yet (SCIP calls the heuristic after each LP of the root's cutting loop; with
    :attr:`refine_frequency`, at nodes of the tree too). It fixes the binaries on which the
    incumbent, the prediction and, with ``refine_uses_lp``, the LP solution agree, most
    confident first (:attr:`refine_coverages`), and solves the rest as a sub-MIP that must
    beat the incumbent: RINS's neighbourhood, narrowed to where the network agrees.
    Default: 0 (a model set's manifest may set it)."""
    refine_coverages: tuple[float, ...] = (0.9, 0.8, 0.7)
    """Fractions of the binary variables a refinement fixes, tried in this order; each level
    fixes at most the binaries on which all agree. Default: ``(0.9, 0.8, 0.7)``."""
    refine_uses_lp: bool = True
    """If True, a refinement fixes only binaries whose LP value equals the incumbent's too.
    Default: True."""
    refine_frequency: int = 0
    """Depth frequency of the heuristic's calls, SCIP's ``heuristics/<name>/freq`` (0: the
    root only). With ``k > 0`` SCIP also calls it at the tree's nodes of depth 0, k, 2k, ...,
    where it refines each new incumbent the search found, until ``refine_calls`` have run; a
    call with nothing new to refine returns at once. Default: 0."""
    seed: int = 0
    """Random seed shift of the sub-MIPs. Default: 0."""
    submip_stall_nodes: int = 500
    """A sub-MIP stops after this many nodes without a better solution (``limits/stallnodes``;
    -1: no limit). Default: 500."""
    start: str = "before_root_lp"
    """When the heuristic first dives (:data:`DIVING_STARTS`). Default: ``"before_root_lp"``."""
    submip_settings: str = "lns"
    """How each sub-MIP is set up (:data:`SUBMIP_SETTINGS`), before ``submip_params``.
    Default: ``"lns"``."""
    submip_params: Mapping[str, Any] = field(default_factory=dict)
    """Extra SCIP parameters for each sub-MIP. Default: none."""
    inference_timeout_seconds: float | None = 30.0
    """Longest wait for the prediction, seconds (None: bounded only by the time limit); a
    prediction that takes longer is abandoned and SCIP goes on without diving. Default: 30.0."""

    def __post_init__(self) -> None:
        # A list (from TOML or JSON) would make the frozen config unhashable.
        object.__setattr__(self, "coverages", tuple(self.coverages))
        object.__setattr__(self, "refine_coverages", tuple(self.refine_coverages))
        for name in ("coverages", "refine_coverages"):
            levels = getattr(self, name)
            if not levels or any(not 0.0 < c <= 1.0 for c in levels):
                raise ValueError(f"{name} must be non-empty fractions in (0, 1], got {levels}")
        for name in ("refine_calls", "refine_frequency"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)}")
        if self.start not in DIVING_STARTS:
            raise ValueError(f"start must be one of {DIVING_STARTS}, got {self.start!r}")
        if self.submip_settings not in SUBMIP_SETTINGS:
            raise ValueError(
                f"submip_settings must be one of {SUBMIP_SETTINGS}, got {self.submip_settings!r}"
            )
        for name in ("submip_node_limit", "submip_stall_nodes"):
            if getattr(self, name) < -1:
                raise ValueError(f"{name} must be >= -1 (-1: no limit), got {getattr(self, name)}")
        if not 0.0 < self.time_fraction <= 1.0:
            raise ValueError(f"time_fraction must be in (0, 1], got {self.time_fraction}")
        if not self.max_total_seconds > 0.0:
            raise ValueError(f"max_total_seconds must be positive, got {self.max_total_seconds}")
        if self.max_dive_seconds is not None and not self.max_dive_seconds > 0.0:
            raise ValueError(f"max_dive_seconds must be positive, got {self.max_dive_seconds}")
        if not 0.0 <= self.soft_radius <= 1.0:
            raise ValueError(f"soft_radius must be in [0, 1], got {self.soft_radius}")
        timeout = self.inference_timeout_seconds
        if timeout is not None and not timeout > 0:
            raise ValueError(f"inference_timeout_seconds must be > 0 or None, got {timeout}")


@dataclass
class NeuralDivingStats:
    """What the heuristic spent and found in one solve (read by benchmarks).

    Seconds are measured as the solve's clock measures them (``timing/clocktype``): this
    process's CPU time on SCIP's CPU clock, wall time on its default clock.
    """

    n_calls: int = 0
    """Dives that ran (not counting DIDNOTRUN because of ``max_calls`` or time); refinements
    are counted in ``n_refinements``."""
    n_submips: int = 0
    """Sub-MIPs solved."""
    n_refinements: int = 0
    """Refinements around the incumbent that ran (``NeuralDivingConfig.refine_calls``)."""
    n_solutions_tried: int = 0
    """Sub-MIP solutions handed to ``trySol``."""
    n_solutions_accepted: int = 0
    """Solutions SCIP stored (``trySol`` returned True: kept in its solution pool)."""
    n_improving: int = 0
    """Accepted solutions that improved the incumbent."""
    extraction_seconds: float = 0.0
    """Time spent extracting the static graph and listing the binaries (at the first call, on
    the solve's clock)."""
    inference_seconds: float = 0.0
    """Time spent in the policy's forward pass."""
    submip_seconds: float = 0.0
    """Time spent copying, fixing and solving sub-MIPs."""
    first_call_time: float | None = None
    """Main-solve time (seconds) when the heuristic first ran."""
    first_solution_time: float | None = None
    """Main-solve time (seconds) when the heuristic's first accepted solution was submitted."""
    best_objective: float | None = None
    """Best objective among accepted solutions (original space)."""
    submip_status: list[str] = field(default_factory=list)
    """SCIP status of each sub-MIP, in order, with its coverage level (``r`` before it: a
    refinement's)."""
    error: str | None = None
    """The first failure, if any (the callback then returned DIDNOTRUN)."""

    @property
    def total_seconds(self) -> float:
        """Everything the heuristic cost: extraction, inference and sub-MIPs."""
        return self.extraction_seconds + self.inference_seconds + self.submip_seconds

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly copy, with ``total_seconds``."""
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out["submip_status"] = list(self.submip_status)
        out["total_seconds"] = self.total_seconds
        return out


def _is_binary(var: pyscipopt.Variable) -> bool:
    vtype = var.vtype()
    if vtype == "BINARY":
        return True
    if vtype in ("INTEGER", "IMPLINT"):
        return var.getLbOriginal() >= -0.5 and var.getUbOriginal() <= 1.5
    return False


class NeuralDiving(Heur):
    """The neural diving heuristic (register it with :func:`include_neural_diving`).

    Parameters
    ----------
    policy
        Predicts per-variable values and confidences from a static graph.
    observation
        Reads the static graph of the original problem and its variables in row order, at the
        heuristic's first call (while SCIP solves: e.g. ``MilpBipartite(original=True)``).
    config
        Heuristic settings.

    Attributes
    ----------
    stats : NeuralDivingStats
        Its cost and its finds in the current solve.
    """

    def __init__(
        self,
        policy: DivingPredictor,
        observation: ObservationFunction[MilpObservation],
        config: NeuralDivingConfig | None = None,
    ) -> None:
        super().__init__()
        self.policy = policy
        self.observation = observation
        self.config = config or NeuralDivingConfig()
        self.stats = NeuralDivingStats()
        self.graph: BipartiteGraph | None = None
        self.variable_names: list[str] = []
        self._variables_of_graph: tuple[dict[str, pyscipopt.Variable], np.ndarray] | None = None
        self._prediction: tuple[np.ndarray, np.ndarray] | None = None
        self._refined_objective: float | None = None
        self._failed = False
        self._caller = BoundedCaller(name="neuralmip-diving-inference")

    # SCIP callbacks -------------------------------------------------------------------------
    def heurinitsol(self) -> None:
        """Tell the observation function a solve starts; a failure leaves the solve to SCIP."""
        try:
            self.observation.before_reset(self.model)
        except Exception as error:  # a plugin must never abort the solve
            self._fail(error)

    def heurexitsol(self) -> None:
        """End the inference worker thread with the solve (a stalled call ends it later)."""
        self._caller.close()

    def heurexec(self, heurtiming: Any, nodeinfeasible: bool) -> dict[str, Any]:
        """Run the dive; any failure is logged once and answered with DIDNOTRUN."""
        try:
            with _collector_paused():
                return {"result": self._execute(heurtiming)}
        except Exception as error:  # a plugin must never abort the solve
            self._fail(error)
            return {"result": SCIP_RESULT.DIDNOTRUN}

    def _fail(self, error: Exception) -> None:
        """Record and log the first failure; the heuristic does not run again in this solve."""
        if not self._failed:
            self._failed = True
            self.stats.error = f"{type(error).__name__}: {error}"
            logger.warning("neural diving failed, SCIP continues without it: %s", self.stats.error)

    # The work -------------------------------------------------------------------------------
    def _remaining_seconds(self) -> float:
        return remaining_seconds(self.model) - self.config.safety_seconds

    def _inference_bound(self) -> float | None:
        """Seconds the prediction may take: the main solve's time left, the per-call limit."""
        return call_bound(self.model, self.config.inference_timeout_seconds)

    def _execute(self, heurtiming: Any) -> Any:
        if self._failed or self._remaining_seconds() < self.config.min_submip_seconds:
            return SCIP_RESULT.DIDNOTRUN
        if self.stats.n_calls < self.config.max_calls:
            return self._dive()
        return self._refine(heurtiming)

    def _dive(self) -> Any:
        """Fix the most confident binaries to their predicted values, level by level."""
        config = self.config
        originals, binaries = self._variables()
        if binaries.size == 0:
            return SCIP_RESULT.DIDNOTRUN
        self.stats.n_calls += 1
        predicted = self._predicted_values()
        order = self._most_confident_first(binaries)
        ranked = [self.variable_names[r] for r in order]
        values = {self.variable_names[r]: predicted[r] for r in order}
        levels = [
            (f"{coverage:g}", ranked[: max(1, int(round(coverage * len(ranked))))])
            for coverage in config.coverages
        ]
        max_seconds = config.max_total_seconds
        if config.max_dive_seconds is not None:
            max_seconds = config.max_dive_seconds
        return self._solve_levels(originals, levels, values, max_seconds)

    def _refine(self, heurtiming: Any) -> Any:
        """Search around the incumbent where incumbent, prediction (and LP) agree."""
        incumbent = self._incumbent_to_refine(heurtiming)
        if incumbent is None:
            return SCIP_RESULT.DIDNOTRUN
        originals, binaries = self._variables()
        if binaries.size == 0:
            return SCIP_RESULT.DIDNOTRUN
        self._refined_objective = self.model.getSolObjVal(incumbent)
        self.stats.n_refinements += 1
        agreeing, values = self._agreeing_binaries(incumbent, originals, binaries)
        levels = self._refinement_levels(agreeing, binaries.size)
        if not levels:
            return SCIP_RESULT.DIDNOTFIND
        return self._solve_levels(originals, levels, values, self.config.max_total_seconds)

    def _incumbent_to_refine(self, heurtiming: Any) -> Any:
        """The incumbent a refinement would search around now, or None when none is due: all
        refinements ran, there is no incumbent, the LP solution it needs is missing, or this
        incumbent's neighbourhood has been searched."""
        model, config = self.model, self.config
        if (
            self.stats.n_refinements >= config.refine_calls
            or model.getNSols() == 0
            or (
                config.refine_uses_lp
                and (
                    heurtiming == SCIP_HEURTIMING.BEFORENODE
                    or model.getLPSolstat() != SCIP_LPSOLSTAT.OPTIMAL
                )
            )
        ):
            return None
        incumbent = model.getBestSol()
        if self._refined_objective is not None and model.isEQ(
            model.getSolObjVal(incumbent), self._refined_objective
        ):
            return None
        return incumbent

    def _agreeing_binaries(
        self, incumbent: Any, originals: Mapping[str, pyscipopt.Variable], binaries: np.ndarray
    ) -> tuple[list[str], dict[str, float]]:
        """The binaries on which the incumbent and the prediction (and, with
        ``refine_uses_lp``, the LP solution) agree, most confident first, and their values."""
        model = self.model
        predicted = self._predicted_values()
        agreeing, values = [], {}
        for row in self._most_confident_first(binaries):
            name = self.variable_names[row]
            var = originals[name]
            value = float(round(model.getSolVal(incumbent, var)))
            if value != predicted[row]:
                continue
            if self.config.refine_uses_lp and not model.isFeasEQ(model.getSolVal(None, var), value):
                continue
            agreeing.append(name)
            values[name] = value
        return agreeing, values

    def _refinement_levels(
        self, agreeing: Sequence[str], n_binaries: int
    ) -> list[tuple[str, Sequence[str]]]:
        """One ``(label, variables to fix)`` per distinct refinement coverage level."""
        levels, previous = [], 0
        for coverage in self.config.refine_coverages:
            n_fix = min(len(agreeing), int(round(coverage * n_binaries)))
            if 0 < n_fix != previous:  # an equal count would search the same neighbourhood
                levels.append((f"r{coverage:g}", agreeing[:n_fix]))
                previous = n_fix
        return levels

    def _variables(self) -> tuple[dict[str, pyscipopt.Variable], np.ndarray]:
        """The original variables by name, and the graph rows of the binary ones.

        The graph is read at the first call, not when the heuristic is included: the solve's
        clock then counts it, and a solve that never calls the heuristic never pays for it.
        The original problem does not change while it is solved (a restart transforms it
        anew), so both are kept for the later calls.
        """
        if self._variables_of_graph is None:
            model = self.model
            clock = solve_clock(model)
            start = clock()
            graph, variables = _split_observation(self.observation.extract(model))
            self.graph, self.variable_names = graph, [var.name for var in variables]
            originals = {var.name: var for var in model.getVars(transformed=False)}
            binaries = np.asarray(
                [
                    row
                    for row, name in enumerate(self.variable_names)
                    if name in originals and _is_binary(originals[name])
                ],
                dtype=np.int64,
            )
            self._variables_of_graph = (originals, binaries)
            self.stats.extraction_seconds = clock() - start
        return self._variables_of_graph

    def _predict(self) -> tuple[np.ndarray, np.ndarray]:
        """The policy's ``(probability_one, confidence)``, predicted once per solve."""
        model = self.model
        if self.stats.first_call_time is None:
            self.stats.first_call_time = model.getSolvingTime()
        if self._prediction is not None:
            return self._prediction
        # The stats measure what the solve's clock measures: budgets are on that clock, and a
        # benchmark on SCIP's CPU clock compares the heuristic's cost to the solve's.
        clock = solve_clock(model)
        start = clock()
        probability, confidence = self._caller.call(
            self.policy.predict, self.graph, timeout=self._inference_bound()
        )
        self.stats.inference_seconds += clock() - start
        probability = np.asarray(probability, dtype=np.float64).reshape(-1)
        confidence = np.asarray(confidence, dtype=np.float64).reshape(-1)
        if (
            probability.shape != (len(self.variable_names),)
            or confidence.shape != probability.shape
        ):
            raise ValueError(
                f"policy returned shapes {probability.shape} and {confidence.shape} for "
                f"{len(self.variable_names)} variables"
            )
        if not (np.isfinite(probability).all() and np.isfinite(confidence).all()):
            raise ValueError("policy returned non-finite predictions")
        self._prediction = (probability, confidence)
        return self._prediction

    def _predicted_values(self) -> list[float]:
        """The predicted value of each graph row: 1.0 where the probability of 1 is >= 0.5."""
        probability, _ = self._predict()
        return (probability >= 0.5).astype(np.float64).tolist()

    def _most_confident_first(self, rows: np.ndarray) -> np.ndarray:
        """``rows`` by confidence, highest first; ties broken by row, so the order is fixed."""
        assert self._prediction is not None
        _, confidence = self._prediction
        return rows[np.lexsort((rows, -confidence[rows]))]

    def _solve_levels(
        self,
        originals: Mapping[str, pyscipopt.Variable],
        levels: Sequence[tuple[str, Sequence[str]]],
        values: Mapping[str, float],
        max_seconds: float,
    ) -> Any:
        """Solve one sub-MIP per ``(label, variables to fix)`` in order, within one budget.

        The budget is the configured share of the main solve's remaining time, at most
        ``max_seconds``.
        """
        model, config = self.model, self.config
        remaining = self._remaining_seconds()
        budget = (
            min(remaining, remaining * config.time_fraction)
            if math.isfinite(remaining)
            else (config.max_submip_seconds * len(levels))
        )
        budget = min(budget, max_seconds)
        deadline = model.getSolvingTime() + budget
        found = False
        for label, selected in levels:
            left = deadline - model.getSolvingTime()
            per_submip = min(config.max_submip_seconds, left, self._remaining_seconds())
            if per_submip < config.min_submip_seconds:
                break
            improving_before = self.stats.n_improving
            accepted = self._solve_submip(originals, selected, values, per_submip, label)
            found = found or accepted > 0
            # A solution SCIP keeps in its pool need not beat the incumbent: only an
            # improvement makes the lower coverage levels not worth their time.
            if config.stop_at_first_solution and self.stats.n_improving > improving_before:
                break
        return SCIP_RESULT.FOUNDSOL if found else SCIP_RESULT.DIDNOTFIND

    def _solve_submip(
        self,
        originals: Mapping[str, pyscipopt.Variable],
        selected: Sequence[str],
        values: Mapping[str, float],
        time_limit: float,
        label: str,
    ) -> int:
        """Solve one sub-MIP; return the number of its solutions SCIP accepted.

        The sub-MIP is a quiet copy of the original problem (:func:`_new_submip`), restricted
        to the neighbourhood of ``selected`` (:meth:`_restrict`); its improving solutions are
        handed to the main solve as found and when it ends.
        """
        model, config = self.model, self.config
        clock = solve_clock(model)
        start = clock()
        sub = _new_submip(model, config, time_limit)
        try:
            sub_vars = {var.name: var for var in sub.getVars()}
            self._restrict(sub, sub_vars, selected, values)
            relay = _BestSolutionRelay(
                lambda solution: self._try_solution(sub, sub_vars, solution, originals)
            )
            if config.relay_solutions:
                sub.includeEventhdlr(relay, "neuraldiving-relay", "hands new best solutions on")
            sub.optimize()
            self.stats.n_submips += 1
            self.stats.submip_status.append(f"{label}:{sub.getStatus()}")
            return relay.n_accepted + self._hand_back_best(sub, sub_vars, originals)
        finally:
            sub.freeProb()
            self.stats.submip_seconds += clock() - start

    def _restrict(
        self,
        sub: pyscipopt.Model,
        sub_vars: Mapping[str, pyscipopt.Variable],
        selected: Sequence[str],
        values: Mapping[str, float],
    ) -> None:
        """Fix ``selected`` to ``values`` in ``sub`` (soft mode: bound how many may differ),
        and let it look only for solutions better than the main solve's incumbent."""
        model = self.model
        if self.config.soft:
            self._add_trust_region(sub, sub_vars, selected, values)
        else:
            for name in selected:
                var = sub_vars.get(name)
                if var is not None:
                    sub.chgVarLb(var, values[name])
                    sub.chgVarUb(var, values[name])
        primal_bound = model.getPrimalbound()
        if model.getNSols() > 0 and math.isfinite(primal_bound) and abs(primal_bound) < 1e19:
            sub.setObjlimit(primal_bound)

    def _hand_back_best(
        self,
        sub: pyscipopt.Model,
        sub_vars: Mapping[str, pyscipopt.Variable],
        originals: Mapping[str, pyscipopt.Variable],
    ) -> int:
        """Hand the main solve the sub-MIP's best solution that beats its incumbent, if any.

        Only an improving solution is worth its check: the sub-MIP's pool holds up to 100
        solutions, and handing each to the main solve checks it against the whole original
        problem. On facility location (10,000-20,000 variables) that took 0.8-1.5 s a call,
        beyond the sub-MIPs' time limits, for solutions that improved nothing. With
        ``relay_solutions`` the sub-MIP's best has normally been handed on already, and then
        nothing is left to try. Solutions come best first; the first one the main solve accepts
        ends the search (the next is worse than it).
        """
        for sub_solution in sub.getSols():
            if not self._improves_incumbent(sub.getSolObjVal(sub_solution)):
                return 0
            if self._try_solution(sub, sub_vars, sub_solution, originals):
                return 1
        return 0

    def _improves_incumbent(self, objective: float) -> bool:
        """Whether ``objective`` (original space) is better than the main solve's incumbent."""
        model = self.model
        if model.getNSols() == 0:
            return True
        incumbent = model.getPrimalbound()
        if model.getObjectiveSense() == "minimize":
            return model.isLT(objective, incumbent)
        return model.isGT(objective, incumbent)

    def _add_trust_region(
        self,
        sub: pyscipopt.Model,
        sub_vars: Mapping[str, pyscipopt.Variable],
        selected: Sequence[str],
        values: Mapping[str, float],
    ) -> None:
        """Local branching: at most ``soft_radius * len(selected)`` selected variables flip."""
        terms = []
        n_ones = 0
        for name in selected:
            var = sub_vars.get(name)
            if var is None:
                continue
            if values[name] >= 0.5:
                terms.append(-1.0 * var)  # distance 1 - x
                n_ones += 1
            else:
                terms.append(var)
        if not terms:
            return
        radius = math.floor(self.config.soft_radius * len(terms))
        sub.addCons(pyscipopt.quicksum(terms) + n_ones <= radius, name="neural_diving_trust_region")

    def _try_solution(
        self,
        sub: pyscipopt.Model,
        sub_vars: Mapping[str, pyscipopt.Variable],
        sub_solution: Any,
        originals: Mapping[str, pyscipopt.Variable],
    ) -> int:
        model = self.model
        solution = model.createOrigSol(self)
        for name, var in originals.items():
            sub_var = sub_vars.get(name)
            if sub_var is None:
                model.freeSol(solution)
                return 0
            model.setSolVal(solution, var, sub.getSolVal(sub_solution, sub_var))
        objective = float(model.getSolObjVal(solution, original=True))
        improving = self._improves_incumbent(objective)
        self.stats.n_solutions_tried += 1
        if not model.trySol(solution):
            return 0
        self.stats.n_solutions_accepted += 1
        if improving:
            self.stats.n_improving += 1
        if self.stats.first_solution_time is None:
            self.stats.first_solution_time = model.getSolvingTime()
        best = self.stats.best_objective
        minimize = model.getObjectiveSense() == "minimize"
        if best is None or (objective < best if minimize else objective > best):
            self.stats.best_objective = objective
        return 1


def _new_submip(
    model: pyscipopt.Model, config: NeuralDivingConfig, time_limit: float
) -> pyscipopt.Model:
    """A quiet copy of ``model``'s original problem, set up as ``config`` says, with
    ``time_limit`` seconds (the caller frees it)."""
    sub = pyscipopt.Model(sourceModel=model, origcopy=True)
    try:
        # A copy shares its source's message handler: quieting the handler (hideOutput) would
        # silence the user's log of the main solve too, and a handler of its own
        # (redirectOutput) reroutes SCIP's error messages for the whole process. The sub-MIP's
        # own verbosity is its own.
        sub.setParam("display/verblevel", 0)
        # The main solve owns Ctrl-C: a sub-SCIP that caught SIGINT anew would reset the main
        # solve's pending interrupt, and the user's Ctrl-C would be lost.
        sub.setParam("misc/catchctrlc", False)
        sub.setParam("limits/time", max(time_limit, 0.01))
        sub.setParam("limits/nodes", config.submip_node_limit)
        sub.setParam("limits/stallnodes", config.submip_stall_nodes)
        sub.setParam("randomization/randomseedshift", config.seed)
        apply_submip_settings(sub, config.submip_settings)
        for name, value in config.submip_params.items():
            sub.setParam(name, value)
    except BaseException:
        sub.freeProb()
        raise
    return sub


class _BestSolutionRelay(Eventhdlr):
    """Inside a sub-MIP: hand each new best solution to ``hand_on`` as soon as it is found.

    ``hand_on`` returns 1 when the main solve accepted the solution. A failure stops the relay
    for the rest of the sub-MIP (its best solution is then handed on when it ends): an exception
    out of an event handler would abort the sub-MIP.
    """

    def __init__(self, hand_on: Any) -> None:
        super().__init__()
        self._hand_on = hand_on
        self.n_accepted = 0
        self._failed = False

    def eventinit(self) -> None:
        self.model.catchEvent(SCIP_EVENTTYPE.BESTSOLFOUND, self)

    def eventexit(self) -> None:
        self.model.dropEvent(SCIP_EVENTTYPE.BESTSOLFOUND, self)

    def eventexec(self, event: Any) -> dict[str, Any]:
        if self._failed:
            return {}
        try:
            self.n_accepted += self._hand_on(self.model.getBestSol())
        except Exception as error:  # an event handler must never abort the sub-MIP
            self._failed = True
            logger.warning("neural diving: relaying a sub-MIP solution failed: %s", error)
        return {}


def include_neural_diving(
    model: pyscipopt.Model,
    policy: DivingPredictor,
    *,
    observation: ObservationFunction[MilpObservation] | None = None,
    config: NeuralDivingConfig | None = None,
    name: str = "neuraldiving",
    priority: int = -100_000,
    frequency: int | None = None,
    timing: Any = None,
) -> NeuralDiving:
    """Add the neural diving heuristic to ``model`` (call after the problem is built).

    The static graph of the original problem is read at the heuristic's first call, on the
    solve's clock; its time is recorded in ``stats.extraction_seconds``.

    Parameters
    ----------
    model
        The model to extend, before ``optimize()``.
    policy
        Predicts values and confidences (see :class:`gnn.diving.DivingPolicy`).
    observation
        Static graph extractor, called while SCIP solves; it must describe the original problem,
        the graph the policy was trained on. Default: :class:`gnn.observation.MilpBipartite`
        with ``original=True``.
    config
        Heuristic settings.
    name, priority, frequency
        SCIP registration: name, priority and frequency (0: the root only; default:
        ``config.refine_frequency``). The default
        priority, -100000, lets SCIP's cheap heuristics of the same timing run first (after the
        first LP, its rounding heuristics), so the sub-MIPs start with their incumbent as
        objective limit and only look for improvements.
    timing
        When SCIP calls it (``SCIP_HEURTIMING`` flags). By default from ``config.start``:
        from the start of the root node, or after the first LP of the root (inside the cutting
        loop, or after the root LP when the loop is skipped). With ``config.max_calls = 1``
        the first of these calls is the only one that dives.

    Returns
    -------
    NeuralDiving
        The included heuristic (read its ``stats`` after the solve).

    Raises
    ------
    ValueError
        If ``model`` is past its problem stage.
    """
    if model.getStage() != SCIP_STAGE.PROBLEM:
        raise ValueError(
            "include_neural_diving needs a model in its problem stage (before optimize)"
        )
    if observation is None:
        from gnn.observation import MilpBipartite

        observation = MilpBipartite(original=True)
    heuristic = NeuralDiving(policy, observation, config)
    if timing is None:
        timing = _START_TIMINGS[heuristic.config.start]
    if frequency is None:
        frequency = heuristic.config.refine_frequency
    model.includeHeur(
        heuristic,
        name,
        "fixes the variables a graph network is confident about and solves the sub-MIP",
        "N",
        priority=priority,
        freq=frequency,
        freqofs=0,
        maxdepth=-1,
        timingmask=timing,
        usessubscip=True,
    )
    return heuristic


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block (unless it was off already).

    A dive creates tens of thousands of Python objects on a large instance (the graph's
    entries, a variable object per column of each sub-MIP), and each burst of allocations sets
    off collections that walk every object the process holds, torch's included. Measured on a
    Medium facility location instance (20,100 variables), reading the graph took 0.31 s with the
    collector and 0.11 s without, and listing the variables of two sub-MIPs 0.22 s and 0.03 s.
    What the dive leaves behind is collected after it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _split_observation(observation: Any) -> tuple[BipartiteGraph, Sequence[pyscipopt.Variable]]:
    """Accept ``(graph, variables)`` or an object with ``graph`` and ``variables`` attributes."""
    if observation is None:
        raise ValueError("the observation function returned nothing for this model")
    if isinstance(observation, tuple) and len(observation) == 2:
        return observation[0], observation[1]
    return observation.graph, observation.variables
