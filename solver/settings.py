"""SCIP settings: seeding, named parameter presets, and validated parameter dictionaries.

All of SCIP's random seeds are set in one place, :func:`seed_scip`. Presets are frozen
:class:`ScipPreset` objects (``DEFAULT``, ``LITERATURE``); :data:`PRESETS` maps their names for
the command line and config files, which is the only place a name is looked up.
:func:`apply_scip_params` checks every name and value before setting any, so a typo in a config
is one clear error instead of a silently ignored option.
"""

from __future__ import annotations

import difflib
import enum
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import pyscipopt

from instances.reading import capturing_scip_errors, scip_error_reason

__all__ = [
    "DEFAULT",
    "LITERATURE",
    "MAX_SEED",
    "PRESETS",
    "SEED_PARAMS",
    "ParamSetting",
    "ScipParamError",
    "ScipPreset",
    "apply_scip_params",
    "check_scip_params",
    "parse_name_values",
    "parse_settings",
    "parse_setting_value",
    "seed_scip",
]

#: SCIP's seed parameters are ints in [0, 2**31 - 1].
MAX_SEED = 2**31 - 1

#: Every SCIP parameter that seeds randomness: variable/constraint permutation, the shift
#: added to every plugin's random seed, and the LP solver's seed.
SEED_PARAMS: tuple[str, ...] = (
    "randomization/permutationseed",
    "randomization/randomseedshift",
    "randomization/lpseed",
)


class ScipParamError(ValueError):
    """A SCIP parameter name or value is wrong; ``str()`` is one line naming the parameter."""


@dataclass(frozen=True)
class ScipPreset:
    """A named, immutable set of SCIP parameters."""

    name: str
    """Name used on the command line and in configs (``--preset NAME``)."""

    description: str
    """One line saying what the preset is for and where it comes from."""

    params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """SCIP parameters to set, ``{"separating/maxrounds": 0, ...}``; read-only after creation."""

    def __post_init__(self) -> None:
        # A read-only copy: a preset shared by many solves must not be changed by one of them.
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __reduce__(self) -> tuple[Any, ...]:
        # A mappingproxy does not pickle: rebuild from a plain dict (process pools).
        return (type(self), (self.name, self.description, dict(self.params)))

    def apply(self, model: pyscipopt.Model) -> None:
        """Set this preset's parameters on ``model`` (see :func:`apply_scip_params`)."""
        apply_scip_params(model, self.params)


#: SCIP's own defaults: sets nothing.
DEFAULT = ScipPreset(name="default", description="SCIP's default settings.")

#: The evaluation setting of Gasse et al. (2019): cutting planes at the root node only
#: (``separating/maxrounds`` = 0 limits non-root rounds; ``maxroundsroot`` keeps SCIP's default)
#: and no restarts (``presolving/maxrestarts`` = 0), as used throughout the learned-branching
#: literature so that branching decides the tree.
LITERATURE = ScipPreset(
    name="literature",
    description=(
        "Gasse et al. (2019): cuts at the root node only, no restarts; otherwise SCIP defaults."
    ),
    params={"separating/maxrounds": 0, "presolving/maxrestarts": 0},
)

#: Presets by name, for the command-line and config edge only.
PRESETS: Mapping[str, ScipPreset] = MappingProxyType({p.name: p for p in (DEFAULT, LITERATURE)})


class ParamSetting(enum.Enum):
    """SCIP's meta settings (``SCIP_PARAMSETTING``), by the names config files use."""

    DEFAULT = "default"
    AGGRESSIVE = "aggressive"
    FAST = "fast"
    OFF = "off"

    def to_scip(self) -> Any:
        """The matching ``pyscipopt.SCIP_PARAMSETTING`` value."""
        return getattr(pyscipopt.SCIP_PARAMSETTING, self.name)


