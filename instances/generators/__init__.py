"""Instance generators of Gasse et al. (2019), with ecole's parameter names and defaults.

Each class is a frozen dataclass of parameters with ``generate(rng) -> pyscipopt.Model``:

>>> from instances.generators import SetCover
>>> model = SetCover(n_rows=60, n_cols=120, density=0.1).generate(rng=0)

``GENERATORS`` maps the class names ``setcover``, ``cauctions``, ``facilities`` and ``indset``
to them; ``preset(name, level)`` gives the Tiny/Easy/Medium/Hard sizes; ``generate_instances``
writes a reproducible batch of MPS files with a ``manifest.json``.
"""

from instances.generators.cauctions import CombinatorialAuction
from instances.generators.common import InstanceParams, RngLike, as_rng
from instances.generators.facilities import CapacitatedFacilityLocation
from instances.generators.indset import IndependentSet
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
    "CapacitatedFacilityLocation",
    "CombinatorialAuction",
    "GENERATORS",
    "IndependentSet",
    "InstanceParams",
    "LEVELS",
    "MANIFEST_NAME",
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
