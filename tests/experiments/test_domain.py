import hashlib
import json
import shutil
from pathlib import Path

import pytest
import torch

from experiments.cli import main
from experiments.domain import (
    instance_files,
    instance_reference,
    recorded_instances,
    training_domain,
)
from gnn.checkpoint import load_checkpoint, save_checkpoint
from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
from gnn.models import HybridPolicy
from instances.generators import generate_instances, preset
from instances.profile import instance_profile


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    generate_instances("indset", preset("indset", "tiny"), 3, 2, folder / "instances")
    (folder / "instances" / "broken.mps").write_text("NAME broken\nROWS\n N\n")
    return folder


def test_the_domain_of_a_data_folder_leaves_broken_files_out(data: Path) -> None:
    assert len(instance_files([data])) == 4
    domain = training_domain([data])
    assert domain is not None and domain.n_instances == 3
    assert domain.admits(instance_profile(preset("indset", "tiny").generate(100)))
    assert not domain.admits(instance_profile(preset("setcover", "tiny").generate(100)))
    assert training_domain([data / "nowhere"]) is None


def test_the_instances_the_samples_record_give_the_domain_wherever_they_are(
    data: Path, tmp_path: Path
) -> None:
    # The samples live elsewhere than their instances (as in the README's pipeline).
    files = [path for path in instance_files([data]) if path.name != "broken.mps"]
    records = [
        (tmp_path / f"{path.stem}.npz", {"instance": str(path), "instance_sha256": _sha(path)})
        for path in files
    ]
    assert recorded_instances(records) == files
    domain = training_domain([tmp_path], records)
    assert domain is not None and domain.n_instances == 3
    # A file that changed since collection is left out; explicit instances win.
    records[0][1]["instance_sha256"] = "0" * 64
    assert recorded_instances(records) == files[1:]
    assert training_domain([tmp_path], records, [files[0]]).n_instances == 1


def test_a_data_folder_moved_with_its_instances_still_finds_them(
    data: Path, tmp_path: Path
) -> None:
    # Samples name their instances relative to their own folder (instance_reference).
    files = [path for path in instance_files([data]) if path.name != "broken.mps"]
    old = tmp_path / "old"
    shutil.copytree(data / "instances", old / "instances")
    samples = old / "branching"
    samples.mkdir()
    records = []
    for path in files:
        sample = samples / f"{path.stem}.npz"
        reference = instance_reference(old / "instances" / path.name, sample)
        assert reference == str(Path("..") / "instances" / path.name)
        records.append((sample, {"instance": reference, "instance_sha256": _sha(path)}))
    moved = tmp_path / "new"
    old.rename(moved)
    moved_records = [(moved / "branching" / s.name, m) for s, m in records]
    assert [p.name for p in recorded_instances(moved_records)] == [p.name for p in files]
    assert all(p.resolve().parent.parent == moved for p in recorded_instances(moved_records))


def test_a_domain_names_its_instances_relative_to_the_working_folder(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Older samples record their instances' absolute paths; a shipped checkpoint must not carry them.
    files = [path.resolve() for path in instance_files([data]) if path.name != "broken.mps"]
    records = [(tmp_path / f"{p.stem}.npz", {"instance": str(p)}) for p in files]
    monkeypatch.chdir(data.parent)
    assert training_domain([tmp_path], records).source == f"3 instances of {data.name}/instances"
    assert training_domain([data]).source == f"3 instances of {data.name}"


def test_the_command_records_itself_without_the_scripts_path(data, tmp_path, monkeypatch):
    path = _checkpoint(tmp_path / "m.pt")
    argv = ["/some/machine/bin/neuralmip", "domain", str(path), "--instances", str(data)]
    monkeypatch.setattr("sys.argv", argv)
    assert main(argv[1:]) == 0
    record = json.loads(path.with_suffix(".json").read_text())
    assert record["domain"]["command"] == " ".join(["neuralmip", *argv[1:]])


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _checkpoint(path: Path) -> Path:
    torch.manual_seed(0)
    path = save_checkpoint(
        path,
        HybridPolicy(embedding_size=8, hidden_size=4),
        feature_enums=(VariableFeature, ConstraintFeature, EdgeFeature),
        command="train",
    )
    path.with_suffix(".json").write_text(json.dumps({"command": "train"}))
    return path


def test_the_command_adds_a_domain_to_a_checkpoint_and_its_record(data, tmp_path, capsys):
    path = _checkpoint(tmp_path / "m.pt")
    assert main(["domain", str(path), "--instances", str(data)]) == 0
    assert load_checkpoint(path).domain == training_domain([data])
    record = json.loads(path.with_suffix(".json").read_text())
    assert record["command"] == "train" and record["domain"]["n_instances"] == 3
    assert "command" in record["domain"]
    assert "3 instances of" in capsys.readouterr().out


def test_the_command_refuses_bad_input_with_exit_2(data, tmp_path, capsys):
    assert main(["domain", str(tmp_path / "m.pt"), "--data", str(tmp_path / "empty")]) == 2
    assert "no readable instance files" in capsys.readouterr().err
    assert main(["domain", str(tmp_path / "m.pt")]) == 2
    assert "--instances or --data" in capsys.readouterr().err
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"junk")
    assert main(["domain", str(junk), "--instances", str(data)]) == 2
    assert "junk.pt" in capsys.readouterr().err


def test_the_command_updates_the_manifest_of_the_set_the_checkpoint_is_in(data, tmp_path):
    from solver.modelset import ModelSet, read_model_set, write_manifest

    folder = tmp_path / "set"
    folder.mkdir()
    path = _checkpoint(folder / "branching.pt")
    loose = read_model_set(folder)  # a folder of one checkpoint, before it has a manifest
    write_manifest(folder, ModelSet("mine", branching=loose.branching))
    assert read_model_set(folder).branching.domain is None
    assert main(["domain", str(path), "--instances", str(data)]) == 0
    assert read_model_set(folder).branching.domain == training_domain([data])
