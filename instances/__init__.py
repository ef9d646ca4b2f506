"""Where MIPs come from: instance generators, and reading and validating instance files.

``instances`` imports neither :mod:`gnn` nor :mod:`solver`.
"""

__all__: list[str] = []
