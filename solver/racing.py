"""``solve --workers N``: race N differently seeded solvers on one instance.

Every worker solves the whole instance with its own seeds (and variable permutation), optionally
with learned plugins that share one batching inference server. The first worker to finish with a
proof (optimal, infeasible, unbounded) stops the others; the best solution any worker found is
kept. Workers are threads running ``optimizeNogil`` (the GIL is released inside SCIP and taken
back by Python callbacks) or spawned processes; see ``experiments/studies/serving_benchmark.py`` for
which is faster.
"""

from __future__ import annotations

import concurrent.futures
import logging
import math
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import pyscipopt
from pyscipopt import SCIP_EVENTTYPE, Eventhdlr

from gnn.serving import InferenceServer, Scorer, ServerAddress
from instances.reading import read_instance
from solver.plugins import ModelSet
from solver.settings import DEFAULT, ScipPreset, apply_scip_params, seed_scip
from solver.solution import SolveResult, check_solution_path, write_best_solution

__all__ = [
    "PROVEN_STATUSES",
    "LearnedWorkerSetup",
    "RaceBackend",
    "RaceResult",
    "WorkerResult",
    "WorkerSetup",
    "race",
    "race_instance",
]

logger = logging.getLogger(__name__)

#: SCIP statuses that end the race: the search is complete.
PROVEN_STATUSES = frozenset({"optimal", "infeasible", "unbounded", "inforunbd"})

#: Called in each worker before its solve: ``setup(model, worker_index, scorer)`` includes the
#: worker's plugins (e.g. learned branching over ``scorer``, a client of the shared server, or
#: ``None`` when the race has no server). Must be picklable for the process backend.
WorkerSetup = Callable[[pyscipopt.Model, int, Scorer | None], None]


class RaceBackend(Enum):
    """How workers run."""

    THREADS = "threads"
    """Threads in this process, each solving with ``optimizeNogil``; share an in-process server."""
    PROCESSES = "processes"
    """Spawned processes; share a :class:`~gnn.serving.ProcessInferenceServer` by its address."""


@dataclass(frozen=True)
class WorkerResult:
    """What one worker's solve ended with."""

    worker: int
    """Index of the worker."""
    seed: int
    """Its SCIP seed."""
    status: str
    """SCIP's status (``"userinterrupt"`` when another worker won), or ``"error"``."""
    objective: float | None
    """Objective of its best solution (original problem), ``None`` without one."""
    solution: dict[str, float] | None = field(default=None, repr=False)
    """Its best solution by original variable name, ``None`` without one."""
    n_nodes: int = 0
    """Branch-and-bound nodes it processed."""
    dual_bound: float | None = None
    """Its final dual bound."""
    seconds: float = 0.0
    """Wall time of its solve."""
    error: str | None = None
    """One line when the worker failed (then ``status == "error"``)."""


@dataclass(frozen=True)
class RaceResult:
    """The race's outcome."""

    status: str
    """The winner's status when a worker proved it; otherwise the status of the worker that holds
    the best solution (e.g. ``"timelimit"``)."""
    objective: float | None
    """Best objective over all workers."""
    solution: dict[str, float] | None = field(repr=False)
    """The best solution over all workers, by original variable name."""
    winner: int | None
    """Index of the worker that proved its result first, ``None`` when none did."""
    best_worker: int | None
    """Index of the worker that found the best solution."""
    wall_seconds: float
    """Wall time of the race."""
    workers: tuple[WorkerResult, ...]
    """Every worker's result, by index."""


class _StopWhenSet(Eventhdlr):
    """Interrupt the solve at the next node once the race's stop flag is set."""

    def __init__(self, stop: Any) -> None:
        self.stop = stop
        self._failed = False

    def eventinit(self) -> None:
        self.model.catchEvent(SCIP_EVENTTYPE.NODEFOCUSED, self)

    def eventexit(self) -> None:
        self.model.dropEvent(SCIP_EVENTTYPE.NODEFOCUSED, self)

    def eventexec(self, event: Any) -> dict[str, Any]:
        try:
            if self.stop.is_set():
                self.model.interruptSolve()
        except Exception as error:  # a plugin never breaks a solve
            if not self._failed:
                self._failed = True
                logger.warning("race stop check failed: %s", error)
        return {}


