"""Batched GNN inference shared by many solver threads or processes.

- :class:`InferenceServer` / :class:`InferenceClient`: in-process (threads; solvers running
  ``optimizeNogil``).
- :class:`ProcessInferenceServer` / :class:`ServerAddress` / :class:`ProcessClient`: a server
  process and clients in other processes on the same machine (shared-memory requests).
- Clients are :class:`Scorer` objects, ``score(graph, candidates) -> np.ndarray``, like an
  in-process policy; past their deadline they raise :class:`InferenceTimeout`.
"""

from gnn.serving.config import ServerConfig
from gnn.serving.errors import InferenceError, InferenceTimeout, ServerUnavailable
from gnn.serving.metrics import LatencySummary, ServingMetrics
from gnn.serving.process import ModelSource, ProcessClient, ProcessInferenceServer, ServerAddress
from gnn.serving.scoring import Scorer, resolve_device, score_batch
from gnn.serving.server import InferenceClient, InferenceServer

__all__ = [
    "InferenceClient",
    "InferenceError",
    "InferenceServer",
    "InferenceTimeout",
    "LatencySummary",
    "ModelSource",
    "ProcessClient",
    "ProcessInferenceServer",
    "Scorer",
    "ServerAddress",
    "ServerConfig",
    "ServerUnavailable",
    "ServingMetrics",
    "resolve_device",
    "score_batch",
]
