"""One solve of one instance file, and the one result type of every solve.

:func:`solve_instance` (the ``solve`` command's path) reads and validates the file, sets the
solve up with :func:`solver.setup.configure_model` (preset, parameters, seed, limits, the
learned plugins), solves, and returns a frozen :class:`SolveResult`, the type racing and the
benchmark configurations return too; with ``solution_path`` it also writes the best solution
in SCIP's ``.sol`` format, atomically (a temporary file in the same folder, then a rename), so
an existing file is never left half-written. :func:`check_solution_path` refuses an unusable output path before any
time is spent solving.

SCIP catches SIGINT (Ctrl-C) itself during ``optimize``: the solve stops with status
``userinterrupt`` and the result still holds, and writes, the best solution found so far.
"""

from __future__ import annotations

import logging
import math
import os
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyscipopt

from instances.reading import read_instance
from solver.settings import DEFAULT, ScipPreset
from solver.setup import LearnedSetup, SolveSetup, configure_model

__all__ = [
    "INTERRUPTED_STATUS",
    "NO_SOLUTION_STATUSES",
    "OutputPathError",
    "SolveResult",
    "check_solution_path",
    "finite_or_none",
    "learned_setup",
    "solve_instance",
    "summarize",
    "write_best_solution",
]

#: SCIP's status after SIGINT (Ctrl-C) stopped the solve.
INTERRUPTED_STATUS = "userinterrupt"

#: Statuses that prove there is no optimal solution to report.
NO_SOLUTION_STATUSES = frozenset({"infeasible", "unbounded", "inforunbd"})


class OutputPathError(ValueError):
    """A solution output path cannot be written; ``str()`` is one line ``"PATH: why"``."""


