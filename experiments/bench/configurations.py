"""Solver configurations a benchmark compares: SCIP variants and HiGHS, as objects.

Each configuration is a frozen dataclass with ``solve(request) -> SolveResult``; a benchmark
holds a tuple of them and never dispatches on names. The TOML ``solver = "scip" | "highs"`` key
picks the class once, at parse time (:data:`CONFIGURATION_TYPES`).

What HiGHS reports
------------------
HiGHS (through ``highspy``) records status, objective, dual bound, gap, branch-and-bound nodes and
running time, and a bound trajectory from its callbacks: ``cbMipImprovingSolution`` gives each new
incumbent, and ``cbMipInterrupt`` (called often during the search) gives the dual bound, recorded
when it changes. Before the branch-and-bound starts (presolve, the root LP) no callback fires, so
bounds found there appear at the first callback.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from solver.settings import ParamSetting
from solver.solution import SolveResult, finite_or_none

if TYPE_CHECKING:
    import pyscipopt

    from gnn.serving import ServerAddress
    from solver.setup import SolveSetup

__all__ = [
    "SolveRequest",
    "SolveResult",
    "SolverConfiguration",
    "ScipConfiguration",
    "HighsConfiguration",
    "ParamSetting",
    "CONFIGURATION_TYPES",
    "FULL_STRONG_BRANCHING_PARAMS",
    "thin_trajectory",
    "STATUS_ERROR",
]

_LOG = logging.getLogger(__name__)

#: Status of a run that raised inside the harness or the plugins (the message says why).
STATUS_ERROR = "error"

#: SCIP parameters that make full strong branching SCIP's first branching rule.
FULL_STRONG_BRANCHING_PARAMS: Mapping[str, Any] = MappingProxyType(
    {"branching/fullstrong/priority": 536870911}
)


@dataclass(frozen=True)
class SolveRequest:
    """One solve: which file, seed, limit and SCIP settings preset."""

    instance: Path
    """The instance file (any format SCIP reads; HiGHS reads .mps and .lp)."""
    seed: int
    """Random seed passed to the solver (SCIP's seed shift, HiGHS's ``random_seed``)."""
    time_limit: float
    """Wall-clock limit in seconds."""
    settings: str = "default"
    """Name of the SCIP settings preset in ``solver.settings.PRESETS`` (SCIP only)."""
    model_path: str | None = None
    """Learned models of the instance's set, for configurations whose ``model_path`` is None."""
    inference: ServerAddress | None = None
    """The shared inference server that learned branching scores through; ``None``: the
    worker runs its networks itself (:mod:`experiments.bench.inference`)."""


@runtime_checkable
class SolverConfiguration(Protocol):
    """A named way of solving an instance."""

    name: str

    def solve(self, request: SolveRequest) -> SolveResult:
        """Solve ``request.instance``; a failure is returned as an ``error`` result."""
        ...

    def describe(self) -> dict[str, Any]:
        """A JSON-serialisable description for the resolved config."""
        ...


def _freeze(params: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(params))


