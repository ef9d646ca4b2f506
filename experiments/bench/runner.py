"""Run a benchmark: materialise instances, calibrate, run every job once, store each row.

A benchmark folder holds:

- ``config.json``: the resolved config (refused on ``--resume`` if the config changed);
- ``results.jsonl``: one row per run (:mod:`experiments.bench.store`), appended as runs finish;
- ``sessions.jsonl``: one line per invocation: command, host, library versions, git commit,
  executor, where learned networks ran (``inference``), and the calibration solve;
- ``inference.jsonl``: the metrics of each shared inference server, one line per server and
  invocation (:mod:`experiments.bench.inference`);
- ``instances/``: generated instance files;
- ``report.md`` and ``*.png``: written at the end (:mod:`experiments.report`).
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import logging
import os
import platform
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from experiments.bench.config import BenchConfig
from experiments.bench.configurations import (
    STATUS_ERROR,
    SolverConfiguration,
    SolveRequest,
    SolveResult,
)
from experiments.bench.inference import (
    INFERENCE_FILE,
    InferenceMode,
    SharedInference,
    uses_learned_branching,
)
from experiments.bench.store import RESULTS_FILE, ResultStore, run_key
from experiments.executors import Executor

if TYPE_CHECKING:
    from gnn.serving import ServerAddress, ServerConfig

__all__ = [
    "BenchError",
    "BenchSummary",
    "RunJob",
    "run_job",
    "run_benchmark",
    "plan_jobs",
    "calibrate",
    "preload_run_modules",
    "environment_info",
    "instance_name",
    "RESULT_COLUMNS",
    "STATUS_CRASHED",
    "result_row",
    "CONFIG_FILE",
    "SESSIONS_FILE",
]

_LOG = logging.getLogger(__name__)

#: Status of a run whose worker died (signal, out of memory); redone by ``--resume``.
STATUS_CRASHED = "crashed"
CONFIG_FILE = "config.json"
SESSIONS_FILE = "sessions.jsonl"


class BenchError(RuntimeError):
    """The benchmark cannot start; ``str()`` is one line for the user."""


@dataclass(frozen=True)
class RunJob:
    """One run: an instance, a configuration and a seed (picklable; sent to a worker)."""

    instance_set: str
    """Name of the instance set."""
    instance: str
    """Instance name (file name without extensions)."""
    path: str
    """The instance file."""
    configuration: SolverConfiguration
    """How to solve it."""
    seed: int
    """Solver seed."""
    time_limit: float
    """Seconds."""
    settings: str
    """SCIP settings preset name."""
    model: str | None = None
    """The instance set's learned models (used by configurations that name none)."""
    inference: ServerAddress | None = None
    """The shared inference server of the run's learned branching; ``None``: in the worker."""

    def key_fields(self) -> dict[str, Any]:
        """The fields that identify the run in the store."""
        return {
            "instance_set": self.instance_set,
            "instance": self.instance,
            "configuration": self.configuration.name,
            "seed": self.seed,
        }


def instance_name(path: Path) -> str:
    """``/x/neos-911880.mps.gz`` -> ``neos-911880``."""
    name = path.name
    for suffix in (".gz", ".bz2", ".zst", ".xz"):
        name = name.removesuffix(suffix)
    return Path(name).stem


#: The :class:`~solver.solution.SolveResult` fields a result row holds, by row column (the
#: row's own ``instance``, ``seed`` and ``settings`` come from the job).
RESULT_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "status": "status",
        "objective": "objective",
        "dual_bound": "dual_bound",
        "gap": "gap",
        "nodes": "nodes",
        "solving_time": "time",
        "sense": "sense",
        "primal_trajectory": "primal_trajectory",
        "dual_trajectory": "dual_trajectory",
        "error": "error",
        "inference": "inference",
        "heuristic": "heuristic",
    }
)


