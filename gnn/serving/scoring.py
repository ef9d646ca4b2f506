"""One batched forward pass: many (graph, candidates) requests in, one score array each out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import torch
from torch import nn

from gnn.graph import BipartiteGraph
from gnn.serving.errors import InferenceError
from gnn.tensors import collate_graphs, graph_tensors

__all__ = ["Scorer", "resolve_device", "score_batch", "score_batch_splitting"]


@runtime_checkable
class Scorer(Protocol):
    """What a branching rule calls: an in-process policy or a client of the server."""

    def score(self, graph: BipartiteGraph, candidates: np.ndarray) -> np.ndarray:
        """Scores (logits, float32) of the variables ``candidates`` of ``graph``, in that order."""
        ...


def resolve_device(device: str | torch.device | None) -> torch.device:
    """``device``, or CUDA when available and the CPU otherwise."""
    if device is None:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(device)


def score_batch(
    model: nn.Module,
    graphs: Sequence[BipartiteGraph],
    candidates: Sequence[np.ndarray],
    device: torch.device,
) -> list[np.ndarray]:
    """Score the candidates of several graphs with one forward pass of ``model``.

    Parameters
    ----------
    model
        A module on ``device`` with ``model(batch) -> Tensor[total_variables, ...]``: one
        logit per variable, or one row per variable (e.g. the hybrid's encoder,
        :class:`gnn.serving.hybrid.HybridEncoder`, gives embeddings).
    graphs
        The graphs, batched in this order.
    candidates
        For each graph, the indices of the variables to score.
    device
        Where ``model`` lives.

    Returns
    -------
    list of numpy.ndarray
        For each graph, float32 scores (or rows) of its candidates, in their order.

    Raises
    ------
    InferenceError
        The model returned a tensor that is not one value (or row) per variable.
    """
    if len(graphs) == 1:  # no collation: models take a single graph as a batch of one
        batch = graph_tensors(graphs[0]).to(device)
    else:
        batch = collate_graphs(graphs).to(device)
    counts = [len(c) for c in candidates]
    offsets = np.cumsum([0] + [graph.n_variables for graph in graphs[:-1]])
    # One gather and one device-to-host copy for the whole batch, whatever the batch size.
    flat = np.concatenate(
        [
            np.asarray(c, dtype=np.int64) + offset
            for c, offset in zip(candidates, offsets, strict=True)
        ]
    )
    total_variables = int(sum(graph.n_variables for graph in graphs))
    with torch.inference_mode():
        logits = model(batch)
        if logits.dim() < 1 or logits.shape[0] != total_variables:
            raise InferenceError(
                f"model returned shape {tuple(logits.shape)}, expected ({total_variables}, ...)"
            )
        picked = logits[torch.from_numpy(flat).to(device)].float().cpu().numpy()
    return np.split(picked, np.cumsum(counts)[:-1])


def score_batch_splitting(
    model: nn.Module,
    graphs: Sequence[BipartiteGraph],
    candidates: Sequence[np.ndarray],
    device: torch.device,
    on_split: Callable[[], None] | None = None,
) -> list[np.ndarray]:
    """:func:`score_batch`, halving the batch and retrying when the device runs out of memory.

    A batch too large for the device costs time, not answers: each half is scored on its own
    (recursively), and ``on_split`` is called once per split. Scores do not depend on how the
    graphs are grouped, so the result equals one pass over the whole batch.

    Raises
    ------
    InferenceError
        A single graph does not fit the device's memory, or the model's output is malformed.
    """
    try:
        return score_batch(model, graphs, candidates, device)
    except torch.OutOfMemoryError as error:
        if device.type == "cuda":
            torch.cuda.empty_cache()  # the failed pass's blocks, before the halves allocate
        if len(graphs) == 1:
            raise InferenceError(f"one graph does not fit the device's memory: {error}") from error
    if on_split is not None:
        on_split()
    half = len(graphs) // 2
    return score_batch_splitting(
        model, graphs[:half], candidates[:half], device, on_split
    ) + score_batch_splitting(model, graphs[half:], candidates[half:], device, on_split)