@dataclass(frozen=True)
class ScipConfiguration:
    """SCIP with optional learned plugins and parameter changes.

    Applied in this order: the request's settings preset, the heuristics meta setting, then
    ``scip_params`` (so explicit parameters win), SCIP's seed, the time limit, the plugins.
    Learned runs set torch to one intra-op thread (a run owns one core); with
    ``request.inference``, learned branching scores through that shared server.
    """

    name: str
    """Name in tables and plots."""
    scip_params: Mapping[str, Any] = field(default_factory=dict)
    """SCIP parameters set after the preset, e.g. ``{"branching/fullstrong/priority": ...}``."""
    learned_branching: bool = False
    """Include the learned branching rule."""
    neural_diving: bool = False
    """Include the learned (Neural Diving) heuristic."""
    heuristics: ParamSetting | None = None
    """``setHeuristics`` meta setting (``AGGRESSIVE`` emphasises primal heuristics)."""
    model_path: str | None = None
    """Checkpoint file or folder for the learned plugins; ``None`` uses the shipped models."""
    branching_rule: str | None = None
    """A non-learned rule to compare against (:func:`solver.baseline_rules.known_rules`, e.g.
    ``"largest-objective"``, or the strong branching expert ``"full-strong-expert"``); not with
    ``learned_branching``."""
    branching_params: Mapping[str, Any] = field(default_factory=dict)
    """Fields of :class:`solver.branching.BranchingRuleConfig` set on top of the model set's
    rule settings, e.g. ``{"shortlist_size": 4, "shortlist_reductions": true}``; only with
    ``learned_branching``."""
    diving_params: Mapping[str, Any] = field(default_factory=dict)
    """Fields of :class:`solver.diving.NeuralDivingConfig` set on top of its defaults, e.g.
    ``{"coverages": [0.9, 0.7]}``; only with ``neural_diving``."""

    solver: ClassVar[str] = "scip"

    def __post_init__(self) -> None:
        object.__setattr__(self, "scip_params", _freeze(self.scip_params))
        object.__setattr__(self, "branching_params", _freeze(self.branching_params))
        object.__setattr__(self, "diving_params", _freeze(self.diving_params))
        if self.branching_params:
            from solver.branching import BranchingRuleConfig

            self._check_params("branching_params", BranchingRuleConfig, "learned_branching")
        if self.diving_params:
            from solver.diving import NeuralDivingConfig

            self._check_params("diving_params", NeuralDivingConfig, "neural_diving")
        if self.branching_rule is not None:
            from solver.baseline_rules import known_rules

            if self.learned_branching:
                raise ValueError(
                    f"configuration {self.name!r}: branching_rule and learned_branching exclude "
                    "each other"
                )
            if self.branching_rule not in known_rules():
                raise ValueError(
                    f"configuration {self.name!r}: unknown branching_rule "
                    f"{self.branching_rule!r}; known: {', '.join(known_rules())}"
                )

    def _check_params(self, field_name: str, config_class: type, needs: str) -> None:
        """``field_name`` must build a ``config_class`` and come with the plugin ``needs``."""
        if not getattr(self, needs):
            raise ValueError(f"configuration {self.name!r}: {field_name} needs {needs}")
        try:
            config_class(**getattr(self, field_name))
        except (TypeError, ValueError) as err:  # an unknown field, or a value out of range
            raise ValueError(f"configuration {self.name!r}: {field_name}: {err}") from None

    def __reduce__(self) -> tuple[Any, ...]:
        # A mappingproxy does not pickle: rebuild from a plain dict (process pools, Ray).
        return (
            type(self),
            (self.name, dict(self.scip_params), self.learned_branching, self.neural_diving,
             self.heuristics, self.model_path, self.branching_rule, dict(self.branching_params),
             dict(self.diving_params)),
        )  # fmt: skip

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> ScipConfiguration:
        """Build from a TOML ``[[configurations]]`` table (without its ``solver`` key)."""
        heuristics = table.get("heuristics")
        return cls(
            name=str(table["name"]),
            scip_params=dict(table.get("scip_params", {})),
            learned_branching=bool(table.get("learned_branching", False)),
            neural_diving=bool(table.get("neural_diving", False)),
            heuristics=ParamSetting(heuristics) if heuristics is not None else None,
            model_path=table.get("model_path"),
            branching_rule=table.get("branching_rule"),
            branching_params=dict(table.get("branching_params", {})),
            diving_params=dict(table.get("diving_params", {})),
        )

    def describe(self) -> dict[str, Any]:
        return {
            "solver": self.solver,
            "name": self.name,
            "scip_params": dict(self.scip_params),
            "learned_branching": self.learned_branching,
            "neural_diving": self.neural_diving,
            "heuristics": self.heuristics.value if self.heuristics else None,
            "model_path": self.model_path,
            "branching_rule": self.branching_rule,
            "branching_params": dict(self.branching_params),
            "diving_params": dict(self.diving_params),
        }

    def solve(self, request: SolveRequest) -> SolveResult:
        from instances.errors import InstanceError
        from instances.reading import read_instance
        from solver.plugins import LearnedModelError

        try:
            model = read_instance(request.instance)
        except InstanceError as err:
            return SolveResult(status=STATUS_ERROR, error=str(err))
        server = self._connect(request)
        try:
            model.hideOutput()
            try:
                recorder, plugins = self._configure(model, request, server)
            except (LearnedModelError, KeyError, ValueError, LookupError) as err:
                return SolveResult(status=STATUS_ERROR, error=f"{type(err).__name__}: {err}")
            model.optimize()
            trajectory = recorder.trajectory()
            has_solution = model.getNSols() > 0
            return SolveResult(
                status=str(model.getStatus()).lower(),
                objective=float(model.getObjVal()) if has_solution else None,
                dual_bound=finite_or_none(model.getDualbound()),
                gap=finite_or_none(model.getGap()),
                nodes=int(model.getNTotalNodes()),
                time=float(model.getSolvingTime()),
                sense=model.getObjectiveSense(),
                primal_trajectory=thin_trajectory(trajectory.primal, request.time_limit),
                dual_trajectory=thin_trajectory(trajectory.dual, request.time_limit),
                inference=_inference_record(plugins, server is not None),
                heuristic=_heuristic_record(plugins),
            )
        finally:
            # The trajectory recorder is a Python plugin: freeProb() would leak the SCIP
            # instance (about 1.9 MB per run); free() releases it.
            model.free()
            if server is not None:
                server.close()

    def checkpoint_path(self, set_model: str | None) -> str | None:
        """The model set spec this configuration's learned plugins load on an instance set
        whose ``model`` is ``set_model`` (its own ``model_path`` wins)."""
        return self.model_path if self.model_path is not None else set_model

    def _connect(self, request: SolveRequest) -> Any:
        """A client of the request's shared server, when this configuration branches with a
        learned model and the server answers; ``None`` otherwise (the worker runs it itself)."""
        if request.inference is None or not self.learned_branching:
            return None
        from gnn.serving import ServerUnavailable

        try:
            return request.inference.client()
        except ServerUnavailable as err:
            _LOG.warning("%s; this run's learned branching runs in the worker", err)
            return None

    def solve_setup(self, request: SolveRequest) -> SolveSetup:
        """This configuration's set-up of the solve ``request`` asks for.

        Raises
        ------
        KeyError
            ``request.settings`` names no preset.
        ValueError
            A bad time limit.
        """
        from solver.settings import PRESETS
        from solver.setup import LearnedSetup, SolveSetup

        learned = None
        if self.learned_branching or self.neural_diving:
            learned = LearnedSetup(
                branching=self.learned_branching,
                diving=self.neural_diving,
                model_path=self.checkpoint_path(request.model_path),
                branching_params=self.branching_params,
                diving_params=self.diving_params,
            )
        return SolveSetup(
            preset=PRESETS[request.settings],
            heuristics=self.heuristics,
            scip_params=self.scip_params,
            seed=request.seed,
            time_limit=float(request.time_limit),
            learned=learned,
        )

    def _configure(self, model: Any, request: SolveRequest, server: Any = None) -> Any:
        """Set the solve up (:func:`solver.setup.configure_model`; the time limit is SCIP's
        clock alone) and attach the trajectory recorder; return the recorder and the included
        learned or baseline plugins (``None`` without any).

        A run owns one core, as SCIP uses one: the learned plugins give torch one thread.
        """
        from solver.setup import configure_model
        from solver.trajectory import attach_bound_trajectory

        baseline = self._include_baseline(request.seed) if self.branching_rule else None
        configured = configure_model(
            model, self.solve_setup(request), branching_server=server, plugins=baseline
        )
        plugins = configured.learned if configured.learned is not None else configured.plugins
        return attach_bound_trajectory(model), plugins

    def _include_baseline(self, seed: int) -> Callable[[pyscipopt.Model], _BaselinePlugins]:
        """The plugins callback that includes :attr:`branching_rule`."""
        from solver.baseline_rules import include_baseline_rule
        from solver.branching import LearnedBranching

        def include(model: pyscipopt.Model) -> _BaselinePlugins:
            rule = include_baseline_rule(model, str(self.branching_rule), seed)
            # Only a rule run through the learned rule's machinery has its inference record.
            return _BaselinePlugins(rule if isinstance(rule, LearnedBranching) else None)

        return include


