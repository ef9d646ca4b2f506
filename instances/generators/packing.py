"""First-fit decreasing packing: the feasibility witness of the packing-type generators.

Bin packing, capacitated p-median and generalized assignment instances are drawn so that they
are feasible by construction: each generator checks that a first-fit decreasing packing of its
items exists before it builds the model.
"""

from __future__ import annotations

import numpy as np

__all__ = ["first_fit_decreasing"]


def first_fit_decreasing(sizes: np.ndarray, capacities: np.ndarray) -> np.ndarray | None:
    """Pack items into bins, largest item first, each into the first bin with room left.

    When an item's size depends on the bin, it goes into the bin where it is smallest among those
    with room left (the first of them on ties), and items are taken in decreasing order of their
    smallest size.

    Parameters
    ----------
    sizes
        Size of each item, shape ``(n_items,)``; either one size per item, or one row per item
        with a size for each bin, shape ``(n_items, n_bins)`` (the item's size depends on the
        bin it goes into).
    capacities
        Capacity of each bin, shape ``(n_bins,)``, in the order the bins are tried.

    Returns
    -------
    numpy.ndarray or None
        The bin of each item, shape ``(n_items,)``; None if some item fits in no bin.
    """
    sizes = np.asarray(sizes)
    per_bin = sizes if sizes.ndim == 2 else np.repeat(sizes[:, np.newaxis], len(capacities), 1)
    room = np.asarray(capacities, dtype=np.float64).copy()
    assignment = np.full(per_bin.shape[0], -1, dtype=np.int64)
    # Stable sort so that ties keep the item order (the packing is a function of the data alone).
    for item in np.argsort(-per_bin.min(axis=1), kind="stable").tolist():
        fitting = np.flatnonzero(per_bin[item] <= room)
        if fitting.size == 0:
            return None
        chosen = int(fitting[np.argmin(per_bin[item, fitting])])
        assignment[item] = chosen
        room[chosen] -= per_bin[item, chosen]
    return assignment
