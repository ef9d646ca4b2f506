import pytest
import torch
from torch_geometric.loader import DataLoader

from gnn.loop import TrainingOptions
from gnn.models import GCNNPolicy, HybridPolicy
from gnn.training import (
    BranchingTrainer,
    CandidateBatch,
    candidate_metrics,
    expert_cross_entropy,
    score_distribution_cross_entropy,
    segment_log_softmax,
)
from tests.gnn.synthetic_branching import random_samples

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _batch(samples):
    return next(iter(DataLoader(samples, batch_size=len(samples), follow_batch=["candidates"])))


def test_segment_log_softmax_matches_per_segment_log_softmax():
    values = torch.tensor([1.0, 2.0, 3.0, -1.0, 0.5])
    segment = torch.tensor([0, 0, 1, 1, 1])
    out = segment_log_softmax(values, segment, 2)
    assert torch.allclose(out[:2], torch.log_softmax(values[:2], 0))
    assert torch.allclose(out[2:], torch.log_softmax(values[2:], 0))


def test_candidate_batch_places_each_expert_choice_in_its_own_sample():
    samples = random_samples(3, seed=4)
    batch = _batch(samples)
    candidates = CandidateBatch.from_batch(torch.zeros(batch.variable_features.size(0)), batch)
    expected, start = [], 0
    for sample in samples:
        expected.append(start + int(sample.expert_index))
        start += sample.candidates.numel()
    assert candidates.expert.tolist() == expected
    # The expert's candidate has the best score of its sample.
    for sample, position in zip(samples, expected, strict=True):
        assert candidates.scores[position] == sample.candidate_scores.max()


def test_losses_are_lower_when_logits_agree_with_the_expert():
    samples = random_samples(4, seed=5)
    batch = _batch(samples)
    good = torch.zeros(batch.variable_features.size(0))
    bad = torch.zeros(batch.variable_features.size(0))
    experts = CandidateBatch.from_batch(good, batch).expert
    good[batch.candidates[experts]] = 5.0
    worst = torch.stack([s.candidate_scores.argmin() for s in samples])
    starts = experts - batch.expert_index
    bad[batch.candidates[starts + worst]] = 5.0
    for loss in (expert_cross_entropy, score_distribution_cross_entropy):
        assert loss(CandidateBatch.from_batch(good, batch)) < loss(
            CandidateBatch.from_batch(bad, batch)
        )


def test_metrics_count_top_k_hits_and_score_ratio():
    batch = _batch(random_samples(2, seed=6))
    logits = torch.zeros(batch.variable_features.size(0))
    candidates = CandidateBatch.from_batch(logits, batch)
    perfect = CandidateBatch.from_batch(
        logits.index_put((batch.candidates[candidates.expert],), torch.tensor(9.0)), batch
    )
    sums = candidate_metrics(perfect)
    assert sums["n"] == 2 and sums["top1"] == 2 and sums["top5"] == 2
    assert sums["score_ratio"] == pytest.approx(2.0)


@pytest.mark.parametrize("model_class", [GCNNPolicy, HybridPolicy])
def test_training_learns_the_synthetic_expert(model_class):
    train, valid = random_samples(96, seed=7), random_samples(32, seed=8)
    torch.manual_seed(0)
    model = model_class(embedding_size=16)
    before = BranchingTrainer(model).evaluate(model, valid)
    options = TrainingOptions(max_epochs=10, batch_size=16, learning_rate=5e-3, device="cpu")
    trainer = BranchingTrainer(model, options=options)
    assert trainer.fit(train, valid) is trainer
    assert trainer.best_metrics_["top1"] > before["top1"] + 0.2
    assert trainer.best_metrics_["top1"] > 0.6
    assert 0 < trainer.best_metrics_["score_ratio"] <= 1.0
    assert len(trainer.history_) >= trainer.best_epoch_ >= 1
    assert not trainer.model_.training


def test_training_is_reproducible_with_a_seed():
    train, valid = random_samples(40, seed=9), random_samples(10, seed=10)

    def run():
        torch.manual_seed(3)
        model = GCNNPolicy(embedding_size=8)
        options = TrainingOptions(max_epochs=2, batch_size=8, seed=5, device="cpu")
        return BranchingTrainer(model, options=options).fit(train, valid)

    first, second = run(), run()
    assert [h["train_loss"] for h in first.history_] == [h["train_loss"] for h in second.history_]


def test_early_stopping_ends_training_before_max_epochs():
    train, valid = random_samples(20, seed=11), random_samples(10, seed=12)
    torch.manual_seed(0)
    options = TrainingOptions(learning_rate=0.0, max_epochs=50, patience=2, device="cpu")
    trainer = BranchingTrainer(GCNNPolicy(embedding_size=8), options=options).fit(train, valid)
    assert len(trainer.history_) == 3  # epoch 1 is the best; two stale epochs stop it


