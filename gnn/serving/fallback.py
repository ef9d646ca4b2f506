"""A scorer that asks a server first and runs the model in-process once the server fails."""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np

from gnn.graph import BipartiteGraph
from gnn.serving.errors import InferenceTimeout, ServerUnavailable
from gnn.serving.scoring import Scorer

__all__ = ["FallbackScorer"]

_log = logging.getLogger(__name__)


class FallbackScorer:
    """Scores through ``served`` (a server's client) until the server fails, then in-process.

    A dead server (:class:`ServerUnavailable`) switches to the local scorer at once and for
    good. A timeout is raised for that node (the branching rule then uses SCIP's own rule,
    cheaper than a late forward pass here); ``max_consecutive_timeouts`` of them in a row
    mean the server is stalled, and the local scorer takes over for good. Other inference
    errors (a bad batch) are raised for that node only.

    Parameters
    ----------
    served
        The client of the server.
    local
        Builds the in-process scorer, called once, on the first fallback (so a worker that
        never falls back never pays for it).
    max_consecutive_timeouts
        Timeouts in a row after which the server is given up.

    Attributes
    ----------
    n_served, n_local : int
        Requests answered by the server and by the local scorer.
    fell_back : str | None
        Why the local scorer took over (``None`` while the server is used).
    """

    def __init__(
        self,
        served: Scorer,
        local: Callable[[], Scorer],
        *,
        max_consecutive_timeouts: int = 3,
    ) -> None:
        if max_consecutive_timeouts < 1:
            raise ValueError(
                f"max_consecutive_timeouts must be >= 1, got {max_consecutive_timeouts}"
            )
        self.served = served
        self._make_local = local
        self._local: Scorer | None = None
        self.max_consecutive_timeouts = max_consecutive_timeouts
        self._timeouts_in_a_row = 0
        self.n_served = 0
        self.n_local = 0
        self.fell_back: str | None = None

    def _fall_back(self, reason: str) -> Scorer:
        if self._local is None:
            _log.warning("inference server given up (%s); scoring in this process", reason)
            self.fell_back = reason
            self._local = self._make_local()
        return self._local

    def score(self, graph: BipartiteGraph, candidates: np.ndarray) -> np.ndarray:
        """Scores of the variables ``candidates`` of ``graph``, by the server or locally."""
        local = self._local
        if local is None:
            try:
                scores = self.served.score(graph, candidates)
            except ServerUnavailable as error:
                local = self._fall_back(f"server unavailable: {error}")
            except InferenceTimeout:
                self._timeouts_in_a_row += 1
                if self._timeouts_in_a_row < self.max_consecutive_timeouts:
                    raise
                local = self._fall_back(f"{self._timeouts_in_a_row} timeouts in a row")
            else:
                self._timeouts_in_a_row = 0
                self.n_served += 1
                return scores
        self.n_local += 1
        return local.score(graph, candidates)
