"""``with`` support for the servers and clients: entering gives the object, leaving closes it."""

from __future__ import annotations

from types import TracebackType
from typing import TypeVar

__all__ = ["ClosesOnExit"]

_Closing = TypeVar("_Closing", bound="ClosesOnExit")  # typing.Self needs Python 3.11


class ClosesOnExit:
    """Mixin: ``with obj:`` returns ``obj`` and calls ``obj.close()`` on the way out.

    Subclasses implement :meth:`close`; exceptions raised inside the block propagate.
    """

    def close(self) -> None:
        """Release what the object holds (idempotent)."""
        raise NotImplementedError

    def __enter__(self: _Closing) -> _Closing:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