@dataclass(frozen=True, kw_only=True)
class SolveResult:
    """What one solve gave, in the original problem's objective sense: the one result type of
    ``solve``, racing and the benchmark configurations (every field is JSON-serialisable)."""

    instance: str | None = None
    """The instance file solved; None where the caller keeps it (the benchmark's rows)."""

    status: str
    """The solver's status word in lower case: optimal, infeasible, unbounded, inforunbd,
    timelimit, gaplimit, nodelimit, userinterrupt, ..., or ``error`` (see :attr:`error`)."""

    objective: float | None = None
    """Objective value of the best solution; None when none was found."""

    dual_bound: float | None = None
    """The dual bound; None when it is infinite (nothing proved) or the solver has none."""

    gap: float | None = None
    """Relative primal-dual gap as the solver computes it (0.01 = 1 %); None when infinite."""

    nodes: int | None = None
    """Branch-and-bound nodes processed; None when the solver failed before saying."""

    time: float | None = None
    """The solver's solving time in seconds (presolve and search, not reading or set-up)."""

    seed: int | None = None
    """The seed given to :func:`solver.settings.seed_scip` (None where the caller keeps it)."""

    preset: str | None = None
    """Name of the :class:`~solver.settings.ScipPreset` applied (None where the caller keeps
    it)."""

    learned: bool = False
    """Whether the learned plugins were asked for."""

    solutions: int = 0
    """Number of feasible solutions the solver stored."""

    solution_file: str | None = None
    """Where the best solution was written in SCIP's ``.sol`` format; None if not written."""

    learned_plugins: str | None = None
    """With ``learned``: which learned components ran, from which model set, and why any was
    left out (:meth:`solver.plugins.LearnedPlugins.describe`)."""

    startup_seconds: float | None = None
    """Seconds from the instant the time limit counts from (the process's start for the
    ``solve`` command, else the call's) to the start of the solver's solve; None where not
    measured."""

    sense: str = "minimize"
    """``minimize`` or ``maximize``."""

    primal_trajectory: tuple[tuple[float, float], ...] = ()
    """Incumbent values over time, ``(seconds, value)`` (recorded by the benchmark)."""

    dual_trajectory: tuple[tuple[float, float], ...] = ()
    """Dual bound values over time, ``(seconds, value)`` (recorded by the benchmark)."""

    error: str | None = None
    """One line saying what went wrong, when ``status`` is ``error``."""

    inference: Mapping[str, Any] | None = None
    """How learned branching ran its networks (benchmark runs with learned branching; see
    :attr:`experiments.bench.configurations.ScipConfiguration.solve`)."""

    heuristic: Mapping[str, Any] | None = None
    """What neural diving spent and found (benchmark runs with neural diving)."""

    @property
    def has_solution(self) -> bool:
        """Whether a feasible solution was found."""
        return self.objective is not None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (no NaN or infinity: those are None already)."""
        return asdict(self)


def finite_or_none(value: float | None) -> float | None:
    """``value`` as a float, or None when it is None, NaN or infinite (SCIP's infinity is
    1e20)."""
    if value is None or not math.isfinite(value) or abs(value) >= 1e20:
        return None
    return float(value)


def check_solution_path(path: str | os.PathLike[str]) -> Path:
    """Check that a solution file can be written at ``path``, by creating a temporary file there.

    Parameters
    ----------
    path
        The ``.sol`` file to write later.

    Returns
    -------
    Path
        ``path`` as a Path.

    Raises
    ------
    OutputPathError
        When the folder does not exist, is not a folder, or cannot be written, or when ``path``
        is a directory.
    """
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise OutputPathError(f"{target}: is a directory; give a file name for the solution")
    if not folder.exists():
        raise OutputPathError(f"{target}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise OutputPathError(f"{target}: {folder} is not a folder")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as err:
        raise OutputPathError(f"{target}: cannot write in {folder} ({err.strerror})") from None
    return target


def write_best_solution(model: pyscipopt.Model, path: str | os.PathLike[str]) -> Path:
    """Write ``model``'s best solution in SCIP's ``.sol`` format, atomically.

    The solution goes to a temporary file in the target's folder, which is then renamed over
    ``path``, so a reader never sees a half-written file and an existing file is replaced
    only by a complete one.

    Parameters
    ----------
    model
        A solved (or interrupted) model with at least one solution.
    path
        The file to write.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OutputPathError
        When the file cannot be written.
    """
    target = Path(path)
    if target.exists() and not target.is_file():
        # A device or a pipe (/dev/stdout, a FIFO): write into it. Renaming a file over it
        # would replace the device node itself (as root, even /dev/null).
        return _write_into(model, target)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as err:
        raise OutputPathError(f"{target}: cannot write ({err.strerror})") from None
    os.close(handle)
    try:
        model.writeBestSol(temporary)
        # mkstemp makes the file private (0600); give it the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except OSError as err:
        raise OutputPathError(f"{target}: cannot write ({err.strerror})") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target


def _write_into(model: pyscipopt.Model, target: Path) -> Path:
    """Write the best solution into an existing non-regular file (device, pipe)."""
    with tempfile.TemporaryDirectory() as folder:
        staged = Path(folder) / "best.sol"
        model.writeBestSol(os.fspath(staged))
        try:
            with target.open("wb") as stream:
                stream.write(staged.read_bytes())
        except OSError as err:
            raise OutputPathError(f"{target}: cannot write ({err.strerror})") from None
    return target


def summarize(
    model: pyscipopt.Model,
    *,
    instance: str,
    seed: int,
    preset: str,
    learned: bool,
    solution_file: str | None = None,
    learned_plugins: str | None = None,
    startup_seconds: float | None = None,
) -> SolveResult:
    """Read a solved model's outcome into a :class:`SolveResult`."""
    solutions = model.getNSols()
    return SolveResult(
        instance=instance,
        status=model.getStatus(),
        # An unbounded problem's "solution" can have an infinite objective (SCIP's 1e20).
        objective=finite_or_none(model.getObjVal()) if solutions > 0 else None,
        dual_bound=finite_or_none(model.getDualbound()),
        gap=finite_or_none(model.getGap()) if solutions > 0 else None,
        nodes=model.getNNodes(),
        time=model.getSolvingTime(),
        seed=seed,
        preset=preset,
        learned=learned,
        solutions=solutions,
        solution_file=solution_file,
        learned_plugins=learned_plugins,
        startup_seconds=startup_seconds,
        sense=model.getObjectiveSense(),
    )


