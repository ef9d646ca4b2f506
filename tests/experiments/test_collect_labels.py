"""Collection faults: nodes without a label, a worker killed while writing, cheap-label flags."""

from __future__ import annotations

import dataclasses
import os
import signal
import types
from pathlib import Path

import numpy as np
import pytest

import gnn.dataset
from experiments.collect_branching import collect_branching, samples_path_for
from gnn.dataset import BranchingDataset, is_complete, read_metadata, read_samples
from instances.generators import SetCover, write_instance
from tests.experiments.test_collect_branching import (
    BRANCHY_PARAMS,
    CONFIG,
    arrays_of,
    neuralmip,
    write_tiny_instances,
)


@pytest.fixture(scope="module")
def instances(tmp_path_factory) -> list[Path]:
    return write_tiny_instances(tmp_path_factory.mktemp("instances"), range(3))


@pytest.fixture(scope="module")
def setcover(tmp_path_factory) -> Path:
    """A set cover instance with many candidates per node (tiny facilities have one)."""
    model = SetCover(n_rows=100, n_cols=200, density=0.1).generate(2)
    path = write_instance(model, tmp_path_factory.mktemp("setcover") / "setcover_2.mps")
    model.freeProb()
    return path


def test_nodes_whose_child_lps_stop_at_the_limit_give_no_sample(tmp_path, setcover):
    config = dataclasses.replace(CONFIG, iteration_limit=1, explore_prob=0.0)
    summary = collect_branching([setcover], tmp_path, config, progress=False)
    assert summary.n_failed == 0
    output = samples_path_for(tmp_path, setcover)
    metadata = read_metadata(output)
    assert metadata["n_unlabelled_nodes"] > 0
    assert (
        metadata["n_samples"] + metadata["n_unlabelled_nodes"] == (metadata["n_expert_branchings"])
    )
    for sample in read_samples(output):  # whatever was recorded is a label
        assert np.isfinite(sample.candidate_scores).all()
    BranchingDataset(tmp_path)  # loads, nothing skipped
    assert not BranchingDataset(tmp_path).skipped


def test_preselected_collection_records_the_mask_and_its_flags_reach_the_config(tmp_path, setcover):
    config = dataclasses.replace(CONFIG, candidate_limit=3, random_candidates=1)
    collect_branching([setcover], tmp_path, config, progress=False)
    output = samples_path_for(tmp_path, setcover)
    samples = read_samples(output)
    assert samples and all(s.candidate_scored[s.expert_index] for s in samples)
    assert any(not s.candidate_scored.all() for s in samples)
    assert read_metadata(output)["config"]["candidate_limit"] == 3
    run = neuralmip(
        "collect", "--kind", "branching", "--instances", str(setcover.parent),
        "--out", str(tmp_path / "cli"), "--no-progress", "--samples-per-instance", "3",
        "--candidate-limit", "4", "--preselection", "pseudocost", "--iteration-limit", "100000",
        *[arg for name, value in BRANCHY_PARAMS.items() for arg in ("--scip-param", f"{name}={value}")],
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    recorded = read_metadata(samples_path_for(tmp_path / "cli", setcover))["config"]
    assert (recorded["candidate_limit"], recorded["preselection"]) == (4, "pseudocost")
    assert recorded["iteration_limit"] == 100000


def killing_os(stem: str, when: str) -> types.SimpleNamespace:
    """``os`` for gnn.dataset whose ``replace`` kills the process when it writes ``stem``'s file:
    before the samples file lands (``"npz"``) or before its metadata does (``"json"``)."""

    def replace(source, target):
        if Path(target).name == f"{stem}.{when}":
            os.kill(os.getpid(), signal.SIGKILL)
        return os.replace(source, target)

    return types.SimpleNamespace(**{**vars(os), "replace": replace})


@pytest.mark.parametrize("when", ["npz", "json"])
def test_a_worker_killed_while_writing_resumes_without_duplicates_or_losses(
    tmp_path, instances, monkeypatch, when
):
    clean = tmp_path / "clean"
    collect_branching(instances, clean, CONFIG, progress=False)
    out = tmp_path / "out"
    victim = samples_path_for(out, instances[1]).stem
    with monkeypatch.context() as patch:
        patch.setattr(gnn.dataset, "os", killing_os(victim, when))
        killed = collect_branching(instances, out, CONFIG, progress=False)
    assert killed.n_failed == 1 and killed.n_collected == 2
    assert not is_complete(samples_path_for(out, instances[1]))

    resumed = collect_branching(instances, out, CONFIG, progress=False)
    assert (resumed.n_skipped, resumed.n_collected, resumed.n_failed) == (2, 1, 0)
    assert not list(out.glob(".*.tmp"))
    for instance in instances:
        done, reference = samples_path_for(out, instance), samples_path_for(clean, instance)
        assert read_metadata(done)["n_samples"] == read_metadata(reference)["n_samples"]
        for name, value in arrays_of(reference).items():
            np.testing.assert_array_equal(arrays_of(done)[name], value)
    assert len(BranchingDataset(out)) == len(BranchingDataset(clean))
