import numpy as np
import pytest
import torch

from gnn.checkpoint import CheckpointError, load_checkpoint, save_checkpoint, set_checkpoint_domain
from gnn.domain import DOMAIN_TOLERANCE, DomainError, ModelDomain
from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
from gnn.models import HybridPolicy
from instances.profile import ProfileFeature

N = len(ProfileFeature)


def _profile(**values: float) -> np.ndarray:
    profile = np.zeros(N)
    for name, value in values.items():
        profile[ProfileFeature[name].value] = value
    return profile


@pytest.fixture
def domain() -> ModelDomain:
    return ModelDomain.fit(
        [
            _profile(BINARY_VARIABLES=1.0, COEFFICIENT_RANGE=1.0),
            _profile(BINARY_VARIABLES=0.8, COEFFICIENT_RANGE=2.0),
        ],
        source="two profiles",
    )


def test_fit_takes_each_features_range(domain: ModelDomain) -> None:
    binary = ProfileFeature.BINARY_VARIABLES.value
    assert (domain.low[binary], domain.high[binary]) == (0.8, 1.0)
    assert domain.n_instances == 2 and domain.source == "two profiles"


def test_profiles_within_the_tolerance_are_admitted(domain: ModelDomain) -> None:
    slack = DOMAIN_TOLERANCE[ProfileFeature.BINARY_VARIABLES]
    inside = _profile(BINARY_VARIABLES=0.8 - 0.9 * slack, COEFFICIENT_RANGE=2.5)
    assert domain.admits(inside) and domain.violations(inside) == []
    assert 0 < domain.distance(inside) < 1
    assert domain.distance(_profile(BINARY_VARIABLES=0.9, COEFFICIENT_RANGE=1.5)) == 0


def test_violations_name_each_feature_outside(domain: ModelDomain) -> None:
    outside = _profile(BINARY_VARIABLES=0.2, CONTINUOUS_VARIABLES=0.8, COEFFICIENT_RANGE=5.0)
    found = domain.violations(outside)
    assert len(found) == 3
    assert found[0] == "binary variables 0.20 outside [0.80, 1.00]"
    assert not domain.admits(outside) and domain.distance(outside) > 1


def test_round_trip_and_malformed_records(domain: ModelDomain) -> None:
    assert ModelDomain.from_dict(domain.to_dict()) == domain
    record = domain.to_dict()
    with pytest.raises(DomainError, match="other profile features"):
        ModelDomain.from_dict({**record, "features": record["features"][:-1]})
    with pytest.raises(DomainError, match="malformed"):
        ModelDomain.from_dict({k: v for k, v in record.items() if k != "low"})
    with pytest.raises(DomainError, match="low end exceeds"):
        ModelDomain.from_dict({**record, "low": record["high"], "high": record["low"]})
    with pytest.raises(DomainError, match="at least one"):
        ModelDomain.fit([])


ENUMS = (VariableFeature, ConstraintFeature, EdgeFeature)


def _save(path, domain=None):
    torch.manual_seed(0)
    model = HybridPolicy(embedding_size=8, hidden_size=4)
    return save_checkpoint(path, model, feature_enums=ENUMS, command="test", domain=domain)


def test_checkpoints_carry_their_domain(tmp_path, domain: ModelDomain) -> None:
    assert load_checkpoint(_save(tmp_path / "a.pt", domain)).domain == domain
    assert load_checkpoint(_save(tmp_path / "b.pt")).domain is None


def test_a_domain_can_be_added_without_touching_the_weights(tmp_path, domain) -> None:
    path = _save(tmp_path / "m.pt")
    before = load_checkpoint(path)
    set_checkpoint_domain(path, domain)
    after = load_checkpoint(path)
    assert after.domain == domain
    assert after.metadata["command"] == before.metadata["command"] == "test"
    for key, tensor in before.model.state_dict().items():
        assert torch.equal(tensor, after.model.state_dict()[key])


def test_a_malformed_domain_is_a_load_error(tmp_path, domain) -> None:
    path = _save(tmp_path / "m.pt")
    payload = torch.load(path, weights_only=True)
    payload["domain"] = {**domain.to_dict(), "features": ["SOMETHING_ELSE"]}
    torch.save(payload, path)
    with pytest.raises(CheckpointError, match="unusable training domain"):
        load_checkpoint(path)


def test_checking_a_domain_needs_no_torch() -> None:
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; import gnn.domain, gnn.checkpoint_info, instances.profile; "
        "print('torch' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