def _write_sample_files(folder, n_files: int, seed: int):
    import numpy as np

    from gnn.dataset import BranchingSample, write_samples
    from gnn.graph import BipartiteGraph

    rng = np.random.default_rng(seed)
    for index, chunk in enumerate(np.array_split(np.arange(n_files * 6), n_files)):
        samples = []
        for data in random_samples(len(chunk), seed=int(rng.integers(1 << 30))):
            scores = data.candidate_scores.numpy().astype(np.float64)
            k = scores.size
            samples.append(
                BranchingSample(
                    graph=BipartiteGraph(
                        constraint_features=data.constraint_features.numpy(),
                        edge_index=data.edge_index.numpy(),
                        edge_features=data.edge_attr.numpy(),
                        variable_features=data.variable_features.numpy(),
                    ),
                    candidates=data.candidates.numpy(),
                    candidate_scores=scores,
                    expert_index=int(data.expert_index),
                    node_number=1,
                    depth=0,
                    lp_objective=0.0,
                    down_gains=scores,
                    up_gains=scores,
                    down_infeasible=np.zeros(k, bool),
                    up_infeasible=np.zeros(k, bool),
                )
            )
        write_samples(folder / f"instance{index}.npz", samples, {"instance": f"instance{index}"})


def test_train_command_writes_a_loadable_checkpoint(tmp_path):
    import json
    import subprocess
    import sys

    from gnn.checkpoint import load_checkpoint

    _write_sample_files(tmp_path / "data", n_files=4, seed=0)
    out = tmp_path / "model.pt"
    command = [
        sys.executable,
        "-m",
        "experiments.cli",
        "train",
        "--kind",
        "branching",
        "--data",
        str(tmp_path / "data"),
        "--model",
        "gcnn",
        "--out",
        str(out),
        "--epochs",
        "2",
        "--embedding-size",
        "8",
        "--seed",
        "3",
        "--device",
        "cpu",
        "--threads",
        "1",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    checkpoint = load_checkpoint(out)
    assert type(checkpoint.model) is GCNNPolicy
    assert checkpoint.metadata["training_config"]["seed"] == 3
    assert checkpoint.metadata["metrics"]["n_valid_files"] == 1
    assert "--kind branching" in checkpoint.metadata["command"]
    sidecar = json.loads(out.with_suffix(".json").read_text())
    assert sidecar["metrics"]["valid"]["n_samples"] == 6


def test_train_command_rejects_missing_data_in_one_line(tmp_path):
    import subprocess
    import sys

    command = [
        sys.executable,
        "-m",
        "experiments.cli",
        "train",
        "--kind",
        "branching",
        "--data",
        str(tmp_path / "absent"),
        "--out",
        str(tmp_path / "m.pt"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "absent" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_time_limit_stops_training_and_each_epoch_is_logged(caplog):
    train, valid = random_samples(12, seed=13), random_samples(6, seed=14)
    torch.manual_seed(0)
    options = TrainingOptions(max_epochs=50, time_limit=1e-9, device="cpu")
    with caplog.at_level("INFO", logger="gnn.loop"):
        trainer = BranchingTrainer(GCNNPolicy(embedding_size=8), options=options).fit(train, valid)
    assert [record["epoch"] for record in trainer.history_] == [1]
    assert any(message.startswith("epoch 1/50: train loss") for message in caplog.messages)
    assert any("time limit" in message for message in caplog.messages)


def test_the_hybrid_trains_on_root_graphs_by_default_and_records_how(tmp_path):
    from experiments.train_branching import TrainBranchingConfig, train_branching
    from gnn.checkpoint import load_checkpoint

    _write_sample_files(tmp_path / "data", n_files=4, seed=1)
    out = tmp_path / "hybrid.pt"
    config = TrainBranchingConfig(
        data=(tmp_path / "data",),
        out=out,
        embedding_size=8,
        hidden_size=16,
        max_epochs=1,
        device="cpu",
        threads=1,
    )
    metrics = train_branching(config)
    checkpoint = load_checkpoint(out)
    assert checkpoint.model.config["hidden_size"] == 16
    assert checkpoint.metadata["training_config"]["encoder_graph"] == "root"
    assert metrics["n_train_samples"] + metrics["n_valid_samples"] == 24
    gcnn = TrainBranchingConfig(data=(tmp_path / "data",), out=out, model="gcnn")
    assert gcnn.encoder_graph == "node" and not gcnn.rooted
    with pytest.raises(ValueError, match="encoder-graph"):
        TrainBranchingConfig(data=(tmp_path,), out=out, model="gcnn", encoder_graph="root")
    with pytest.raises(ValueError, match="hidden-size"):
        TrainBranchingConfig(data=(tmp_path,), out=out, model="gcnn", hidden_size=8)