@dataclass(frozen=True)
class _BaselinePlugins:
    """What a ``branching_rule`` run included, read like :class:`solver.plugins.LearnedPlugins`."""

    branching: Any
    diving: None = None


@runtime_checkable
class _ServingCounters(Protocol):
    """What served policies and scorers count (:mod:`gnn.serving`)."""

    n_served: int
    n_local: int


def _inference_record(plugins: Any, shared: bool) -> dict[str, Any] | None:
    """:attr:`SolveResult.inference` of a run (None without learned branching)."""
    rule = getattr(plugins, "branching", None)
    if rule is None:
        return None
    record: dict[str, Any] = {
        "mode": "shared" if shared else "local",
        "branched": int(rule.n_branched),
        "rule_fallbacks": int(rule.n_fallbacks),
        "shortlisted": int(rule.n_shortlisted),
        "reduced": int(rule.n_reduced),
        "shortlist_seconds": float(rule.shortlist_seconds),
        "rule_seconds": float(rule.seconds),
        "first_node_seconds": rule.first_node_seconds,
    }
    # The served hybrid policy counts itself; whole-graph scoring counts in its scorer.
    for counted in (rule.policy, getattr(rule.policy, "scorer", None)):
        if isinstance(counted, _ServingCounters):
            record["served"] = int(counted.n_served)
            record["local"] = int(counted.n_local)
            record["fell_back"] = getattr(counted, "fell_back", None)
    return record


