"""Which module a server holds for a branching model, and which policy its clients use.

Whole-graph models (the GCNN) are served as they are and scored per node through the server
(:class:`~gnn.policy.ScorerPolicy` over a :class:`~gnn.serving.fallback.FallbackScorer`); the
hybrid is served as its encoder (:mod:`gnn.serving.hybrid`). Both fall back to in-process
inference when the server fails, so a served policy never does worse than the in-process one by
more than the deadline it waited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from torch import nn

from gnn.models import HybridPolicy
from gnn.policy import BranchingPolicy, ModelScorer, ScorerPolicy
from gnn.serving.fallback import FallbackScorer
from gnn.serving.hybrid import HybridEncoder, ServedHybridPolicy
from gnn.serving.scoring import Scorer

__all__ = [
    "SERVED_MODULE_FOR_MODEL",
    "SERVED_POLICY_FOR_MODEL",
    "ServableCheckpoint",
    "servable_module",
    "served_branching_policy",
]

#: What a server holds for model classes that are not served whole.
SERVED_MODULE_FOR_MODEL: dict[type[nn.Module], Callable[[nn.Module], nn.Module]] = {
    HybridPolicy: HybridEncoder,  # type: ignore[dict-item]
}

#: The client-side policy of model classes that are not scored whole through the server.
SERVED_POLICY_FOR_MODEL: dict[type[nn.Module], Callable[[nn.Module, Scorer], BranchingPolicy]] = {
    HybridPolicy: ServedHybridPolicy,  # type: ignore[dict-item]
}


def servable_module(model: nn.Module) -> nn.Module:
    """The module a server runs for the branching model ``model`` (its encoder for a hybrid)."""
    wrap = SERVED_MODULE_FOR_MODEL.get(type(model))
    return wrap(model) if wrap is not None else model


def served_branching_policy(model: nn.Module, server: Scorer) -> BranchingPolicy:
    """The branching policy of ``model`` that uses ``server`` (a client of a server that holds
    ``servable_module(model)``), falling back to in-process inference when it fails.

    Parameters
    ----------
    model
        The branching model, loaded in this process too (the hybrid runs its node MLP here;
        whole-graph models use it only after the server failed).
    server
        A client: :class:`~gnn.serving.ProcessClient` or :class:`~gnn.serving.InferenceClient`.
    """
    make = SERVED_POLICY_FOR_MODEL.get(type(model))
    if make is not None:
        return make(model, server)
    return ScorerPolicy(FallbackScorer(server, lambda: ModelScorer(model)))


@dataclass(frozen=True)
class ServableCheckpoint:
    """Picklable model source for :class:`~gnn.serving.ProcessInferenceServer`: loads a
    branching checkpoint in the server process and returns its :func:`servable_module`."""

    path: str
    """The branching checkpoint file."""

    def __call__(self) -> nn.Module:
        from gnn.checkpoint import load_checkpoint  # checkpoint imports every model class

        return servable_module(load_checkpoint(Path(self.path)).model)
