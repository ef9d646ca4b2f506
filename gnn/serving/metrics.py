"""Serving metrics: a thread-safe recorder and the frozen snapshot it hands out."""

from __future__ import annotations

import threading
from collections import Counter, deque
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

__all__ = ["LatencySummary", "ServingMetrics", "MetricsRecorder"]


@dataclass(frozen=True)
class LatencySummary:
    """Summary of a set of durations, in seconds (quantiles over the most recent samples)."""

    count: int
    """Number of durations recorded since the start."""
    mean_s: float
    """Mean over all durations recorded."""
    p50_s: float
    """Median of the most recent durations."""
    p95_s: float
    """95th percentile of the most recent durations."""
    max_s: float
    """Largest duration recorded."""

    @classmethod
    def of(cls, count: int, total: float, largest: float, recent: deque[float]) -> LatencySummary:
        """Build a summary from running totals and a window of recent samples."""
        if count == 0:
            return cls(0, 0.0, 0.0, 0.0, 0.0)
        p50, p95 = np.quantile(np.fromiter(recent, dtype=np.float64), [0.5, 0.95])
        return cls(count, total / count, float(p50), float(p95), largest)


@dataclass(frozen=True)
class ServingMetrics:
    """A frozen snapshot of a server's metrics."""

    n_requests: int
    """Requests scored."""
    n_batches: int
    """Forward passes run."""
    n_expired: int
    """Requests dropped because their deadline passed before their batch ran."""
    n_failed: int
    """Requests answered with an error (the model raised or returned the wrong shape)."""
    n_clients: int
    """Clients connected when the snapshot was taken."""
    n_memory_splits: int
    """Batches that ran out of device memory and were split in two and retried."""
    batch_size_counts: tuple[tuple[int, int], ...]
    """Histogram of batch sizes: ``(size, number of batches)`` pairs, by size."""
    queue_wait: LatencySummary
    """Time from a request's arrival at the server to the start of its batch."""
    forward: LatencySummary
    """Time of one batch: collation, transfer, forward pass and the scores' way back."""

    @property
    def mean_batch_size(self) -> float:
        """Mean number of requests per forward pass."""
        return self.n_requests / self.n_batches if self.n_batches else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values."""
        values = asdict(self)
        values["batch_size_counts"] = {str(size): count for size, count in self.batch_size_counts}
        values["mean_batch_size"] = self.mean_batch_size
        return values


class _Durations:
    """Running count, total and maximum of durations, with a window of recent ones."""

    def __init__(self, window: int) -> None:
        self.count = 0
        self.total = 0.0
        self.largest = 0.0
        self.recent: deque[float] = deque(maxlen=window)

    def add(self, seconds: float) -> None:
        self.count += 1
        self.total += seconds
        self.largest = max(self.largest, seconds)
        self.recent.append(seconds)

    def summary(self) -> LatencySummary:
        return LatencySummary.of(self.count, self.total, self.largest, self.recent)


class MetricsRecorder:
    """Collects serving metrics from the server's threads; :meth:`snapshot` freezes them.

    Parameters
    ----------
    window
        How many recent durations the quantiles are computed over.
    """

    def __init__(self, window: int = 10_000) -> None:
        self._lock = threading.Lock()
        self._batch_sizes: Counter[int] = Counter()
        self._queue_wait = _Durations(window)
        self._forward = _Durations(window)
        self._n_requests = 0
        self._n_expired = 0
        self._n_failed = 0
        self._n_memory_splits = 0

    def record_batch(self, queue_waits: list[float], forward_s: float, failed: bool) -> None:
        """Record one forward pass over ``len(queue_waits)`` requests."""
        with self._lock:
            self._batch_sizes[len(queue_waits)] += 1
            self._forward.add(forward_s)
            for wait in queue_waits:
                self._queue_wait.add(wait)
            self._n_requests += len(queue_waits)
            if failed:
                self._n_failed += len(queue_waits)

    def record_expired(self, n: int = 1) -> None:
        """Record requests dropped because their deadline had passed."""
        with self._lock:
            self._n_expired += n

    def record_memory_split(self) -> None:
        """Record a batch split in two after running out of device memory."""
        with self._lock:
            self._n_memory_splits += 1

    def snapshot(self, n_clients: int) -> ServingMetrics:
        """The metrics so far, frozen."""
        with self._lock:
            return ServingMetrics(
                n_requests=self._n_requests,
                n_batches=sum(self._batch_sizes.values()),
                n_expired=self._n_expired,
                n_failed=self._n_failed,
                n_clients=n_clients,
                n_memory_splits=self._n_memory_splits,
                batch_size_counts=tuple(sorted(self._batch_sizes.items())),
                queue_wait=self._queue_wait.summary(),
                forward=self._forward.summary(),
            )
