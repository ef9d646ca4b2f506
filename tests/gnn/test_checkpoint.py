import pytest
import torch

from gnn.checkpoint import CheckpointError, load_checkpoint, save_checkpoint
from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
from gnn.models import GCNNPolicy, HybridPolicy
from tests.gnn.synthetic_branching import random_samples

pytestmark = pytest.mark.usefixtures("one_torch_thread")


ENUMS = (VariableFeature, ConstraintFeature, EdgeFeature)


@pytest.fixture
def saved(tmp_path):
    torch.manual_seed(0)
    model = HybridPolicy(embedding_size=8, hidden_size=4)
    model.fit_prenorm(random_samples(4))
    path = save_checkpoint(
        tmp_path / "m.pt",
        model,
        feature_enums=ENUMS,
        training_config={"seed": 1},
        metrics={"top1": 0.5},
        command="neuralmip train",
    )
    return path, model.eval()


def test_round_trip_restores_class_config_weights_and_prenorm(saved):
    path, model = saved
    checkpoint = load_checkpoint(path)
    assert type(checkpoint.model) is HybridPolicy
    assert checkpoint.model.config == model.config
    sample = random_samples(1, seed=3)[0]
    with torch.inference_mode():
        assert torch.equal(checkpoint.model(sample), model(sample))
    assert torch.equal(
        checkpoint.model.encoder.variable_prenorm.scale, model.encoder.variable_prenorm.scale
    )
    meta = checkpoint.metadata
    assert meta["feature_schema"]["VariableFeature"][0] == VariableFeature(0).name
    assert meta["metrics"] == {"top1": 0.5} and meta["training_config"] == {"seed": 1}
    assert meta["command"] == "neuralmip train" and "torch" in meta["versions"]


def test_file_is_loadable_with_weights_only(saved):
    payload = torch.load(saved[0], weights_only=True)
    assert payload["model_class"] == "HybridPolicy"


def _error(path, **kwargs):
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(path, **kwargs)
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    return message


def test_missing_file(tmp_path):
    assert "no such" in _error(tmp_path / "absent.pt")


def test_truncated_file(saved, tmp_path):
    data = saved[0].read_bytes()
    cut = tmp_path / "cut.pt"
    cut.write_bytes(data[: len(data) // 2])
    assert "not a readable checkpoint" in _error(cut)


def test_garbage_file(tmp_path):
    path = tmp_path / "junk.pt"
    path.write_bytes(b"\x00\x01 not a zip at all" * 10)
    assert "not a readable checkpoint" in _error(path)


def test_foreign_torch_file(tmp_path):
    path = tmp_path / "foreign.pt"
    torch.save({"weights": torch.zeros(3)}, path)
    assert "not a neuralmip checkpoint" in _error(path)


def test_different_feature_schema(saved):
    schema = {
        "VariableFeature": ["ONLY_ONE"],
        "ConstraintFeature": [m.name for m in ConstraintFeature],
        "EdgeFeature": [m.name for m in EdgeFeature],
    }
    assert "VariableFeature differs" in _error(saved[0], expected_schema=schema)


def test_unknown_model_class(saved):
    assert "unknown model class" in _error(saved[0], model_classes={"GCNNPolicy": GCNNPolicy})


def test_metadata_is_read_without_the_weights(saved):
    from gnn.checkpoint_info import checkpoint_kind, read_checkpoint_info

    path, model = saved
    info = read_checkpoint_info(path)
    assert "state_dict" not in info
    assert (
        info["model_class"] == type(model).__name__ == load_checkpoint(path).metadata["model_class"]
    )
    assert info["model_config"] == load_checkpoint(path).metadata["model_config"]
    assert checkpoint_kind(info) == "branching"


@pytest.mark.parametrize("content", [b"", b"garbage", b"PK\x03\x04truncated"])
def test_metadata_of_a_bad_file_is_one_clear_error(tmp_path, content):
    from gnn.checkpoint_info import read_checkpoint_info

    bad = tmp_path / "bad.pt"
    bad.write_bytes(content)
    with pytest.raises(CheckpointError) as caught:
        read_checkpoint_info(bad)
    assert "\n" not in str(caught.value) and str(bad) in str(caught.value)
    foreign = tmp_path / "foreign.pt"
    torch.save({"weights": torch.zeros(2)}, foreign)
    with pytest.raises(CheckpointError, match="not a neuralmip checkpoint"):
        read_checkpoint_info(foreign)
