"""Run many independent jobs (solves, collection tasks) in parallel: local processes or Ray.

One small interface, two implementations with the same results:

>>> with make_executor(workers=2) as executor:  # doctest: +SKIP
...     for outcome in executor.map_unordered(solve_one, jobs):
...         print(outcome.job, outcome.ok, outcome.value, outcome.error)

- ``fn`` must be a picklable top-level function of one argument; jobs and return values must be
  picklable. Outcomes arrive in completion order, one per job.
- An exception raised by ``fn`` fails only its own job: ``ok`` is False and ``error`` is one line
  (``"ValueError: ..."``).
- A worker that dies (segfault, ``kill -9``, out of memory) also fails only its own job, with an
  error naming the signal; the others go on. With ``retries=k`` a failed job is tried again up to
  ``k`` more times before its outcome is reported.

:class:`LocalExecutor` starts **one process per job** (forked, so a job costs a fork, not an
interpreter start and imports; measure with ``python -m experiments.bench.overhead``). A
``concurrent.futures.ProcessPoolExecutor`` would be slightly cheaper per job but breaks as a whole
(``BrokenProcessPool``) when any worker dies, and a SCIP segfault must cost one run, not the
benchmark. :class:`RayExecutor` submits each job as a Ray task with Ray's own retries off (ours
apply, so both executors count attempts alike); Ray is imported only when asked for.
"""

from __future__ import annotations

import abc
import logging
import multiprocessing
import multiprocessing.connection
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, TypeVar

__all__ = [
    "CollectionTally",
    "JobOutcome",
    "Executor",
    "LocalExecutor",
    "RayExecutor",
    "make_executor",
    "run_collection",
]

_LOG = logging.getLogger(__name__)

JobT = TypeVar("JobT")
ValueT = TypeVar("ValueT")


@dataclass(frozen=True)
class JobOutcome(Generic[JobT, ValueT]):
    """What became of one job."""

    job: JobT
    """The job as it was submitted."""
    ok: bool
    """True when ``fn(job)`` returned; False when it raised or its worker died."""
    value: ValueT | None
    """What ``fn(job)`` returned; ``None`` when ``ok`` is False."""
    error: str | None
    """One line saying why the job failed; ``None`` when ``ok`` is True."""
    elapsed: float
    """Wall-clock seconds of the last attempt, from submission to result (overhead included)."""
    attempts: int = 1
    """How many times the job was tried (1 + the retries used)."""


def _describe(exc: BaseException) -> str:
    """One line naming an exception: ``"TypeName: message"``."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _call(fn: Callable[[Any], Any], job: Any) -> tuple[bool, Any, str | None]:
    """Run ``fn(job)`` and turn an exception into ``(False, None, message)``."""
    try:
        return True, fn(job), None
    except Exception as exc:  # reported as the job's outcome, never raised in the parent
        _LOG.debug("job %r failed", job, exc_info=True)
        return False, None, _describe(exc)


class _JobFeed:
    """The jobs an executor still has to start: retries first, then fresh jobs, lazily."""

    def __init__(self, jobs: Iterable[Any]) -> None:
        self._fresh = iter(jobs)
        self._retries: deque[tuple[Any, int]] = deque()

    def retry(self, job: Any, attempt: int) -> None:
        """Queue ``job`` again as its ``attempt``-th try."""
        self._retries.append((job, attempt))

    def next(self) -> tuple[Any, int] | None:
        """The next ``(job, attempt)`` to start, or None when nothing is left to start."""
        if self._retries:
            return self._retries.popleft()
        for job in self._fresh:
            return job, 1
        return None


class Executor(abc.ABC):
    """Runs independent jobs; use as a context manager so workers are always cleaned up.

    Parameters
    ----------
    retries
        Default number of extra attempts for a failed job (0: each job runs once).
    """

    def __init__(self, retries: int = 0) -> None:
        if retries < 0:
            raise ValueError(f"retries must be >= 0, got {retries}")
        self.retries = retries

    def __enter__(self) -> Executor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @abc.abstractmethod
    def close(self) -> None:
        """Release the executor's resources (idempotent)."""

    @property
    @abc.abstractmethod
    def parallelism(self) -> int:
        """How many jobs run at once (for progress estimates)."""

    @abc.abstractmethod
    def map_unordered(
        self,
        fn: Callable[[JobT], ValueT],
        jobs: Iterable[JobT],
        *,
        retries: int | None = None,
    ) -> Iterator[JobOutcome[JobT, ValueT]]:
        """Run ``fn`` on every job; yield one :class:`JobOutcome` per job as each completes.

        Parameters
        ----------
        fn
            A picklable top-level function of one argument.
        jobs
            Picklable jobs; consumed lazily, as workers free up.
        retries
            Extra attempts for a failed job; defaults to the executor's ``retries``.
        """


@dataclass
class _Running:
    """A job being run by one child process."""

    process: multiprocessing.process.BaseProcess
    connection: multiprocessing.connection.Connection
    job: Any
    attempt: int
    started: float


