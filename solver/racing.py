"""``solve --workers N``: race N differently seeded solvers on one instance.

Every worker solves the whole instance with its own seeds (and variable permutation), optionally
with learned plugins that share one batching inference server. The first worker to finish with a
proof (optimal, infeasible, unbounded) stops the others; the best solution any worker found is
kept. Workers are threads running ``optimizeNogil`` (the GIL is released inside SCIP and taken
back by Python callbacks) or spawned processes; :mod:`experiments.studies.serving_benchmark` measures
which is faster. Each worker's solve is set up by :func:`solver.setup.configure_model`.

Importing this module does not import torch; the serving stack is loaded only when a learned
model applies to the instance.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyscipopt
from pyscipopt import SCIP_EVENTTYPE, Eventhdlr

from instances.reading import read_instance
from solver.settings import DEFAULT, ScipPreset
from solver.setup import LearnedSetup, SolveSetup, configure_model
from solver.solution import (
    SolveResult,
    check_solution_path,
    finite_or_none,
    learned_setup,
    write_best_solution,
)

if TYPE_CHECKING:
    from gnn.serving import InferenceServer, Scorer, ServerAddress
    from solver.plugins import ModelSet

__all__ = [
    "PROVEN_STATUSES",
    "RACE_SETUP",
    "RaceBackend",
    "RaceResult",
    "WorkerResult",
    "WorkerSetup",
    "race",
    "race_instance",
]

logger = logging.getLogger(__name__)

#: The default set-up of every worker: SCIP's settings, variables and constraints permuted by
#: the seed (more diverse searches), no limit.
RACE_SETUP = SolveSetup(permute_variables=True)

#: SCIP statuses that end the race: the search is complete.
PROVEN_STATUSES = frozenset({"optimal", "infeasible", "unbounded", "inforunbd"})

#: Called in each worker before its solve: ``setup(model, worker_index, scorer)`` includes the
#: worker's plugins (e.g. learned branching over ``scorer``, a client of the shared server, or
#: ``None`` when the race has no server). Must be picklable for the process backend.
WorkerSetup = Callable[[pyscipopt.Model, int, "Scorer | None"], None]


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
        """Interrupt the attached model now where SCIP allows it; never raises.

        SCIP refuses an interrupt in some stages (initialising the solve, for one); the race's
        stop flag, set before this is called, then ends the solve at its next node
        (:class:`_StopWhenSet`).
        """
        with self._lock:
            if self._model is None:
                return
            try:
                self._model.interruptSolve()
            except Exception as error:
                logger.debug("race interrupt refused, the stop flag ends the solve: %s", error)


@dataclass(frozen=True)
class _WorkerSpec:
    """Everything a worker needs (picklable for the process backend)."""

    instance_path: str
    worker: int
    solve_setup: SolveSetup
    """The worker's set-up, its seed included."""
    started: float | None
    """The ``time.monotonic()`` instant the time limit counts from (None: SCIP's clock)."""
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
    seed = spec.solve_setup.seed
    model = pyscipopt.Model()
    model.hideOutput()
    scorer = None
    configured = None
    try:
        model.readProblem(spec.instance_path)
        if spec.server is not None:
            scorer = spec.server.client()
        configured = configure_model(
            model,
            spec.solve_setup,
            started=spec.started,
            branching_server=scorer,
            plugins=_worker_plugins(spec, scorer),
        )
        model.includeEventhdlr(_StopWhenSet(stop), "neuralmip-race-stop", "stop when a rival wins")
        if stop.is_set():
            # A rival won before this solve began: the model never left problem creation,
            # where SCIP's solving statistics must not be read (SCIP aborts the process).
            return WorkerResult(
                spec.worker, seed, "userinterrupt", None, seconds=time.monotonic() - started
            )
        if interrupter is not None:
            interrupter.attach(model)
        model.optimizeNogil()
        if interrupter is not None:
            interrupter.attach(None)
        return _worker_result(model, spec.worker, seed, time.monotonic() - started)
    except Exception as error:  # one failing worker must not end the race
        logger.warning("race worker %d failed: %s: %s", spec.worker, type(error).__name__, error)
        return WorkerResult(
            spec.worker,
            seed,
            "error",
            None,
            seconds=time.monotonic() - started,
            error=f"{type(error).__name__}: {error}",
        )
    finally:
        if interrupter is not None:
            interrupter.attach(None)
        del configured
        if scorer is not None and hasattr(scorer, "close"):
            scorer.close()
        model.free()  # freeProb() would leak a model that has Python plugins


