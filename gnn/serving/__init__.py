"""Batched GNN inference shared by many solver threads or processes.

- :class:`InferenceServer` / :class:`InferenceClient`: in-process (threads; solvers running
  ``optimizeNogil``).
- :class:`ProcessInferenceServer` / :class:`ServerAddress` / :class:`ProcessClient`: a server
  process and clients in other processes on the same machine (shared-memory requests).
- Clients are :class:`Scorer` objects, ``score(graph, candidates) -> np.ndarray``, like an
  in-process policy; past their deadline they raise :class:`InferenceTimeout`.
- Branching models through a server: :func:`servable_module` is what the server holds (the
  encoder, for the hybrid: :class:`HybridEncoder`), :func:`served_branching_policy` the policy
  of the solver's side (:class:`ServedHybridPolicy`, or whole-graph scoring through a
  :class:`FallbackScorer`); both fall back to in-process inference when the server fails.
"""

from gnn.serving.config import ServerConfig
from gnn.serving.errors import InferenceError, InferenceTimeout, ServerUnavailable
from gnn.serving.fallback import FallbackScorer
from gnn.serving.hybrid import HybridEncoder, ServedHybridPolicy
from gnn.serving.metrics import LatencySummary, ServingMetrics
from gnn.serving.policies import ServableCheckpoint, servable_module, served_branching_policy
from gnn.serving.process import ModelSource, ProcessClient, ProcessInferenceServer, ServerAddress
from gnn.serving.scoring import Scorer, resolve_device, score_batch, score_batch_splitting
from gnn.serving.server import InferenceClient, InferenceServer

__all__ = [
    "FallbackScorer",
    "HybridEncoder",
    "InferenceClient",
    "InferenceError",
    "InferenceServer",
    "InferenceTimeout",
    "LatencySummary",
    "ModelSource",
    "ProcessClient",
    "ProcessInferenceServer",
    "Scorer",
    "ServableCheckpoint",
    "ServedHybridPolicy",
    "ServerAddress",
    "ServerConfig",
    "ServerUnavailable",
    "ServingMetrics",
    "resolve_device",
    "score_batch",
    "score_batch_splitting",
    "servable_module",
    "served_branching_policy",
]
