"""Observation functions: what SCIP's state looks like to a network, as a bipartite graph.

Every observation function follows ecole's protocol (:class:`ObservationFunction`): a small object
with ``before_reset(model)``, called before a new solve, and ``extract(model)``, called whenever
an observation is wanted (from a branching rule's ``branchexeclp`` or a heuristic).

- :class:`NodeBipartite`: the node observation of Gasse et al. (2019), built from the current LP,
  with the columns named in :class:`~gnn.features.VariableFeature`,
  :class:`~gnn.features.ConstraintFeature` and :class:`~gnn.features.EdgeFeature`.
- :class:`MilpBipartite`: the static graph of the problem alone (ecole's ``MilpBipartite``), with
  the variables in row order, for models that predict an assignment (diving).
"""

from gnn.observation.milp import MilpBipartite, MilpObservation
from gnn.observation.node import NodeBipartite
from gnn.observation.protocol import ObservationFunction
from gnn.observation.scip_numerics import variable_type_index

__all__ = [
    "MilpBipartite",
    "MilpObservation",
    "NodeBipartite",
    "ObservationFunction",
    "variable_type_index",
]
