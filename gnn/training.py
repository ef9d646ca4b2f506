"""Imitation learning of an expert brancher (strong branching) from recorded node samples.

:class:`BranchingTrainer` follows scikit-learn's habits: the constructor stores hyperparameters,
:meth:`~BranchingTrainer.fit` returns ``self``, learned state ends in ``_``. Samples are
:class:`~gnn.data.BipartiteData` with ``candidates`` (K,), ``candidate_scores`` (K,) and
``expert_index`` (the expert's choice as a position in ``candidates``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch import Tensor, nn
from torch_geometric.loader import DataLoader

from gnn.loop import EpochTrainer, TrainingOptions
from gnn.rooted import SAMPLES_PER_ROOT, RootedBatch, RootedLoader, RootedSamples

__all__ = [
    "BRANCHING_OPTIONS",
    "CandidateBatch",
    "BranchingTrainer",
    "best_candidates",
    "expert_cross_entropy",
    "score_distribution_cross_entropy",
    "segment_log_softmax",
    "candidate_metrics",
    "candidate_rates",
    "describe_rates",
]

#: The branching trainer's default loop (:class:`gnn.loop.TrainingOptions`'s defaults).
BRANCHING_OPTIONS = TrainingOptions()


@dataclass(frozen=True)
class CandidateBatch:
    """The candidate view of a batch: logits and labels regrouped per sample.

    Attributes
    ----------
    logits
        (K_total,) candidate logits.
    segment
        (K_total,) index of the sample each candidate belongs to.
    n_segments
        Number of samples.
    expert
        (n_segments,) global position (in ``logits``) of each sample's expert choice.
    scores
        (K_total,) expert scores (higher is better).
    """

    logits: Tensor
    segment: Tensor
    n_segments: int
    expert: Tensor
    scores: Tensor

    @classmethod
    def from_batch(cls, variable_logits: Tensor, batch: Any) -> CandidateBatch:
        """Gather candidate logits and labels from a batch collated with ``follow_batch``."""
        candidates = batch.candidates.long()
        segment = getattr(batch, "candidates_batch", None)
        if segment is None:  # a single, uncollated sample
            segment = torch.zeros_like(candidates)
        n_segments = int(batch.num_graphs) if hasattr(batch, "num_graphs") else 1
        counts = torch.bincount(segment, minlength=n_segments)
        starts = torch.cumsum(counts, 0) - counts
        expert = starts + batch.expert_index.reshape(-1).long().to(starts.device)
        return cls(
            logits=variable_logits[candidates],
            segment=segment,
            n_segments=n_segments,
            expert=expert,
            scores=batch.candidate_scores.to(variable_logits.dtype),
        )

    @classmethod
    def from_rooted(cls, candidate_logits: Tensor, batch: RootedBatch) -> CandidateBatch:
        """The candidate view of a :class:`gnn.rooted.RootedBatch` and its candidates' logits."""
        return cls(
            logits=candidate_logits,
            segment=batch.segment,
            n_segments=batch.n_samples,
            expert=batch.expert,
            scores=batch.scores.to(candidate_logits.dtype),
        )


def segment_log_softmax(values: Tensor, segment: Tensor, n_segments: int) -> Tensor:
    """Log-softmax of ``values`` within each segment (samples of different sizes in one batch)."""
    maxima = torch.full((n_segments,), -math.inf, dtype=values.dtype, device=values.device)
    maxima = maxima.scatter_reduce(0, segment, values.detach(), reduce="amax", include_self=True)
    shifted = values - maxima[segment]
    sums = torch.zeros(n_segments, dtype=values.dtype, device=values.device)
    sums = sums.index_add(0, segment, shifted.exp())
    return shifted - sums.log()[segment]


def expert_cross_entropy(candidates: CandidateBatch) -> Tensor:
    """Cross-entropy to the expert's choice over each sample's candidates (Gasse et al.)."""
    log_probs = segment_log_softmax(candidates.logits, candidates.segment, candidates.n_segments)
    return -log_probs[candidates.expert].mean()


