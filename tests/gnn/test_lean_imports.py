"""``gnn.lean_imports``: torch_geometric's ``is_torch_instance`` without ``torch._dynamo``."""

from __future__ import annotations

import sys
import types

import pytest
import torch

from gnn.lean_imports import is_torch_instance


def test_answers_as_isinstance_without_dynamo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "torch._dynamo", raising=False)
    linear = torch.nn.Linear(2, 2)
    assert is_torch_instance(linear, torch.nn.Linear)
    assert not is_torch_instance(linear, torch.nn.Conv1d)
    assert is_torch_instance(linear, (torch.nn.Conv1d, torch.nn.Module))


def test_looks_inside_a_compiled_model_once_dynamo_is_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class OptimizedModule(torch.nn.Module):  # what torch.compile wraps a model in
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self._orig_mod = inner

    dynamo = types.ModuleType("torch._dynamo")
    dynamo.OptimizedModule = OptimizedModule  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "torch._dynamo", dynamo)
    compiled = OptimizedModule(torch.nn.Linear(2, 2))
    assert is_torch_instance(compiled, torch.nn.Linear)
    assert not is_torch_instance(compiled, torch.nn.Conv1d)


def test_torch_geometric_uses_it_and_leaves_dynamo_unimported() -> None:
    import torch_geometric.isinstance

    assert torch_geometric.isinstance.is_torch_instance is is_torch_instance
    assert sys.modules["torch_geometric.isinstance"].is_torch_instance is is_torch_instance
