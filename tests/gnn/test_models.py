import pytest
import torch
from torch_geometric.loader import DataLoader

from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
from gnn.models import MODEL_CLASSES, GCNNPolicy, HybridPolicy
from gnn.prenorm import PreNorm
from tests.gnn.synthetic_branching import random_samples

pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(params=sorted(name for name in ("GCNNPolicy", "HybridPolicy")))
def model(request):
    torch.manual_seed(0)
    return MODEL_CLASSES[request.param]().eval()


def test_both_branching_models_are_registered():
    assert MODEL_CLASSES["GCNNPolicy"] is GCNNPolicy
    assert MODEL_CLASSES["HybridPolicy"] is HybridPolicy


def test_input_widths_come_from_the_feature_enums(model):
    assert model.config["n_variable_features"] == len(VariableFeature)
    assert model.config["n_constraint_features"] == len(ConstraintFeature)
    assert model.config["n_edge_features"] == len(EdgeFeature)


def test_forward_gives_one_logit_per_variable_of_the_batch(model):
    samples = random_samples(3)
    batch = next(iter(DataLoader(samples, batch_size=3)))
    logits = model(batch)
    assert logits.shape == (sum(s.variable_features.shape[0] for s in samples),)
    assert torch.isfinite(logits).all()


def test_batched_logits_equal_one_graph_at_a_time(model):
    samples = random_samples(3, seed=1)
    batch = next(iter(DataLoader(samples, batch_size=3)))
    with torch.inference_mode():
        together = model(batch)
        separate = torch.cat([model(sample) for sample in samples])
    assert torch.allclose(together, separate, atol=1e-5)


def test_hybrid_score_on_cached_embeddings_equals_forward():
    torch.manual_seed(0)
    model = HybridPolicy().eval()
    sample = random_samples(1, seed=2)[0]
    with torch.inference_mode():
        embeddings = model.embed(sample)
        rows = torch.tensor([3, 0])
        partial = model.score(embeddings[rows], sample.variable_features[rows])
        full = model(sample)
    assert torch.allclose(partial, full[rows], atol=1e-6)


def test_fit_prenorm_standardises_training_features(model):
    samples = random_samples(8, seed=3)
    for sample in samples:
        sample.variable_features = sample.variable_features * 7.0 + 3.0
    model.fit_prenorm(DataLoader(samples, batch_size=4))
    features = torch.cat([s.variable_features for s in samples])
    normalised = model.encoder.variable_prenorm(features)
    assert torch.allclose(normalised.mean(0), torch.zeros(len(VariableFeature)), atol=1e-4)
    assert torch.allclose(
        normalised.std(0, unbiased=False), torch.ones(len(VariableFeature)), atol=1e-3
    )
    assert bool(model.encoder.variable_prenorm.fitted)


def test_prenorm_leaves_constant_columns_finite():
    prenorm = PreNorm(2).fit(torch.tensor([[1.0, 5.0], [3.0, 5.0]]))
    out = prenorm(torch.tensor([[2.0, 5.0]]))
    assert torch.equal(out, torch.tensor([[0.0, 0.0]]))


def test_prenorm_statistics_are_saved_in_the_state_dict():
    prenorm = PreNorm(2).fit(torch.tensor([[1.0, 0.0], [3.0, 4.0]]))
    restored = PreNorm(2)
    restored.load_state_dict(prenorm.state_dict())
    assert torch.equal(restored.shift, torch.tensor([2.0, 2.0]))
    assert bool(restored.fitted)
