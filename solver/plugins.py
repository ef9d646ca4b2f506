"""One entry point that adds neuralmip's learned plugins to a ``pyscipopt.Model``."""

from __future__ import annotations

from pathlib import Path

import pyscipopt

__all__ = ["LearnedModelError", "include_learned_plugins", "SHIPPED_MODELS_DIR"]

#: Where the package's pretrained models live (trained by this repo's pipeline).
SHIPPED_MODELS_DIR = Path(__file__).resolve().parent / "models"


class LearnedModelError(ValueError):
    """A learned model is missing, unreadable or incompatible; ``str()`` is one clear line."""


def include_learned_plugins(
    model: pyscipopt.Model,
    *,
    branching: bool = True,
    diving: bool = True,
    model_path: str | Path | None = None,
) -> None:
    """Include the learned branching rule and diving heuristic in ``model``.

    Parameters
    ----------
    model
        The model to extend, before ``optimize()``.
    branching, diving
        Which learned components to include.
    model_path
        A checkpoint file or folder to use instead of the shipped models.

    Raises
    ------
    LearnedModelError
        When no usable model is found; nothing is added to ``model`` then.
    """
    folder = Path(model_path) if model_path is not None else SHIPPED_MODELS_DIR
    if not (branching or diving):
        return
    if not folder.exists() or not any(folder.glob("*.pt")):
        raise LearnedModelError(
            f"{folder}: no trained model found; train one with `neuralmip collect` and "
            "`neuralmip train`, then pass it with --model PATH"
        )
    raise LearnedModelError(f"{folder}: learned plugins are not available in this build")
