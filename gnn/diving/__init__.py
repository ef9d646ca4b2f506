"""Neural Diving (Nair et al. 2020): the network, its loss, its training and its policy.

The package mirrors branching's modules: :mod:`gnn.diving.model` (the network and the graph it
reads), :mod:`gnn.diving.loss` (soft targets and the SelectiveNet loss),
:mod:`gnn.diving.training` (examples, trainer, fixing metrics) and :mod:`gnn.diving.policy` (the
trained network behind the heuristic's interface). Importing the package registers
:class:`DivingGNN` with the checkpoint loader.
"""

from gnn.diving.loss import DivingLoss, diving_loss, soft_targets
from gnn.diving.model import DIVING_FEATURE_ENUMS, DivingGNN, binary_mask, prepare_graph
from gnn.diving.policy import DivingPolicy
from gnn.diving.training import DIVING_OPTIONS, DivingTrainer, diving_example, fixing_metrics

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