def result_row(job: RunJob, **fields: Any) -> dict[str, Any]:
    """A result row: the job's fields, then ``fields``, then where and when it was written."""
    return {
        **job.key_fields(),
        "path": job.path,
        "solver": getattr(job.configuration, "solver", type(job.configuration).__name__),
        "time_limit": job.time_limit,
        "settings": job.settings,
        **fields,
        "host": socket.gethostname(),
        "finished_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }


def run_job(job: RunJob) -> dict[str, Any]:
    """Solve one job and return its result row (runs in a worker process)."""
    request = SolveRequest(
        instance=Path(job.path),
        seed=job.seed,
        time_limit=job.time_limit,
        settings=job.settings,
        model_path=job.model,
        inference=job.inference,
    )
    started = time.perf_counter()
    try:
        result = job.configuration.solve(request)
    except Exception as err:  # deterministic failures are results; only dead workers are redone
        _LOG.debug("run %r failed", job, exc_info=True)
        first_line = (str(err).strip().splitlines() or [""])[0]
        result = SolveResult(status=STATUS_ERROR, error=f"{type(err).__name__}: {first_line}")
    solve_wall_time = time.perf_counter() - started
    columns = {column: getattr(result, name) for column, name in RESULT_COLUMNS.items()}
    return result_row(
        job, model=job.model, **columns, solve_wall_time=solve_wall_time, pid=os.getpid()
    )


def _crashed_row(job: RunJob, error: str | None, elapsed: float) -> dict[str, Any]:
    return result_row(
        job, status=STATUS_CRASHED, error=error, solve_wall_time=None, harness_elapsed=elapsed
    )


def plan_jobs(config: BenchConfig, instances: dict[str, list[Path]]) -> list[RunJob]:
    """Every run of the benchmark: instance sets x instances x configurations x seeds."""
    jobs = []
    for instance_set in config.instance_sets:
        time_limit = instance_set.time_limit or config.time_limit
        for path in instances[instance_set.name]:
            for seed in config.seeds:
                for configuration in config.configurations:
                    jobs.append(
                        RunJob(
                            instance_set=instance_set.name,
                            instance=instance_name(path),
                            path=str(path),
                            configuration=configuration,
                            seed=seed,
                            time_limit=time_limit,
                            settings=config.settings,
                            model=instance_set.model,
                        )
                    )
    return jobs


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_commit() -> str:
    root = Path(__file__).resolve().parents[2]
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return commit + ("-dirty" if dirty else "")


def load_averages() -> list[float] | None:
    """The machine's 1-, 5- and 15-minute load averages (None where the OS keeps none)."""
    return list(os.getloadavg()) if hasattr(os, "getloadavg") else None


def one_minute_load() -> float | None:
    """The machine's 1-minute load average (None where the OS keeps none)."""
    averages = load_averages()
    return None if averages is None else averages[0]


def environment_info() -> dict[str, Any]:
    """Host, library versions and git commit of this process."""
    import pyscipopt

    model = pyscipopt.Model()
    try:
        scip = f"{model.getMajorVersion()}.{model.getMinorVersion()}.{model.getTechVersion()}"
    finally:
        model.freeProb()
    return {
        "host": socket.gethostname(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        # Shared machines make times noisy: the load when the benchmark started says how much.
        "load_average": load_averages(),
        "python": platform.python_version(),
        "scip": scip,
        "versions": {
            name: _package_version(name)
            for name in ("neuralmip", "pyscipopt", "highspy", "numpy", "torch", "ray")
        },
        "git_commit": _git_commit(),
    }


def calibrate() -> dict[str, Any]:
    """Solve the fixed calibration instance with SCIP defaults; return time and nodes.

    The instance is a set cover of 250 rows x 500 columns, density 0.05, generated with seed 0
    (about 1.5 s on one core of the development machine). Dividing run times by this figure
    makes times from different machines or sessions comparable, as in Nair et al. (2020).
    """
    from instances.generators import SetCover
    from solver.setup import SolveSetup, configure_model

    model = SetCover(n_rows=250, n_cols=500, density=0.05).generate(0)
    try:
        model.hideOutput()
        configure_model(model, SolveSetup(seed=0))
        started = time.perf_counter()
        model.optimize()
        return {
            "instance": "SetCover(n_rows=250, n_cols=500, density=0.05).generate(0)",
            "wall_time": time.perf_counter() - started,
            "solving_time": model.getSolvingTime(),
            "nodes": model.getNTotalNodes(),
            "status": str(model.getStatus()),
            "objective": model.getObjVal() if model.getNSols() else None,
        }
    finally:
        model.freeProb()


def preload_run_modules() -> None:
    """Import what every run needs, so forked workers start with it already loaded."""
    import highspy  # noqa: F401

    import instances.reading  # noqa: F401
    import solver.plugins  # noqa: F401
    import solver.settings  # noqa: F401
    import solver.setup  # noqa: F401
    import solver.trajectory  # noqa: F401


@dataclass(frozen=True)
class BenchSummary:
    """What one invocation of the benchmark did."""

    total: int
    """Runs in the benchmark."""
    skipped: int
    """Runs already done before this invocation (``--resume``)."""
    ran: int
    """Runs done now."""
    crashed: int
    """Runs whose worker died (redone by the next ``--resume``)."""
    errors: int
    """Runs that returned an error status (e.g. no learned model)."""


def _check_folder(config: BenchConfig, out_dir: Path, resume: bool) -> None:
    config_path = out_dir / CONFIG_FILE
    has_results = (out_dir / RESULTS_FILE).exists()
    if not resume and has_results:
        raise BenchError(
            f"{out_dir}: already holds results; pass --resume to continue them or choose another --out"
        )
    if resume and config_path.exists():
        previous = json.loads(config_path.read_text(encoding="utf-8"))
        current = json.loads(json.dumps(config.to_json()))
        ignore = {"workers", "source", "inference"}  # where a run infers does not change it
        if {k: v for k, v in previous.items() if k not in ignore} != {
            k: v for k, v in current.items() if k not in ignore
        }:
            raise BenchError(
                f"{out_dir}: was started with a different config; --resume needs the same one"
            )


def run_benchmark(
    config: BenchConfig,
    out_dir: str | os.PathLike[str],
    executor: Executor,
    *,
    resume: bool = False,
    progress: bool = True,
    command: Sequence[str] | None = None,
    calibration: bool = True,
    inference: InferenceMode | None = None,
    server_config: ServerConfig | None = None,
) -> BenchSummary:
    """Run every job of ``config`` not yet done, appending each row to ``out_dir``'s store.

    Parameters
    ----------
    config
        The resolved benchmark config.
    out_dir
        The benchmark folder (created).
    executor
        Where runs execute (:func:`experiments.executors.make_executor`).
    resume
        Continue a benchmark in ``out_dir``: runs with a row are skipped, except crashed ones.
    progress
        Show a progress bar with an ETA on standard error.
    command
        The command line to record; default ``sys.argv``.
    calibration
        Solve the calibration instance first and record it.
    inference
        Where learned configurations run their networks; default ``config.inference``
        (:mod:`experiments.bench.inference`).
    server_config
        Settings of the shared inference servers (default :class:`gnn.serving.ServerConfig`).

    Raises
    ------
    BenchError
        When ``out_dir`` holds results and ``resume`` is False, or another config's results.
    """
    out_dir = Path(out_dir)
    _prepare_folder(config, out_dir, resume)
    preload_run_modules()
    requested = inference if inference is not None else config.inference
    # torch is imported (to look for CUDA) only when a learned network could be served.
    shared_mode = uses_learned_branching(config.configurations) and requested.shares()
    _record_session(
        out_dir,
        command=list(sys.argv if command is None else command),
        resume=resume,
        executor=executor,
        inference={"requested": requested.value, "mode": "shared" if shared_mode else "local"},
        calibration=calibration,
    )
    store = ResultStore(out_dir / RESULTS_FILE)
    all_jobs = plan_jobs(config, _materialize_instances(config, out_dir))
    done = {key for key, row in store.latest().items() if row.get("status") != STATUS_CRASHED}
    jobs = [job for job in all_jobs if run_key(job.key_fields()) not in done]
    shared = _start_shared_inference(jobs, out_dir, server_config) if shared_mode else None
    if shared is not None:
        jobs = [
            dataclasses.replace(job, inference=shared.address_for(job.configuration, job.model))
            for job in jobs
        ]
    try:
        crashed, errors = _run_jobs(executor, jobs, config.retries, store, progress)
    finally:
        if shared is not None:
            _stop_shared_inference(shared, out_dir)
    return BenchSummary(
        total=len(all_jobs),
        skipped=len(all_jobs) - len(jobs),
        ran=len(jobs),
        crashed=crashed,
        errors=errors,
    )


def _prepare_folder(config: BenchConfig, out_dir: Path, resume: bool) -> None:
    """Check ``out_dir`` (see :func:`_check_folder`), create it and write the resolved config."""
    _check_folder(config, out_dir, resume)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / CONFIG_FILE).write_text(
            json.dumps(config.to_json(), indent=2) + "\n", encoding="utf-8"
        )
    except OSError as err:
        raise BenchError(f"{out_dir}: cannot write the benchmark folder ({err.strerror})") from None


def _record_session(
    out_dir: Path,
    *,
    command: list[str],
    resume: bool,
    executor: Executor,
    inference: dict[str, str],
    calibration: bool,
) -> None:
    """Append this invocation's line to ``sessions.jsonl`` (calibrating first if asked)."""
    session = {
        "started_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": command,
        "resume": resume,
        "executor": type(executor).__name__,
        "parallelism": executor.parallelism,
        **environment_info(),
        "inference": inference,
        "calibration": calibrate() if calibration else None,
    }
    with (out_dir / SESSIONS_FILE).open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(session, sort_keys=True) + "\n")