class _Interrupter:
    """Lets other threads interrupt a worker's model only while it is being solved."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: pyscipopt.Model | None = None

    def attach(self, model: pyscipopt.Model | None) -> None:
        with self._lock:
            self._model = model

    def interrupt(self) -> None:
        with self._lock:
            if self._model is not None:
                self._model.interruptSolve()


@dataclass(frozen=True)
class _WorkerSpec:
    """Everything a worker needs (picklable for the process backend)."""

    instance_path: str
    worker: int
    seed: int
    time_limit: float | None
    scip_params: Mapping[str, Any]
    permute_variables: bool
    server: InferenceServer | ServerAddress | None
    setup: WorkerSetup | None


def _best_solution(model: pyscipopt.Model) -> tuple[float | None, dict[str, float] | None]:
    if model.getNSols() == 0:
        return None, None
    best = model.getBestSol()
    values = {var.name: model.getSolVal(best, var) for var in model.getVars()}
    return model.getSolObjVal(best), values


def _solve_worker(spec: _WorkerSpec, stop: Any, interrupter: _Interrupter | None) -> WorkerResult:
    """Solve the instance once; never raises (a failure is a result with status ``"error"``)."""
    started = time.monotonic()
    model = pyscipopt.Model()
    model.hideOutput()
    scorer = None
    try:
        model.readProblem(spec.instance_path)
        seed_scip(model, spec.seed)
        if spec.permute_variables:
            model.setParam("randomization/permutevars", True)
        if spec.time_limit is not None:
            model.setParam("limits/time", spec.time_limit)
        apply_scip_params(model, spec.scip_params)
        if spec.server is not None:
            scorer = spec.server.client()
        if spec.setup is not None:
            spec.setup(model, spec.worker, scorer)
        model.includeEventhdlr(_StopWhenSet(stop), "neuralmip-race-stop", "stop when a rival wins")
        if stop.is_set():
            # A rival won before this solve began: the model never left problem creation,
            # where SCIP's solving statistics must not be read (SCIP aborts the process).
            return WorkerResult(
                spec.worker, spec.seed, "userinterrupt", None,
                seconds=time.monotonic() - started,
            )  # fmt: skip
        if interrupter is not None:
            interrupter.attach(model)
        model.optimizeNogil()
        if interrupter is not None:
            interrupter.attach(None)
        objective, solution = _best_solution(model)
        return WorkerResult(
            worker=spec.worker,
            seed=spec.seed,
            status=model.getStatus(),
            objective=objective,
            solution=solution,
            n_nodes=model.getNNodes(),
            dual_bound=model.getDualbound(),
            seconds=time.monotonic() - started,
        )
    except Exception as error:  # one failing worker must not end the race
        logger.warning("race worker %d failed: %s: %s", spec.worker, type(error).__name__, error)
        return WorkerResult(
            spec.worker,
            spec.seed,
            "error",
            None,
            seconds=time.monotonic() - started,
            error=f"{type(error).__name__}: {error}",
        )
    finally:
        if interrupter is not None:
            interrupter.attach(None)
        if scorer is not None and hasattr(scorer, "close"):
            scorer.close()
        model.free()  # freeProb() would leak a model that has Python plugins


_PROCESS_STOP: Any = None  # the race's stop event inside a worker process


def _install_stop_event(stop: Any) -> None:
    global _PROCESS_STOP
    _PROCESS_STOP = stop


def _solve_in_process(spec: _WorkerSpec) -> WorkerResult:
    return _solve_worker(spec, _PROCESS_STOP, None)


def _race_threads(specs: Sequence[_WorkerSpec]) -> list[WorkerResult]:
    stop = threading.Event()
    interrupters = [_Interrupter() for _ in specs]
    results: list[WorkerResult] = []
    with concurrent.futures.ThreadPoolExecutor(len(specs), "neuralmip-race") as pool:
        futures = [
            pool.submit(_solve_worker, spec, stop, interrupter)
            for spec, interrupter in zip(specs, interrupters, strict=True)
        ]
        for future in concurrent.futures.as_completed(futures):
            result = future.result()
            results.append(result)
            if result.status in PROVEN_STATUSES and not stop.is_set():
                stop.set()
                for interrupter in interrupters:
                    interrupter.interrupt()
    return results


def _race_processes(specs: Sequence[_WorkerSpec]) -> list[WorkerResult]:
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    results: list[WorkerResult] = []
    with concurrent.futures.ProcessPoolExecutor(
        len(specs), mp_context=context, initializer=_install_stop_event, initargs=(stop,)
    ) as pool:
        futures = [pool.submit(_solve_in_process, spec) for spec in specs]
        for future in concurrent.futures.as_completed(futures):
            try:
                result = future.result()
            except concurrent.futures.process.BrokenProcessPool as error:
                spec = specs[futures.index(future)]
                result = WorkerResult(spec.worker, spec.seed, "error", None, error=str(error))
            results.append(result)
            if result.status in PROVEN_STATUSES:
                stop.set()
    return results


def _better(a: WorkerResult, b: WorkerResult, minimize: bool) -> bool:
    assert a.objective is not None and b.objective is not None
    return a.objective < b.objective if minimize else a.objective > b.objective


def race(
    instance_path: str | os.PathLike[str],
    n_workers: int,
    *,
    seeds: Sequence[int] | None = None,
    time_limit: float | None = None,
    server: InferenceServer | ServerAddress | None = None,
    setup: WorkerSetup | None = None,
    scip_params: Mapping[str, Any] | None = None,
    permute_variables: bool = True,
    backend: RaceBackend = RaceBackend.THREADS,
) -> RaceResult:
    """Race ``n_workers`` differently seeded solves of one instance; keep the best result.

    Parameters
    ----------
    instance_path
        The instance file (read and validated once here, then by each worker).
    n_workers
        Number of concurrent solves.
    seeds
        One SCIP seed per worker; default ``0 .. n_workers - 1``.
    time_limit
        Seconds per worker (SCIP's ``limits/time``); ``None``: no limit.
    server
        The shared inference server: an :class:`~gnn.serving.InferenceServer` (threads only) or
        the :class:`~gnn.serving.ServerAddress` of a process server. Each worker gets its own
        client, passed to ``setup`` and closed after the solve.
    setup
        Includes each worker's plugins (see :data:`WorkerSetup`).
    scip_params
        SCIP parameters for every worker.
    permute_variables
        Also permute variables and constraints by the seed (more diverse searches).
    backend
        Threads with ``optimizeNogil`` or spawned processes.

    Returns
    -------
    RaceResult
        The winner (the first worker to prove its result), the best solution of any worker, and
        each worker's result.

    Raises
    ------
    instances.errors.InstanceError
        The instance cannot be read (one line naming the file).
    ValueError
        Bad ``n_workers`` or ``seeds``, or an in-process server with the process backend.
    """
    if n_workers < 1:
        raise ValueError(f"n_workers must be >= 1, got {n_workers}")
    seeds = list(range(n_workers)) if seeds is None else [int(seed) for seed in seeds]
    if len(seeds) != n_workers:
        raise ValueError(f"{len(seeds)} seeds for {n_workers} workers")
    if backend is RaceBackend.PROCESSES and isinstance(server, InferenceServer):
        raise ValueError("worker processes cannot share an in-process server: pass its address")
    path = Path(instance_path)
    checked = read_instance(path)  # one clear error here rather than one per worker
    minimize = checked.getObjectiveSense() == "minimize"
    checked.freeProb()
    specs = [
        _WorkerSpec(
            os.fspath(path),
            worker,
            seed,
            time_limit,
            dict(scip_params or {}),
            permute_variables,
            server,
            setup,
        )
        for worker, seed in enumerate(seeds)
    ]
    started = time.monotonic()
    run = _race_threads if backend is RaceBackend.THREADS else _race_processes
    results = sorted(run(specs), key=lambda result: result.worker)
    wall_seconds = time.monotonic() - started

    winner = next(
        (r for r in sorted(results, key=lambda r: r.seconds) if r.status in PROVEN_STATUSES), None
    )
    best: WorkerResult | None = None
    for result in results:
        if result.objective is not None and (best is None or _better(result, best, minimize)):
            best = result
    reference = winner or best or results[0]
    return RaceResult(
        status=reference.status,
        objective=best.objective if best else None,
        solution=best.solution if best else None,
        winner=winner.worker if winner else None,
        best_worker=best.worker if best else None,
        wall_seconds=wall_seconds,
        workers=tuple(results),
    )


@dataclass(frozen=True)
class LearnedWorkerSetup:
    """Race setup that includes the learned plugins in each worker (picklable)."""

    model_path: str | None = None
    """Model set name, folder or checkpoint (see :func:`solver.plugins.resolve_model_set`)."""
    check_domain: bool = True
    """Leave out models trained on instances unlike this one (see :mod:`gnn.domain`)."""

    def __call__(self, model: pyscipopt.Model, worker: int, scorer: Scorer | None) -> None:
        from solver.plugins import include_learned_plugins

        # With a shared server, the branching network runs there (the hybrid: its encoder) and
        # each worker falls back to its own copy if the server fails.
        include_learned_plugins(
            model,
            model_path=self.model_path,
            branching_server=scorer,
            check_domain=self.check_domain,
        )


def _combined_dual_bound(result: RaceResult, minimize: bool) -> float | None:
    """The tightest dual bound any worker proved (each is valid for the whole problem)."""
    if result.winner is not None:
        bounds = [result.workers[result.winner].dual_bound]
    else:
        bounds = [worker.dual_bound for worker in result.workers]
    finite = [b for b in bounds if b is not None and math.isfinite(b) and abs(b) < 1e20]
    if not finite:
        return None
    return max(finite) if minimize else min(finite)


def _relative_gap(objective: float | None, bound: float | None) -> float | None:
    """SCIP's gap: |primal - dual| / min(|primal|, |dual|); None where SCIP's would be infinite."""
    if objective is None or bound is None:
        return None
    if objective == bound:
        return 0.0
    if objective * bound <= 0:
        return None
    return abs(objective - bound) / min(abs(objective), abs(bound))


def _branching_server(checkpoint: Path) -> InferenceServer:
    """One in-process server for the workers of a race: the branching network (the hybrid's
    encoder) on the GPU when there is one, batching the workers' requests."""
    from gnn.checkpoint import load_checkpoint
    from gnn.serving import ServerConfig, servable_module

    # The server thread gets a copy of its own: workers keep theirs for the node MLP and as
    # the fallback when the server fails.
    return InferenceServer(servable_module(load_checkpoint(checkpoint).model), ServerConfig())


def _plan_learned(
    path: str | os.PathLike[str], model_path: str | os.PathLike[str] | None, check_domain: bool
) -> tuple[ModelSet | None, dict[str, str], str]:
    """The model set the workers will include (loaded and checked now), the components they
    will leave out and why, and the description :meth:`solver.plugins.LearnedPlugins.describe`
    gives of it."""
    from solver.plugins import describe_learned, load_model_set, plan_model_set

    instance = read_instance(path)
    try:
        models, declined = plan_model_set(instance, model_path, check_domain=check_domain)
    finally:
        instance.freeProb()
    if models is None:
        return None, declined, describe_learned(None, [], declined)
    load_model_set(models.name if model_path is None else model_path)
    used = [
        name
        for name in ("branching", "diving")
        if getattr(models, name) is not None and name not in declined
    ]
    return models, declined, describe_learned(models.name, used, declined)


def race_instance(
    path: str | os.PathLike[str],
    n_workers: int,
    *,
    time_limit: float | None = None,
    gap: float | None = None,
    seed: int = 0,
    preset: ScipPreset = DEFAULT,
    learned: bool = False,
    model_path: str | os.PathLike[str] | None = None,
    check_domain: bool = True,
    solution_path: str | os.PathLike[str] | None = None,
    show_log: bool = False,
) -> SolveResult:
    """Race ``n_workers`` solves seeded ``seed, seed + 1, ...``; report it as one solve.

    The ``solve --workers N`` path, taking :func:`solver.solution.solve_instance`'s arguments
    (``show_log`` is accepted for that, but the workers' logs stay hidden: interleaved, they
    would be unreadable). Learned models are loaded (and checked) once, before any
    worker starts; the best solution of any worker is checked again by SCIP on a fresh copy of
    the instance and written to ``solution_path``.

    Returns
    -------
    SolveResult
        ``time`` is the race's wall time, ``nodes`` the sum over workers, ``solutions`` the
        number of workers that found one, ``dual_bound`` the tightest bound any worker proved.

    Raises
    ------
    instances.errors.InstanceError, solver.plugins.LearnedModelError, OutputPathError
        Bad instance, model or output path, before solving.
    """
    target = check_solution_path(solution_path) if solution_path is not None else None
    setup = None
    server = None
    learned_plugins = None
    if learned:
        import torch

        # Several solver threads each running torch's default thread pool can stall one another
        # on a forward pass; SCIP itself uses one core per worker.
        torch.set_num_threads(1)
        models, declined, learned_plugins = _plan_learned(path, model_path, check_domain)
        if models is not None:
            # Every worker then includes the same set, chosen once for the instance.
            spec = models.name if model_path is None else os.fspath(model_path)
            setup = LearnedWorkerSetup(spec, check_domain)
            if models.branching is not None and "branching" not in declined:
                server = _branching_server(models.branching.path)
    params = dict(preset.params)
    if gap is not None:
        params["limits/gap"] = gap
    try:
        result = race(
            path,
            n_workers,
            seeds=[seed + worker for worker in range(n_workers)],
            time_limit=time_limit,
            setup=setup,
            scip_params=params,
            server=server,
        )
    finally:
        if server is not None:
            server.close()
    checked = read_instance(path)
    try:
        checked.hideOutput()
        minimize = checked.getObjectiveSense() == "minimize"
        written = None
        if target is not None and result.solution is not None:
            solution = checked.createSol()
            by_name = {var.name: var for var in checked.getVars()}
            for name, value in result.solution.items():
                checked.setSolVal(solution, by_name[name], value)
            if checked.addSol(solution):
                written = os.fspath(write_best_solution(checked, target))
        dual_bound = _combined_dual_bound(result, minimize)
        return SolveResult(
            instance=os.fspath(path),
            status=result.status,
            objective=result.objective,
            dual_bound=dual_bound,
            gap=_relative_gap(result.objective, dual_bound),
            nodes=sum(worker.n_nodes for worker in result.workers),
            time=result.wall_seconds,
            seed=seed,
            preset=preset.name,
            learned=learned,
            solutions=sum(worker.objective is not None for worker in result.workers),
            solution_file=written,
            learned_plugins=learned_plugins,
        )
    finally:
        checked.freeProb()
