"""Calls that return in bounded time: a policy call on a worker thread, waited for at most so long.

A SCIP plugin must not hold the solve past its time limit waiting for inference (a stalled
server, a slow first ``torch.compile`` call, a hung device). :class:`BoundedCaller` runs one call
at a time on its own daemon thread and waits for it at most ``timeout`` seconds; past that it
raises :class:`CallTimeout` and the plugin falls back to SCIP for that node. The stalled call
cannot be killed (Python has no safe way to stop a thread), so it runs on; while it does, later
calls raise :class:`CallerBusy` at once instead of queueing behind it, and once it ends the
caller is free again.

A call on the worker may need its caller's state, e.g. a branching policy asking for the node's
graph, which reads SCIP's LP. That state is only valid while the caller waits: a
:class:`CallGate` guards such functions, and the caller closes it when it stops waiting, so a
late call that reaches for the node raises :class:`CallTimeout` instead of touching a model that
has moved on (closing waits for a guarded function already running, so the two never overlap).

With no bound (``timeout=None``) the call runs directly in the calling thread: unlimited calls
pay nothing for the thread hand-off.

At the interpreter's exit, calls that timed out and still run are waited for, up to
:data:`EXIT_GRACE_SECONDS`: a daemon thread that is inside native code (a torch forward pass)
when the interpreter finalises is ended from within that code, which aborts the whole process
("terminate called without an active exception") and loses its exit code. A call that timed out
because a solve's time ran out is usually finishing an ordinary forward pass, so the wait is short.
"""

from __future__ import annotations

import atexit
import queue
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from gnn.torch_threads import use_process_torch_threads

__all__ = [
    "EXIT_GRACE_SECONDS",
    "BoundedCaller",
    "CallGate",
    "CallTimeout",
    "CallerBusy",
    "wait_for_stalled_calls",
]

T = TypeVar("T")

#: Longer waits than this are no bound at all (and ``Lock.acquire`` refuses them).
_UNBOUNDED = min(threading.TIMEOUT_MAX, 1e9)

#: Longest the interpreter's exit waits for calls that timed out and are still running.
EXIT_GRACE_SECONDS = 1.0


class CallTimeout(TimeoutError):
    """A bounded call did not return within its time (or used its caller's state too late)."""


class CallerBusy(CallTimeout):
    """An earlier call that timed out is still running; this call was not started."""


