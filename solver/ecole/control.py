"""Reverse control: SCIP solves in a thread and hands each decision to the agent in turn.

An environment's ``reset`` starts ``model.optimize()`` in a solver thread. When a callback
(a branching rule, a heuristic) reaches a decision, it calls :meth:`SolverControl.ask`, which
passes a payload (the action set) to the agent's thread and blocks until the agent answers with
``step``. Only one of the two threads runs at a time, so SCIP's state is never touched by both:
while the solver waits inside its callback, the agent may read the model (observations,
rewards, even strong branching) as a callback would.

Ending an episode early (a new ``reset``, ``close``, the environment garbage collected)
answers the waiting callback with a stop; the callback interrupts the solve and returns, the
thread ends and is joined, and only then is the model freed. No thread outlives its episode.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["EpisodeAbandoned", "SolverControl"]

logger = logging.getLogger(__name__)


class EpisodeAbandoned(Exception):
    """Raised inside a callback when the agent ended the episode; the callback must interrupt."""


@dataclass(frozen=True)
class _Decision:
    payload: Any


@dataclass(frozen=True)
class _Failed:
    error: BaseException


@dataclass(frozen=True)
class _Finished:
    error: BaseException | None


_STOP = object()


class SolverControl:
    """Runs one solve in a thread and passes decisions between its callbacks and the agent.

    Parameters
    ----------
    solve
        Runs the whole solve (e.g. ``model.optimizeNogil``); called once in the solver thread.
    keep_alive
        Objects the solve needs (the model): held until the solver thread has ended, so that
        nothing frees them under a running solve.
    """

    def __init__(self, solve: Callable[[], Any], keep_alive: Any = None) -> None:
        self._solve = solve
        self._keep_alive = keep_alive
        self._to_agent: queue.Queue[Any] = queue.Queue()
        self._to_solver: queue.Queue[Any] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._finished = False

    @property
    def finished(self) -> bool:
        """Whether the solve has ended (the solver thread is joined)."""
        return self._finished

    # -- agent side ------------------------------------------------------------------------

    def start(self) -> Any:
        """Start the solve; return the first decision's payload, or ``None`` if it ended."""
        if self._thread is not None:
            raise RuntimeError("this solve was already started")
        self._thread = threading.Thread(target=self._run, name="ecole-solver", daemon=True)
        self._thread.start()
        return self._wait()

    def resume(self, answer: Any) -> Any:
        """Answer the waiting decision; return the next payload, or ``None`` when the solve ended.

        Raises
        ------
        BaseException
            What a callback reported with :meth:`fail`, or what the solve raised; the solve is
            then over.
        """
        if self._finished:
            raise RuntimeError("the solve has ended; nothing is waiting for an answer")
        self._to_solver.put(answer)
        return self._wait()

    def close(self) -> bool:
        """End the solve now if it is running (its callback interrupts SCIP) and join the thread.

        Returns
        -------
        bool
            Whether the solve is over. False only when called from the solver thread itself (a
            garbage collection inside a callback): waiting there would deadlock, so the solve is
            only flagged to stop, and what it keeps alive is released when its thread ends.
        """
        if self._thread is None or self._finished:
            self._release()
            return True
        if threading.current_thread() is self._thread:
            self._stopping = True
            return False
        self._stopping = True
        self._to_solver.put(_STOP)
        while True:
            message = self._to_agent.get()
            if isinstance(message, _Finished):
                break
            if isinstance(message, _Decision):  # asked before it saw the stop: stop again
                self._to_solver.put(_STOP)
        self._join()
        return True

    def _wait(self) -> Any:
        message = self._to_agent.get()
        if isinstance(message, _Decision):
            return message.payload
        if isinstance(message, _Failed):
            self.close()
            raise message.error
        self._join()
        if message.error is not None:
            raise message.error
        return None

    def _join(self) -> None:
        assert self._thread is not None
        self._thread.join()
        self._finished = True
        self._release()

    def _release(self) -> None:
        self._keep_alive = None
        self._solve = _solved

    # -- solver side -----------------------------------------------------------------------

    def ask(self, payload: Any) -> Any:
        """From a callback: hand ``payload`` to the agent and return its answer.

        Raises
        ------
        EpisodeAbandoned
            The agent ended the episode: interrupt the solve and return from the callback.
        """
        if self._stopping:
            raise EpisodeAbandoned
        self._to_agent.put(_Decision(payload))
        answer = self._to_solver.get()
        if answer is _STOP:
            self._stopping = True
            raise EpisodeAbandoned
        return answer

    def fail(self, error: BaseException) -> None:
        """From a callback: report an error to the agent; the caller must interrupt the solve."""
        if not self._stopping:
            self._stopping = True
            self._to_agent.put(_Failed(error))

    @property
    def stopping(self) -> bool:
        """Whether the episode is being abandoned (callbacks should not ask any more)."""
        return self._stopping

    def _run(self) -> None:
        try:
            self._solve()
        except BaseException as error:  # handed to the agent thread, which re-raises it
            self._to_agent.put(_Finished(error))
        else:
            self._to_agent.put(_Finished(None))


def _solved() -> None:
    raise RuntimeError("the solve has already run")
