"""Set cover instances after Balas and Ho (1980), with the sizes and parameters of Gasse et al.

E. Balas and A. Ho, "Set covering algorithms using cutting planes, heuristics, and subgradient
optimization: a computational study", Mathematical Programming Study 12 (1980) 37-60.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyscipopt

from instances.generators.common import RngLike, as_rng

__all__ = ["SetCover"]


@dataclass(frozen=True)
class SetCover:
    """Minimum-cost set cover: choose columns so that every row is covered at least once.

    ``min c^T x  s.t.  A x >= 1,  x binary``, with a 0/1 matrix ``A`` in which every row has at
    least one nonzero and every column at least two, and integer costs in ``[1, max_coef]``.
    Parameter names and defaults are ecole's ``SetCoverGenerator``.
    """

    n_rows: int = 500
    """Number of rows (elements to cover), i.e. constraints."""
    n_cols: int = 1000
    """Number of columns (sets), i.e. binary variables."""
    density: float = 0.05
    """Fraction of nonzero entries of ``A``; ``int(n_rows * n_cols * density)`` nonzeros in all."""
    max_coef: int = 100
    """Largest objective coefficient; costs are uniform integers in ``[1, max_coef]``."""

    def __post_init__(self) -> None:
        if self.n_rows < 2 or self.n_cols < 1:
            # Every column covers two distinct rows, so one row is not enough.
            raise ValueError(
                f"set cover needs n_rows >= 2 and n_cols >= 1, got {self.n_rows} and {self.n_cols}"
            )
        if not 0.0 < self.density <= 1.0:
            raise ValueError(f"set cover density must be in (0, 1], got {self.density}")
        if self.max_coef < 1:
            raise ValueError(f"set cover max_coef must be >= 1, got {self.max_coef}")
        n_nonzeros = self.n_nonzeros
        if n_nonzeros < self.n_rows or n_nonzeros < 2 * self.n_cols:
            raise ValueError(
                f"set cover density {self.density} gives {n_nonzeros} nonzeros, fewer than needed to "
                f"cover every row once and use every column twice "
                f"(max(n_rows, 2 * n_cols) = {max(self.n_rows, 2 * self.n_cols)})"
            )

    @property
    def n_nonzeros(self) -> int:
        """Number of nonzero entries of the constraint matrix."""
        return int(self.n_rows * self.n_cols * self.density)

    def sample_matrix(self, rng: RngLike = None) -> tuple[list[np.ndarray], np.ndarray]:
        """Sample the covering matrix and the costs.

        ``rng``: see :func:`~instances.generators.common.as_rng`.

        Returns
        -------
        rows_of_col : list of numpy.ndarray
            For each column, the sorted distinct rows it covers.
        costs : numpy.ndarray
            Integer cost of each column, shape ``(n_cols,)``.
        """
        rng = as_rng(rng)
        n_rows, n_cols, n_nonzeros = self.n_rows, self.n_cols, self.n_nonzeros
        # How many rows each column covers: two each for sure, the rest spread uniformly.
        extra = rng.integers(n_cols, size=n_nonzeros - 2 * n_cols)
        col_counts = 2 + np.bincount(extra, minlength=n_cols)
        if col_counts.max() > n_rows:
            raise ValueError(
                f"set cover density {self.density} is too high for {n_rows} rows: "
                f"a column would have to cover {col_counts.max()} distinct rows"
            )
        # Lay the nonzeros out column after column; the first n_rows slots get a permutation of
        # the rows, so that every row is covered at least once.
        forced_rows = rng.permutation(n_rows)
        rows_of_col: list[np.ndarray] = []
        start = 0
        for count in col_counts.tolist():
            forced = forced_rows[start : start + count]  # empty once the permutation is used up
            n_free = count - forced.size
            if n_free > 0:
                available = np.setdiff1d(np.arange(n_rows), forced, assume_unique=True)
                free = rng.choice(available, size=n_free, replace=False)
                rows = np.concatenate([forced, free])
            else:
                rows = forced
            rows_of_col.append(np.sort(rows))
            start += count
        costs = rng.integers(1, self.max_coef + 1, size=n_cols)
        return rows_of_col, costs

    def generate(self, rng: RngLike = None) -> pyscipopt.Model:
        """Sample one set cover instance.

        Returns a minimisation problem with ``n_cols`` binary variables ``x{j}`` and ``n_rows``
        covering constraints ``c{i}``. ``rng`` is as in :func:`~instances.generators.common.as_rng`.
        """
        rows_of_col, costs = self.sample_matrix(rng)
        cols_of_row: list[list[int]] = [[] for _ in range(self.n_rows)]
        for col, rows in enumerate(rows_of_col):
            for row in rows.tolist():
                cols_of_row[row].append(col)

        model = pyscipopt.Model(f"setcover_{self.n_rows}r_{self.n_cols}c_{self.density}d")
        x = [model.addVar(name=f"x{j}", vtype="B", obj=float(costs[j])) for j in range(self.n_cols)]
        for row, cols in enumerate(cols_of_row):
            model.addCons(pyscipopt.quicksum(x[j] for j in cols) >= 1, name=f"c{row}")
        model.setMinimize()
        return model