def _materialize_instances(config: BenchConfig, out_dir: Path) -> dict[str, list[Path]]:
    """Every instance set's files (generated ones under ``out_dir/instances``).

    Raises
    ------
    BenchError
        When a set matches no files, or holds two files of the same instance name.
    """
    instances = {s.name: s.materialize(out_dir / "instances") for s in config.instance_sets}
    for name, paths in instances.items():
        if not paths:
            raise BenchError(f"instance set {name!r} matches no files")
        names = [instance_name(path) for path in paths]
        clashes = sorted({n for n in names if names.count(n) > 1})
        if clashes:
            raise BenchError(f"instance set {name!r} has several files named {', '.join(clashes)}")
    return instances


def _run_jobs(
    executor: Executor, jobs: list[RunJob], retries: int, store: ResultStore, progress: bool
) -> tuple[int, int]:
    """Run ``jobs``, appending each row to ``store`` as it ends; return how many crashed and
    how many ended with an error status."""
    from tqdm import tqdm

    crashed = errors = 0
    bar = tqdm(
        total=len(jobs), file=sys.stderr, disable=not progress, unit="run", dynamic_ncols=True
    )
    try:
        for outcome in _outcomes(executor, jobs, retries):
            if outcome.ok:
                row = dict(outcome.value)
                row["harness_elapsed"] = outcome.elapsed
                errors += row.get("status") == STATUS_ERROR
            else:
                row = _crashed_row(outcome.job, outcome.error, outcome.elapsed)
                crashed += 1
            row["attempts"] = outcome.attempts
            # Times, even on SCIP's CPU clock, can grow when cores are shared: the load as
            # each run ended says when the machine was busier than the benchmark.
            row["load_average"] = one_minute_load()
            _append(store, row)
            bar.set_postfix_str(
                f"{row['configuration']} {row['instance']}: {row['status']}", refresh=False
            )
            bar.update(1)
    finally:
        bar.close()
    return crashed, errors


