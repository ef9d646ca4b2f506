"""Errors a scoring client raises; the branching rule catches :class:`InferenceError` and falls
back to SCIP's own rule for that node."""

from __future__ import annotations

__all__ = ["InferenceError", "InferenceTimeout", "ServerUnavailable"]


class InferenceError(RuntimeError):
    """A scoring request failed (the model raised, or returned the wrong shape)."""


class InferenceTimeout(InferenceError, TimeoutError):
    """No scores arrived before the client's deadline."""


class ServerUnavailable(InferenceError):
    """The server is closed, or its process died; every later request fails at once."""
