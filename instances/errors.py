"""The one error type for instance files that cannot be used."""

from __future__ import annotations

import os

__all__ = ["InstanceError"]


class InstanceError(ValueError):
    """An instance file is missing, unreadable, malformed or holds values SCIP cannot use.

    ``str(err)`` is exactly one line, ``"PATH: what is wrong"``, fit to show a user as is.

    Parameters
    ----------
    path
        The file (or the name the user gave) that is wrong.
    problem
        What is wrong with it; line breaks are folded so the message stays on one line.

    Attributes
    ----------
    path : str
        The file as given.
    problem : str
        What is wrong, without the path.
    """

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = os.fspath(path)
        self.problem = " ".join(problem.split())
        super().__init__(f"{self.path}: {self.problem}")

    def __reduce__(self) -> tuple[type[InstanceError], tuple[str, str]]:
        # Keep the two-argument constructor across pickling (process pools, Ray).
        return (type(self), (self.path, self.problem))
