"""How much a branching policy can learn from the candidates' own features, without the graph.

``python -m experiments.studies.candidate_baselines --data data/branching/setcover``

Scores the validation samples (the file split of ``neuralmip train``, same fraction and seed)
with rules that see one candidate at a time: a random choice, the largest objective
coefficient, the most fractional LP value, and a linear model and a small MLP trained by the
expert cross-entropy on the training samples' 19 candidate features. Accuracy is
:func:`gnn.training.candidate_metrics`'s (ties with the best expert score count). A learned
GNN that does not beat these has not used the graph. Prints one line per rule and writes the
figures, config and versions as JSON with ``--out``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn

from experiments.studies import study_command
from experiments.train_branching import split_sample_files
from gnn.checkpoint import library_versions
from gnn.dataset import BranchingDataset, BranchingSample, sample_files
from gnn.features import VariableFeature
from gnn.training import CandidateBatch, candidate_metrics, candidate_rates, describe_rates
from solver.exit_codes import EXIT_BAD_INPUT, EXIT_OK

__all__ = ["main", "evaluate_rules"]

#: A rule: the candidates' feature rows (K, 19) in, one score per candidate out.
Rule = Callable[[np.ndarray], np.ndarray]


def _candidate_rows(sample: BranchingSample) -> np.ndarray:
    return sample.graph.variable_features[sample.candidates].astype(np.float32)


def _metrics(samples: Sequence[BranchingSample], rule: Rule) -> dict[str, float]:
    totals: dict[str, float] = {}
    for sample in samples:
        scores = torch.from_numpy(np.asarray(rule(_candidate_rows(sample)), dtype=np.float32))
        batch = CandidateBatch(
            logits=scores,
            segment=torch.zeros(len(scores), dtype=torch.long),
            n_segments=1,
            expert=torch.tensor([sample.expert_index]),
            scores=torch.from_numpy(sample.candidate_scores.astype(np.float32)),
        )
        for key, value in candidate_metrics(batch).items():
            totals[key] = totals.get(key, 0.0) + value
    return candidate_rates(totals)


def _trained_rule(
    network: nn.Module, samples: Sequence[BranchingSample], epochs: int, seed: int
) -> Rule:
    """Train ``network`` on standardised candidate rows by the expert cross-entropy.

    Adam at 0.01: these models are small enough that the GNNs' 0.001 leaves them short of
    converged in a few thousand steps, and an under-trained probe would understate what the
    features carry."""
    rows = [torch.from_numpy(_candidate_rows(s)) for s in samples]
    stacked = torch.cat(rows)
    shift, scale = stacked.mean(0), stacked.std(0).clamp_min(1e-6)
    optimiser = torch.optim.Adam(network.parameters(), lr=1e-2)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(samples))
        for start in range(0, len(order), 32):
            loss = torch.zeros(())
            for index in order[start : start + 32]:
                logits = network((rows[index] - shift) / scale).squeeze(-1)
                loss = loss - torch.log_softmax(logits, 0)[samples[index].expert_index]
            optimiser.zero_grad()
            (loss / 32).backward()
            optimiser.step()

    def rule(candidate_rows: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return network((torch.from_numpy(candidate_rows) - shift) / scale).squeeze(-1).numpy()

    return rule


def evaluate_rules(
    train: Sequence[BranchingSample], valid: Sequence[BranchingSample], epochs: int, seed: int
) -> dict[str, dict[str, float]]:
    """Validation metrics of every rule; the trained ones learn from ``train``."""
    torch.manual_seed(seed)
    width = len(VariableFeature)
    rng = np.random.default_rng(seed)
    rules: dict[str, Rule] = {
        "random": lambda rows: rng.random(len(rows)),
        "largest |objective|": lambda rows: np.abs(rows[:, VariableFeature.OBJECTIVE]),
        "most fractional": lambda rows: rows[:, VariableFeature.SOLUTION_FRACTIONALITY],
        "linear (candidate features)": _trained_rule(nn.Linear(width, 1), train, epochs, seed),
        "MLP (candidate features)": _trained_rule(
            nn.Sequential(
                nn.Linear(width, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1)
            ),
            train,
            epochs,
            seed,
        ),  # fmt: skip
    }
    return {name: _metrics(valid, rule) for name, rule in rules.items()}


def main(argv: Sequence[str] | None = None) -> int:
    """Run from the command line; 0 on success, 2 when the data cannot be split."""
    parser = argparse.ArgumentParser(
        prog="python -m experiments.studies.candidate_baselines",
        description=__doc__.splitlines()[0],
    )
    parser.add_argument("--data", nargs="+", required=True, help="folders or .npz sample files")
    parser.add_argument("--valid-fraction", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON")
    args = parser.parse_args(argv)
    try:
        train_files, valid_files = split_sample_files(
            sample_files(args.data), args.valid_fraction, args.seed
        )
    except (OSError, ValueError) as error:
        print(f"candidate_baselines: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    train_set, valid_set = BranchingDataset(train_files), BranchingDataset(valid_files)
    train = [train_set.sample(index) for index in range(len(train_set))]
    valid = [valid_set.sample(index) for index in range(len(valid_set))]
    results = evaluate_rules(train, valid, args.epochs, args.seed)
    print(f"{len(train)} training samples ({len(train_files)} files), {len(valid)} validation")
    for name, metrics in results.items():
        print(f"  {name:28s} {describe_rates(metrics)}")
    if args.out is not None:
        report = {
            "results": results,
            "config": {
                k: (v if not isinstance(v, Path) else str(v)) for k, v in vars(args).items()
            },
            "train_files": [str(f) for f in train_files],
            "valid_files": [str(f) for f in valid_files],
            "versions": library_versions(),
            "command": study_command("experiments.studies.candidate_baselines", argv),
        }
        args.out.write_text(json.dumps(report, indent=2) + "\n")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