def solve_instance(
    path: str | os.PathLike[str],
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
    plugins: Callable[[pyscipopt.Model], object] | None = None,
    started: float | None = None,
) -> SolveResult:
    """Read, configure and solve one instance file; optionally write its best solution.

    The solve is set up by :func:`solver.setup.configure_model`.

    Parameters
    ----------
    path
        The instance file (see :func:`instances.reading.read_instance`).
    time_limit
        Wall-clock seconds counted from ``started`` (reading, set-up and model loading
        included); None for none.
    gap
        Relative gap at which to stop (``limits/gap``, 0.01 = 1 %); None for SCIP's default.
    seed
        Seed for every SCIP random seed (:func:`solver.settings.seed_scip`).
    preset
        Settings applied first.
    scip_params
        Extra SCIP parameters applied after the preset (they win), before seeds and limits.
    learned
        Include the learned branching rule and diving heuristic
        (:func:`solver.plugins.include_learned_plugins`); the instance must then be linear.
    model_path
        Model set or checkpoint to use with ``learned`` instead of the shipped set matched to
        the instance.
    check_domain
        Leave out learned models trained on instances unlike this one (see :mod:`gnn.domain`).
    branching_params, diving_params
        With ``learned``: settings of the rule and the heuristic set on top of the model set's
        (:class:`solver.setup.LearnedSetup`); default none.
    solution_path
        Where to write the best solution (``.sol``); checked before reading, written only if a
        solution exists.
    show_log
        Let SCIP print its log to standard output.
    plugins
        Called with the configured model just before the time limit is set and ``optimize()``
        runs, to include one's own plugins (what it returns is kept alive during the solve).
    started
        The ``time.monotonic()`` instant ``time_limit`` counts from; None (default): this
        call's start. The ``solve`` command passes :func:`solver.time_budget.process_start`.

    Returns
    -------
    SolveResult
        The outcome; ``status == "userinterrupt"`` after Ctrl-C.

    Raises
    ------
    instances.errors.InstanceError
        Bad instance file.
    solver.settings.ScipParamError
        Bad parameter name or value.
    OutputPathError
        ``solution_path`` cannot be written.
    solver.plugins.LearnedModelError
        ``learned`` and no usable model; raised before solving.
    ValueError
        Bad ``time_limit``, ``gap`` or ``seed``.
    """
    started = time.monotonic() if started is None else started
    setup = SolveSetup(
        preset=preset,
        scip_params=scip_params or {},
        seed=seed,
        time_limit=time_limit,
        gap=gap,
        learned=(
            learned_setup(model_path, check_domain, branching_params, diving_params)
            if learned
            else None
        ),
    )
    target = check_solution_path(solution_path) if solution_path is not None else None
    model = read_instance(path, require_linear=learned)
    configured = None
    try:
        model.hideOutput(quiet=not show_log)
        configured = configure_model(model, setup, started=started, plugins=plugins)
        startup_seconds = time.monotonic() - started
        model.optimize()
        written = None
        if target is not None and model.getNSols() > 0:
            written = os.fspath(write_best_solution(model, target))
        return summarize(
            model,
            instance=os.fspath(path),
            seed=seed,
            preset=preset.name,
            learned=learned,
            solution_file=written,
            learned_plugins=configured.learned.describe() if configured.learned else None,
            startup_seconds=startup_seconds,
        )
    finally:
        del configured
        _release(model, with_plugins=learned or plugins is not None)


def learned_setup(
    model_path: str | os.PathLike[str] | None = None,
    check_domain: bool = True,
    branching_params: Mapping[str, Any] | None = None,
    diving_params: Mapping[str, Any] | None = None,
) -> LearnedSetup:
    """Both learned components from ``model_path`` (None: the shipped set matched to the
    instance), as ``solve --learned [--model M] [--any-instance] [--branching-param ...]
    [--diving-param ...]`` asks for them."""
    return LearnedSetup(
        model_path=None if model_path is None else os.fspath(model_path),
        check_domain=check_domain,
        branching_params=branching_params or {},
        diving_params=diving_params or {},
    )


def _release(model: pyscipopt.Model, *, with_plugins: bool) -> None:
    """Free a solved model; never let a failure to free hide what happened before."""
    try:
        if with_plugins:
            # With Python plugins freeProb() leaves the SCIP instance alive (a reference cycle,
            # about 1.9 MB per solve); free() releases it. Without them freeProb() frees the
            # problem and keeps the (small) SCIP instance, so a caller that kept the model
            # can still read its parameters; after free() any call on it would crash.
            model.free()
        else:
            model.freeProb()
    except Exception as err:  # PySCIPOpt raises bare Exception for every SCIP return code
        # After an error inside optimize() SCIP can be stuck between stages and refuses to
        # free; the error that got us here is the one to report.
        logging.getLogger(__name__).debug("could not free the SCIP model: %s", err)
