"""One batch of requests through a server's model: scores or an error for each, and metrics.

Shared by the in-process server (:mod:`gnn.serving.server`) and the server process
(:mod:`gnn.serving.process`), which differ only in how requests arrive and answers leave.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np
import torch
from torch import nn

from gnn.graph import BipartiteGraph
from gnn.serving.closing import ClosesOnExit
from gnn.serving.config import ServerConfig
from gnn.serving.errors import InferenceError, InferenceTimeout
from gnn.serving.metrics import MetricsRecorder
from gnn.serving.scoring import score_batch_splitting

__all__ = ["BatchRunner", "ServerClient", "drop_expired"]

_log = logging.getLogger(__name__)

_Request = TypeVar("_Request")


class ServerClient(ClosesOnExit):
    """Base of both servers' clients: :meth:`score` with a deadline per request.

    Subclasses set ``timeout_s`` (the default deadline, in seconds) and implement
    :meth:`_request` and :meth:`close`.
    """

    timeout_s: float

    def score(
        self, graph: BipartiteGraph, candidates: np.ndarray, *, timeout_s: float | None = None
    ) -> np.ndarray:
        """Scores (float32 logits) of the variables ``candidates`` of ``graph``.

        Parameters
        ----------
        graph
            The node's observation.
        candidates
            Indices of the variables to score.
        timeout_s
            Deadline of this request; default the client's ``timeout_s``.

        Raises
        ------
        InferenceTimeout
            No answer within the deadline.
        ServerUnavailable
            The server is closed or gone, or this client is closed; later calls fail at once.
        InferenceError
            The model failed on the batch this request was in.
        """
        return self._request(graph, candidates, self.timeout_s if timeout_s is None else timeout_s)

    def _request(
        self, graph: BipartiteGraph, candidates: np.ndarray, timeout_s: float
    ) -> np.ndarray:
        """Send one request and wait at most ``timeout_s`` for its scores (see :meth:`score`)."""
        raise NotImplementedError


def drop_expired(
    batch: Sequence[_Request],
    metrics: MetricsRecorder,
    *,
    is_live: Callable[[_Request], bool],
    expire: Callable[[_Request, InferenceTimeout], None],
) -> list[_Request]:
    """The requests of ``batch`` still worth running; each other one is told it expired.

    Parameters
    ----------
    batch
        Requests taken from a server's queue.
    metrics
        Records how many expired.
    is_live
        Whether a request's client still waits for it (its deadline has not passed).
    expire
        Tells an expired request's client (it may have given up: it is told all the same).
    """
    live = [request for request in batch if is_live(request)]
    if len(live) < len(batch):
        metrics.record_expired(len(batch) - len(live))
        kept = {id(request) for request in live}
        for request in batch:
            if id(request) not in kept:
                expire(request, InferenceTimeout("the request expired in the server's queue"))
    return live


class BatchRunner:
    """Runs batches through ``model`` on ``device`` and records them in ``metrics``.

    Any thread may call :meth:`run`; each applies ``config.torch_threads`` once, the first time.
    A batch that fails (the model raised, or returned the wrong shape) becomes an
    :class:`~gnn.serving.errors.InferenceError` for each of its requests, so their clients fall
    back to SCIP's rule while the server goes on; the first failure is logged with its trace.
    """

    def __init__(
        self,
        model: nn.Module,
        device: torch.device,
        config: ServerConfig,
        metrics: MetricsRecorder,
    ) -> None:
        self.model = model
        self.device = device
        self.metrics = metrics
        self._torch_threads = config.resolved_torch_threads()
        self._thread_state = threading.local()
        self._logged_failure = False

    def _use_torch_threads(self) -> None:
        if not getattr(self._thread_state, "configured", False):
            torch.set_num_threads(self._torch_threads)
            self._thread_state.configured = True

    def run(
        self,
        graphs: Sequence[BipartiteGraph],
        candidates: Sequence[np.ndarray],
        arrivals: Sequence[float],
    ) -> tuple[list[np.ndarray], InferenceError | None]:
        """Score one batch whose requests arrived at ``arrivals`` (``time.monotonic()``).

        Returns
        -------
        (scores, error)
            One score array per request, or empty arrays and the error every request gets.
        """
        self._use_torch_threads()
        started = time.monotonic()
        error: InferenceError | None = None
        try:
            scores = score_batch_splitting(
                self.model, graphs, candidates, self.device, self.metrics.record_memory_split
            )
        # One bad batch must not stop the server: its clients fall back to SCIP's rule.
        except Exception as failure:
            if not self._logged_failure:
                _log.exception("inference failed; the clients of this batch fall back")
                self._logged_failure = True
            error = (
                failure
                if isinstance(failure, InferenceError)
                else InferenceError(f"the model failed: {type(failure).__name__}: {failure}")
            )
            scores = [np.empty(0, dtype=np.float32)] * len(graphs)
        finished = time.monotonic()
        self.metrics.record_batch(
            [started - arrived for arrived in arrivals], finished - started, error is not None
        )
        return scores, error
