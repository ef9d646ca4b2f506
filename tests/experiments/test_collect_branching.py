"""Branching data collection: reproducible, resumable, interruptible, and the ``collect`` CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from experiments.cli import main
from experiments.collect_branching import (
    CONFIG_FILE_NAME,
    CollectBranchingConfig,
    collect_branching,
    samples_path_for,
)
from gnn.dataset import BranchingDataset, is_complete, read_metadata, read_samples
from instances.generators import CapacitatedFacilityLocation, preset, write_instance

#: Settings under which tiny facility location instances branch (instead of solving at the root).
BRANCHY_PARAMS = {
    "presolving/maxrestarts": 0,
    "presolving/maxrounds": 0,
    "separating/maxrounds": 0,
    "separating/maxroundsroot": 0,
}

CONFIG = CollectBranchingConfig(
    samples_per_instance=6, explore_prob=0.2, seed=5, scip_params=BRANCHY_PARAMS
)


def write_tiny_instances(folder: Path, seeds: range) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in seeds:
        model = preset("facilities", "tiny").generate(seed)
        paths.append(write_instance(model, folder / f"facilities_tiny_{seed}.mps"))
        model.freeProb()
    return paths


@pytest.fixture(scope="module")
def instances(tmp_path_factory) -> list[Path]:
    return write_tiny_instances(tmp_path_factory.mktemp("instances"), range(3))


def arrays_of(path: Path) -> dict[str, np.ndarray]:
    with np.load(path) as archive:
        return {name: archive[name] for name in archive.files}


def test_same_seed_gives_identical_samples(tmp_path, instances):
    first = collect_branching(instances, tmp_path / "a", CONFIG, progress=False, command=["t"])
    second = collect_branching(instances, tmp_path / "b", CONFIG, progress=False, command=["t"])
    assert first.n_failed == 0 and first.n_collected == 3 and first.n_samples > 0
    assert second.n_samples == first.n_samples
    for instance in instances:
        a = arrays_of(samples_path_for(tmp_path / "a", instance))
        b = arrays_of(samples_path_for(tmp_path / "b", instance))
        assert a.keys() == b.keys()
        for name in a:
            np.testing.assert_array_equal(a[name], b[name], err_msg=name)
    metadata = read_metadata(samples_path_for(tmp_path / "a", instances[0]))
    assert metadata["instance_sha256"] and metadata["config"]["seed"] == 5
    assert metadata["config"]["scip_params"] == BRANCHY_PARAMS
    assert metadata["library_versions"]["scip"] and metadata["command"] == ["t"]
    assert metadata["n_samples"] <= CONFIG.samples_per_instance
    run_config = json.loads((tmp_path / "a" / CONFIG_FILE_NAME).read_text())
    assert run_config["config"]["samples_per_instance"] == 6
    samples = [s for i in instances for s in read_samples(samples_path_for(tmp_path / "a", i))]
    for sample in samples:
        assert np.all(np.isfinite(sample.candidate_scores))
        assert sample.expert_index == int(np.argmax(sample.candidate_scores))
    dataset = BranchingDataset(tmp_path / "a")
    assert len(dataset) == first.n_samples


def test_a_rerun_skips_finished_instances_and_redoes_missing_or_changed_ones(tmp_path, instances):
    out = tmp_path / "out"
    collect_branching(instances, out, CONFIG, progress=False)
    outputs = [samples_path_for(out, i) for i in instances]
    before = {p: (p.stat().st_mtime_ns, arrays_of(p)) for p in outputs}

    again = collect_branching(instances, out, CONFIG, progress=False)
    assert (again.n_skipped, again.n_collected) == (3, 0)
    assert all(p.stat().st_mtime_ns == before[p][0] for p in outputs)

    outputs[1].unlink()  # a lost samples file (its metadata alone does not count as done)
    redone = collect_branching(instances, out, CONFIG, progress=False)
    assert (redone.n_skipped, redone.n_collected) == (2, 1)
    for name, value in before[outputs[1]][1].items():
        np.testing.assert_array_equal(arrays_of(outputs[1])[name], value)

    changed = write_tiny_instances(tmp_path / "changed", range(7, 8))[0]
    moved = instances[0].parent / "copy"  # same file name, other content: must be redone
    moved.mkdir(exist_ok=True)
    target = moved / instances[2].name
    target.write_bytes(changed.read_bytes())
    replaced = collect_branching([*instances[:2], target], out, CONFIG, progress=False)
    assert (replaced.n_skipped, replaced.n_collected) == (2, 1)
    recorded = read_metadata(outputs[2])["instance"]
    assert not Path(recorded).is_absolute()  # relative to the samples folder: no machine paths
    assert (outputs[2].parent / recorded).resolve() == target.resolve()


def test_a_rerun_with_other_labels_recollects_and_old_files_count_as_rank_first(
    tmp_path, instances
):
    import dataclasses

    out = tmp_path / "out"
    collect_branching(instances, out, CONFIG, progress=False)
    rank_first = dataclasses.replace(CONFIG, infeasible_scoring="rank-first")
    relabelled = collect_branching(instances, out, rank_first, progress=False)
    assert (relabelled.n_skipped, relabelled.n_collected) == (0, 3)
    output = samples_path_for(out, instances[0])
    assert read_metadata(output)["config"]["infeasible_scoring"] == "rank-first"

    # A file written before these fields existed: "rank-first" labels and no cutoffs.
    old_expert = dataclasses.replace(rank_first, cut_off_infeasible_nodes=False)
    collect_branching(instances, out, old_expert, progress=False)
    metadata_file = output.with_suffix(".json")
    metadata = json.loads(metadata_file.read_text())
    del metadata["config"]["infeasible_scoring"]
    del metadata["config"]["cut_off_infeasible_nodes"]
    metadata_file.write_text(json.dumps(metadata))
    kept = collect_branching(instances, out, old_expert, progress=False)
    assert (kept.n_skipped, kept.n_collected) == (3, 0)
    assert collect_branching(instances, out, rank_first, progress=False).n_collected == 3
    with pytest.raises(ValueError, match="infeasible_scoring"):
        CollectBranchingConfig(infeasible_scoring="first")


def test_bad_input_is_refused_before_any_solve(tmp_path, instances):
    with pytest.raises(ValueError, match="no/such"):
        collect_branching(
            instances, tmp_path, CollectBranchingConfig(scip_params={"no/such": 1}), progress=False
        )
    with pytest.raises(ValueError, match="same output name"):
        collect_branching([instances[0], instances[0]], tmp_path, CONFIG, progress=False)
    with pytest.raises(ValueError, match="not found"):
        collect_branching([tmp_path / "missing.mps"], tmp_path, CONFIG, progress=False)
    with pytest.raises(ValueError, match="record_prob"):
        CollectBranchingConfig(record_prob=0.0)
    assert not list(tmp_path.glob("*.npz"))


def neuralmip(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "experiments.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def branchy_cli_params() -> list[str]:
    return [
        item for key, value in BRANCHY_PARAMS.items() for item in ("--scip-param", f"{key}={value}")
    ]


def test_cli_collects_a_loadable_dataset(tmp_path, instances):
    out = tmp_path / "out"
    result = neuralmip(
        "collect",
        "--kind",
        "branching",
        "--instances",
        str(instances[0].parent),
        "--out",
        str(out),
        "--samples-per-instance",
        "4",
        "--seed",
        "1",
        "--no-progress",
        *branchy_cli_params(),
    )
    assert result.returncode == 0, result.stderr
    assert "3 instance(s) collected" in result.stdout
    assert all(is_complete(samples_path_for(out, i)) for i in instances)
    assert 0 < len(BranchingDataset(out)) <= 12
    metadata = read_metadata(samples_path_for(out, instances[0]))
    assert metadata["command"][:3] == ["neuralmip", "collect", "--kind"]
    assert metadata["config"]["scip_params"]["presolving/maxrounds"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "branching", "--instances", "/no/such/dir/*.mps"], "no instance file matches"),
        (["--kind", "branching", "--generate", "nosuchclass", "--count", "1"], "nosuchclass"),
        (["--kind", "branching", "--instances", "DIR", "--explore-prob", "2"], "explore_prob"),
        (["--kind", "branching", "--instances", "DIR", "--scip-param", "no/such=1"], "no/such"),
        (["--kind", "solutions", "--instances", "DIR", "--scip-param", "no/such=1"], "no/such"),
        (
            ["--kind", "solutions", "--generate", "setcover", "--samples-per-instance", "3"],
            "--samples-per-instance",
        ),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_code_2(tmp_path, instances, capsys, args, message):
    # In-process (the subprocess smoke test above covers the entry point itself).
    args = [str(instances[0].parent) if a == "DIR" else a for a in args]
    code = main(["collect", *args, "--out", str(tmp_path / "out"), "--no-progress"])
    stderr = capsys.readouterr().err
    assert code == 2, stderr
    assert message in stderr and len(stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("out/*.npz"))


@pytest.mark.slow
def test_ctrl_c_leaves_a_consistent_resumable_store(tmp_path):
    folder = tmp_path / "instances"
    folder.mkdir()
    params = CapacitatedFacilityLocation(n_customers=30, n_facilities=20, ratio=5.0)
    instances = []
    for seed in range(6):  # a few seconds each with strong branching: time to interrupt
        model = params.generate(seed)
        instances.append(write_instance(model, folder / f"facilities_{seed}.mps"))
        model.freeProb()
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "experiments.cli",
        "collect",
        "--kind",
        "branching",
        "--instances",
        str(tmp_path / "instances"),
        "--out",
        str(out),
        "--no-progress",
        "--samples-per-instance",
        "30",
        *branchy_cli_params(),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(out.glob("*.json")):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    done = [p for p in out.glob("*.npz") if is_complete(p)]
    if len(done) == len(instances):
        pytest.skip("the run finished before the interrupt arrived")
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert not list(out.glob(".*.tmp"))
    assert all(
        p.with_suffix(".npz").exists() for p in out.glob("*.json") if p.name != CONFIG_FILE_NAME
    )

    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(done)} already done" in resumed.stdout
    assert all(is_complete(samples_path_for(out, i)) for i in instances)
    assert os.path.isfile(out / CONFIG_FILE_NAME)


def test_cli_kind_solutions_runs_the_solutions_collector(tmp_path, capsys):
    code = main(
        [
            "collect",
            "--kind",
            "solutions",
            "--generate",
            "indset",
            "--preset",
            "tiny",
            "--count",
            "1",
            "--time-limit",
            "10",
            "--out",
            str(tmp_path),
            "--no-progress",
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "1 instance(s) collected" in capsys.readouterr().out
    assert list(tmp_path.glob("*.npz")) and list((tmp_path / "instances").glob("*.mps"))


def test_expert_options_are_refused_for_solution_collection(tmp_path):
    result = neuralmip(
        "collect", "--kind", "solutions", "--generate", "setcover", "--preset", "tiny",
        "--count", "1", "--out", str(tmp_path / "out"), "--infeasible-scoring", "rank-first",
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "neuralmip collect: --infeasible-scoring: only for --kind branching"
    ]
    assert not (tmp_path / "out").exists()
