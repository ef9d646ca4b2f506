"""The accuracy study scores a hybrid checkpoint as it runs: from its solve's root graph."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from experiments.studies.branching_accuracy import checkpoint_accuracy, main, sample_summary
from gnn.checkpoint import save_checkpoint
from gnn.dataset import BranchingDataset, sample_files
from gnn.models import HybridPolicy
from gnn.rooted import RootedLoader, rooted_samples
from gnn.training import BranchingTrainer
from tests.gnn.test_rooted import _write_solves

pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture
def hybrid(tmp_path):
    torch.manual_seed(0)
    model = HybridPolicy(embedding_size=8).eval()
    path = tmp_path / "hybrid.pt"
    save_checkpoint(path, model, feature_enums=model.feature_enums)
    return path, model


def test_the_hybrid_is_scored_from_each_solves_root_graph(tmp_path, hybrid):
    path, model = hybrid
    _write_solves(tmp_path / "data", np.random.default_rng(1))
    files = sample_files(tmp_path / "data")
    rooted = checkpoint_accuracy(path, files)
    node = checkpoint_accuracy(path, files, encoder_graph="node")
    assert rooted["encoder_graph"] == "root" and node["encoder_graph"] == "node"
    assert rooted["n_samples"] == node["n_samples"] == 12
    samples = rooted_samples(BranchingDataset(files, cache_files=1))
    expected = BranchingTrainer(model).evaluate(model, samples)
    assert rooted["loss"] == pytest.approx(expected["loss"])
    assert rooted["loss"] != pytest.approx(node["loss"])  # other graphs, other embeddings
    assert sum(batch.n_samples for batch in RootedLoader(samples, 32)) == 12


def test_the_command_writes_its_figures_and_refuses_missing_input_in_one_line(
    tmp_path, hybrid, capsys
):
    path, _ = hybrid
    _write_solves(tmp_path / "data", np.random.default_rng(2))
    out = tmp_path / "accuracy.json"
    argv = ["--checkpoint", str(path), "--data", str(tmp_path / "data"), "--out", str(out)]
    assert main(argv) == 0
    report = json.loads(out.read_text())
    assert report["results"][str(path)]["n_samples"] == report["samples"]["n_samples"] == 12
    # The arguments it was given, not those of the process that called it.
    assert report["command"] == ["python", "-m", "experiments.studies.branching_accuracy", *argv]
    capsys.readouterr()
    assert (
        main(["--checkpoint", str(tmp_path / "absent.pt"), "--data", str(tmp_path / "data")]) == 2
    )
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "absent.pt" in error[0]


def test_the_samples_are_described_with_the_accuracy_of_a_random_pick(tmp_path):
    import dataclasses

    from gnn.dataset import write_samples
    from tests.gnn.test_dataset import random_graph, random_sample

    rng = np.random.default_rng(3)
    graph = random_graph(rng, 4, 12, 20)
    base = random_sample(rng, graph, 0)

    def sample(scores, depth):
        k = len(scores)
        return dataclasses.replace(
            base,
            candidates=np.arange(k, dtype=np.int64),
            candidate_scores=np.asarray(scores, dtype=np.float64),
            expert_index=int(np.nanargmax(scores)),
            depth=depth,
            down_gains=np.ones(k),
            up_gains=np.ones(k),
            down_infeasible=np.zeros(k, dtype=bool),
            up_infeasible=np.zeros(k, dtype=bool),
            candidate_scored=np.isfinite(scores),
        )

    # 10 candidates, one best; 10 candidates, 4 tied at the best (one not scored: never best).
    one_best = sample([1.0] * 9 + [2.0], depth=2)
    tied = sample([3.0, 3.0, 3.0, 3.0, 1.0, 1.0, 1.0, 1.0, 1.0, np.nan], depth=6)
    write_samples(tmp_path / "solve.npz", [one_best, tied], {"instance": "solve"})
    summary = sample_summary(sample_files(tmp_path))
    assert summary["n_samples"] == 2 and summary["tied_share"] == 0.5
    assert summary["random_top1"] == pytest.approx((1 / 10 + 4 / 10) / 2)
    # Five drawn of ten: 1/2 for the single best; 1 - C(6,5)/C(10,5) with four tied.
    assert summary["random_top5"] == pytest.approx((0.5 + (1 - 6 / 252)) / 2)
    assert summary["median_depth"] == 4 and summary["median_candidates"] == 10
