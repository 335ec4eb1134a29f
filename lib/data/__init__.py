"""Files: where the project's files live, reading and checking them, and the catalog.

Everything that turns ``geodata/`` into typed, validated Python objects: the paths,
the table schemas and their checks (:class:`~lib.data.validation.DataIssue`), the
curated tables, the boundary layers, the articles and their annotations, the
gazetteer, the :class:`~lib.data.catalog.Catalog` that bundles them all, and the
layer summary the *Data & sources* page lists. Nothing here draws or filters.
"""
