"""Damaged samples files are reported and skipped, never trained on; pre-selected labels."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import numpy as np
import pytest

from gnn.dataset import (
    BranchingDataset,
    check_samples_file,
    read_samples,
    write_samples,
)
from tests.gnn.test_dataset import random_graph, random_sample


def write_file(path: Path, seed: int, n: int = 3) -> Path:
    rng = np.random.default_rng(seed)
    graph = random_graph(rng, 6, 9, 20)
    write_samples(path, [random_sample(rng, graph, node) for node in range(n)], {"seed": seed})
    return path


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def flip_bytes(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(data))


def wrong_count(path: Path) -> None:
    metadata_file = path.with_suffix(".json")
    metadata = json.loads(metadata_file.read_text())
    metadata["n_samples"] += 1
    metadata_file.write_text(json.dumps(metadata))


def bad_expert(path: Path) -> None:
    with np.load(path) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["expert_indices"][0] = 10_000
    with path.open("wb") as handle:
        np.savez_compressed(handle, **arrays)


def broken_json(path: Path) -> None:
    path.with_suffix(".json").write_text("{not json")


@pytest.mark.parametrize("damage", [truncate, flip_bytes, wrong_count, bad_expert, broken_json])
def test_a_damaged_file_is_reported_and_skipped(tmp_path, caplog, damage):
    good = write_file(tmp_path / "a.npz", 0, n=3)
    bad = write_file(tmp_path / "b.npz", 1, n=4)
    damage(bad)
    with caplog.at_level(logging.WARNING, logger="gnn.dataset"):
        dataset = BranchingDataset(tmp_path)
    assert dataset.files == [good]
    assert len(dataset) == 3
    assert [path for path, _ in dataset.skipped] == [bad]
    assert any("b.npz" in r.getMessage() and "skipped" in r.getMessage() for r in caplog.records)
    for i in range(len(dataset)):
        dataset[i]  # the good file's samples all load
    assert check_samples_file(good) == 3


def test_unscored_candidates_round_trip_and_old_files_count_as_all_scored(tmp_path):
    rng = np.random.default_rng(3)
    graph = random_graph(rng, 6, 9, 20)
    sample = random_sample(rng, graph, 1)
    k = len(sample.candidates)
    scored = np.arange(k) == sample.expert_index
    scores = np.where(scored, sample.candidate_scores, np.nan)
    partial = dataclasses.replace(sample, candidate_scores=scores, candidate_scored=scored)
    path = tmp_path / "x.npz"
    write_samples(path, [partial, sample], {})
    back, full = read_samples(path)
    np.testing.assert_array_equal(back.candidate_scored, scored)
    np.testing.assert_array_equal(back.candidate_scores, scores)  # NaN where unscored
    assert full.candidate_scored.all()
    assert check_samples_file(path) == 2
    data = BranchingDataset(path)[0]
    assert data.candidate_scores.isnan().sum() == k - 1

    with np.load(path) as archive:  # a file written before the mask existed
        arrays = {name: archive[name] for name in archive.files if name != "candidate_scored"}
    with path.open("wb") as handle:
        np.savez_compressed(handle, **arrays)
    assert all(s.candidate_scored.all() for s in read_samples(path))


def test_an_unscored_expert_choice_is_damage(tmp_path):
    rng = np.random.default_rng(4)
    sample = random_sample(rng, random_graph(rng, 6, 9, 20), 1)
    unscored = np.ones(len(sample.candidates), dtype=bool)
    unscored[sample.expert_index] = False
    write_samples(tmp_path / "x.npz", [dataclasses.replace(sample, candidate_scored=unscored)], {})
    with pytest.raises(ValueError, match="expert choice"):
        check_samples_file(tmp_path / "x.npz")
