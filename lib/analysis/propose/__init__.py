"""The offline proposer: places, groups, dates and events a new article's passages name."""
