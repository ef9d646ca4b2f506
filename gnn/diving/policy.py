"""A trained diving network behind the heuristic's ``predict(graph)`` interface."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from gnn.diving.model import DivingGNN, prepare_graph
from gnn.graph import BipartiteGraph
from gnn.tensors import graph_tensors

__all__ = ["DivingPolicy"]


class DivingPolicy:
    """A trained :class:`DivingGNN` behind the heuristic's ``predict(graph)`` interface.

    Parameters
    ----------
    model
        The network (put in eval mode here).
    """

    def __init__(self, model: DivingGNN) -> None:
        self.model = model.eval()

    @classmethod
    def from_checkpoint(cls, path: str | Path) -> DivingPolicy:
        """Load a checkpoint written by ``neuralmip train --kind diving``.

        Raises
        ------
        gnn.checkpoint.CheckpointError
            Missing, unreadable or incompatible file, or a checkpoint of another model class.
        """
        from gnn.checkpoint import CheckpointError, load_checkpoint

        checkpoint = load_checkpoint(path)
        if not isinstance(checkpoint.model, DivingGNN):
            raise CheckpointError(
                f"{path}: holds a {type(checkpoint.model).__name__}, not a diving model"
            )
        return cls(checkpoint.model)

    @torch.no_grad()
    def predict(self, graph: BipartiteGraph) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(probability_one, confidence)`` per variable, numpy float32 in [0, 1]."""
        value_logits, selection_logits = self.model(graph_tensors(prepare_graph(graph)))
        return (
            torch.sigmoid(value_logits).numpy().astype(np.float32),
            torch.sigmoid(selection_logits).numpy().astype(np.float32),
        )