def score_distribution_cross_entropy(candidates: CandidateBatch) -> Tensor:
    """Cross-entropy to the normalised score distribution ``p_i = s_i / sum s`` (Nair et al.).

    Non-finite and negative scores count as zero; a sample whose scores are all zero falls back
    to the expert's choice as a one-hot target.
    """
    scores = torch.nan_to_num(candidates.scores, nan=0.0, posinf=0.0, neginf=0.0).clamp_min(0.0)
    totals = torch.zeros(candidates.n_segments, dtype=scores.dtype, device=scores.device)
    totals = totals.index_add(0, candidates.segment, scores)
    one_hot = torch.zeros_like(scores)
    one_hot[candidates.expert] = 1.0
    degenerate = (totals <= 0)[candidates.segment]
    target = torch.where(degenerate, one_hot, scores / totals.clamp_min(1e-30)[candidates.segment])
    log_probs = segment_log_softmax(candidates.logits, candidates.segment, candidates.n_segments)
    per_candidate = -(target * log_probs)
    per_sample = torch.zeros_like(totals).index_add(0, candidates.segment, per_candidate)
    return per_sample.mean()


def best_candidates(scores: Tensor, expert: int) -> Tensor:
    """Mask of the candidates that count as the expert's best (ties count): scores within a
    relative 1e-9 of the best finite one; where no score is finite (NaN: not scored), the
    expert's choice (position ``expert``) alone."""
    scores = torch.nan_to_num(scores, nan=-math.inf)
    best = scores.max()
    if not torch.isfinite(best):
        mask = torch.zeros(len(scores), dtype=torch.bool)
        mask[expert] = True
        return mask
    return scores >= best - 1e-9 * max(1.0, abs(float(best)))


def candidate_metrics(candidates: CandidateBatch, ks: Sequence[int] = (1, 5)) -> dict[str, float]:
    """Summed (not averaged) accuracy counts and score ratios over the samples of one batch.

    ``top{k}``: one of the k highest-logit candidates has the best expert score (ties count).
    ``score_ratio``: expert score of the top-logit candidate divided by the best score, over
    samples whose best score is positive and finite. ``n``: samples; ``n_ratio``: samples that
    entered ``score_ratio``.
    """
    sums = {f"top{k}": 0.0 for k in ks} | {"score_ratio": 0.0, "n": 0.0, "n_ratio": 0.0}
    logits = candidates.logits.detach().cpu()
    scores = torch.nan_to_num(candidates.scores.detach().cpu(), nan=-math.inf)
    counts = torch.bincount(candidates.segment.cpu(), minlength=candidates.n_segments).tolist()
    expert = candidates.expert.cpu()
    starts = torch.cumsum(torch.tensor(counts), 0) - torch.tensor(counts)
    for sample, (start, count) in enumerate(zip(starts.tolist(), counts, strict=True)):
        if count == 0:
            continue
        sample_logits = logits[start : start + count]
        sample_scores = scores[start : start + count]
        best = sample_scores.max()
        best_set = best_candidates(sample_scores, int(expert[sample]) - start)
        order = torch.argsort(sample_logits, descending=True)
        for k in ks:
            sums[f"top{k}"] += float(best_set[order[:k]].any())
        if torch.isfinite(best) and best > 0:
            chosen = float(sample_scores[order[0]])
            sums["score_ratio"] += max(chosen, 0.0) / float(best) if math.isfinite(chosen) else 0.0
            sums["n_ratio"] += 1.0
        sums["n"] += 1.0
    return sums


def candidate_rates(totals: Mapping[str, float]) -> dict[str, float]:
    """Top-1/top-5 accuracy, score ratio and sample count from :func:`candidate_metrics`'s
    counts summed over batches."""
    n = max(totals.get("n", 0.0), 1.0)
    return {
        "top1": totals.get("top1", 0.0) / n,
        "top5": totals.get("top5", 0.0) / n,
        "score_ratio": totals.get("score_ratio", 0.0) / max(totals.get("n_ratio", 0.0), 1.0),
        "n_samples": int(totals.get("n", 0.0)),
    }


def describe_rates(rates: Mapping[str, float]) -> str:
    """``"top-1 0.383, top-5 0.766, score ratio 0.756"``: :func:`candidate_rates` in words."""
    return (
        f"top-1 {rates['top1']:.3f}, top-5 {rates['top5']:.3f}, "
        f"score ratio {rates['score_ratio']:.3f}"
    )


