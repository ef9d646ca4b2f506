"""The generator classes by name, and their Tiny/Easy/Medium/Hard presets.

For the four classes of Gasse et al. (2019), Easy, Medium and Hard are the training and transfer
sizes of Gasse, Chetelat, Ferroni, Charlin and Lodi, "Exact combinatorial optimization with graph
convolutional neural networks", NeurIPS 2019. The other families (bin packing, p-median, lot
sizing, generalized assignment, multidimensional knapsack) have no shipped models; their Easy
presets are sized so that SCIP at default settings solves most instances in a few seconds, with
branching, and Medium ones take longer (``docs/families.md`` has the measured figures). Tiny is
this project's own: instances that SCIP solves in well under a second, for tests.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from types import MappingProxyType

from instances.generators.binpacking import BinPacking
from instances.generators.cauctions import CombinatorialAuction
from instances.generators.common import InstanceParams
from instances.generators.facilities import CapacitatedFacilityLocation
from instances.generators.gap import GeneralizedAssignment
from instances.generators.indset import IndependentSet
from instances.generators.lotsizing import CapacitatedLotSizing
from instances.generators.mknapsack import MultidimensionalKnapsack
from instances.generators.pmedian import CapacitatedPMedian
from instances.generators.setcover import SetCover

__all__ = [
    "GENERATORS",
    "LEVELS",
    "PRESETS",
    "preset",
    "generator_class",
    "override_params",
    "preset_level_of",
]

#: Generator class of each instance class name (the names of learn2branch and this project's CLI):
#: the four classes with shipped models first, then the families without.
GENERATORS: Mapping[str, type] = MappingProxyType(
    {
        "setcover": SetCover,
        "cauctions": CombinatorialAuction,
        "facilities": CapacitatedFacilityLocation,
        "indset": IndependentSet,
        "binpacking": BinPacking,
        "pmedian": CapacitatedPMedian,
        "lotsizing": CapacitatedLotSizing,
        "gap": GeneralizedAssignment,
        "mknapsack": MultidimensionalKnapsack,
    }
)

#: Preset levels, easiest first.
LEVELS: tuple[str, ...] = ("tiny", "easy", "medium", "hard")

# Gasse et al. generated auctions with add_item_prob=0.7 (ecole's default is 0.9).
_GASSE_ADD_ITEM_PROB = 0.7

#: ``PRESETS[class_name][level]``: the parameters of each preset.
PRESETS: Mapping[str, Mapping[str, InstanceParams]] = MappingProxyType(
    {
        "setcover": MappingProxyType(
            {
                "tiny": SetCover(n_rows=60, n_cols=120, density=0.1),
                "easy": SetCover(n_rows=500, n_cols=1000, density=0.05),
                "medium": SetCover(n_rows=1000, n_cols=1000, density=0.05),
                "hard": SetCover(n_rows=2000, n_cols=1000, density=0.05),
            }
        ),
        "cauctions": MappingProxyType(
            {
                "tiny": CombinatorialAuction(
                    n_items=20, n_bids=60, add_item_prob=_GASSE_ADD_ITEM_PROB
                ),
                "easy": CombinatorialAuction(
                    n_items=100, n_bids=500, add_item_prob=_GASSE_ADD_ITEM_PROB
                ),
                "medium": CombinatorialAuction(
                    n_items=200, n_bids=1000, add_item_prob=_GASSE_ADD_ITEM_PROB
                ),
                "hard": CombinatorialAuction(
                    n_items=300, n_bids=1500, add_item_prob=_GASSE_ADD_ITEM_PROB
                ),
            }
        ),
        "facilities": MappingProxyType(
            {
                "tiny": CapacitatedFacilityLocation(n_customers=15, n_facilities=10, ratio=5.0),
                "easy": CapacitatedFacilityLocation(n_customers=100, n_facilities=100, ratio=5.0),
                "medium": CapacitatedFacilityLocation(n_customers=200, n_facilities=100, ratio=5.0),
                "hard": CapacitatedFacilityLocation(n_customers=400, n_facilities=100, ratio=5.0),
            }
        ),
        "indset": MappingProxyType(
            {
                "tiny": IndependentSet(n_nodes=60, affinity=4),
                "easy": IndependentSet(n_nodes=500, affinity=4),
                "medium": IndependentSet(n_nodes=1000, affinity=4),
                "hard": IndependentSet(n_nodes=1500, affinity=4),
            }
        ),
        "binpacking": MappingProxyType(
            {
                "tiny": BinPacking(n_items=12),
                "easy": BinPacking(n_items=32),
                "medium": BinPacking(n_items=38),
                "hard": BinPacking(n_items=45),
            }
        ),
        "pmedian": MappingProxyType(
            {
                "tiny": CapacitatedPMedian(n_customers=10, n_medians=3),
                "easy": CapacitatedPMedian(n_customers=20, n_medians=4),
                "medium": CapacitatedPMedian(n_customers=24, n_medians=5),
                "hard": CapacitatedPMedian(n_customers=30, n_medians=6),
            }
        ),
        "lotsizing": MappingProxyType(
            {
                "tiny": CapacitatedLotSizing(n_items=3, n_periods=5),
                "easy": CapacitatedLotSizing(n_items=10, n_periods=20),
                "medium": CapacitatedLotSizing(n_items=15, n_periods=30),
                "hard": CapacitatedLotSizing(n_items=20, n_periods=40),
            }
        ),
        "gap": MappingProxyType(
            {
                "tiny": GeneralizedAssignment(n_agents=3, n_jobs=10),
                "easy": GeneralizedAssignment(n_agents=4, n_jobs=24),
                "medium": GeneralizedAssignment(n_agents=5, n_jobs=30),
                "hard": GeneralizedAssignment(n_agents=6, n_jobs=36),
            }
        ),
        "mknapsack": MappingProxyType(
            {
                "tiny": MultidimensionalKnapsack(n_items=15, n_constraints=3),
                "easy": MultidimensionalKnapsack(n_items=75, n_constraints=5),
                "medium": MultidimensionalKnapsack(n_items=90, n_constraints=5),
                "hard": MultidimensionalKnapsack(n_items=110, n_constraints=5),
            }
        ),
    }
)


def generator_class(class_name: str) -> type:
    """Return the generator class registered as ``class_name``.

    Raises
    ------
    ValueError
        If ``class_name`` is not registered; the message lists the valid names.
    """
    try:
        return GENERATORS[class_name]
    except KeyError:
        raise ValueError(
            f"unknown instance class {class_name!r}; expected one of: {', '.join(GENERATORS)}"
        ) from None


def preset(class_name: str, level: str) -> InstanceParams:
    """Return the preset parameters ``PRESETS[class_name][level]``.

    Raises
    ------
    ValueError
        If the class or the level is unknown; the message lists the valid names.
    """
    generator_class(class_name)
    try:
        return PRESETS[class_name][level]
    except KeyError:
        raise ValueError(
            f"unknown preset {level!r} for {class_name}; expected one of: {', '.join(PRESETS[class_name])}"
        ) from None


def preset_level_of(class_name: str, params: InstanceParams) -> str | None:
    """Return the preset level whose parameters equal ``params``, or None."""
    for level, preset_params in PRESETS.get(class_name, {}).items():
        if preset_params == params:
            return level
    return None


def override_params(params: InstanceParams, overrides: Mapping[str, str]) -> InstanceParams:
    """Return ``params`` with some fields replaced, each given as text (``{"n_rows": "200"}``).

    The text is converted to the field's type: ``int``, ``float``, ``bool`` (true/false, yes/no,
    1/0) or ``str``. The new parameters are validated by the class.

    Raises
    ------
    ValueError
        For an unknown field, text that does not convert, or parameters the class rejects.
    """
    cls = type(params)
    hints = typing.get_type_hints(cls)
    field_names = [field.name for field in dataclasses.fields(params)]
    converted: dict[str, object] = {}
    for name, text in overrides.items():
        if name not in field_names:
            raise ValueError(
                f"{cls.__name__} has no parameter {name!r}; expected one of: {', '.join(field_names)}"
            )
        converted[name] = _convert(cls.__name__, name, text, hints[name])
    return dataclasses.replace(params, **converted)


_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def _convert(class_label: str, name: str, text: str, hint: object) -> object:
    if hint is bool:
        lowered = text.strip().lower()
        if lowered in _TRUE or lowered in _FALSE:
            return lowered in _TRUE
        raise ValueError(f"{class_label}.{name} must be true or false, got {text!r}")
    if hint is int:
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{class_label}.{name} must be an integer, got {text!r}") from None
    if hint is float:
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{class_label}.{name} must be a number, got {text!r}") from None
    return text  # str and Literal-of-str fields; the class validates the value