class CallGate:
    """Guards functions that read the caller's state; closed once the caller stops waiting."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = True

    @property
    def is_open(self) -> bool:
        """Whether guarded functions may still run."""
        return self._open

    def guard(self, function: Callable[[], T]) -> Callable[[], T]:
        """``function`` made to raise :class:`CallTimeout` once the gate is closed."""

        def guarded() -> T:
            with self._lock:
                if not self._open:
                    raise CallTimeout("the caller stopped waiting; its state is gone")
                return function()

        return guarded

    def close(self) -> None:
        """Refuse guarded functions from now on (waits for one that is running to return)."""
        with self._lock:
            self._open = False


class _Job(Generic[T]):
    """One call, its outcome, and a lock the worker releases when the call has returned."""

    __slots__ = ("function", "args", "kwargs", "result", "error", "done", "abandoned")

    def __init__(self, function: Callable[..., T], args: tuple, kwargs: dict[str, Any]) -> None:
        self.function, self.args, self.kwargs = function, args, kwargs
        self.result: T | None = None
        self.error: BaseException | None = None
        self.done = threading.Lock()
        self.done.acquire()
        self.abandoned = False  # the caller stopped waiting: nobody reads the outcome

    def run(self) -> None:
        try:
            self.result = self.function(*self.args, **self.kwargs)
        except BaseException as error:  # handed to the caller, who re-raises it
            self.error = error
        finally:
            # Drop references early: a late call must not keep a plugin (and its model) alive.
            self.function, self.args, self.kwargs = None, (), {}  # type: ignore[assignment]
            if self.abandoned:  # an error's traceback would hold the caller's frames
                self.result, self.error = None, None
            self.done.release()

    @property
    def finished(self) -> bool:
        return not self.done.locked()

    def wait(self, timeout: float) -> bool:
        """Wait for the call to return, without consuming ``done``; whether it returned."""
        if self.done.acquire(timeout=max(timeout, 0.0)):
            self.done.release()
            return True
        return False


#: Calls that timed out and may still be running, in every caller of this process.
_stalled_jobs: set[_Job] = set()
_stalled_lock = threading.Lock()


def _remember_stalled(job: _Job) -> None:
    with _stalled_lock:
        for finished in [j for j in _stalled_jobs if j.finished]:
            _stalled_jobs.discard(finished)
        _stalled_jobs.add(job)


def wait_for_stalled_calls(timeout: float) -> bool:
    """Wait up to ``timeout`` seconds for every call that timed out to return.

    Returns
    -------
    bool
        Whether none is left running.
    """
    deadline = time.monotonic() + timeout
    with _stalled_lock:
        jobs = list(_stalled_jobs)
    for job in jobs:
        if job.wait(deadline - time.monotonic()):
            with _stalled_lock:
                _stalled_jobs.discard(job)
    with _stalled_lock:
        return not _stalled_jobs


@atexit.register
def _wait_at_exit() -> None:
    # Runs before finalisation ends daemon threads: a call that returns now ends cleanly.
    if _stalled_jobs:
        wait_for_stalled_calls(EXIT_GRACE_SECONDS)


def _work(jobs: queue.SimpleQueue) -> None:
    """The worker loop; it holds only the queue, so the caller can be collected."""
    while (job := jobs.get()) is not None:
        use_process_torch_threads()
        job.run()
        del job


class BoundedCaller:
    """Runs calls on a daemon worker thread and waits for each at most a given time.

    One caller serves one thread (a plugin's callbacks); its worker runs one call at a time.
    The worker starts on the first bounded call and stops when the caller is collected.

    Parameters
    ----------
    name
        Name of the worker thread (shown in thread dumps).

    Examples
    --------
    >>> caller = BoundedCaller()
    >>> caller.call(sum, [1, 2, 3], timeout=1.0)
    6
    """

    def __init__(self, name: str = "neuralmip-bounded-call") -> None:
        self.name = name
        self._jobs: queue.SimpleQueue | None = None
        self._stalled: _Job | None = None
        self.n_timeouts = 0
        """Calls that ran past their time (each one left running on the worker)."""
        self.n_refused = 0
        """Calls refused because a timed-out call was still running."""

    @property
    def busy(self) -> bool:
        """Whether a call that timed out is still running (a new call would be refused)."""
        stalled = self._stalled
        if stalled is None:
            return False
        if stalled.finished:
            stalled.result, stalled.error = None, None
            self._stalled = None
            return False
        return True

    def call(
        self,
        function: Callable[..., T],
        /,
        *args: Any,
        timeout: float | None,
        gate: CallGate | None = None,
        **kwargs: Any,
    ) -> T:
        """``function(*args, **kwargs)``, waited for at most ``timeout`` seconds.

        Parameters
        ----------
        function, args, kwargs
            The call.
        timeout
            Seconds to wait; ``None`` (or infinity) runs the call directly in this thread.
        gate
            Closed when the call times out (see :class:`CallGate`); it is the caller's to close
            after a call that returned.

        Returns
        -------
        T
            What ``function`` returned (its exception is raised here).

        Raises
        ------
        CallerBusy
            A call that timed out earlier is still running; ``function`` was not called.
        CallTimeout
            ``function`` did not return within ``timeout`` (it runs on; its outcome is lost),
            or ``timeout`` was not positive (it was not called).
        """
        if self.busy:
            self.n_refused += 1
            raise CallerBusy("an earlier inference call that timed out is still running")
        if timeout is None or timeout >= _UNBOUNDED:
            use_process_torch_threads()  # the caller may be a thread torch did not start
            return function(*args, **kwargs)
        if not timeout > 0:  # also NaN
            raise CallTimeout(f"no time left for the call ({timeout:.3g} s)")
        job: _Job[T] = _Job(function, args, kwargs)
        self._worker_queue().put(job)
        if not job.done.acquire(timeout=timeout):
            if gate is not None:
                gate.close()
            if not job.finished:  # it may have returned while the gate closed
                job.abandoned = True
                self._stalled = job
                _remember_stalled(job)
                self.n_timeouts += 1
                raise CallTimeout(f"the call did not return within {timeout:.3g} s")
        if job.error is not None:
            error, job.error = job.error, None
            raise error
        return job.result  # type: ignore[return-value]

    def _worker_queue(self) -> queue.SimpleQueue:
        """The queue of the running worker, started on first use (one queue per worker)."""
        if self._jobs is None:
            jobs: queue.SimpleQueue = queue.SimpleQueue()
            threading.Thread(target=_work, args=(jobs,), name=self.name, daemon=True).start()
            # Stop the worker with its caller (after the call it is running, if any).
            weakref.finalize(self, jobs.put, None)
            self._jobs = jobs
        return self._jobs

    def close(self) -> None:
        """Stop the worker once its current call (if any) returns; idempotent.

        A later bounded call starts a new worker.
        """
        if self._jobs is not None:
            self._jobs.put(None)
            self._jobs = None