class BranchingTrainer(EpochTrainer):
    """Train a branching model to imitate an expert over the candidates of recorded nodes.

    Parameters
    ----------
    model
        A model with ``forward(batch) -> Tensor[total_variables]`` and ``fit_prenorm(batches)``.
        It is trained in place; ``model_`` is it with the best validation weights restored.
    loss
        ``loss(CandidateBatch) -> scalar``: :func:`expert_cross_entropy` or
        :func:`score_distribution_cross_entropy`.
    options
        The loop's options (:class:`gnn.loop.TrainingOptions`); default
        :data:`BRANCHING_OPTIONS`.
        ``options.seed`` seeds the shuffling only (initial weights are the caller's: build the
        model under a seeded generator).
    prenorm_batches
        Training batches used to fit the prenorm statistics (before training); default 100.
    samples_per_root
        With :class:`gnn.rooted.RootedSamples` (for a model with ``rooted_logits``, the
        hybrid), samples of one solve batched together; default
        :data:`gnn.rooted.SAMPLES_PER_ROOT`.

    The datasets are sequences of samples (:class:`gnn.dataset.BranchingDataset` items), each
    scored through its own graph, or :class:`gnn.rooted.RootedSamples`, scored from their
    solve's root graph by the model's ``rooted_logits``.

    Attributes
    ----------
    model_ : nn.Module
        The trained model (best validation loss), on the CPU, in eval mode.
    history_, best_epoch_, best_metrics_, best_loss_
        See :class:`gnn.loop.EpochTrainer`; the validation metrics are the loss, ``top1``,
        ``top5``, ``score_ratio`` and ``n_samples``.
    """

    def __init__(
        self,
        model: nn.Module,
        *,
        loss: Callable[[CandidateBatch], Tensor] = expert_cross_entropy,
        prenorm_batches: int = 100,
        samples_per_root: int = SAMPLES_PER_ROOT,
        options: TrainingOptions = BRANCHING_OPTIONS,
    ) -> None:
        super().__init__(options)
        self.model = model
        self.loss = loss
        self.prenorm_batches = prenorm_batches
        self.samples_per_root = samples_per_root

    def _loader(self, dataset: Any, *, shuffle: bool) -> DataLoader | RootedLoader:
        if isinstance(dataset, RootedSamples):
            return RootedLoader(
                dataset,
                self.options.batch_size,
                samples_per_root=self.samples_per_root,
                shuffle=shuffle,
                seed=self.options.seed,
            )
        generator = torch.Generator().manual_seed(self.options.seed)
        return DataLoader(
            dataset,
            batch_size=self.options.batch_size,
            shuffle=shuffle,
            generator=generator,
            follow_batch=["candidates"],
        )

    @staticmethod
    def _candidates(model: nn.Module, batch: Any) -> CandidateBatch:
        """The model's candidate logits on ``batch`` with the batch's labels."""
        if isinstance(batch, RootedBatch):
            return CandidateBatch.from_rooted(model.rooted_logits(batch), batch)
        return CandidateBatch.from_batch(model(batch), batch)

    def _batch_loss(self, model: nn.Module, batch: Any) -> tuple[Tensor, int]:
        candidates = self._candidates(model, batch)
        return self.loss(candidates), candidates.n_segments

    def evaluate(
        self, model: nn.Module, dataset: Any, device: torch.device | str = "cpu"
    ) -> dict[str, float]:
        """Validation loss, top-1/top-5 accuracy and expert-score ratio of ``model`` on ``dataset``."""
        model.eval()
        totals: dict[str, float] = {}
        loss_sum = 0.0
        with torch.inference_mode():
            for batch in self._loader(dataset, shuffle=False):
                candidates = self._candidates(model, batch.to(device))
                loss_sum += float(self.loss(candidates)) * candidates.n_segments
                for key, value in candidate_metrics(candidates).items():
                    totals[key] = totals.get(key, 0.0) + value
        return {"loss": loss_sum / max(totals.get("n", 0.0), 1.0), **candidate_rates(totals)}

    def fit(self, train_dataset: Any, valid_dataset: Any) -> BranchingTrainer:
        """Fit prenorm statistics, then train with Adam, lr decay on plateau and early stopping.

        Returns
        -------
        BranchingTrainer
            ``self``.
        """
        if len(train_dataset) == 0 or len(valid_dataset) == 0:
            raise ValueError("training and validation sets must both hold samples")
        device = self._device()
        model = self.model
        model.fit_prenorm(
            batch.roots if isinstance(batch, RootedBatch) else batch
            for batch in itertools.islice(
                self._loader(train_dataset, shuffle=True), self.prenorm_batches
            )
        )
        model.to(device)
        model = self._train_epochs(
            model, self._loader(train_dataset, shuffle=True), valid_dataset, device
        )
        self.model_ = model.cpu().eval()
        return self
