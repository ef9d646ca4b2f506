"""Instance generators: the four classes of Gasse et al. (2019), with ecole's parameter names
and defaults, and five further families (bin packing, capacitated p-median, lot sizing,
generalized assignment, multidimensional knapsack; ``docs/families.md``).

Each class is a frozen dataclass of parameters with ``generate(rng) -> pyscipopt.Model``:

>>> from instances.generators import SetCover
>>> model = SetCover(n_rows=60, n_cols=120, density=0.1).generate(rng=0)

``GENERATORS`` maps the class names (``setcover``, ``cauctions``, ``facilities``, ``indset``,
``binpacking``, ``pmedian``, ``lotsizing``, ``gap``, ``mknapsack``) to them; ``preset(name, level)`` gives the Tiny/Easy/Medium/Hard sizes; ``generate_instances``
writes a reproducible batch of MPS files with a ``manifest.json``.
"""

from instances.generators.binpacking import BinPacking
from instances.generators.cauctions import CombinatorialAuction
from instances.generators.common import InstanceParams, RngLike, as_rng
from instances.generators.facilities import CapacitatedFacilityLocation
from instances.generators.gap import GeneralizedAssignment
from instances.generators.indset import IndependentSet
from instances.generators.lotsizing import CapacitatedLotSizing
from instances.generators.mknapsack import MultidimensionalKnapsack
from instances.generators.pmedian import CapacitatedPMedian
from instances.generators.registry import (
    GENERATORS,
    LEVELS,
    PRESETS,
    generator_class,
    override_params,
    preset,
    preset_level_of,
)
from instances.generators.setcover import SetCover
from instances.generators.writing import (
    MANIFEST_NAME,
    BatchMismatchError,
    generate_instances,
    instance_file_name,
    instance_seed,
    library_versions,
    params_label,
    sha256_of,
    write_instance,
)

__all__ = [
    "BatchMismatchError",
    "BinPacking",
    "CapacitatedLotSizing",
    "CapacitatedPMedian",
    "CapacitatedFacilityLocation",
    "CombinatorialAuction",
    "GENERATORS",
    "GeneralizedAssignment",
    "IndependentSet",
    "InstanceParams",
    "LEVELS",
    "MANIFEST_NAME",
    "MultidimensionalKnapsack",
    "PRESETS",
    "RngLike",
    "SetCover",
    "as_rng",
    "generate_instances",
    "generator_class",
    "instance_file_name",
    "instance_seed",
    "library_versions",
    "override_params",
    "params_label",
    "preset",
    "preset_level_of",
    "sha256_of",
    "write_instance",
]
