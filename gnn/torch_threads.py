"""torch's intra-op thread count in threads that torch did not start.

torch applies ``torch.set_num_threads`` to another thread only once that thread runs one of
torch's own parallel loops; until then a small matrix product (a policy's node MLP) goes to the
BLAS library's OpenMP team at its default size, every core. On a loaded 2-core machine that cost
45 ms a node instead of 0.06 ms when a solver or worker thread ran the policy. Threads that run
models call :func:`use_process_torch_threads` before each call: it costs a thread-local lookup
once the thread has the process's count, and follows a later ``torch.set_num_threads``.
"""

from __future__ import annotations

import sys
import threading

__all__ = ["use_process_torch_threads"]

_applied = threading.local()


def use_process_torch_threads() -> None:
    """Give the calling thread the process's torch thread count (if torch is loaded at all)."""
    torch = sys.modules.get("torch")  # never import torch just for this
    if torch is None:
        return
    wanted = torch.get_num_threads()
    if getattr(_applied, "threads", None) != wanted:
        torch.set_num_threads(wanted)
        _applied.threads = wanted
