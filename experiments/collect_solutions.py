"""Collect the feasible solutions SCIP finds on each training instance (Neural Diving's data).

For each instance, one solve records every improving solution (an event handler on
``BESTSOLFOUND``) and, at the end, the solution pool (``getSols()``); distinct solutions are
kept with their objective values. One compressed ``.npz`` per instance holds the static graph
of the original problem, the variable names in graph row order, the solution values in the same
order, and a JSON metadata string (instance sha256, seed, SCIP version, config, command).

Files are written atomically and an instance whose output exists (with the same instance hash)
is skipped, so a killed run resumes. Instances run in parallel through
:func:`experiments.executors.make_executor`.

The ``.npz`` fields: ``constraint_features``, ``edge_index``, ``edge_features``,
``variable_features`` (the static graph), ``variable_names`` (str), ``solutions``
(``(S, V)`` float64), ``objectives`` (``(S,)``), ``found_at`` (``(S,)`` solving seconds, NaN for
pool-only solutions), ``maximize`` (bool) and ``metadata`` (a JSON string).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyscipopt
from pyscipopt import SCIP_EVENTTYPE, Eventhdlr

from experiments.domain import instance_reference
from experiments.executors import run_collection
from gnn.graph import BipartiteGraph
from instances.generators import sha256_of

__all__ = [
    "CollectSolutionsConfig",
    "CollectSolutionsSummary",
    "SolutionRecord",
    "collect_solutions",
    "load_solution_record",
    "solve_and_collect",
]

logger = logging.getLogger(__name__)

_FORMAT = "neuralmip-solutions-v1"


@dataclass(frozen=True)
class CollectSolutionsConfig:
    """What ``neuralmip collect --kind solutions`` does."""

    out: Path
    """Output folder: one ``<instance stem>.npz`` per instance (generated instances go to
    ``out/instances``)."""
    instances: tuple[Path, ...] = ()
    """Instance files to solve (used when ``generate`` is None)."""
    generate: str | None = None
    """Instance class to generate instead (``setcover``, ``cauctions``, ``facilities``, ``indset``)."""
    preset: str = "easy"
    """Size preset of the generated instances."""
    count: int = 10
    """Number of instances to generate."""
    seed: int = 0
    """Master seed of the generated batch, and SCIP's random seed for every solve."""
    workers: int = 1
    """Solves at once (local processes)."""
    time_limit: float = 60.0
    """Seconds per solve, on the clock of ``scip_params`` (SCIP's default: wall time)."""
    scip_params: Mapping[str, Any] = field(default_factory=dict)
    """SCIP parameters of every solve, on top of SCIP's defaults (e.g. ``timing/clocktype``:
    1 so that the time limit is CPU time, and a loaded machine does not cut solves short)."""
    ray_address: str | None = None
    """Ray cluster address instead of local processes (None: local)."""
    command: tuple[str, ...] = ()
    """The command line, recorded in every output file."""

    def __post_init__(self) -> None:
        # A plain dict keeps the config printable as JSON in every output file.
        object.__setattr__(self, "scip_params", dict(self.scip_params))


@dataclass(frozen=True)
class CollectSolutionsSummary:
    """What a collection run did."""

    n_instances: int
    """Instances considered."""
    n_collected: int
    """Instances solved and written now."""
    n_skipped: int
    """Instances whose output existed already."""
    failures: tuple[str, ...]
    """One line per failed instance."""
    n_solutions: int
    """Solutions written now, over all instances."""

    @property
    def n_failed(self) -> int:
        """Instances that failed."""
        return len(self.failures)


@dataclass(frozen=True)
class SolutionRecord:
    """One instance's collected solutions, as loaded from its ``.npz``."""

    graph: BipartiteGraph
    """Static graph of the original problem."""
    variable_names: tuple[str, ...]
    """Variable names in graph row order."""
    solutions: np.ndarray
    """``(S, V)`` solution values in graph row order."""
    objectives: np.ndarray
    """``(S,)`` objective values (original sense)."""
    maximize: bool
    """Whether the problem maximises."""
    metadata: dict[str, Any]
    """Provenance recorded at collection."""