def _child_main(
    connection: multiprocessing.connection.Connection, fn: Callable[[Any], Any], job: Any
) -> None:
    """Body of a child process: run the job and send ``(ok, value, error)`` back."""
    # The parent handles Ctrl-C and terminates its children; a child must not print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    message = _call(fn, job)
    try:
        connection.send(message)
    except Exception as exc:  # e.g. an unpicklable return value
        connection.send((False, None, f"could not send the result back: {_describe(exc)}"))
    finally:
        connection.close()


def _block_sigint() -> set[signal.Signals] | None:
    """Block SIGINT in this thread; return the previous mask (None where unsupported)."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _restore_sigmask(previous: set[signal.Signals] | None) -> None:
    """Restore the mask :func:`_block_sigint` returned; a pending SIGINT is delivered now."""
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _death_message(exitcode: int | None) -> str:
    """Say how a child that sent nothing back ended."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"worker died with {name} before returning a result"
    return f"worker exited with code {exitcode} before returning a result"


class LocalExecutor(Executor):
    """Run each job in its own child process, at most ``workers`` at a time.

    Parameters
    ----------
    workers
        Maximum number of jobs running at once (>= 1).
    retries
        Default number of extra attempts for a failed job.
    start_method
        ``multiprocessing`` start method; ``"fork"`` (the default where available) costs a few
        milliseconds per job, ``"spawn"`` or ``"forkserver"`` re-import ``fn``'s module in
        every child.
    """

    def __init__(self, workers: int = 1, retries: int = 0, start_method: str | None = None) -> None:
        super().__init__(retries)
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.workers = workers
        if start_method is None:
            available = multiprocessing.get_all_start_methods()
            start_method = "fork" if "fork" in available else "spawn"
        self._context = multiprocessing.get_context(start_method)

    @property
    def parallelism(self) -> int:
        return self.workers

    def close(self) -> None:
        """Nothing to release: each job's process ends with the job (or when iteration stops)."""

    def _start(self, fn: Callable[[Any], Any], job: Any, attempt: int) -> _Running:
        receiver, sender = self._context.Pipe(duplex=False)
        process = self._context.Process(target=_child_main, args=(sender, fn, job), daemon=True)
        started = time.perf_counter()
        # SIGINT is blocked across the fork. A Ctrl-C arriving meanwhile then stays pending and
        # is raised in the parent right after, instead of inside the fork's at-fork hooks, where
        # Python swallows it ("Exception ignored in _releaseLock") and the run went on to the
        # end. The child starts with SIGINT blocked, so a Ctrl-C sent to the whole process group
        # cannot stop SCIP inside it (SCIP installs its own handler over SIG_IGN during a solve),
        # which would hand back a "userinterrupt" row stored as a finished run.
        blocked = _block_sigint()
        try:
            process.start()
        finally:
            _restore_sigmask(blocked)
        sender.close()  # the child holds the only writing end: EOF means it is gone
        return _Running(process, receiver, job, attempt, started)

    @staticmethod
    def _finish(running: _Running) -> tuple[bool, Any, str | None]:
        """Collect a finished child's message, or say how it died."""
        try:
            message = running.connection.recv()
        except (EOFError, OSError):
            message = None
        running.connection.close()
        running.process.join()
        if message is None:
            return False, None, _death_message(running.process.exitcode)
        return message

    @staticmethod
    def _stop(running: _Running) -> None:
        running.connection.close()
        if running.process.is_alive():
            running.process.kill()
        running.process.join()

    def map_unordered(
        self,
        fn: Callable[[JobT], ValueT],
        jobs: Iterable[JobT],
        *,
        retries: int | None = None,
    ) -> Iterator[JobOutcome[JobT, ValueT]]:
        max_attempts = 1 + (self.retries if retries is None else retries)
        feed = _JobFeed(jobs)
        running: dict[multiprocessing.connection.Connection, _Running] = {}
        try:
            while True:
                while len(running) < self.workers and (start := feed.next()) is not None:
                    job, attempt = start
                    entry = self._start(fn, job, attempt)
                    running[entry.connection] = entry
                if not running:
                    return
                # A connection becomes ready when the child sends its result or dies (EOF).
                for connection in multiprocessing.connection.wait(list(running)):
                    entry = running.pop(connection)  # type: ignore[arg-type]
                    ok, value, error = self._finish(entry)
                    elapsed = time.perf_counter() - entry.started
                    if not ok and entry.attempt < max_attempts:
                        _LOG.info("retrying job %r after: %s", entry.job, error)
                        feed.retry(entry.job, entry.attempt + 1)
                        continue
                    yield JobOutcome(entry.job, ok, value, error, elapsed, entry.attempt)
        finally:
            for entry in running.values():
                self._stop(entry)


