"""The offline proposer: places, groups, dates and events a new article's passages name."""

from lib.analysis.propose.core import propose

__all__ = ["propose"]
