"""Tools: build and benchmark code, apart from the app at run time.

The geodata build (``python -m lib.tools.geodata_build``: ``geodata/raw`` →
``geodata/layers``), the benchmark (``python -m lib.tools.benchmark``) and the
synthetic events it scales with. Tools may import any layer; only tests import tools.
"""
