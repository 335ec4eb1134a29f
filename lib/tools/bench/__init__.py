"""The benchmark in parts; run it with ``python -m lib.tools.benchmark``.

``apptest`` pages under AppTest, ``alternative`` what they are compared with,
``scaling`` synthetic events, ``budgets`` the limits, ``report`` the Markdown.
"""
