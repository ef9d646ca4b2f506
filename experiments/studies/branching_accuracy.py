"""Top-1 / top-5 of branching checkpoints on recorded samples, each scored as at solve time.

``python -m experiments.studies.branching_accuracy --checkpoint A.pt B.pt --data DIR``

Every sample of the complete samples files under ``--data`` is scored by each checkpoint: the
hybrid from its solve's root embedding and the node's candidate features (:mod:`gnn.rooted`,
as :class:`gnn.policy.HybridBranchingPolicy` scores at solve time), any other model on the
node's own graph (``--encoder-graph node`` scores the hybrid that way too, as it was trained
before :mod:`gnn.rooted`). Accuracy is :func:`gnn.training.candidate_metrics`'s (ties with the best
expert score count). Give samples of instances no checkpoint trained on, e.g. collected from
the benchmarks' held-out master seed. Beside the checkpoints it describes the samples
(:func:`sample_summary`): the top-1 / top-5 of a uniformly random pick (ties make it far from
``1 / candidates`` where many candidates share the best score), the share of samples with tied
best candidates, and the median depth and candidate count, so that figures on samples of
different sampling protocols can be read side by side. Prints one line per checkpoint and one
for the samples, and writes the figures, the files, versions and the command as JSON with
``--out``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

from experiments.studies import study_command
from gnn.checkpoint import CheckpointError, library_versions, load_checkpoint
from gnn.dataset import BranchingDataset, BranchingSample, read_samples, sample_files
from gnn.rooted import RootedSamples, samples_as_scored
from gnn.training import BranchingTrainer, best_candidates, describe_rates
from solver.exit_codes import EXIT_BAD_INPUT, EXIT_OK

__all__ = ["main", "checkpoint_accuracy", "sample_summary"]


def checkpoint_accuracy(
    path: Path, files: Sequence[Path], encoder_graph: str = "root"
) -> dict[str, Any]:
    """Loss, top-1, top-5, score ratio and sample count of the checkpoint at ``path`` on the
    samples of ``files``, plus the model class and the graph its encoder saw for a sample:
    ``root`` (default; the hybrid only, others always see ``node``) or ``node``."""
    model = load_checkpoint(path).model
    samples = samples_as_scored(model, BranchingDataset(files, cache_files=1), encoder_graph)
    rooted = isinstance(samples, RootedSamples)
    metrics = BranchingTrainer(model).evaluate(model, samples)
    return {"model": type(model).__name__, "encoder_graph": "root" if rooted else "node"} | metrics


def _tied_best(sample: BranchingSample) -> int:
    """How many candidates count as the best, as the checkpoints' accuracy counts them."""
    scores = torch.as_tensor(np.asarray(sample.candidate_scores, dtype=np.float64))
    return int(best_candidates(scores, sample.expert_index).sum())


def _random_hits(n_candidates: int, n_best: int, k: int) -> float:
    """Probability that ``k`` candidates drawn at random include one of the ``n_best``."""
    k = min(k, n_candidates)
    return 1.0 - math.comb(n_candidates - n_best, k) / math.comb(n_candidates, k)


def sample_summary(files: Sequence[Path]) -> dict[str, float]:
    """What the samples of ``files`` are like: ``random_top1`` / ``random_top5`` (expected
    accuracy of a uniformly random pick, ties counted as by the checkpoints), ``tied_share``
    (samples whose best score is shared by several candidates), ``median_depth``,
    ``median_candidates`` and ``n_samples``."""
    tops: dict[int, list[float]] = {1: [], 5: []}
    tied, depths, sizes = [], [], []
    for path in files:
        for sample in read_samples(path):
            n, n_best = len(sample.candidate_scores), _tied_best(sample)
            for k, hits in tops.items():
                hits.append(_random_hits(n, n_best, k))
            tied.append(n_best > 1)
            depths.append(sample.depth)
            sizes.append(n)
    if not sizes:
        return {"n_samples": 0}
    return {
        "random_top1": float(np.mean(tops[1])),
        "random_top5": float(np.mean(tops[5])),
        "tied_share": float(np.mean(tied)),
        "median_depth": float(np.median(depths)),
        "median_candidates": float(np.median(sizes)),
        "n_samples": len(sizes),
    }


def describe_samples(summary: dict[str, float]) -> str:
    """:func:`sample_summary` in words, one line."""
    if not summary.get("n_samples"):
        return "no samples"
    return (
        f"{summary['n_samples']} samples, random pick top-1 {summary['random_top1']:.3f}, "
        f"top-5 {summary['random_top5']:.3f}; best tied in {summary['tied_share']:.0%}; "
        f"median depth {summary['median_depth']:g}, {summary['median_candidates']:g} candidates"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run from the command line; 0 on success, 2 on missing data or an unreadable checkpoint."""
    parser = argparse.ArgumentParser(
        prog="python -m experiments.studies.branching_accuracy",
        description=__doc__.splitlines()[0],
    )
    parser.add_argument("--checkpoint", nargs="+", type=Path, required=True, help="model files")
    parser.add_argument("--data", nargs="+", required=True, help="folders or .npz sample files")
    parser.add_argument(
        "--encoder-graph",
        choices=("root", "node"),
        default="root",
        help="the graph the hybrid's encoder sees: root (as at solve time; default) or node",
    )
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON")
    args = parser.parse_args(argv)
    try:
        files = sample_files(args.data)
        if not files:
            raise ValueError(f"{', '.join(args.data)}: no complete samples files")
        results = {
            str(path): checkpoint_accuracy(path, files, args.encoder_graph)
            for path in args.checkpoint
        }
        samples = sample_summary(files)
    except (OSError, ValueError, CheckpointError) as error:
        print(f"branching_accuracy: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for path, metrics in results.items():
        print(f"{path}: {metrics['n_samples']} samples, {describe_rates(metrics)}")
    print(f"samples: {describe_samples(samples)}")
    if args.out is not None:
        report = {
            "results": results,
            "samples": samples,
            "files": [str(path) for path in files],
            "versions": library_versions(),
            "command": study_command("experiments.studies.branching_accuracy", argv),
        }
        args.out.write_text(json.dumps(report, indent=2) + "\n")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
