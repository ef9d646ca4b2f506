"""The in-process batching server: one thread owns the model, clients in other threads wait.

Solver threads running ``optimizeNogil`` call :meth:`InferenceClient.score`; the server thread
groups their requests, runs one forward pass and wakes each client with its scores.
"""

from __future__ import annotations

import threading
import time
from collections import deque

import numpy as np
from torch import nn

from gnn.graph import BipartiteGraph
from gnn.serving.batching import BatchRunner, ServerClient, drop_expired
from gnn.serving.closing import ClosesOnExit
from gnn.serving.config import ServerConfig
from gnn.serving.errors import InferenceError, InferenceTimeout, ServerUnavailable
from gnn.serving.metrics import MetricsRecorder, ServingMetrics
from gnn.serving.scoring import resolve_device

__all__ = ["InferenceServer", "InferenceClient"]


#: How many recent forward passes decide whether a caller may run a batch itself.
_RECENT_FORWARDS = 32
#: A caller runs a batch itself only if its remaining deadline exceeds this many times the
#: longest recent forward pass: a forward running in the caller's own thread cannot be abandoned
#: at the deadline, so the caller must be sure it will end well before it.
_CALLER_RUNS_MARGIN = 4.0


class _Request:
    """One scoring request and the slot its answer is written to."""

    __slots__ = (
        "graph",
        "candidates",
        "arrived",
        "deadline",
        "done",
        "scores",
        "error",
        "abandoned",
    )

    def __init__(self, graph: BipartiteGraph, candidates: np.ndarray, timeout_s: float) -> None:
        self.graph = graph
        self.candidates = candidates
        self.arrived = time.monotonic()
        self.deadline = self.arrived + timeout_s
        self.done = threading.Event()
        self.scores: np.ndarray | None = None
        self.error: InferenceError | None = None
        self.abandoned = False  # the client stopped waiting; skip it if not yet started


