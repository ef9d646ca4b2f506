"""Neural Diving (Nair et al. 2020): the network, its loss, its training and its policy.

The package mirrors branching's modules: :mod:`gnn.diving.model` (the network and the graph it
reads), :mod:`gnn.diving.loss` (soft targets and the SelectiveNet loss),
:mod:`gnn.diving.training` (examples, trainer, fixing metrics) and :mod:`gnn.diving.policy` (the
trained network behind the heuristic's interface). Importing the package registers
:class:`DivingGNN` with the checkpoint loader.
"""

from typing import Any

from gnn.diving.loss import DivingLoss, diving_loss, soft_targets
from gnn.diving.model import DIVING_FEATURE_ENUMS, DivingGNN, binary_mask, prepare_graph
from gnn.diving.policy import DivingPolicy

#: Names of :mod:`gnn.diving.training`, imported on first use: training batches graphs with
#: PyG, which scoring does not need (:mod:`gnn.tensors`), so a learned solve does not import it.
_TRAINING_NAMES = ("DIVING_OPTIONS", "DivingTrainer", "diving_example", "fixing_metrics")


def __getattr__(name: str) -> Any:
    if name in _TRAINING_NAMES:
        from gnn.diving import training

        return getattr(training, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DIVING_FEATURE_ENUMS",
    "DIVING_OPTIONS",
    "DivingGNN",
    "DivingLoss",
    "DivingPolicy",
    "DivingTrainer",
    "binary_mask",
    "diving_example",
    "diving_loss",
    "fixing_metrics",
    "prepare_graph",
    "soft_targets",
]
