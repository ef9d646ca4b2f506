"""Where MIPs come from: instance generators, and reading and validating instance files.

``instances`` imports neither :mod:`gnn` nor :mod:`solver`.
"""

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

__all__ = [
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
