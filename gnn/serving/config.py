"""Configuration of the batching inference server."""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["ServerConfig"]


@dataclass(frozen=True)
class ServerConfig:
    """How the server groups requests into batches and how long clients wait.

    A batch is sent to the model as soon as it holds ``max_batch_size`` graphs, or as soon as
    every connected client has a request waiting (each client has at most one request in
    flight, so nobody else can add to the batch), or ``max_wait_s`` after its first request
    arrived, whichever comes first.
    """

    max_batch_size: int = 64
    """Most graphs in one forward pass."""
    max_wait_s: float | None = None
    """Longest a request waits for company before its batch runs; ``None``: 0 on a CPU, where
    batching does not lower the cost per graph, and 1 ms on CUDA."""
    request_timeout_s: float = 1.0
    """Default deadline of a client's request, in seconds; past it the client raises
    :class:`~gnn.serving.errors.InferenceTimeout`."""
    device: str | None = None
    """Torch device of the model (``"cpu"``, ``"cuda"``, ``"cuda:1"``); ``None``: CUDA when
    available, else the CPU."""
    caller_runs: bool = True
    """In-process server only (the server process has no caller threads). When a request
    completes a batch (always, with no ``max_wait_s``) while a forward slot
    is free, the requesting thread runs the batch itself instead of waking the server thread
    (two thread switches fewer per request). A pass in the caller's own thread cannot be
    abandoned at the deadline, so the caller does so only when its remaining deadline is
    several times longer than every recent forward pass (and never before a pass has been
    seen); otherwise the request waits for the server thread with its deadline, as without
    ``caller_runs``. A pass that stalls therefore makes the next requests time out on time."""
    concurrent_forwards: int | None = None
    """Most forward passes running at once (in callers' threads or the server thread; in the
    server process, its loop runs the only one, or forward threads run that many);
    ``None``: 1 on CUDA, where one device runs one batch at a time, and the number of usable
    cores on a CPU, where the threads of one shared model can run passes side by side."""
    forward_thread: bool = False
    """Server process only: with one forward slot, run the passes in a thread of their own
    rather than in the loop, so that the loop reads the next requests meanwhile (a batch is
    ready when the pass ends) at the price of GIL hand-offs between the two threads. Which is
    faster on a GPU is measured by ``experiments/studies/gpu_check.py`` (section 3 runs both)."""
    torch_threads: int | None = None
    """Intra-op threads of each thread that runs the model (``torch.set_num_threads``, called
    once in that thread; threads started later inherit it); ``None``: 1, on a CPU and on CUDA.
    The solver workers occupy the other cores: beside busy SCIP threads, torch's spinning
    OpenMP team stalled forward passes for tens of seconds on a 2-core machine, and on CUDA
    (where the server's CPU work is collation and kernel launches) a one-request batch took
    3.4 ms in a server with the default team against 2.2 ms in one thread, with 16 solvers
    beside it (H200, 16 cores)."""
    start_timeout_s: float = 120.0
    """How long :class:`~gnn.serving.process.ProcessInferenceServer` waits for its process to
    load the model and listen."""

    def __post_init__(self) -> None:
        if self.max_batch_size < 1:
            raise ValueError(f"max_batch_size must be >= 1, got {self.max_batch_size}")
        if self.max_wait_s is not None and self.max_wait_s < 0:
            raise ValueError(f"max_wait_s must be >= 0, got {self.max_wait_s}")
        if self.request_timeout_s <= 0:
            raise ValueError(f"request_timeout_s must be > 0, got {self.request_timeout_s}")
        if self.concurrent_forwards is not None and self.concurrent_forwards < 1:
            raise ValueError(f"concurrent_forwards must be >= 1, got {self.concurrent_forwards}")
        if self.torch_threads is not None and self.torch_threads < 1:
            raise ValueError(f"torch_threads must be >= 1, got {self.torch_threads}")

    def resolved_max_wait_s(self, device_type: str) -> float:
        """``max_wait_s``, with ``None`` resolved for a device of type ``device_type``."""
        if self.max_wait_s is not None:
            return self.max_wait_s
        return 1e-3 if device_type == "cuda" else 0.0

    def resolved_concurrent_forwards(self, device_type: str) -> int:
        """``concurrent_forwards``, with ``None`` resolved for a device of type ``device_type``."""
        if self.concurrent_forwards is not None:
            return self.concurrent_forwards
        if device_type == "cuda":
            return 1
        usable = getattr(os, "sched_getaffinity", None)
        return len(usable(0)) if usable is not None else os.cpu_count() or 1

    def resolved_torch_threads(self) -> int:
        """``torch_threads``, with ``None`` resolved (to 1)."""
        return self.torch_threads if self.torch_threads is not None else 1