def _worker_plugins(
    spec: _WorkerSpec, scorer: Scorer | None
) -> Callable[[pyscipopt.Model], None] | None:
    """The race's ``setup`` for this worker, as :func:`configure_model` calls plugins."""
    setup = spec.setup
    if setup is None:
        return None
    return lambda model: setup(model, spec.worker, scorer)


def _worker_result(model: pyscipopt.Model, worker: int, seed: int, seconds: float) -> WorkerResult:
    """A solved worker's outcome."""
    objective, solution = _best_solution(model)
    return WorkerResult(
        worker=worker,
        seed=seed,
        status=model.getStatus(),
        objective=objective,
        solution=solution,
        n_nodes=model.getNNodes(),
        dual_bound=model.getDualbound(),
        seconds=seconds,
    )


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
                seed = spec.solve_setup.seed
                result = WorkerResult(spec.worker, seed, "error", None, error=str(error))
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
    solve_setup: SolveSetup = RACE_SETUP,
    seeds: Sequence[int] | None = None,
    started: float | None = None,
    server: InferenceServer | ServerAddress | None = None,
    setup: WorkerSetup | None = None,
    backend: RaceBackend = RaceBackend.THREADS,
) -> RaceResult:
    """Race ``n_workers`` differently seeded solves of one instance; keep the best result.

    Parameters
    ----------
    instance_path
        The instance file (read and validated once here, then by each worker).
    n_workers
        Number of concurrent solves.
    solve_setup
        Every worker's set-up but its seed (:func:`solver.setup.configure_model`); its
        ``time_limit`` holds for every worker. Default: :data:`RACE_SETUP`.
    seeds
        One SCIP seed per worker; default ``solve_setup.seed + 0 .. n_workers - 1``.
    started
        The ``time.monotonic()`` instant ``solve_setup.time_limit`` counts from (see
        :func:`solver.setup.configure_model`); None (default): each worker's limit is SCIP's
        clock alone.
    server
        The shared inference server: an :class:`~gnn.serving.InferenceServer` (threads only) or
        the :class:`~gnn.serving.ServerAddress` of a process server. Each worker gets its own
        client, passed to ``setup`` and closed after the solve.
    setup
        Includes each worker's plugins (see :data:`WorkerSetup`).
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
    seeds = _race_seeds(n_workers, seeds, solve_setup.seed)
    if backend is RaceBackend.PROCESSES and server is not None:
        from gnn.serving import InferenceServer

        if isinstance(server, InferenceServer):
            raise ValueError("worker processes cannot share an in-process server: pass its address")
    path = Path(instance_path)
    checked = read_instance(path)  # one clear error here rather than one per worker
    minimize = checked.getObjectiveSense() == "minimize"
    checked.freeProb()
    specs = [
        _WorkerSpec(
            os.fspath(path),
            worker,
            dataclasses.replace(solve_setup, seed=seed),
            started,
            server,
            setup,
        )
        for worker, seed in enumerate(seeds)
    ]
    race_started = time.monotonic()
    run = _race_threads if backend is RaceBackend.THREADS else _race_processes
    results = sorted(run(specs), key=lambda result: result.worker)
    return _race_result(results, minimize, time.monotonic() - race_started)


def _race_seeds(n_workers: int, seeds: Sequence[int] | None, first: int) -> list[int]:
    """One seed per worker: ``seeds``, or ``first, first + 1, ...``."""
    if n_workers < 1:
        raise ValueError(f"n_workers must be >= 1, got {n_workers}")
    seeds = [first + worker for worker in range(n_workers)] if seeds is None else list(seeds)
    if len(seeds) != n_workers:
        raise ValueError(f"{len(seeds)} seeds for {n_workers} workers")
    return [int(seed) for seed in seeds]


def _race_result(results: list[WorkerResult], minimize: bool, wall_seconds: float) -> RaceResult:
    """The race's outcome from its workers' results (sorted by worker)."""
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


def _combined_dual_bound(result: RaceResult, minimize: bool) -> float | None:
    """The tightest dual bound any worker proved (each is valid for the whole problem)."""
    if result.winner is not None:
        bounds = [result.workers[result.winner].dual_bound]
    else:
        bounds = [worker.dual_bound for worker in result.workers]
    finite = [bound for bound in map(finite_or_none, bounds) if bound is not None]
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
    from gnn.serving import InferenceServer, ServerConfig, servable_module

    # The server thread gets a copy of its own: workers keep theirs for the node MLP and as
    # the fallback when the server fails.
    return InferenceServer(servable_module(load_checkpoint(checkpoint).model), ServerConfig())


def _plan_learned(
    path: str | os.PathLike[str], model_path: str | os.PathLike[str] | None, check_domain: bool
) -> tuple[ModelSet | None, dict[str, str], str]:
    """The model set the workers will include (loaded and checked now), the components they
    will leave out and why, and the description :meth:`solver.plugins.LearnedPlugins.describe`
    gives of it."""
    from solver.plugins import (
        describe_learned,
        load_model_set,
        plan_model_set,
        settings_alone_apply,
        settings_words,
    )

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
    if not used and settings_alone_apply(models, declined):
        used = [settings_words(models.scip_params)]
    return models, declined, describe_learned(models.name, used, declined)


def race_instance(
    path: str | os.PathLike[str],
    n_workers: int,
    *,
    time_limit: float | None = None,
    gap: float | None = None,
    seed: int = 0,
    preset: ScipPreset = DEFAULT,
    scip_params: Mapping[str, Any] | None = None,
    learned: bool = False,
    model_path: str | os.PathLike[str] | None = None,
    check_domain: bool = True,
    branching_params: Mapping[str, Any] | None = None,
    diving_params: Mapping[str, Any] | None = None,
    solution_path: str | os.PathLike[str] | None = None,
    show_log: bool = False,
    started: float | None = None,
) -> SolveResult:
    """Race ``n_workers`` solves seeded ``seed, seed + 1, ...``; report it as one solve.

    The ``solve --workers N`` path, taking :func:`solver.solution.solve_instance`'s arguments
    (``show_log`` is accepted for that, but the workers' logs stay hidden: interleaved, they
    would be unreadable). Learned models are loaded (and checked) once, before any
    worker starts, and only when one applies to the instance; the best solution of any worker
    is checked again by SCIP on a fresh copy of the instance and written to ``solution_path``.
    ``time_limit`` counts from ``started`` (default: this call's start), so planning, model
    loading and the server's start are charged to it.

    Returns
    -------
    SolveResult
        ``time`` is the race's wall time, ``nodes`` the sum over workers, ``solutions`` the
        number of workers that found one, ``dual_bound`` the tightest bound any worker proved,
        ``startup_seconds`` when the race began (from ``started``).

    Raises
    ------
    instances.errors.InstanceError, solver.plugins.LearnedModelError, OutputPathError
        Bad instance, model or output path, before solving.
    ValueError
        Bad ``time_limit`` or ``gap``.
    """
    started = time.monotonic() if started is None else started
    solve_setup = SolveSetup(
        preset=preset,
        scip_params=scip_params or {},
        seed=seed,
        permute_variables=True,
        time_limit=time_limit,
        gap=gap,
    )
    target = check_solution_path(solution_path) if solution_path is not None else None
    learned_plugins = None
    server = None
    if learned:
        learned_request = learned_setup(model_path, check_domain, branching_params, diving_params)
        solve_setup, server, learned_plugins = _learned_race(solve_setup, path, learned_request)
    try:
        startup_seconds = time.monotonic() - started
        result = race(path, n_workers, solve_setup=solve_setup, started=started, server=server)
    finally:
        if server is not None:
            server.close()
    return _race_summary(
        result,
        path,
        target,
        seed=seed,
        preset=preset.name,
        learned=learned,
        learned_plugins=learned_plugins,
        startup_seconds=startup_seconds,
    )


def _learned_race(
    solve_setup: SolveSetup, path: str | os.PathLike[str], request: LearnedSetup
) -> tuple[SolveSetup, InferenceServer | None, str]:
    """The race's set-up with the model set that applies to the instance (chosen and loaded
    once, so every worker includes the same), the server its branching network runs on, and
    the description of what the workers include."""
    model_path, check_domain = request.model_path, request.check_domain
    models, declined, description = _plan_learned(path, model_path, check_domain)
    if models is None:
        return solve_setup, None, description
    import torch

    # Several solver threads each running torch's default thread pool can stall one another
    # on a forward pass; SCIP itself uses one core per worker.
    torch.set_num_threads(1)
    spec = models.name if model_path is None else os.fspath(model_path)
    setup = dataclasses.replace(solve_setup, learned=dataclasses.replace(request, model_path=spec))
    server = None
    if models.branching is not None and "branching" not in declined:
        server = _branching_server(models.branching.path)
    return setup, server, description


def _race_summary(
    result: RaceResult,
    path: str | os.PathLike[str],
    target: Path | None,
    **fields: Any,
) -> SolveResult:
    """The race as one :class:`~solver.solution.SolveResult`; its best solution is checked by
    SCIP on a fresh copy of the instance and written to ``target``."""
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
            solutions=sum(worker.objective is not None for worker in result.workers),
            solution_file=written,
            sense=checked.getObjectiveSense(),
            **fields,
        )
    finally:
        checked.freeProb()
