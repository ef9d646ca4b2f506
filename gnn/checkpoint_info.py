"""A checkpoint's metadata, read without torch.

:func:`gnn.checkpoint.load_checkpoint` rebuilds a checkpoint's network, which needs torch (seconds
to import). Deciding whether a model applies to an instance (its kind, its training domain) needs
only the plain data the checkpoint records beside its weights. A checkpoint is a zip archive
whose ``data.pkl`` pickles one dict; :func:`read_checkpoint_info` unpickles that dict with the
tensors left out (no storage is read, and no class but a few named here can be built, so no
arbitrary code runs).
"""

from __future__ import annotations

import collections
import io
import pickle
import zipfile
from pathlib import Path
from typing import Any

__all__ = [
    "CHECKPOINT_FORMAT",
    "DIVING_MODEL_CLASSES",
    "CheckpointError",
    "checkpoint_kind",
    "read_checkpoint_info",
]

#: Identifies neuralmip checkpoints (a foreign ``.pt`` file lacks it).
CHECKPOINT_FORMAT = "neuralmip-checkpoint"

#: Model classes (as recorded in a checkpoint) that are diving models; any other is a
#: branching model.
DIVING_MODEL_CLASSES = frozenset({"DivingGNN"})


class CheckpointError(ValueError):
    """A checkpoint file is missing, unreadable, foreign or incompatible; ``str()`` is one line."""


class _MetadataUnpickler(pickle.Unpickler):
    """Unpickles a checkpoint's dict with every tensor replaced by None."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "collections" and name == "OrderedDict":
            return collections.OrderedDict
        if module == "torch._utils" and name.startswith("_rebuild_"):
            return _no_tensor
        if module == "torch" and name.endswith("Storage"):
            return name
        raise pickle.UnpicklingError(f"unexpected class {module}.{name}")

    def persistent_load(self, pid: Any) -> None:
        return None


def _no_tensor(*args: Any, **kwargs: Any) -> None:
    """Stands in for torch's tensor rebuilding: the metadata needs no weights."""
    return None


def read_checkpoint_info(path: str | Path) -> dict[str, Any]:
    """Everything a checkpoint records but its weights (``state_dict`` is left out).

    Parameters
    ----------
    path
        A file written by :func:`gnn.checkpoint.save_checkpoint`.

    Returns
    -------
    dict
        The recorded ``format``, ``model_class``, ``model_config``, ``feature_schema``,
        ``training_config``, ``metrics``, ``versions``, ``command``, ``created`` and ``domain``
        (None when not recorded). Nothing is checked beyond the format marker:
        :func:`gnn.checkpoint.load_checkpoint` checks the rest when the model is loaded.

    Raises
    ------
    CheckpointError
        When the file is missing, not a torch archive, or not a neuralmip checkpoint.
    """
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(f"{path}: no such checkpoint file")
    try:
        with zipfile.ZipFile(path) as archive:
            names = [name for name in archive.namelist() if name.endswith("/data.pkl")]
            if len(names) != 1:
                raise CheckpointError(f"{path}: not a readable checkpoint (no data record)")
            payload = _MetadataUnpickler(io.BytesIO(archive.read(names[0]))).load()
    except (OSError, zipfile.BadZipFile, pickle.UnpicklingError, EOFError) as error:
        raise CheckpointError(
            f"{path}: not a readable checkpoint ({type(error).__name__}: {error})"
        ) from None
    if not isinstance(payload, dict) or payload.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointError(f"{path}: not a neuralmip checkpoint")
    return {key: value for key, value in payload.items() if key != "state_dict"}


def checkpoint_kind(info: dict[str, Any]) -> str:
    """``"diving"`` or ``"branching"``: the component a checkpoint's model (as
    :func:`read_checkpoint_info` gives it) drives."""
    return "diving" if info.get("model_class") in DIVING_MODEL_CLASSES else "branching"
