import json
from pathlib import Path

import pytest
import torch

from experiments.fit_domain import domain_of_folders, instance_files, main
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
    domain = domain_of_folders([data])
    assert domain is not None and domain.n_instances == 3
    assert domain.admits(instance_profile(preset("indset", "tiny").generate(100)))
    assert not domain.admits(instance_profile(preset("setcover", "tiny").generate(100)))
    assert domain_of_folders([data / "nowhere"]) is None


def test_the_command_adds_a_domain_to_a_checkpoint_and_its_record(data, tmp_path, capsys):
    torch.manual_seed(0)
    path = save_checkpoint(
        tmp_path / "m.pt",
        HybridPolicy(embedding_size=8, hidden_size=4),
        feature_enums=(VariableFeature, ConstraintFeature, EdgeFeature),
        command="train",
    )
    path.with_suffix(".json").write_text(json.dumps({"command": "train"}))
    assert main([str(path), "--data", str(data)]) == 0
    assert load_checkpoint(path).domain == domain_of_folders([data])
    record = json.loads(path.with_suffix(".json").read_text())
    assert record["command"] == "train" and record["domain"]["n_instances"] == 3
    assert record["domain"]["command"].startswith("python -m experiments.fit_domain")
    assert "3 instances of" in capsys.readouterr().out


def test_the_command_refuses_bad_input_with_exit_2(data, tmp_path, capsys):
    assert main([str(tmp_path / "m.pt"), "--data", str(tmp_path / "empty")]) == 2
    assert "no instance files" in capsys.readouterr().err
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"junk")
    assert main([str(junk), "--data", str(data)]) == 2
    assert "junk.pt" in capsys.readouterr().err
