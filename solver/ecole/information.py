"""Information functions (ecole's ``ecole.information``): the ``info`` of reset and step."""

from __future__ import annotations

from typing import Any

__all__ = ["Nothing"]


class Nothing:
    """The default information function: an empty dict."""

    def before_reset(self, model: Any) -> None:
        """Nothing to reset."""

    def extract(self, model: Any, done: bool = False) -> dict[str, Any]:
        """Return ``{}``."""
        return {}