class _SolutionRecorder(Eventhdlr):
    """Stores every new incumbent's values of the given original variables."""

    def __init__(self, variables: list[pyscipopt.Variable]) -> None:
        super().__init__()
        self.variables = variables
        self.values: list[np.ndarray] = []
        self.times: list[float] = []
        self.error: str | None = None

    def eventinit(self) -> None:
        self.model.catchEvent(SCIP_EVENTTYPE.BESTSOLFOUND, self)

    def eventexit(self) -> None:
        self.model.dropEvent(SCIP_EVENTTYPE.BESTSOLFOUND, self)

    def eventexec(self, event: Any) -> None:
        try:
            solution = self.model.getBestSol()
            self.values.append(
                np.array([self.model.getSolVal(solution, var) for var in self.variables])
            )
            self.times.append(self.model.getSolvingTime())
        except Exception as error:  # recording must never break the solve
            if self.error is None:
                self.error = f"{type(error).__name__}: {error}"
                logger.warning("solution recorder failed: %s", self.error)


def _observe(model: pyscipopt.Model) -> tuple[BipartiteGraph, list[pyscipopt.Variable]]:
    from gnn.observation import MilpBipartite

    observation = MilpBipartite().extract(model)
    if isinstance(observation, tuple):
        graph, variables = observation
    else:
        graph, variables = observation.graph, observation.variables
    return graph, list(variables)


