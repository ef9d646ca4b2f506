"""Import torch_geometric without ``torch._dynamo``.

torch_geometric 2.x imports ``torch._dynamo`` (torch's compiler front end) as it is imported,
for one function: ``torch_geometric.isinstance.is_torch_instance``, which sees through the
wrapper ``torch.compile`` puts around a model. That import takes about as long as torch's own
(a second or more on a busy machine) and slows the interpreter's exit, on the path of every
learned solve, which compiles nothing.

:func:`defer_torch_dynamo` installs, before torch_geometric is imported, a module of that name
whose ``is_torch_instance`` gives the same answers and looks at ``torch._dynamo`` only once
something else has imported it: a compiled model cannot exist before. Importing :mod:`gnn`
calls it; it changes nothing when torch_geometric is already imported.
"""

from __future__ import annotations

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


def defer_torch_dynamo() -> None:
    """Make the coming ``import torch_geometric`` leave ``torch._dynamo`` unimported (see the
    module docstring); nothing when torch_geometric or its module is already imported."""
    if "torch_geometric" in sys.modules or _MODULE in sys.modules:
        return
    module = types.ModuleType(_MODULE, "is_torch_instance without importing torch._dynamo.")
    module.is_torch_instance = is_torch_instance  # type: ignore[attr-defined]
    sys.modules[_MODULE] = module