class InferenceServer(ClosesOnExit):
    """Owns a model on one device and scores batches of requests from many client threads.

    Parameters
    ----------
    model
        A module with ``model(batch) -> Tensor[total_variables]``; it is moved to the device
        (in place) and put in eval mode. Only the server thread calls it from then on.
    config
        Batching, deadline and device settings.

    Examples
    --------
    >>> with InferenceServer(model) as server, server.client() as client:  # doctest: +SKIP
    ...     scores = client.score(graph, candidates)
    """

    def __init__(self, model: nn.Module, config: ServerConfig | None = None) -> None:
        self.config = config if config is not None else ServerConfig()
        self.device = resolve_device(self.config.device)
        self._model = model.to(self.device).eval()
        self._max_wait_s = self.config.resolved_max_wait_s(self.device.type)
        self._condition = threading.Condition()
        # How many forward passes may run at once, whoever runs them (callers or server thread).
        self._forward_slots = threading.BoundedSemaphore(
            self.config.resolved_concurrent_forwards(self.device.type)
        )
        self._pending: deque[_Request] = deque()
        self._n_clients = 0
        self._closed = False
        self._metrics = MetricsRecorder()
        self._runner = BatchRunner(self._model, self.device, self.config, self._metrics)
        # Durations of the most recent forward passes, whoever ran them: a caller runs a batch
        # itself only when its deadline is far beyond all of them (see _caller_may_run).
        self._recent_forwards: deque[float] = deque(maxlen=_RECENT_FORWARDS)
        self._forwards_started: list[float] = []  # start times of the passes running now
        self._thread = threading.Thread(target=self._serve, name="neuralmip-inference", daemon=True)
        self._thread.start()

    # -- clients ---------------------------------------------------------------------------

    def client(self, timeout_s: float | None = None) -> InferenceClient:
        """A new client; each thread that scores should hold its own.

        Parameters
        ----------
        timeout_s
            Deadline of each request; default ``config.request_timeout_s``.
        """
        return InferenceClient(
            self, self.config.request_timeout_s if timeout_s is None else timeout_s
        )

    def _register(self, delta: int) -> None:
        with self._condition:
            self._n_clients += delta
            # A departing client may complete the batch the others are waiting to fill.
            self._condition.notify_all()

    def _submit(
        self, graph: BipartiteGraph, candidates: np.ndarray, timeout_s: float
    ) -> np.ndarray:
        request = _Request(graph, np.asarray(candidates, dtype=np.int64), timeout_s)
        batch: list[_Request] | None = None
        with self._condition:
            if self._closed:
                raise ServerUnavailable("the inference server is closed")
            self._pending.append(request)
            if (
                self.config.caller_runs
                and self._batch_complete()
                and self._caller_may_run(request)
                and self._forward_slots.acquire(blocking=False)
            ):
                batch = self._take_batch()
            else:
                self._condition.notify_all()
        if batch is not None:
            # This request completed a batch and a forward slot is free: run it here rather
            # than wake the server thread and wait to be woken (two thread switches).
            try:
                self._run_batch(batch)
            finally:
                self._forward_slots.release()
        # The deadline counts from the request's arrival, whoever ran its batch.
        if not request.done.wait(max(0.0, request.deadline - time.monotonic())):
            request.abandoned = True
            raise InferenceTimeout(f"no scores within {timeout_s * 1e3:.1f} ms")
        if request.error is not None:
            raise request.error
        assert request.scores is not None
        return request.scores

    def _caller_may_run(self, request: _Request) -> bool:
        """Whether the caller of ``request`` may run its batch itself (call under the lock).

        The server thread's forward passes can be abandoned at the deadline (the client stops
        waiting); a caller's own pass cannot. So a caller runs the batch only once passes have
        been seen (the first ones, with lazy initialisation, are the slowest) and only when its
        remaining deadline is ``_CALLER_RUNS_MARGIN`` times longer than every recent pass. A pass
        that stalls makes every following request wait for the server thread, with its
        deadline, until passes are fast again.
        """
        if not self._recent_forwards:
            return False
        now = time.monotonic()
        # A pass still running counts with its time so far: it may be the one that stalls.
        longest = max([*self._recent_forwards, *(now - t for t in self._forwards_started)])
        return request.deadline - now > _CALLER_RUNS_MARGIN * longest

    # -- the server thread -----------------------------------------------------------------

    def _serve(self) -> None:
        while (batch := self._next_batch()) is not None:
            with self._forward_slots:
                self._run_batch(batch)

    def _batch_target(self) -> int:
        """Size at which the pending requests form a complete batch (call under the lock)."""
        # Each client has one request in flight: once all of them wait, none can join.
        return min(self.config.max_batch_size, max(1, self._n_clients))

    def _batch_complete(self) -> bool:
        """Whether the pending requests go to the model now, without waiting for company."""
        return self._max_wait_s <= 0 or len(self._pending) >= self._batch_target()

    def _take_batch(self) -> list[_Request]:
        size = min(len(self._pending), self.config.max_batch_size)
        return [self._pending.popleft() for _ in range(size)]

    def _next_batch(self) -> list[_Request] | None:
        """Wait for a batch to be complete (see :class:`ServerConfig`); ``None`` once closed."""
        with self._condition:
            while True:
                while not self._pending and not self._closed:
                    self._condition.wait()
                if self._closed:
                    return None
                first_arrived = self._pending[0].arrived
                while self._pending and not self._closed:
                    remaining = first_arrived + self._max_wait_s - time.monotonic()
                    if len(self._pending) >= self._batch_target() or remaining <= 0:
                        break
                    self._condition.wait(remaining)
                if self._closed:
                    return None
                if self._pending:  # a caller may have taken them meanwhile
                    return self._take_batch()

    def _run_batch(self, batch: list[_Request]) -> None:
        """Score ``batch`` and wake its clients (call holding a forward slot)."""
        started = time.monotonic()
        live = drop_expired(
            batch,
            self._metrics,
            is_live=lambda request: not request.abandoned and request.deadline > started,
            expire=_expire,
        )
        if not live:
            return
        with self._condition:
            self._forwards_started.append(started)
        scores, error = self._runner.run(
            [r.graph for r in live], [r.candidates for r in live], [r.arrived for r in live]
        )
        finished = time.monotonic()
        with self._condition:
            self._forwards_started.remove(started)
            self._recent_forwards.append(finished - started)
        for request, request_scores in zip(live, scores, strict=True):
            request.scores = request_scores
            request.error = error
            request.done.set()

    # -- lifetime --------------------------------------------------------------------------

    def metrics(self) -> ServingMetrics:
        """A frozen snapshot of the metrics so far."""
        with self._condition:
            n_clients = self._n_clients
        return self._metrics.snapshot(n_clients)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    def close(self, timeout_s: float = 10.0) -> None:
        """Stop the server thread; waiting and later requests raise ``ServerUnavailable``."""
        with self._condition:
            self._closed = True
            pending, self._pending = list(self._pending), deque()
            self._condition.notify_all()
        for request in pending:
            request.error = ServerUnavailable("the inference server closed")
            request.done.set()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout_s)


def _expire(request: _Request, timeout: InferenceTimeout) -> None:
    """Wake the client of an expired request with ``timeout``."""
    request.error = timeout
    request.done.set()


class InferenceClient(ServerClient):
    """A :class:`~gnn.serving.scoring.Scorer` that sends requests to an :class:`InferenceServer`.

    One client serves one thread at a time (it has at most one request in flight). Create it
    with :meth:`InferenceServer.client`; :meth:`close` it (or use ``with``) when done, so the
    server stops counting on its requests when it fills batches.
    """

    def __init__(self, server: InferenceServer, timeout_s: float) -> None:
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be > 0, got {timeout_s}")
        self._server = server
        self.timeout_s = timeout_s
        self._open = True
        server._register(+1)

    def _request(
        self, graph: BipartiteGraph, candidates: np.ndarray, timeout_s: float
    ) -> np.ndarray:
        if not self._open:
            raise ServerUnavailable("this inference client is closed")
        return self._server._submit(graph, candidates, timeout_s)

    def close(self) -> None:
        """Leave the server (idempotent)."""
        if self._open:
            self._open = False
            self._server._register(-1)
