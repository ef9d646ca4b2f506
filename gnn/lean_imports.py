"""Import torch_geometric without ``torch._dynamo``.

torch_geometric 2.x imports ``torch._dynamo`` (torch's compiler front end) as it is imported,
for one function: ``torch_geometric.isinstance.is_torch_instance``, which sees through the
wrapper ``torch.compile`` puts around a model. That import takes about as long as torch's own
(a second or more on a busy machine) and slows the interpreter's exit, on the path of every
learned solve, which compiles nothing.

:func:`defer_torch_dynamo` installs an import hook (a ``sys.meta_path`` finder) that loads, as
``torch_geometric.isinstance``, a module whose ``is_torch_instance`` gives the same answers and
looks at ``torch._dynamo`` only once something else has imported it: a compiled model cannot
exist before. Importing :mod:`gnn` calls it; it changes nothing when torch_geometric is already
imported.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from typing import Any

__all__ = ["defer_torch_dynamo", "is_torch_instance"]

_MODULE = "torch_geometric.isinstance"


def is_torch_instance(obj: Any, cls: type | tuple[type, ...]) -> bool:
    """``isinstance(obj, cls)``, looking inside a model ``torch.compile`` wrapped (as
    torch_geometric's own does)."""
    dynamo = sys.modules.get("torch._dynamo")
    optimized = getattr(dynamo, "OptimizedModule", None)
    if optimized is not None and isinstance(obj, optimized):
        return isinstance(obj._orig_mod, cls)
    return isinstance(obj, cls)


class _LeanIsinstance(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds and loads ``torch_geometric.isinstance`` as this module's :func:`is_torch_instance`."""

    def find_spec(
        self, fullname: str, path: Any = None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        return importlib.util.spec_from_loader(fullname, self) if fullname == _MODULE else None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the default module

    def exec_module(self, module: types.ModuleType) -> None:
        module.is_torch_instance = is_torch_instance  # type: ignore[attr-defined]


def defer_torch_dynamo() -> None:
    """Make the coming ``import torch_geometric`` leave ``torch._dynamo`` unimported (see the
    module docstring); nothing when torch_geometric's module is already imported."""
    if _MODULE in sys.modules or any(isinstance(f, _LeanIsinstance) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _LeanIsinstance())