class RayExecutor(Executor):
    """Run each job as a Ray task with one CPU.

    Parameters
    ----------
    address
        ``"auto"`` joins the running cluster this machine belongs to, or starts a local one
        when there is none; any other string is a cluster address (``"ray://host:10001"``,
        ``"host:6379"``). When Ray is already initialised in this process (a test, a notebook),
        that session is used as is and left running on close.
    workers
        Maximum number of tasks in flight; 0 or 1 means the cluster's CPU count.
    retries
        Default number of extra attempts for a failed job.
    """

    def __init__(self, address: str = "auto", workers: int = 0, retries: int = 0) -> None:
        super().__init__(retries)
        import ray  # optional dependency: imported only when Ray is asked for

        self._ray = ray
        self._owns_session = False
        if not ray.is_initialized():
            try:
                ray.init(address=address, log_to_driver=False)
            except ConnectionError:
                if address != "auto":
                    raise
                _LOG.info("no running Ray cluster found; starting a local one")
                ray.init(log_to_driver=False)
            self._owns_session = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self._in_flight = workers if workers > 1 else max(cpus, 1)
        self._remote = ray.remote(num_cpus=1, max_retries=0)(_call)

    @property
    def parallelism(self) -> int:
        return self._in_flight

    def close(self) -> None:
        if self._owns_session and self._ray.is_initialized():
            self._ray.shutdown()
        self._owns_session = False

    def map_unordered(
        self,
        fn: Callable[[JobT], ValueT],
        jobs: Iterable[JobT],
        *,
        retries: int | None = None,
    ) -> Iterator[JobOutcome[JobT, ValueT]]:
        ray = self._ray
        max_attempts = 1 + (self.retries if retries is None else retries)
        feed = _JobFeed(jobs)
        running: dict[Any, tuple[Any, int, float]] = {}
        try:
            while True:
                while len(running) < self._in_flight and (start := feed.next()) is not None:
                    job, attempt = start
                    running[self._remote.remote(fn, job)] = (job, attempt, time.perf_counter())
                if not running:
                    return
                done, _ = ray.wait(list(running), num_returns=1)
                for ref in done:
                    job, attempt, started = running.pop(ref)
                    try:
                        ok, value, error = ray.get(ref)
                    except ray.exceptions.RayError as exc:  # the worker died or was lost
                        ok, value, error = False, None, f"worker died: {_describe(exc)}"
                    elapsed = time.perf_counter() - started
                    if not ok and attempt < max_attempts:
                        _LOG.info("retrying job %r after: %s", job, error)
                        feed.retry(job, attempt + 1)
                        continue
                    yield JobOutcome(job, ok, value, error, elapsed, attempt)
        finally:
            for ref in running:
                ray.cancel(ref, force=True)


def make_executor(
    workers: int = 1, ray_address: str | None = None, *, retries: int = 0
) -> Executor:
    """Return the executor the command line asked for.

    Parameters
    ----------
    workers
        Jobs at once: local processes, or the cap on Ray tasks in flight (0 or 1 with Ray:
        the cluster's CPU count).
    ray_address
        ``None`` for local processes; ``"auto"`` or a cluster address for Ray.
    retries
        Extra attempts for a failed job.
    """
    if ray_address is None:
        return LocalExecutor(workers=max(workers, 1), retries=retries)
    return RayExecutor(address=ray_address, workers=workers, retries=retries)


@dataclass(frozen=True)
class CollectionTally:
    """What :func:`run_collection` did."""

    n_done: int
    """Jobs that succeeded."""
    n_items: int
    """Items (samples, solutions) the succeeded jobs reported."""
    failures: tuple[str, ...]
    """One line per failed job: its instance and why."""


def run_collection(
    fn: Callable[[JobT], ValueT],
    jobs: list[JobT],
    *,
    items: str,
    count: Callable[[ValueT], int],
    n_total: int,
    workers: int = 1,
    ray_address: str | None = None,
    progress: bool = True,
) -> CollectionTally:
    """Run a collection's jobs with a progress bar (instances done, items, ETA) on stderr.

    Parameters
    ----------
    fn, jobs
        One job per instance still to collect (each job has an ``instance`` attribute).
    items
        What the jobs collect (``"samples"``, ``"solutions"``), for the bar.
    count
        How many items a job's return value holds.
    n_total
        Instances in the run, those already done (skipped) included.
    workers, ray_address
        See :func:`make_executor`.
    progress
        Show the bar.
    """
    from tqdm import tqdm

    n_skipped = n_total - len(jobs)
    n_done, n_items, failures = 0, 0, []
    with tqdm(
        total=n_total,
        initial=n_skipped,
        desc=f"collect {items}",
        unit="instance",
        file=sys.stderr,
        disable=not progress,
    ) as bar:
        bar.set_postfix({items: 0, "skipped": n_skipped, "failed": 0})
        if jobs:
            with make_executor(workers, ray_address) as executor:
                for outcome in executor.map_unordered(fn, jobs):
                    if outcome.ok:
                        n_done += 1
                        n_items += count(outcome.value)
                    else:
                        job = getattr(outcome.job, "instance", outcome.job)
                        failures.append(f"{job}: {outcome.error}")
                        _LOG.warning("%s", failures[-1])
                    bar.update(1)
                    bar.set_postfix({items: n_items, "skipped": n_skipped, "failed": len(failures)})
    return CollectionTally(n_done, n_items, tuple(failures))