def _check_value(name: str, current: Any, value: Any) -> None:
    """Refuse a value whose type does not match the parameter's, before SCIP coerces it."""
    if isinstance(current, bool):
        ok, kind = isinstance(value, bool), "a bool"
    elif isinstance(current, int):
        ok, kind = isinstance(value, int) and not isinstance(value, bool), "an integer"
    elif isinstance(current, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        ok = ok and not math.isnan(value)
        kind = "a number"
    else:
        ok, kind = isinstance(value, str), "a string"
    if not ok:
        raise ScipParamError(f"SCIP parameter {name!r}: {value!r} is not {kind}")


def apply_scip_params(model: pyscipopt.Model, params: Mapping[str, Any]) -> None:
    """Set SCIP parameters after checking every name and value type.

    Parameters
    ----------
    model
        The model to configure.
    params
        Parameter names (``"limits/time"``) to values of the parameter's type: bool, int,
        number or string.

    Raises
    ------
    ScipParamError
        On an unknown name (with the closest known names), a value of the wrong type, or a
        value SCIP rejects (quoting SCIP's reason, e.g. the allowed range). Names and types are
        all checked before anything is set; a range error can leave earlier parameters set.
    """
    known = model.getParams()
    for name, value in params.items():
        if name not in known:
            close = difflib.get_close_matches(str(name), known, n=3)
            hint = f" (did you mean {', '.join(map(repr, close))}?)" if close else ""
            raise ScipParamError(f"unknown SCIP parameter {name!r}{hint}")
        _check_value(name, known[name], value)
    for name, value in params.items():
        try:
            with capturing_scip_errors() as scip_errors:
                model.setParam(name, value)
        except Exception as err:  # PySCIPOpt raises plain Exception for SCIP's return codes
            reason = scip_error_reason(scip_errors) or str(err)
            raise ScipParamError(f"SCIP parameter {name!r}: {value!r} rejected: {reason}") from None


def check_scip_params(params: Mapping[str, Any]) -> None:
    """Check SCIP parameters on a scratch model, as :func:`apply_scip_params` would.

    For settings that many worker processes will apply: a typo is then one error up front
    rather than a failure per instance.

    Raises
    ------
    ScipParamError
        As :func:`apply_scip_params`.
    """
    model = pyscipopt.Model()
    try:
        model.hideOutput()
        apply_scip_params(model, params)
    finally:
        model.freeProb()


def seed_scip(model: pyscipopt.Model, seed: int) -> None:
    """Set every SCIP random seed (:data:`SEED_PARAMS`) from one integer.

    The same seed on the same instance, settings and machine gives the same search. Variable
    permutation itself stays as the preset or the user set it (``randomization/permutevars``);
    this only fixes the seeds.

    Parameters
    ----------
    model
        The model to seed, before ``optimize()``.
    seed
        An integer in ``[0, MAX_SEED]``.

    Raises
    ------
    ValueError
        When ``seed`` is not an integer in range.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be an integer in [0, {MAX_SEED}], got {seed!r}")
    apply_scip_params(model, dict.fromkeys(SEED_PARAMS, seed))


def parse_name_values(items: Sequence[str], flag: str) -> dict[str, str]:
    """Turn repeated ``NAME=VALUE`` options into ``{name: value}`` (both stripped).

    Parameters
    ----------
    items
        The option's values, e.g. ``["n_rows=200", "density=0.05"]``.
    flag
        The option, named in the error message (e.g. ``"--param"``).

    Raises
    ------
    ValueError
        For an item without ``=`` or with an empty name.
    """
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"{flag} expects NAME=VALUE, got {item!r}")
        values[name.strip()] = value.strip()
    return values


def parse_setting_value(text: str) -> Any:
    """A setting's value from the command line: a TOML literal (``true``, ``3``, ``0.5``,
    ``[0.9, 0.7]``, ``"text"``; ``True``/``False`` too), else the text itself."""
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(f"value = {text}")["value"]
    except tomllib.TOMLDecodeError:
        return text


def parse_settings(items: Sequence[str], flag: str) -> dict[str, Any]:
    """Repeated ``NAME=VALUE`` options as ``{name: typed value}`` (:func:`parse_setting_value`).

    Raises
    ------
    ValueError
        For an item without ``=`` or with an empty name.
    """
    return {
        name: parse_setting_value(text) for name, text in parse_name_values(items, flag).items()
    }
