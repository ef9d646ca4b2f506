"""Training data for the hybrid as it runs: one root embedding per solve, candidates per node.

At solve time :class:`gnn.policy.HybridBranchingPolicy` runs the encoder once, on the LP of
the first node the rule branches at, and scores every later node's candidates from those
cached embeddings and the node's own variable features. :class:`RootedSamples` holds recorded
samples the same way: each samples file is one solve, whose first recorded node (the first node
the expert branched at, when every node is recorded) gives the root graph; every sample keeps
only its candidates' rows, their node features and their labels. :class:`RootedLoader` batches
a few samples of the same solve together, so a batch of ``B`` samples runs the encoder on about
``B / samples_per_root`` graphs rather than ``B`` (on a CPU, where the encoder is the cost, an
epoch is about ten times faster), and the samples take a fraction of the memory of whole
graphs.

A sample whose LP has another number of columns than the root before it (a restart, in data
collected with restarts on) starts a new root, which the samples after it share.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import Tensor

from gnn.dataset import BranchingDataset
from gnn.graph import BipartiteGraph
from gnn.tensors import GraphTensors, collate_graphs

__all__ = [
    "SAMPLES_PER_ROOT",
    "RootedBatch",
    "RootedLoader",
    "RootedSamples",
    "rooted_samples",
    "samples_as_scored",
]

#: Samples of one solve batched together by default (:class:`RootedLoader`).
SAMPLES_PER_ROOT = 8


@dataclass(frozen=True)
class RootedSamples:
    """Branching samples tied to the root graph of their solve.

    Attributes
    ----------
    roots
        The root graphs, one per solve (and per restart).
    root_of
        ``(N,)`` int64: the root of each sample.
    candidates
        Per sample, ``(K,)`` int64 rows of its root's variables that are its candidates.
    candidate_features
        Per sample, ``(K, Fv)`` float32: the candidates' variable features at the sample's node.
    candidate_scores
        Per sample, ``(K,)`` float32 expert scores.
    expert_index
        ``(N,)`` int64: the position of the expert's choice in each sample's candidates.
    """

    roots: list[BipartiteGraph]
    root_of: np.ndarray
    candidates: list[np.ndarray]
    candidate_features: list[np.ndarray]
    candidate_scores: list[np.ndarray]
    expert_index: np.ndarray

    def __len__(self) -> int:
        return len(self.candidates)

    def subset(self, indices: Sequence[int]) -> RootedSamples:
        """The samples at ``indices`` (in that order), with the roots they use."""
        kept = np.asarray(indices, dtype=np.int64)
        used, root_of = np.unique(self.root_of[kept], return_inverse=True)
        return RootedSamples(
            roots=[self.roots[int(root)] for root in used],
            root_of=root_of.astype(np.int64),
            candidates=[self.candidates[int(i)] for i in kept],
            candidate_features=[self.candidate_features[int(i)] for i in kept],
            candidate_scores=[self.candidate_scores[int(i)] for i in kept],
            expert_index=self.expert_index[kept],
        )


def rooted_samples(dataset: BranchingDataset) -> RootedSamples:
    """Every sample of ``dataset`` tied to its solve's root graph (see the module docstring).

    Samples are read in the dataset's order, one file after the other, so a dataset built with
    ``cache_files=1`` decodes each file once and keeps none.
    """
    roots: list[BipartiteGraph] = []
    root_of, candidates, features, scores, experts = [], [], [], [], []
    current_file = -1
    for index in range(len(dataset)):
        sample = dataset.sample(index)
        file_index = dataset.file_of(index)
        graph = sample.graph
        if file_index != current_file or graph.n_variables != roots[-1].n_variables:
            roots.append(graph)
            current_file = file_index
        rows = sample.candidates.astype(np.int64)
        root_of.append(len(roots) - 1)
        candidates.append(rows)
        features.append(np.ascontiguousarray(graph.variable_features[rows], dtype=np.float32))
        scores.append(sample.candidate_scores.astype(np.float32))
        experts.append(sample.expert_index)
    return RootedSamples(
        roots=roots,
        root_of=np.asarray(root_of, dtype=np.int64),
        candidates=candidates,
        candidate_features=features,
        candidate_scores=scores,
        expert_index=np.asarray(experts, dtype=np.int64),
    )


def samples_as_scored(
    model: Any, dataset: BranchingDataset, encoder_graph: str = "root"
) -> RootedSamples | list[Any]:
    """``dataset``'s samples as ``model`` scores them at solve time, for
    :meth:`gnn.training.BranchingTrainer.evaluate`: tied to their solve's root graph for a
    model with ``rooted_logits`` (the hybrid), each with its own graph otherwise or when
    ``encoder_graph`` is ``"node"`` (default ``"root"``)."""
    if encoder_graph == "root" and hasattr(model, "rooted_logits"):
        return rooted_samples(dataset)
    return [dataset[index] for index in range(len(dataset))]


@dataclass(frozen=True)
class RootedBatch:
    """Some samples with the distinct roots they use, ready for
    :meth:`gnn.models.HybridPolicy.rooted_logits`.

    Attributes
    ----------
    roots
        The batch's root graphs, collated.
    candidate_rows
        ``(K_total,)`` rows of ``roots.variable_features`` of every candidate of every sample.
    candidate_features
        ``(K_total, Fv)``: the candidates' features at their own node.
    segment
        ``(K_total,)``: the sample (0..B-1) each candidate belongs to.
    expert
        ``(B,)``: the position in the candidate arrays of each sample's expert choice.
    scores
        ``(K_total,)`` expert scores.
    """

    roots: GraphTensors
    candidate_rows: Tensor
    candidate_features: Tensor
    segment: Tensor
    expert: Tensor
    scores: Tensor

    @property
    def n_samples(self) -> int:
        """Samples in the batch."""
        return int(self.expert.numel())

    def to(self, device: torch.device | str) -> RootedBatch:
        """The same batch on ``device``."""
        return RootedBatch(
            self.roots.to(device),
            self.candidate_rows.to(device),
            self.candidate_features.to(device),
            self.segment.to(device),
            self.expert.to(device),
            self.scores.to(device),
        )


def collate_rooted(samples: RootedSamples, indices: Sequence[int]) -> RootedBatch:
    """The samples at ``indices`` as one :class:`RootedBatch` (each root collated once)."""
    kept = np.asarray(indices, dtype=np.int64)
    used, local_root = np.unique(samples.root_of[kept], return_inverse=True)
    roots = [samples.roots[int(root)] for root in used]
    variable_starts = np.cumsum([0] + [root.n_variables for root in roots[:-1]])
    sizes = np.array([samples.candidates[int(i)].size for i in kept], dtype=np.int64)
    candidate_starts = np.cumsum(sizes) - sizes
    rows = np.concatenate(
        [
            samples.candidates[int(i)] + variable_starts[root]
            for i, root in zip(kept, local_root, strict=True)
        ]
    )
    return RootedBatch(
        roots=collate_graphs(roots),
        candidate_rows=torch.from_numpy(rows),
        candidate_features=torch.from_numpy(
            np.concatenate([samples.candidate_features[int(i)] for i in kept])
        ),
        segment=torch.from_numpy(np.repeat(np.arange(kept.size), sizes)),
        expert=torch.from_numpy(candidate_starts + samples.expert_index[kept]),
        scores=torch.from_numpy(np.concatenate([samples.candidate_scores[int(i)] for i in kept])),
    )


class RootedLoader:
    """Batches of :class:`RootedSamples` that share roots; iterate once per epoch.

    Each root's samples are cut into chunks of ``samples_per_root`` (after shuffling them,
    when ``shuffle``); the chunks (shuffled too) fill batches of ``batch_size`` samples in
    turn, so a batch holds about ``batch_size / samples_per_root`` roots.

    Parameters
    ----------
    samples
        The samples.
    batch_size
        Samples per batch (the last one of an epoch may hold fewer).
    samples_per_root
        Samples of one root that stay together; default :data:`SAMPLES_PER_ROOT`.
    shuffle
        Draw a new order every epoch; otherwise samples come in their order, root by root.
    seed
        Seeds the shuffling (one generator for the loader's life, so epochs differ and a run
        repeats).
    """

    def __init__(
        self,
        samples: RootedSamples,
        batch_size: int,
        *,
        samples_per_root: int = SAMPLES_PER_ROOT,
        shuffle: bool = False,
        seed: int = 0,
    ) -> None:
        if batch_size < 1 or samples_per_root < 1:
            raise ValueError("batch_size and samples_per_root must be positive")
        self.samples = samples
        self.batch_size = batch_size
        self.samples_per_root = samples_per_root
        self.shuffle = shuffle
        self._rng = np.random.default_rng(seed)

    def _chunks(self) -> list[np.ndarray]:
        order = np.argsort(self.samples.root_of, kind="stable")
        bounds = np.flatnonzero(np.diff(self.samples.root_of[order])) + 1
        chunks = []
        for group in np.split(order, bounds):
            if self.shuffle:
                group = self._rng.permutation(group)
            chunks.extend(
                np.split(group, range(self.samples_per_root, group.size, self.samples_per_root))
            )
        if self.shuffle:
            chunks = [chunks[i] for i in self._rng.permutation(len(chunks))]
        return chunks

    def _batches(self) -> list[np.ndarray]:
        batches, current, filled = [], [], 0
        for chunk in self._chunks():
            while chunk.size:
                take = chunk[: self.batch_size - filled]
                current.append(take)
                filled += take.size
                chunk = chunk[take.size :]
                if filled == self.batch_size:
                    batches.append(np.concatenate(current))
                    current, filled = [], 0
        if current:
            batches.append(np.concatenate(current))
        return batches

    def __iter__(self) -> Iterator[RootedBatch]:
        if len(self.samples) == 0:
            return
        for indices in self._batches():
            yield collate_rooted(self.samples, indices)