def _heuristic_record(plugins: Any) -> dict[str, Any] | None:
    """:attr:`SolveResult.heuristic` of a run (None without neural diving)."""
    heuristic = getattr(plugins, "diving", None)
    return None if heuristic is None else heuristic.stats.as_dict()


@dataclass(frozen=True)
class HighsConfiguration:
    """HiGHS through ``highspy``, the solver a user might pick instead of SCIP."""

    name: str
    """Name in tables and plots."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """HiGHS options (``setOptionValue``), e.g. ``{"mip_rel_gap": 0.0, "threads": 1}``."""

    solver: ClassVar[str] = "highs"

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", _freeze(self.options))

    def __reduce__(self) -> tuple[Any, ...]:
        # A mappingproxy does not pickle: rebuild from a plain dict (process pools, Ray).
        return (type(self), (self.name, dict(self.options)))

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> HighsConfiguration:
        """Build from a TOML ``[[configurations]]`` table (without its ``solver`` key)."""
        return cls(name=str(table["name"]), options=dict(table.get("options", {})))

    def describe(self) -> dict[str, Any]:
        return {"solver": self.solver, "name": self.name, "options": dict(self.options)}

    def solve(self, request: SolveRequest) -> SolveResult:
        import highspy

        with _stdout_silenced():  # the constructor prints a banner before any option is set
            highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        for key, value in self.options.items():
            if highs.setOptionValue(key, value) != highspy.HighsStatus.kOk:
                return SolveResult(
                    status=STATUS_ERROR, error=f"HiGHS rejects option {key}={value!r}"
                )
        highs.setOptionValue("random_seed", int(request.seed))
        highs.setOptionValue("time_limit", float(request.time_limit))
        if highs.readModel(str(request.instance)) == highspy.HighsStatus.kError:
            return SolveResult(
                status=STATUS_ERROR, error=f"{request.instance}: HiGHS cannot read it"
            )
        recorder = _HighsTrajectory()
        highs.cbMipImprovingSolution.subscribe(recorder.on_solution)
        highs.cbMipInterrupt.subscribe(recorder.on_interrupt)
        started = time.perf_counter()
        highs.run()
        wall = time.perf_counter() - started
        info = highs.getInfo()
        # kOptimal -> "optimal", kTimeLimit -> "timelimit": SCIP's status words.
        status = highs.getModelStatus().name.removeprefix("k").lower()
        objective = (
            finite_or_none(info.objective_function_value)
            if info.primal_solution_status == 2
            else None
        )
        maximize = highs.getLp().sense_ == highspy.ObjSense.kMaximize
        dual = finite_or_none(info.mip_dual_bound)
        nodes: int | None = int(info.mip_node_count)
        if status.endswith("error") or status == "notset":
            dual, nodes = None, None  # HiGHS leaves 0 and -1 there after a failure
        primal, dual_points = recorder.primal, recorder.dual
        final_time = float(highs.getRunTime())
        if objective is not None and (not primal or primal[-1][1] != objective):
            primal.append((final_time, objective))
        if dual is not None and (not dual_points or dual_points[-1][1] != dual):
            dual_points.append((final_time, dual))
        return SolveResult(
            status=status,
            objective=objective,
            dual_bound=dual,
            gap=finite_or_none(info.mip_gap),
            nodes=nodes,
            time=final_time if final_time > 0 else wall,
            sense="maximize" if maximize else "minimize",
            primal_trajectory=thin_trajectory(tuple(primal), request.time_limit),
            dual_trajectory=thin_trajectory(tuple(dual_points), request.time_limit),
        )


@contextlib.contextmanager
def _stdout_silenced() -> Iterator[None]:
    """Send file descriptor 1 (C-level prints included) to /dev/null for a moment."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def thin_trajectory(
    points: tuple[tuple[float, float], ...], horizon: float, max_points: int = 500
) -> tuple[tuple[float, float], ...]:
    """Keep at most about ``max_points`` points: the last of each time bucket of the horizon.

    A dual bound that moves at every node of a long search would otherwise make rows of many
    megabytes; as a step function the thinned trajectory differs only inside one bucket
    (``horizon / max_points`` seconds). The first and the last point are always kept.
    """
    if len(points) <= max_points or horizon <= 0:
        return points
    width = horizon / max_points
    kept: dict[int, tuple[float, float]] = {}
    for point in points[1:-1]:
        kept[int(point[0] // width)] = point
    return (points[0], *kept.values(), points[-1])


class _HighsTrajectory:
    """HiGHS callbacks that record bounds; like the SCIP recorder, never raise into the solver."""

    def __init__(self) -> None:
        self.primal: list[tuple[float, float]] = []
        self.dual: list[tuple[float, float]] = []

    @staticmethod
    def _append(points: list[tuple[float, float]], time_: float, value: float) -> None:
        if finite_or_none(value) is not None and (not points or points[-1][1] != value):
            points.append((float(time_), float(value)))

    def on_solution(self, event: Any) -> None:
        try:
            self._append(
                self.primal, event.data_out.running_time, event.data_out.objective_function_value
            )
        except Exception:  # a recorder must never break the solve
            _LOG.debug("HiGHS solution callback failed", exc_info=True)

    def on_interrupt(self, event: Any) -> None:
        try:
            self._append(self.dual, event.data_out.running_time, event.data_out.mip_dual_bound)
        except Exception:  # a recorder must never break the solve
            _LOG.debug("HiGHS interrupt callback failed", exc_info=True)


#: Configuration class of each ``solver`` value in a TOML ``[[configurations]]`` table.
CONFIGURATION_TYPES: Mapping[str, type] = MappingProxyType(
    {"scip": ScipConfiguration, "highs": HighsConfiguration}
)