def _append(store: ResultStore, row: dict[str, Any]) -> None:
    """Append ``row``; a full disk is one clear error (the rows written before are kept)."""
    try:
        store.append(row)
    except OSError as err:
        raise BenchError(
            f"{store.path}: cannot write a result ({err.strerror}); the rows written "
            "before are kept: free the space and continue with --resume"
        ) from None


def _start_shared_inference(
    jobs: Sequence[RunJob], out_dir: Path, server_config: ServerConfig | None
) -> SharedInference | None:
    """Start the servers the jobs' learned branching uses; None (runs infer in their workers)
    when there is nothing to serve or a server fails to start (recorded in inference.jsonl)."""
    from gnn.serving import InferenceError

    try:
        shared = SharedInference([(job.configuration, job.model) for job in jobs], server_config)
    except InferenceError as err:
        _LOG.warning("no shared inference server (%s); workers run their own inference", err)
        line = {"error": str(err), "mode": "local"}
        with (out_dir / INFERENCE_FILE).open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(line, sort_keys=True) + "\n")
        return None
    if shared.n_servers == 0:
        shared.close()
        return None
    return shared


def _stop_shared_inference(shared: SharedInference, out_dir: Path) -> None:
    """Record the servers' metrics, then stop them."""
    try:
        shared.record(out_dir)
    except OSError as err:
        _LOG.warning("%s: cannot record the inference metrics (%s)", out_dir, err.strerror)
    finally:
        shared.close()


def _outcomes(executor: Executor, jobs: list[RunJob], retries: int) -> Iterator[Any]:
    return executor.map_unordered(run_job, jobs, retries=retries)
