"""Composing data functions (ecole's ``ecole.data``): tuples, dicts, constants and ``None``.

An environment's ``observation_function``, ``reward_function`` and ``information_function``
arguments may be a single function, ``None`` (extracts ``None``), a number (a constant), or any
nesting of tuples, lists and dicts of these, which extract the same structure. Every data
function has ``before_reset(model)`` and ``extract(model, done)``, where ``model`` is an
:class:`ecole.scip.Model <solver.ecole.scip.Model>`.
"""

from __future__ import annotations

import numbers
from typing import Any

from solver.ecole.core import Default

__all__ = ["ConstantFunction", "MapFunction", "NoneFunction", "VectorFunction", "parse"]


class NoneFunction:
    """Extracts ``None``."""

    def before_reset(self, model: Any) -> None:
        """Nothing to reset."""

    def extract(self, model: Any, done: bool = False) -> None:
        """Return ``None``."""
        return None


class ConstantFunction:
    """Extracts the same value every time."""

    def __init__(self, constant: Any) -> None:
        self.constant = constant

    def before_reset(self, model: Any) -> None:
        """Nothing to reset."""

    def extract(self, model: Any, done: bool = False) -> Any:
        """Return the constant."""
        return self.constant


class VectorFunction:
    """Extracts a tuple (or list) of the values of several functions, in order."""

    def __init__(self, *functions: Any, as_list: bool = False) -> None:
        self.functions = functions
        self.as_list = as_list

    def before_reset(self, model: Any) -> None:
        """Reset every function."""
        for function in self.functions:
            function.before_reset(model)

    def extract(self, model: Any, done: bool = False) -> tuple[Any, ...] | list[Any]:
        """Extract every function, in order."""
        values = [function.extract(model, done) for function in self.functions]
        return values if self.as_list else tuple(values)


class MapFunction:
    """Extracts a dict of the values of named functions."""

    def __init__(self, **functions: Any) -> None:
        self.functions = functions

    def before_reset(self, model: Any) -> None:
        """Reset every function."""
        for function in self.functions.values():
            function.before_reset(model)

    def extract(self, model: Any, done: bool = False) -> dict[str, Any]:
        """Extract every function, by name."""
        return {name: function.extract(model, done) for name, function in self.functions.items()}


def parse(something: Any, default: Any) -> Any:
    """Turn a (nested) data-function specification into one data function.

    Parameters
    ----------
    something
        ``"default"`` / :data:`~solver.ecole.core.Default` (the environment's default),
        ``None``, a number, a tuple, list or dict of specifications, or a data function.
    default
        What ``"default"`` stands for (itself parsed); None where there is no default.

    Raises
    ------
    ValueError
        ``"default"`` where there is no default.
    TypeError
        An object that has no ``before_reset`` and ``extract``.
    """
    if isinstance(something, str) or something is Default:
        if something != Default:
            raise ValueError(f"unknown data function {something!r}; did you mean 'default'?")
        if default is None:
            raise ValueError('"default" has no meaning here: there is no default function')
        return parse(default, None)
    if something is None:
        return NoneFunction()
    if isinstance(something, numbers.Number):
        return ConstantFunction(something)
    if isinstance(something, (tuple, list)):
        return VectorFunction(
            *(parse(item, default) for item in something), as_list=isinstance(something, list)
        )
    if isinstance(something, dict):
        return MapFunction(**{name: parse(item, default) for name, item in something.items()})
    if not (hasattr(something, "before_reset") and hasattr(something, "extract")):
        raise TypeError(
            f"{type(something).__name__} is not a data function: it needs before_reset(model) "
            "and extract(model, done)"
        )
    return something
