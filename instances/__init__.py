"""Where MIPs come from: instance generators, and reading and validating instance files.

``instances`` imports neither :mod:`gnn` nor :mod:`solver`.
"""

from instances.errors import InstanceError
from instances.generators import (
    GENERATORS,
    PRESETS,
    CapacitatedFacilityLocation,
    CombinatorialAuction,
    IndependentSet,
    SetCover,
    generate_instances,
    instance_seed,
    preset,
    write_instance,
)
from instances.reading import (
    EXAMPLES_DIR,
    list_examples,
    read_instance,
    resolve_instance,
    validate_model,
)

__all__ = [
    "EXAMPLES_DIR",
    "InstanceError",
    "list_examples",
    "read_instance",
    "resolve_instance",
    "validate_model",
    "GENERATORS",
    "PRESETS",
    "CapacitatedFacilityLocation",
    "CombinatorialAuction",
    "IndependentSet",
    "SetCover",
    "generate_instances",
    "instance_seed",
    "preset",
    "write_instance",
]