def solve_and_collect(
    model: pyscipopt.Model,
    *,
    time_limit: float,
    seed: int,
    scip_params: Mapping[str, Any] | None = None,
) -> tuple[BipartiteGraph, list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Solve ``model`` (in problem stage) and return its distinct feasible solutions.

    ``scip_params`` are set before the seed and the time limit.

    Returns
    -------
    graph, names, solutions, objectives, found_at
        The static graph, variable names in row order, ``(S, V)`` values, ``(S,)`` objectives
        (best first) and ``(S,)`` times the solutions were found (NaN: from the final pool).
    """
    from solver.setup import SolveSetup, configure_model

    graph, variables = _observe(model)
    configure_model(
        model, SolveSetup(scip_params=scip_params or {}, seed=seed, time_limit=time_limit)
    )
    recorder = _SolutionRecorder(variables)
    model.includeEventhdlr(recorder, "neuralmip_solution_recorder", "records improving solutions")
    model.optimize()
    values = list(recorder.values)
    times = list(recorder.times)
    for solution in model.getSols():
        values.append(np.array([model.getSolVal(solution, var) for var in variables]))
        times.append(float("nan"))
    objective = np.array([var.getObj() for var in variables], dtype=np.float64)
    offset = model.getObjoffset(original=True)
    unique: dict[bytes, int] = {}
    kept_values: list[np.ndarray] = []
    kept_times: list[float] = []
    for row, found_at in zip(values, times, strict=True):
        key = np.round(row, 6).tobytes()
        if key in unique:
            continue
        unique[key] = len(kept_values)
        kept_values.append(row)
        kept_times.append(found_at)
    n_vars = len(variables)
    solutions = np.array(kept_values, dtype=np.float64).reshape(-1, n_vars)
    objectives = solutions @ objective + offset
    maximize = model.getObjectiveSense() == "maximize"
    order = np.argsort(-objectives if maximize else objectives, kind="stable")
    names = [var.name for var in variables]
    return graph, names, solutions[order], objectives[order], np.array(kept_times)[order]


def _output_path(out: Path, instance: Path) -> Path:
    name = instance.name
    for suffix in (".gz", ".mps", ".lp", ".cip"):
        name = name.removesuffix(suffix)
    return out / f"{name}.npz"


def _existing_hash(path: Path) -> str | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            return json.loads(str(data["metadata"]))["instance_sha256"]
    except Exception:  # a damaged or foreign file is redone, not trusted
        return None


@dataclass(frozen=True)
class _Job:
    instance: Path
    output: Path
    time_limit: float
    seed: int
    scip_params: dict[str, Any]
    config: dict[str, Any]


def _collect_one(job: _Job) -> int:
    """Solve one instance and write its ``.npz``; returns the number of solutions."""
    from instances.reading import read_instance

    start = time.perf_counter()
    digest = sha256_of(job.instance)
    model = read_instance(job.instance)
    model.hideOutput()
    try:
        graph, names, solutions, objectives, found_at = solve_and_collect(
            model, time_limit=job.time_limit, seed=job.seed, scip_params=job.scip_params
        )
        metadata = {
            "format": _FORMAT,
            "instance": instance_reference(job.instance, job.output),
            "instance_sha256": digest,
            "seed": job.seed,
            "scip_version": str(model.version()),
            "pyscipopt_version": pyscipopt.__version__,
            "numpy_version": np.__version__,
            "status": model.getStatus(),
            "solving_time": model.getSolvingTime(),
            "n_solutions": int(solutions.shape[0]),
            "wall_seconds": time.perf_counter() - start,
            "config": job.config,
        }
        maximize = model.getObjectiveSense() == "maximize"
    finally:
        model.free()  # freeProb() would leak a model that has Python plugins
    job.output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=job.output.parent, prefix=".partial-", suffix=".npz")
    os.close(handle)
    try:
        np.savez_compressed(
            temporary,
            constraint_features=graph.constraint_features,
            edge_index=graph.edge_index,
            edge_features=graph.edge_features,
            variable_features=graph.variable_features,
            variable_names=np.array(names, dtype=str),
            solutions=solutions,
            objectives=objectives,
            found_at=found_at,
            maximize=np.array(maximize),
            metadata=np.array(json.dumps(metadata)),
        )
        os.replace(temporary, job.output)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return int(solutions.shape[0])


def load_solution_record(path: str | os.PathLike[str]) -> SolutionRecord:
    """Read one ``.npz`` written by :func:`collect_solutions`.

    Raises
    ------
    ValueError
        One line naming the file when it is unreadable or not a solutions file.
    """
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as data:
            metadata = json.loads(str(data["metadata"]))
            if metadata.get("format") != _FORMAT:
                raise ValueError("not a neuralmip solutions file")
            return SolutionRecord(
                graph=BipartiteGraph(
                    constraint_features=data["constraint_features"],
                    edge_index=data["edge_index"],
                    edge_features=data["edge_features"],
                    variable_features=data["variable_features"],
                ),
                variable_names=tuple(str(name) for name in data["variable_names"]),
                solutions=data["solutions"],
                objectives=data["objectives"],
                maximize=bool(data["maximize"]),
                metadata=metadata,
            )
    except (OSError, KeyError, ValueError) as error:
        raise ValueError(f"{path}: not a readable solutions file ({error})") from None


def _instance_files(config: CollectSolutionsConfig) -> list[Path]:
    if config.generate is None:
        return [Path(path) for path in config.instances]
    from instances.generators import generate_instances, preset

    return generate_instances(
        config.generate,
        preset(config.generate, config.preset),
        config.count,
        config.seed,
        config.out / "instances",
        command=list(config.command) or None,
    )


def collect_solutions(
    config: CollectSolutionsConfig, *, progress: bool = True
) -> CollectSolutionsSummary:
    """Solve every instance of ``config`` and write its solutions; skips finished ones.

    Parameters
    ----------
    config
        Instances (files or a generated batch), output folder, time limit, seed, workers.
    progress
        Show a progress bar (instances done, solutions, ETA) on stderr.

    Returns
    -------
    CollectSolutionsSummary
    """
    from solver.settings import check_scip_params

    check_scip_params(config.scip_params)  # a ScipParamError now, not one per worker
    instances = _instance_files(config)
    jobs = _pending_jobs(config, instances)
    tally = run_collection(
        _collect_one,
        jobs,
        items="solutions",
        count=int,
        n_total=len(instances),
        workers=config.workers,
        ray_address=config.ray_address,
        progress=progress,
    )
    return CollectSolutionsSummary(
        n_instances=len(instances),
        n_collected=tally.n_done,
        n_skipped=len(instances) - len(jobs),
        failures=tally.failures,
        n_solutions=tally.n_items,
    )


def _pending_jobs(config: CollectSolutionsConfig, instances: list[Path]) -> list[_Job]:
    """A job per instance whose output is missing or was collected from other contents."""
    resolved = {
        key: (str(value) if isinstance(value, Path) else value)
        for key, value in dataclasses.asdict(config).items()
        if key != "instances"
    }
    resolved["command"] = list(config.command) or list(sys.argv)
    jobs: list[_Job] = []
    for instance in instances:
        output = _output_path(Path(config.out), instance)
        if output.exists() and _existing_hash(output) == sha256_of(instance):
            continue
        jobs.append(
            _Job(instance, output, config.time_limit, config.seed, config.scip_params, resolved)
        )
    return jobs
